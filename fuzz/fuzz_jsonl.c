/* Fuzz target: arbitrary bytes as JSONL documents -> reader (every record, good or bad) ->
 * segmentation -> CoNLL-U, with the document invariants checked. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ann_reader *r = ann_reader_open_mem("fuzz.jsonl", (const char *)data, size, ANN_FMT_JSONL, 1 << 20);
    ann_doc *d = NULL;
    ann_err err;
    int rc;
    for (;;) {
        ann_err_clear(&err);
        rc = ann_reader_next(r, &d, &err);
        if (rc == 0) break;
        if (rc < 0) {
            FUZZ_CHECK(err.code != 0 && err.msg[0]);
            continue;
        }
        FUZZ_CHECK(d->id != NULL);
        FUZZ_CHECK(ann_utf8_invalid_at(d->text, d->len) < 0);
        if (ann_text_segment(d, &err) == 0) {
            fuzz_check_doc(d);
            ann_buf b = {0};
            ann_conllu_write(&b, d, 0);
            ann_buf_free(&b);
        }
        ann_doc_free(d);
    }
    ann_reader_close(r);
    return 0;
}
