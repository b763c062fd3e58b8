/* Sentence splitting over the surface tokens, and the document's sentences and words built
 * from them (UD multiword tokens for clitics). Rules: final punctuation not part of an
 * abbreviation, followed by closing quotes and brackets, then a plausible sentence start;
 * paragraph breaks; line breaks after headlines, short lines and before list items;
 * a hard cap on sentence length. */
#include "annalist/text.h"
#include "seg.h"

#include <stdlib.h>
#include <string.h>

/* A sentence longer than this (in words) is cut: later stages are not quadratic in it, but
 * such a "sentence" is a table or a list, never prose. */
#define MAX_SENT_WORDS 500

static int is_final(const char *t, const seg_tok *k)
{
    if (k->kind != SEG_PUNCT) return 0;
    for (uint32_t i = k->s; i < k->e; i++)
        if (t[i] == '!' || t[i] == '?' || t[i] == '.') return 1;
    return (unsigned char)t[k->s] == 0xE2 && k->e - k->s == 3 && (unsigned char)t[k->s + 2] == 0xA6;
}

static int is_ellipsis(const char *t, const seg_tok *k)
{
    return (k->e - k->s >= 2 && t[k->s] == '.' && t[k->s + 1] == '.') ||
           ((unsigned char)t[k->s] == 0xE2 && (unsigned char)t[k->s + 2] == 0xA6);
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int is_closer(const char *t, const seg_tok *k, const seg_tok *next)
{
    uint32_t n = k->e - k->s;
    const unsigned char *s = (const unsigned char *)t + k->s;
    if (k->flags & SEG_F_SPACE) {
        /* a straight quote after a space closes only when nothing follows on its line */
        if (!(n == 1 && (s[0] == '"' || s[0] == '\''))) return 0;
        return !next || (next->flags & SEG_F_NL);
    }
    if (n == 1) return s[0] == ')' || s[0] == ']' || s[0] == '}' || s[0] == '"' || s[0] == '\'';
    if (n == 2) return s[0] == '\'' && s[1] == '\'';
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) return s[2] == 0x9D || s[2] == 0x99;  /* ” ’ */
    return 0;
}

static int starts_lower(const char *t, const seg_tok *k)
{
    unsigned char c = (unsigned char)t[k->s];
    if (c >= 'a' && c <= 'z') return 1;
    return 0;
}

static int starts_upper(const char *t, const seg_tok *k)
{
    unsigned char c = (unsigned char)t[k->s];
    return c >= 'A' && c <= 'Z';
}

static int all_upper(const char *t, const seg_tok *k)
{
    if (k->e - k->s < 2) return 0;
    for (uint32_t i = k->s; i < k->e; i++)
        if (t[i] >= 'a' && t[i] <= 'z') return 0;
    return 1;
}

static int salutation(const char *t, const seg_tok *k)
{
    static const char *const w[] = {"Thanks", "Regards", "Best", "Cheers", "Sincerely", "Love",
                                    "Thx", "Rgds", "Respectfully", "Cordially"};
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (strlen(w[i]) == k->e - k->s && !memcmp(w[i], t + k->s, k->e - k->s)) return 1;
    return 0;
}

static int is_char(const char *t, const seg_tok *k, char c)
{
    return k->e - k->s == 1 && t[k->s] == c;
}

/* A token that begins a list item at the start of a line. */
static int is_bullet(const char *t, const seg_tok *k)
{
    if (k->flags & SEG_F_LIST) return 1;
    if (k->e - k->s == 1) return t[k->s] == '-' || t[k->s] == '*' || t[k->s] == '>';
    const unsigned char *s = (const unsigned char *)t + k->s;
    return k->e - k->s == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93 || s[2] == 0x94);
}

/* Where the line holding byte i starts and ends. */
static uint32_t line_len_before(const char *t, uint32_t i)
{
    uint32_t j = i;
    while (j > 0 && t[j - 1] != '\n' && i - j < 200) j--;
    return i - j;
}

