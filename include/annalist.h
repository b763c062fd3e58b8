/* libannalist: news text in, coded political events out. The public API is the union of the
 * stage headers below; each stage reads and fills the document model of annalist/doc.h. */
#ifndef ANNALIST_H
#define ANNALIST_H

#include "annalist/base.h"
#include "annalist/doc.h"
#include "annalist/io.h"
#include "annalist/text.h"
#include "annalist/run.h"
#include "annalist/nlp.h"
#include "annalist/actors.h"
#include "annalist/coder.h"
#include "annalist/pipeline.h"
#include "annalist/resolve.h"
#include "annalist/store.h"
#include "annalist/serve.h"

#endif
