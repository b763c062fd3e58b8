/* Sentence splitting and tokenization of raw text, UD English conventions, exact byte offsets. */
#ifndef ANNALIST_TEXT_H
#define ANNALIST_TEXT_H

#include "doc.h"

/* Fills d->sent from d->text (which must be valid UTF-8). Existing sentences are discarded.
 * Tokens are UD English syntactic words: clitics are split off as in UD and the surface token
 * they came from is kept as a multiword token ("don't" = do + n't, "gonna" = gon + na), with
 * SpaceAfter=No in its MISC when no space follows. Every word's start/end are byte offsets into
 * d->text and its form is exactly those bytes. Blank lines separate paragraphs
 * (ann_sentence.paragraph); a sentence is cut after 500 words. Linear in the text's length.
 * Returns 0, or -1 with err filled for a document over 4 GB (offsets are 32-bit). */
int ann_text_segment(ann_doc *d, ann_err *err);

#endif
