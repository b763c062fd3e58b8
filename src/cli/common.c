/* Option parsing shared by the document-streaming commands. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("annalist: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_store_args(const char *cmd, cli_common *c, const char *db)
{
    int n = c->nfiles;
    if (n) cli_error("%s: unexpected argument '%s'; see 'annalist %s --help'", cmd, c->files[0], cmd);
    free(c->files);
    c->files = NULL;
    c->nfiles = 0;
    if (n) return 2;
    if (!db) { cli_error("%s: --db PATH or --db postgresql://... is required", cmd); return 2; }
    return 0;
}

ann_store *cli_store_open_ro(const char *cmd, const char *db)
{
    ann_err err = {0};
    ann_store *st = ann_store_open(db, ANN_STORE_READONLY, &err);
    if (!st) cli_error("%s: %s", cmd, err.msg);
    return st;
}

static const char *optval(int argc, char **argv, int *i, const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (!strncmp(a, name, n) && a[n] == '=') return a + n + 1;
    if (!strcmp(a, name)) {
        if (*i + 1 >= argc) {
            cli_error("%s needs a value", name);
            return NULL;
        }
        return argv[++*i];
    }
    return NULL;
}

static int is_opt(const char *a, const char *name)
{
    size_t n = strlen(name);
    return !strcmp(a, name) || (!strncmp(a, name, n) && a[n] == '=');
}

int cli_parse_common(int argc, char **argv, cli_common *c, const char *usage, cli_own_opt own,
                     void *ctx)
{
    memset(c, 0, sizeof *c);
    c->jobs = 1;
    c->files = calloc((size_t)argc + 1, sizeof *c->files);
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            c->files[c->nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "--")) { only_files = 1; continue; }
        if (own) {
            int k = own(argc, argv, i, ctx);
            if (k < 0) return 2;
            if (k > 0) { i += k - 1; continue; }
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            if (!strstr(usage, "--shard")) fputs("\nShared options:\n" CLI_SHARD_HELP, stdout);
            return -1;
        }
        const char *v;
        if (is_opt(a, "--input-format")) {
            if (!(v = optval(argc, argv, &i, "--input-format"))) return 2;
            int f = ann_format_parse(v);
            if (f < 0) { cli_error("--input-format must be text, jsonl, conllu or auto, not '%s'", v); return 2; }
            c->input_format = (ann_input_format)f;
        } else if (is_opt(a, "--format")) {
            if (!(v = optval(argc, argv, &i, "--format"))) return 2;
            c->format = v;
        } else if (!strcmp(a, "-j") || is_opt(a, "--jobs") || (!strncmp(a, "-j", 2) && a[2])) {
            if (!strncmp(a, "-j", 2) && a[2] && a[2] != '-') v = a + 2;
            else if (!(v = optval(argc, argv, &i, !strcmp(a, "-j") ? "-j" : "--jobs"))) return 2;
            char *end;
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 256) { cli_error("-j takes a thread count from 1 to 256, not '%s'", v); return 2; }
            c->jobs = (int)j;
        } else if (is_opt(a, "--shard")) {
            if (!(v = optval(argc, argv, &i, "--shard"))) return 2;
            char *end;
            long k = strtol(v, &end, 10), n = 0;
            int okay = end != v && *end == '/';
            if (okay) {
                const char *p = end + 1;
                n = strtol(p, &end, 10);
                okay = end != p && !*end && n >= 1 && n <= 1000000 && k >= 1 && k <= n;
            }
            if (!okay) {
                cli_error("--shard takes K/N with 1 <= K <= N (e.g. --shard 2/4), not '%s'", v);
                return 2;
            }
            c->shard_k = (int)k;
            c->shard_n = (int)n;
            ann_run_set_default_shard(c->shard_k, c->shard_n);
        } else if (!strcmp(a, "--strict")) {
            c->strict = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            c->quiet = 1;
        } else if (is_opt(a, "--max-doc-bytes")) {
            if (!(v = optval(argc, argv, &i, "--max-doc-bytes"))) return 2;
            char *end;
            unsigned long long m = strtoull(v, &end, 10);
            if (*end || m == 0) { cli_error("--max-doc-bytes takes a positive byte count, not '%s'", v); return 2; }
            c->max_doc = (size_t)m;
        } else {
            cli_error("unknown option '%s'; see '%s --help'", a, argv[0]);
            return 2;
        }
    }
    return 0;
}