/* Boundary decisions: out[i] = 1 when a sentence ends after surface token i. */
static void split(const char *t, size_t n, seg_tok *k, size_t nk, uint8_t *end)
{
    (void)n;
    for (size_t i = 0; i < nk; i++) {
        end[i] = 0;
        const seg_tok *nx = i + 1 < nk ? &k[i + 1] : NULL;
        if (!nx) { end[i] = 1; break; }
        if (nx->flags & SEG_F_PARA) { end[i] = 1; continue; }
        if (nx->flags & SEG_F_NL) {
            /* a line break: a headline or a short line ends a sentence, as does a list item
             * starting on the next line; long lines are wrapped prose. */
            const seg_tok *pv = &k[i];
            int cont = pv->kind == SEG_PUNCT && (is_char(t, pv, ',') || is_char(t, pv, ';') ||
                                                 is_char(t, pv, '(') || is_char(t, pv, '-'));
            if (!cont && (is_bullet(t, nx) || (line_len_before(t, pv->e) < 60 && !starts_lower(t, nx)) ||
                          is_final(t, pv))) {
                end[i] = 1;
                continue;
            }
        }
    }
    for (size_t i = 0; i + 1 < nk; i++) {
        const seg_tok *c = &k[i], *nx = &k[i + 1];
        if (!starts_upper(t, nx) || all_upper(t, nx)) continue;
        uint32_t cn = c->e - c->s;
        const char *cs = t + c->s;
        /* "<< File: x.doc >> Next": the attachment marker closes its line */
        if (cn == 2 && cs[0] == '>' && cs[1] == '>') end[i] = 1;
        /* a smiley ends what it comments on */
        if (c->kind == SEG_SYM && strchr(":;=^<", cs[0])) end[i] = 1;
        /* "Thanks, Bill" and "Regards, Kay": the closing formula is a sentence */
        if (i > 0 && cn == 1 && cs[0] == ',' && salutation(t, &k[i - 1]) &&
            (i == 1 || (k[i - 1].flags & SEG_F_NL) || end[i - 2] || is_final(t, &k[i - 2])))
            end[i] = 1;
        /* e-mail headers: "08/16/2000 12:05 PM I just wanted ..." */
        if (i > 0 && cn == 2 && (cs[0] == 'A' || cs[0] == 'P' || cs[0] == 'a' || cs[0] == 'p') &&
            (cs[1] == 'M' || cs[1] == 'm') && memchr(t + k[i - 1].s, ':', k[i - 1].e - k[i - 1].s))
            end[i] = 1;
    }
    for (size_t i = 0; i + 1 < nk; i++) {
        const seg_tok *c = &k[i];
        int fin = is_final(t, c);
        int abbr = c->kind != SEG_PUNCT && (c->flags & SEG_F_ABBR);
        if (!fin && !abbr) continue;
        size_t j = i + 1;
        while (j < nk && is_closer(t, &k[j], j + 1 < nk ? &k[j + 1] : NULL) && !(k[j].flags & SEG_F_NL)) j++;
        if (j >= nk) continue;
        const seg_tok *nx = &k[j];
        int brk;
        if (abbr) {
            if (c->flags & (SEG_F_TITLE | SEG_F_LIST)) brk = 0;
            else brk = seg_opener(t + nx->s, nx->e - nx->s);
        } else {
            /* web text starts sentences in lower case too, but not after a quotation
             * ('"Why?" he asked') or an ellipsis */
            brk = !starts_lower(t, nx) || (j == i + 1 && !is_ellipsis(t, c));
            /* "the `` ... '' scare quotes" and '"Why?" he asked.' */
            if (brk && nx->kind == SEG_PUNCT && !(nx->flags & SEG_F_SPACE)) brk = 0;
        }
        if (brk) {
            if (abbr) k[i].flags |= SEG_F_SPLITDOT;
            for (size_t m = i; m < j; m++) end[m] = 0;
            end[j - 1] = 1;
        }
        i = j - 1;
    }
}

