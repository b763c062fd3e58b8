/* Fuzz target: arbitrary bytes as events JSONL (`annalist ingest --events`) -> the store's
 * reader -> an in-memory SQLite store, first as a bulk first load and then again. Every
 * document the reader accepts must be stored, and storing the same input twice must change
 * nothing: a lost or doubled document is a finding just like a crash. */
#include "fuzz_common.h"

#include <sys/mman.h>
#include <unistd.h>

static long stored_docs(ann_store *st)
{
    ann_store_stats ss;
    ann_err err = {0};
    FUZZ_CHECK(ann_store_stats_get(st, &ss, &err) == 0);
    return ss.documents;
}

/* Reads the whole input once into st; returns the documents the reader accepted. */
static long load(ann_store *st, const char *path, long *unchanged)
{
    ann_err err = {0};
    ann_store_jsonl *r = ann_store_jsonl_open(path, &err);
    FUZZ_CHECK(r != NULL);
    FUZZ_CHECK(ann_store_begin(st, &err) == 0);
    long docs = 0;
    int rc;
    ann_store_doc d;
    while ((rc = ann_store_jsonl_next(r, &d, &err)) != 0) {
        if (rc < 0) {
            FUZZ_CHECK(err.code != 0 && err.msg[0]);
            ann_err_clear(&err);
            continue;
        }
        FUZZ_CHECK(d.id && *d.id);
        FUZZ_CHECK(d.nevent >= 0 && d.nsent >= 0);
        for (int i = 0; i < d.nevent; i++) FUZZ_CHECK(d.event[i].code && *d.event[i].code);
        int put = ann_store_put(st, &d, NULL, &err);
        if (put < 0) fprintf(stderr, "put failed: %s\n", err.msg);
        FUZZ_CHECK(put >= 0);
        if (put == ANN_STORE_UNCHANGED) (*unchanged)++;
        docs++;
    }
    FUZZ_CHECK(ann_store_commit(st, &err) == 0);
    ann_store_jsonl_close(r);
    return docs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz-events", 0);
    if (fd < 0) return 0;
    if (size && write(fd, data, size) != (ssize_t)size) { close(fd); return 0; }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

    ann_err err = {0};
    ann_store *st = ann_store_open(":memory:", 0, &err);
    FUZZ_CHECK(st != NULL);
    FUZZ_CHECK(ann_store_bulk(st, 1, &err) >= 0);
    long unchanged = 0;
    long docs = load(st, path, &unchanged);
    FUZZ_CHECK(ann_store_bulk(st, 0, &err) == 0);
    long stored = stored_docs(st);
    /* An id's lines that are not adjacent are refused, so accepted documents have distinct
     * ids: each is one row. */
    FUZZ_CHECK(stored == docs);
    FUZZ_CHECK(unchanged == 0);

    /* The same input again: every accepted document is found unchanged, nothing added. */
    long again = 0;
    long docs2 = load(st, path, &again);
    FUZZ_CHECK(docs2 == docs);
    FUZZ_CHECK(again == docs);
    FUZZ_CHECK(stored_docs(st) == stored);
    ann_store_close(st);
    close(fd);
    return 0;
}
