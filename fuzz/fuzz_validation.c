/* Fuzz target: the PETRARCH/UniversalPetrarch validation XML reader and the records' parses
 * turned into documents (ann_validation_read, ann_validation_doc). */
#include "fuzz_common.h"

#include <unistd.h>

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_validation_%d.xml", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    ann_err err;
    ann_err_clear(&err);
    ann_vfile *v = ann_validation_read(path, &err);
    if (!v) {
        FUZZ_CHECK(err.code && err.msg[0]);
    } else {
        FUZZ_CHECK(v->nrec >= 0);
        for (int i = 0; i < v->nrec; i++) {
            const ann_vrecord *r = &v->rec[i];
            FUZZ_CHECK(r->ncoding >= 0);
            ann_err_clear(&err);
            ann_doc *d = ann_validation_doc(r, &err);
            if (!d) continue;
            FUZZ_CHECK(d->text[d->len] == 0);
            for (int s = 0; s < d->nsent; s++)
                for (int k = 0; k < d->sent[s].ntok; k++) {
                    const ann_token *t = &d->sent[s].tok[k];
                    FUZZ_CHECK(t->form != NULL);
                    FUZZ_CHECK(t->head >= -1 && t->head <= d->sent[s].ntok);
                }
            ann_doc_free(d);
        }
        ann_validation_free(v);
    }
    unlink(path);
    return 0;
}
