/* `annalist <command>`: dispatch to the command's function; global --help and --version. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const cli_cmd commands[] = {
    {"segment", cmd_segment, "split text into sentences and tokens (CoNLL-U or JSONL out)"},
};

static void usage(FILE *f)
{
    fprintf(f,
            "annalist %s - news text in, coded political events (CAMEO/PLOVER) out\n\n"
            "usage: annalist <command> [options] [FILE...]\n\n"
            "commands:\n",
            ANN_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
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
        if (!strcmp(c, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "annalist: unknown command '%s'; 'annalist --help' lists the commands\n", c);
    return 2;
}
