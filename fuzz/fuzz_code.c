/* Fuzz target: the whole `annalist code` pipeline on arbitrary bytes taken as one plain-text
 * document: segment, tag, parse, actors, events, resolution, then JSONL and TSV output. Every
 * JSONL line written must parse as a JSON object. The model is the shipped
 * data/models/en_ud.annm, or when it is absent the tiny one whose payload is
 * fuzz/corpus/model/tiny-payload.bin (a poor parser, but every stage runs); the dictionaries
 * are the shipped data/dict. fuzz/run runs from the repository root, where these are found. */
#include "fuzz_common.h"

#include <jansson.h>
#include <unistd.h>
#include <zstd.h>

static ann_pipeline *pipe_;
static char model_path[64];

static void put64(unsigned char *h, uint64_t v)
{
    for (int i = 0; i < 8; i++) h[i] = (unsigned char)(v >> (8 * i));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    size_t n;
    ann_err err;
    const char *shipped = "data/models/en_ud.annm";
    if (access(shipped, R_OK) == 0) {
        ann_pipeline_opts o = {.model_path = shipped, .dict_dir = "data/dict"};
        pipe_ = ann_pipeline_open(&o, &err);
        if (!pipe_) { fprintf(stderr, "fuzz_code: cannot open the pipeline: %s\n", err.msg); abort(); }
        return 0;
    }
    char *payload = ann_read_file("fuzz/corpus/model/tiny-payload.bin", &n, 0, &err);
    if (!payload) { fprintf(stderr, "fuzz_code: %s (run from the repository root)\n", err.msg); abort(); }
    size_t cap = ZSTD_compressBound(n);
    unsigned char *file = malloc(40 + cap);
    size_t z = ZSTD_compress(file + 40, cap, payload, n, 3);
    memcpy(file, "ANNLPMDL", 8);
    memset(file + 8, 0, 8);
    file[8] = 1; /* format version, as documented in src/nlp/model.c */
    put64(file + 16, n);
    put64(file + 24, z);
    put64(file + 32, ann_hash64(file + 40, z, 0));
    snprintf(model_path, sizeof model_path, "/tmp/fuzz_code_%d.annm", (int)getpid());
    FILE *f = fopen(model_path, "wb");
    if (!f) abort();
    fwrite(file, 1, 40 + z, f);
    fclose(f);
    free(file);
    free(payload);
    ann_pipeline_opts o = {.model_path = model_path, .dict_dir = "data/dict"};
    pipe_ = ann_pipeline_open(&o, &err);
    unlink(model_path);
    if (!pipe_) { fprintf(stderr, "fuzz_code: cannot open the pipeline: %s\n", err.msg); abort(); }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ann_reader *r = ann_reader_open_mem("fuzz.txt", (const char *)data, size, ANN_FMT_TEXT, 0);
    ann_doc *d = NULL;
    ann_err err;
    ann_err_clear(&err);
    if (ann_reader_next(r, &d, &err) == 1) {
        d->date = ann_arena_strdup(&d->arena, "2025-06-26");
        if (ann_pipeline_process(pipe_, d, &err) == 0) {
            fuzz_check_doc(d);
            for (int i = 0; i < d->nevent; i++) {
                const ann_event *e = &d->event[i];
                FUZZ_CHECK(e->sent >= 0 && e->sent < d->nsent);
                FUZZ_CHECK(e->goldstein >= -10.0 && e->goldstein <= 10.0);
            }
            ann_buf b = {0};
            ann_events_write_jsonl(&b, d);
            for (char *p = b.s; p && *p;) {
                char *nl = strchr(p, '\n');
                FUZZ_CHECK(nl != NULL);
                json_error_t je;
                json_t *o = json_loadb(p, (size_t)(nl - p), 0, &je);
                FUZZ_CHECK(o && json_is_object(o));
                json_decref(o);
                p = nl + 1;
            }
            ann_buf_clear(&b);
            ann_events_write_tsv(&b, d);
            ann_buf_free(&b);
        }
        ann_doc_free(d);
    }
    ann_reader_close(r);
    return 0;
}
