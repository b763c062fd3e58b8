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
    const char **files;
    int nfiles;
} cli_common;

/* Parses argv into c; options a command knows itself are handed to `own` first (return the
 * number of argv items consumed, 0 when not its option, -1 on error). Returns 0, or the exit
 * status to end with (after printing usage for --help). */
typedef int (*cli_own_opt)(int argc, char **argv, int i, void *ctx);
int cli_parse_common(int argc, char **argv, cli_common *c, const char *usage, cli_own_opt own,
                     void *ctx);
/* Reports "annalist: <cmd>: msg" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_segment(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval_segment(int argc, char **argv);
int cmd_eval_parse(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
