/* Reading documents (plain text, JSONL, CoNLL-U) and writing CoNLL-U.
 * A reader yields one document at a time; a bad record is reported and skipped, never fatal,
 * so what was already accepted is never lost. */
#ifndef ANNALIST_IO_H
#define ANNALIST_IO_H

#include "doc.h"
#include <stdio.h>

typedef enum {
    ANN_FMT_AUTO = 0,
    ANN_FMT_TEXT,
    ANN_FMT_JSONL,
    ANN_FMT_CONLLU
} ann_input_format;

/* Default cap on one document's size; --max-doc-bytes raises it. */
#define ANN_MAX_DOC_BYTES_DEFAULT (10u * 1024u * 1024u)

typedef struct ann_reader ann_reader;

/* Opens path ("-" = stdin). fmt AUTO guesses from the name and the first bytes.
 * max_doc_bytes 0 = default. Returns NULL with err filled when the file cannot be opened. */
ann_reader *ann_reader_open(const char *path, ann_input_format fmt, size_t max_doc_bytes,
                            ann_err *err);
/* Opens an in-memory buffer (copied); name is used in messages. */
ann_reader *ann_reader_open_mem(const char *name, const char *data, size_t len,
                                ann_input_format fmt, size_t max_doc_bytes);
/* 1: *out is a new document (caller frees). 0: end of input.
 * -1: a record was rejected (err says what, where and what to do); call again for the next. */
int ann_reader_next(ann_reader *r, ann_doc **out, ann_err *err);
ann_input_format ann_reader_format(const ann_reader *r);
void ann_reader_close(ann_reader *r);

const char *ann_format_name(ann_input_format f);
/* Parses "text", "jsonl", "conllu", "auto"; returns -1 when unknown. */
int ann_format_parse(const char *s);

/* CoNLL-U for a document. Sentences lacking sent_id get "<docid>-<n>". With all_columns 0,
 * only ID and FORM are written (the segmenter's output), "_" elsewhere. */
void ann_conllu_write(ann_buf *out, const ann_doc *d, int all_columns);

/* Validates UTF-8 (rejecting NUL too); returns the byte offset of the first bad byte or -1. */
long ann_utf8_invalid_at(const char *s, size_t n);

#endif
