/* Fuzz target: the model loader. The input is a model *payload*: the harness wraps it in a
 * valid header (magic, version, lengths, checksum) around a zstd frame, so the fuzzer reaches
 * the payload parser instead of stopping at the checksum; the raw input is also loaded as a
 * whole file (header checks). A model that loads must then tag and parse a sentence without
 * a crash and give a tree. The header layout is the one documented in src/nlp/model.c. */
#include "fuzz_common.h"

#include <unistd.h>
#include <zstd.h>

static char path[64];

static int write_file(const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    fwrite(p, 1, n, f);
    fclose(f);
    return 0;
}

static void put64(unsigned char *h, uint64_t v)
{
    for (int i = 0; i < 8; i++) h[i] = (unsigned char)(v >> (8 * i));
}

static void try_model(void)
{
    ann_err err;
    ann_err_clear(&err);
    ann_model *m = ann_model_load(path, &err);
    if (!m) {
        FUZZ_CHECK(err.code != 0 && err.msg[0]);
        return;
    }
    static const char *words[] = {"Iran", "accused", "Israel", "of", "strikes", "."};
    ann_doc *d = ann_doc_new();
    const char *text = "Iran accused Israel of strikes.";
    ann_doc_set_text(d, text, strlen(text));
    ann_sentence *s = ann_doc_add_sentence(d, 6);
    uint32_t at = 0;
    for (int i = 0; i < 6; i++) {
        const char *w = strstr(text + at, words[i]);
        s->tok[i].start = (uint32_t)(w - text);
        s->tok[i].end = s->tok[i].start + (uint32_t)strlen(words[i]);
        s->tok[i].form = ann_arena_strdup(&d->arena, words[i]);
        at = s->tok[i].end;
    }
    s->start = 0;
    s->end = (uint32_t)strlen(text);
    if (ann_nlp_tag(m, d, &err) == 0 && ann_nlp_parse(m, d, &err) == 0) {
        int roots = 0;
        for (int i = 0; i < 6; i++) {
            FUZZ_CHECK(s->tok[i].head >= 0 && s->tok[i].head <= 6 && s->tok[i].head != i + 1);
            roots += s->tok[i].head == 0;
        }
        FUZZ_CHECK(roots >= 1);
    }
    ann_doc_free(d);
    ann_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_model_%d.annm", (int)getpid());
    /* 1. The bytes as a whole file. */
    if (write_file(data, size) == 0) try_model();
    /* 2. The bytes as a payload inside a well-formed container. */
    size_t cap = ZSTD_compressBound(size);
    unsigned char *file = malloc(40 + cap);
    size_t z = ZSTD_compress(file + 40, cap, data, size, 1);
    if (!ZSTD_isError(z)) {
        memcpy(file, "ANNLPMDL", 8);
        memset(file + 8, 0, 8);
        file[8] = 1; /* format version */
        put64(file + 16, size);
        put64(file + 24, z);
        put64(file + 32, ann_hash64(file + 40, z, 0));
        if (write_file(file, 40 + z) == 0) try_model();
    }
    free(file);
    unlink(path);
    return 0;
}
