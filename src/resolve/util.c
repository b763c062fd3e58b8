/* Small tree and word helpers for src/resolve (see internal.h). */
#include "resolve/internal.h"


/* Lists are lower-case; comparing the first letter first skips nearly every strcasecmp. */
int ann_rs_in(const char *w, const char *const *list)
{
    if (!w || !*w) return 0;
    int c = (unsigned char)w[0];
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    for (; *list; list++)
        if ((*list)[0] == c && !strcasecmp(w, *list)) return 1;
    return 0;
}

int ann_rs_token_at(const ann_sentence *s, uint32_t off)
{
    for (int i = 0; i < s->ntok; i++)
        if (off >= s->tok[i].start && off < s->tok[i].end) return i;
    for (int i = 0; i < s->ntok; i++)
        if (s->tok[i].start >= off) return i;
    return -1;
}

int ann_rs_dominates(const ann_sentence *s, int a, int b)
{
    for (int k = 0; b >= 0 && k <= s->ntok; k++) {
        if (a == b) return 1;
        b = ann_rs_head(s, b);
    }
    return 0;
}
