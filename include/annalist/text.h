/* Sentence splitting and tokenization of raw text, UD English conventions, exact byte offsets. */
#ifndef ANNALIST_TEXT_H
#define ANNALIST_TEXT_H

#include "doc.h"

/* Fills d->sent from d->text (which must be valid UTF-8). Blank lines separate paragraphs.
 * Existing sentences are discarded. Returns 0, or -1 with err filled. */
int ann_text_segment(ann_doc *d, ann_err *err);

#endif
