/* Fuzz target: annalist's own dictionary formats (data/dict/actors/*.txt, data/dict/verbs/*.txt).
 * Byte 0 picks the reader; the rest is one file, loaded beside nothing else (actors) or beside
 * the shipped sets and CAMEO table (verbs). A dictionary that loads is then used on a fixed
 * sentence: actors tag it, verb patterns code it. */
#include "fuzz_common.h"

#include <sys/stat.h>
#include <unistd.h>

static char dir[64], cwd[1024];

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fwrite(p, 1, n, f);
    fclose(f);
}

static ann_doc *sentence(void)
{
    ann_doc *d = fuzz_sample_doc();
    if (!d) abort();
    return d;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!getcwd(cwd, sizeof cwd)) abort();
    snprintf(dir, sizeof dir, "/tmp/fuzz_dict_XXXXXX");
    if (!mkdtemp(dir)) abort();
    char p[1200], q[1200];
    snprintf(p, sizeof p, "%s/actors", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/verbs", dir);
    mkdir(p, 0700);
    /* The verbs see the shipped sets (@NAME) and CAMEO table, as in data/dict. */
    snprintf(p, sizeof p, "%s/cameo", dir);
    snprintf(q, sizeof q, "%s/data/dict/cameo", cwd);
    if (symlink(q, p)) abort();
    snprintf(p, sizeof p, "%s/verbs/00-sets.txt", dir);
    snprintf(q, sizeof q, "%s/data/dict/verbs/00-sets.txt", cwd);
    if (symlink(q, p)) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    ann_err err;
    ann_err_clear(&err);
    char p[1200];
    if (data[0] % 2 == 0) {
        snprintf(p, sizeof p, "%s/actors/fuzz.txt", dir);
        write_file(p, data + 1, size - 1);
        snprintf(p, sizeof p, "%s/actors", dir);
        ann_actors *a = ann_actors_load_dir(p, &err);
        if (!a) {
            FUZZ_CHECK(err.code && err.msg[0]);
            return 0;
        }
        ann_doc *d = sentence();
        if (ann_actors_tag(a, d, &err) == 0)
            for (int i = 0; i < d->nment; i++) {
                const ann_mention *m = &d->ment[i];
                FUZZ_CHECK(m->sent >= 0 && m->sent < d->nsent);
                FUZZ_CHECK(m->first >= 0 && m->first <= m->last && m->last < d->sent[m->sent].ntok);
            }
        ann_doc_free(d);
        ann_actors_free(a);
    } else {
        static ann_actors *shipped;
        if (!shipped) {
            char ad[1200];
            snprintf(ad, sizeof ad, "%s/data/dict/actors", cwd);
            shipped = ann_actors_load_dir(ad, &err);
            if (!shipped) { fprintf(stderr, "fuzz_dict: %s\n", err.msg); abort(); }
        }
        snprintf(p, sizeof p, "%s/verbs/fuzz.txt", dir);
        write_file(p, data + 1, size - 1);
        ann_coder *c = ann_coder_load(dir, &err);
        if (!c) {
            FUZZ_CHECK(err.code && err.msg[0]);
            return 0;
        }
        ann_doc *d = sentence();
        if (ann_actors_tag(shipped, d, &err) == 0 && ann_coder_code(c, d, &err) == 0)
            for (int i = 0; i < d->nevent; i++) {
                FUZZ_CHECK(d->event[i].sent >= 0 && d->event[i].sent < d->nsent);
                FUZZ_CHECK(d->event[i].goldstein >= -10.0 && d->event[i].goldstein <= 10.0);
            }
        ann_doc_free(d);
        ann_coder_free(c);
    }
    return 0;
}
