/* `annalist <command>`: dispatch to the command's function; global --help and --version. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const cli_cmd commands[] = {
    {"segment", cmd_segment, "split text into sentences and tokens (CoNLL-U or JSONL out)"},
    {"parse", cmd_parse, "tag, lemmatize and parse into Universal Dependencies (CoNLL-U out)"},
    {"actors", cmd_actors, "find and code actor mentions; --unknown lists uncoded names"},
    {"code", cmd_code, "code documents into CAMEO/PLOVER events (table, JSONL, TSV)"},
    {"validate", cmd_validate, "run PETRARCH/UniversalPetrarch validation XML files"},
    {"ingest", cmd_ingest, "code documents (or read events) into SQLite or PostgreSQL"},
    {"query", cmd_query, "list events, dyad time series and top actors from a store"},
    {"export", cmd_export, "export stored events as GDELT/Phoenix/CSV/JSONL"},
    {"serve", cmd_serve, "HTTP API and web dashboard over a store"},
    {"train", cmd_train, "train a tagger/parser model from CoNLL-U treebanks"},
    {"eval-segment", cmd_eval_segment, "score segmentation against gold CoNLL-U (token/sentence F1)"},
    {"eval-parse", cmd_eval_parse, "score tagging and parsing against gold CoNLL-U (UPOS..LAS)"},
};

static void usage(FILE *f)
{
    fprintf(f,
            "annalist %s - news text in, coded political events (CAMEO/PLOVER) out\n\n"
            "usage: annalist <command> [options] [FILE...]\n\n"
            "commands:\n",
            ANN_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (commands[i].run) fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\nFILE may be plain text (one document), JSONL (one {\"id\",\"date\",\"text\"} per line)\n"
            "or CoNLL-U; '-' or none reads standard input. 'annalist <command> --help' for more.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *c = argv[1];
    if (!strcmp(c, "--help") || !strcmp(c, "-h") || !strcmp(c, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(c, "--version") || !strcmp(c, "version")) {
        printf("annalist %s\n", ANN_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (commands[i].run && !strcmp(c, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "annalist: unknown command '%s'; 'annalist --help' lists the commands\n", c);
    return 2;
}
