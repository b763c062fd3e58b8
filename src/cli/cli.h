/* The command line: one function per command, shared option parsing. No NLP lives here. */
#ifndef ANN_CLI_H
#define ANN_CLI_H

#include "annalist.h"

typedef struct cli_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_cmd;

/* Options every document-streaming command takes. */
typedef struct cli_common {
    ann_input_format input_format;
    const char *format;  /* output format name, NULL = command's default */
    int jobs;
    int strict;
    size_t max_doc;
    int quiet;
    int shard_k, shard_n; /* --shard K/N; 0/0 = every document (also set as the runner default) */
    const char **files;
    int nfiles;
} cli_common;

/* The shared options, for a command's usage text ("usage...\n" CLI_COMMON_HELP "Exit...").
 * When a command's usage does not mention --shard, --help appends the --shard lines itself. */
#define CLI_SHARD_HELP \
    "  --shard K/N             process only shard K (1..N) of N: the documents whose id hashes\n" \
    "                          to K; N runs with K = 1..N cover the input exactly once\n"
#define CLI_COMMON_HELP \
    "  --input-format F        text, jsonl, conllu or auto (default: guess from name and content)\n" \
    "  -j N                    worker threads (output order never changes)\n" \
    CLI_SHARD_HELP \
    "  --strict                stop at the first rejected input\n" \
    "  --max-doc-bytes N       largest document accepted (default 10 MB)\n" \
    "  -q, --quiet             no progress line on stderr\n"

/* Parses argv into c; options a command knows itself are handed to `own` first (return the
 * number of argv items consumed, 0 when not its option, -1 on error). Returns 0, or the exit
 * status to end with (after printing usage for --help). */
typedef int (*cli_own_opt)(int argc, char **argv, int i, void *ctx);
int cli_parse_common(int argc, char **argv, cli_common *c, const char *usage, cli_own_opt own,
                     void *ctx);
/* Reports "annalist: <cmd>: msg" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The options of the commands that read a store (query, export): --db and the event filters
 * (--actor, --dyad, --code, --since ...; dyad is storage for --dyad's two codes). Returns the
 * argv items consumed, 0 when argv[i] is none of them, -1 after an error message. */
int cli_store_opt(int argc, char **argv, int i, const char **db, ann_query *q, char *dyad, size_t ndyad);
/* For the commands that read a store (query, export): they take no FILEs and need --db.
 * Frees c->files; returns 0, or 2 after printing what is wrong. */
int cli_store_args(const char *cmd, cli_common *c, const char *db);
/* Opens --db read-only, or prints why not ("<cmd>: ...") and returns NULL. */
ann_store *cli_store_open_ro(const char *cmd, const char *db);

/* Each command lives in src/cli/cmd_<name>.c. They are declared weak so the table in main.c can
 * list every command while a build that lacks one (a stage still being written) simply
 * does not offer it: main.c skips entries whose function is NULL. */
#define CLI_CMD(name) int name(int argc, char **argv) __attribute__((weak))
CLI_CMD(cmd_segment);
CLI_CMD(cmd_eval_segment);
CLI_CMD(cmd_parse);
CLI_CMD(cmd_train);
CLI_CMD(cmd_eval_parse);
CLI_CMD(cmd_actors);
CLI_CMD(cmd_code);
CLI_CMD(cmd_validate);
CLI_CMD(cmd_ingest);
CLI_CMD(cmd_query);
CLI_CMD(cmd_export);
CLI_CMD(cmd_serve);

#endif
