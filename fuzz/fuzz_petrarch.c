/* Fuzz target: the TABARI/PETRARCH dictionary readers. Byte 0 picks the reader (actors,
 * agents, discards, verbs), the rest is the file. A dictionary that loads is then used: the
 * actor lists tag a fixed sentence, the verb dictionary codes a fixed parsed sentence. */
#include "fuzz_common.h"

#include <unistd.h>

static char path[64];
static ann_doc *parsed_doc(void);

static void check_mentions(const ann_doc *d)
{
    for (int i = 0; i < d->nment; i++) {
        const ann_mention *m = &d->ment[i];
        FUZZ_CHECK(m->sent >= 0 && m->sent < d->nsent);
        FUZZ_CHECK(m->first >= 0 && m->first <= m->last && m->last < d->sent[m->sent].ntok);
        FUZZ_CHECK(m->start <= m->end && m->end <= d->len);
    }
}

static void check_events(const ann_doc *d)
{
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *e = &d->event[i];
        FUZZ_CHECK(e->sent >= 0 && e->sent < d->nsent);
        FUZZ_CHECK(e->quad_class >= 0 && e->quad_class <= 4);
        FUZZ_CHECK(e->goldstein >= -10.0 && e->goldstein <= 10.0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_petrarch_%d.txt", (int)getpid());
    int kind = data[0] % 4;
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    ann_err err;
    ann_err_clear(&err);
    const char *files[] = {path};
    if (kind < 3) {
        ann_actors *a = ann_actors_load_petrarch(files, kind == 0, files, kind == 1, files, kind == 2, &err);
        if (!a) {
            FUZZ_CHECK(err.code && err.msg[0]);
        } else {
            ann_doc *d = ann_doc_new();
            const char *t = "Iranian President Masoud Pezeshkian called Azerbaijani President Ilham Aliyev. "
                            "Israeli troops and Hamas gunmen clashed in Gaza City.";
            ann_doc_set_text(d, t, strlen(t));
            d->date = ann_arena_strdup(&d->arena, "2025-06-26");
            if (ann_text_segment(d, &err) == 0 && ann_actors_tag(a, d, &err) == 0) check_mentions(d);
            ann_doc_free(d);
            ann_actors_free(a);
        }
    } else {
        ann_coder *c = ann_coder_load_petrarch(path, NULL, &err);
        if (!c) {
            FUZZ_CHECK(err.code && err.msg[0]);
        } else {
            ann_doc *d = parsed_doc();
            if (d) {
                if (ann_coder_code(c, d, &err) == 0) check_events(d);
                ann_doc_free(d);
            }
            ann_coder_free(c);
        }
    }
    unlink(path);
    return 0;
}

/* "Iran accused Israel of attacks." parsed by hand (UD), with both actors found by the
 * shipped actor dictionaries, loaded once. */
static ann_doc *parsed_doc(void)
{
    static ann_actors *actors;
    static int tried;
    if (!tried) {
        tried = 1;
        ann_err e;
        actors = ann_actors_load_dir(NULL, &e);
        if (!actors) fprintf(stderr, "fuzz_petrarch: no shipped actor dictionaries (%s); verbs are "
                             "loaded but not exercised\n", e.msg);
    }
    if (!actors) return NULL;
    ann_err e;
    ann_doc *d = fuzz_sample_doc();
    if (d && ann_actors_tag(actors, d, &e) < 0) { ann_doc_free(d); d = NULL; }
    return d;
}