static char *copy(char **pool, const char *s, size_t n)
{
    char *p = *pool;
    memcpy(p, s, n);
    p[n] = 0;
    *pool = p + n + 1;
    return p;
}

static uint32_t nwords(const seg_tok *k) { return (k->cut ? 2 : 1) + !!(k->flags & SEG_F_SPLITDOT); }

int ann_text_segment(ann_doc *d, ann_err *err)
{
    (void)err;
    d->nsent = 0;
    const char *t = d->text;
    seg_toks tk = {0};
    seg_tokenize(t, d->len, &tk);
    if (tk.n == 0) return 0;
    uint8_t *end = malloc(tk.n);
    if (!end) { free(tk.v); ann_err_set(err, 1, "out of memory segmenting %s", d->id ? d->id : "document"); return -1; }
    split(t, d->len, tk.v, tk.n, end);
    int para = 0;
    size_t i = 0;
    while (i < tk.n) {
        size_t j = i;
        uint32_t nw = 0, nm = 0;
        for (;;) {
            nw += nwords(&tk.v[j]);
            nm += tk.v[j].cut != 0;
            if (end[j] || j + 1 >= tk.n || nw + nwords(&tk.v[j + 1]) > MAX_SENT_WORDS) break;
            j++;
        }
        if (i > 0 && (tk.v[i].flags & SEG_F_PARA)) para++;
        ann_sentence *s = ann_doc_add_sentence(d, (int)nw);
        s->paragraph = para;
        s->start = tk.v[i].s;
        s->end = tk.v[j].e;
        if (nm) {
            s->mwt = ann_arena_alloc(&d->arena, nm * sizeof *s->mwt);
            s->nmwt = 0;
        }
        /* one allocation for the sentence's strings: each word's bytes plus a NUL, and
         * "SpaceAfter=No" for multiword tokens */
        size_t bytes = 0;
        for (size_t m = i; m <= j; m++) bytes += tk.v[m].e - tk.v[m].s + 4 + (tk.v[m].cut ? 15 : 0);
        char *pool = ann_arena_alloc(&d->arena, bytes);
        int w = 0;
        for (size_t m = i; m <= j; m++) {
            const seg_tok *k = &tk.v[m];
            uint32_t space = m + 1 < tk.n && tk.v[m + 1].s == k->e ? 0 : 1;
            if (k->cut) {
                ann_mwt *mw = &s->mwt[s->nmwt++];
                mw->first = w + 1;
                mw->last = w + 2;
                mw->form = copy(&pool, t + k->s, k->e - k->s);
                if (!space && m < j) mw->misc = copy(&pool, "SpaceAfter=No", 13);
                uint32_t c = k->s + k->cut;
                s->tok[w].start = k->s;
                s->tok[w].end = c;
                s->tok[w].form = copy(&pool, t + k->s, c - k->s);
                w++;
                s->tok[w].start = c;
                s->tok[w].end = k->e;
                s->tok[w].form = copy(&pool, t + c, k->e - c);
                s->tok[w].space_after = (uint8_t)space;
                w++;
            } else if (k->flags & SEG_F_SPLITDOT) {
                s->tok[w].start = k->s;
                s->tok[w].end = k->e - 1;
                s->tok[w].form = copy(&pool, t + k->s, k->e - 1 - k->s);
                w++;
                s->tok[w].start = k->e - 1;
                s->tok[w].end = k->e;
                s->tok[w].form = copy(&pool, ".", 1);
                s->tok[w].space_after = (uint8_t)space;
                w++;
            } else {
                s->tok[w].start = k->s;
                s->tok[w].end = k->e;
                s->tok[w].form = copy(&pool, t + k->s, k->e - k->s);
                s->tok[w].space_after = (uint8_t)space;
                w++;
            }
        }
        i = j + 1;
    }
    free(end);
    free(tk.v);
    return 0;
}
