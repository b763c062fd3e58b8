/* Fuzz target: arbitrary bytes as CoNLL-U -> reader -> writer -> reader -> writer. What the
 * writer produces must read back without rejection and write out identically (a fixed point),
 * so annotations survive a pass through files. */
#include "fuzz_common.h"

static int read_write(const char *data, size_t size, ann_buf *out, int *rejected)
{
    ann_reader *r = ann_reader_open_mem("fuzz.conllu", data, size, ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    ann_err err;
    int n = 0, rc;
    *rejected = 0;
    for (;;) {
        ann_err_clear(&err);
        rc = ann_reader_next(r, &d, &err);
        if (rc == 0) break;
        if (rc < 0) {
            FUZZ_CHECK(err.code != 0 && err.msg[0]);
            (*rejected)++;
            continue;
        }
        FUZZ_CHECK(d->text[d->len] == 0);
        FUZZ_CHECK(ann_utf8_invalid_at(d->text, d->len) < 0);
        ann_conllu_write(out, d, 1);
        ann_doc_free(d);
        n++;
    }
    ann_reader_close(r);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ann_buf a = {0}, b = {0};
    int rej1, rej2;
    int n1 = read_write((const char *)data, size, &a, &rej1);
    if (n1 > 0) {
        int n2 = read_write(a.s, a.len, &b, &rej2);
        FUZZ_CHECK(rej2 == 0);
        FUZZ_CHECK(n2 == n1);
        FUZZ_CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
    }
    ann_buf_free(&a);
    ann_buf_free(&b);
    return 0;
}
