/* Our own pattern format (data/dict/verbs): see data/dict/verbs/README.md. */
#include "coder_int.h"

ann_coder *ann_coder_load(const char *dir, ann_err *err)
{
    ann_err_set(err, 1, "%s: our own verb patterns are not written yet", dir ? dir : "data/dict");
    return NULL;
}
