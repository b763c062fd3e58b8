/* The TABARI/PETRARCH verb dictionary reader (CAMEO.2.0.txt format): synonym sets, verb blocks
 * and their patterns, read into the coder's own model. Written from the format's description in
 * the files' headers; bad lines are reported with file:line and skipped. */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ann_coder_upper(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++) dst[i] = (char)toupper((unsigned char)src[i]);
    dst[i] = 0;
}

static void *grow(void *p, int n, size_t elem)
{
    if (n == 0 || (n & (n - 1)) == 0) p = ann_xrealloc(p, (size_t)(n ? n * 2 : 4) * elem);
    return p;
}

int ann_coder_syn_find(const ann_coder *c, const char *name)
{
    for (int i = 0; i < c->nsyn; i++)
        if (!strcmp(c->syn[i].name, name)) return i;
    return -1;
}

/* "A_B_" -> words A, B; exact when the phrase ends with '_'. Words separated by spaces inside one
 * synonym entry ("AUSTRIAN FLORIN") arrive here already joined with '_'. */
static void word_elem(ann_coder *c, pelem *e, const char *s)
{
    char buf[256];
    size_t n = strlen(s);
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    e->kind = PE_WORD;
    e->exact = 0;
    while (n && buf[n - 1] == '_') { buf[--n] = 0; e->exact = 1; }
    int nw = 1;
    for (char *p = buf; *p; p++) if (*p == '_') nw++;
    e->w = ann_arena_alloc(&c->arena, (size_t)nw * sizeof *e->w);
    e->nw = 0;
    char *save, *tok = strtok_r(buf, "_", &save);
    while (tok) {
        char up[256];
        ann_coder_upper(up, tok, sizeof up);
        e->w[e->nw++] = ann_arena_strdup(&c->arena, up);
        tok = strtok_r(NULL, "_", &save);
    }
    if (e->nw > 1) e->exact = 1; /* inner words of a phrase compare whole */
}

static int parse_code(const char *s, char *code, char *rcode)
{
    /* "[043:042]", "[---]", "[:190]", "[174L]" (TABARI's letter suffixes are kept) */
    code[0] = rcode[0] = 0;
    const char *p = s;
    char *dst = code;
    int n = 0;
    for (; *p && *p != ']'; p++) {
        if (*p == ':') { dst[n] = 0; dst = rcode; n = 0; continue; }
        if ((isdigit((unsigned char)*p) || (n && isalpha((unsigned char)*p))) && n < 7) dst[n++] = *p;
        else if (*p == '-' || *p == ' ' || *p == '+') continue;
        else return -1;
    }
    dst[n] = 0;
    return 0;
}

int ann_coder_parse_pattern(ann_coder *c, prule *r, const char *text, const char *where,
                            ann_err *err)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    char *br = strchr(buf, '[');
    if (!br) {
        ann_err_set(err, 1, "%s: pattern has no [code]", where);
        return -1;
    }
    if (parse_code(br + 1, r->code, r->rcode) < 0) {
        ann_err_set(err, 1, "%s: bad code in '%s'", where, br);
        return -1;
    }
    *br = 0;
    pelem tmp[64];
    int n = 0, star = -1;
    char *save, *tok = strtok_r(buf, " \t", &save);
    while (tok && n < 60) {
        if (!strcmp(tok, "-") && n == 0 && star < 0 && tok == buf) { tok = strtok_r(NULL, " \t", &save); continue; }
        /* "(IN X)" is a prepositional phrase: its first word must be a preposition, not the
         * "to" of an infinitive; the tree gives the rest of the grouping. */
        int open_pp = 0;
        while (*tok == '(') { tok++; open_pp = 1; }
        size_t L = strlen(tok);
        while (L && tok[L - 1] == ')') tok[--L] = 0;
        int close = 0;
        if (*tok == '{') {
            memset(&tmp[n], 0, sizeof tmp[n]);
            tmp[n++].kind = PE_GROUP_ON;
            tok++;
        }
        L = strlen(tok);
        if (L && tok[L - 1] == '}') { tok[--L] = 0; close = 1; }
        if (*tok) {
            pelem *e = &tmp[n];
            memset(e, 0, sizeof *e);
            if (!strcmp(tok, "*")) star = n;
            else if (!strcmp(tok, "$")) { e->kind = PE_SRC; n++; }
            else if (!strcmp(tok, "+")) { e->kind = PE_TGT; n++; }
            else if (!strcmp(tok, "^")) { e->kind = PE_SKIP; n++; }
            else if (!strcmp(tok, "%")) r->compound = 1;
            else if (*tok == '&') {
                char up[128];
                ann_coder_upper(up, tok, sizeof up);
                int s = ann_coder_syn_find(c, up);
                if (s < 0) {
                    ann_err_set(err, 1, "%s: unknown synonym set %s", where, tok);
                    return -1;
                }
                e->kind = PE_SYN;
                e->syn = s;
                n++;
                r->spec++;
            } else {
                word_elem(c, e, tok);
                e->pp = (unsigned char)open_pp;
                n++;
                r->spec++;
            }
        }
        if (close) {
            memset(&tmp[n], 0, sizeof tmp[n]);
            tmp[n++].kind = PE_GROUP_OFF;
        }
        tok = strtok_r(NULL, " \t", &save);
    }
    if (star < 0) {
        ann_err_set(err, 1, "%s: pattern has no '*' for the verb", where);
        return -1;
    }
    r->npre = star;
    r->npost = n - star;
    r->pre = ann_arena_alloc(&c->arena, (size_t)(star + 1) * sizeof(pelem));
    r->post = ann_arena_alloc(&c->arena, (size_t)(n - star + 1) * sizeof(pelem));
    memcpy(r->pre, tmp, (size_t)star * sizeof(pelem));
    memcpy(r->post, tmp + star, (size_t)(n - star) * sizeof(pelem));
    return 0;
}

/* Verb index: a small open-addressing table from upper-case word to the first verb entry with
 * that word; further entries with the same word are chained through vnext. */
int ann_coder_add_verb_index(ann_coder *c)
{
    size_t cap = 64;
    while (cap < (size_t)c->nverb * 2 + 16) cap <<= 1;
    free(c->vidx);
    free(c->vnext);
    c->vidx = ann_xcalloc(cap, sizeof *c->vidx);
    c->vcap = cap;
    c->vnext = ann_xmalloc((size_t)(c->nverb ? c->nverb : 1) * sizeof *c->vnext);
    for (size_t i = 0; i < cap; i++) c->vidx[i].v = -1;
    for (int i = c->nverb - 1; i >= 0; i--) {
        uint64_t h = ann_hash64(c->verb[i].word, strlen(c->verb[i].word), 0);
        size_t k = h & (cap - 1);
        while (c->vidx[k].v >= 0 && !(c->vidx[k].h == h && !strcmp(c->verb[c->vidx[k].v].word, c->verb[i].word)))
            k = (k + 1) & (cap - 1);
        c->vnext[i] = c->vidx[k].v;
        c->vidx[k].h = h;
        c->vidx[k].v = i;
    }
    return 0;
}

/* First verb entry for `upper` (from < 0), or the next one after entry `from`. -1 when none. */
int ann_coder_find_verb(const ann_coder *c, const char *upper, int from)
{
    if (from >= 0) return c->vnext[from];
    if (!c->vcap) return -1;
    uint64_t h = ann_hash64(upper, strlen(upper), 0);
    size_t k = h & (c->vcap - 1);
    while (c->vidx[k].v >= 0) {
        if (c->vidx[k].h == h && !strcmp(c->verb[c->vidx[k].v].word, upper)) return c->vidx[k].v;
        k = (k + 1) & (c->vcap - 1);
    }
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    return s;
}

/* A verb line: "WORD {FORMS} [code]", "+TAKE_NOTE {+TAKES_NOTE ...}", "KLM_NOP_+RST [002]". */
static void add_verb_word(ann_coder *c, const char *w, int blk, const char *code, const char *rcode)
{
    char up[256];
    ann_coder_upper(up, w, sizeof up);
    size_t n = strlen(up);
    while (n && up[n - 1] == '_') up[--n] = 0;
    if (!n) return;
    c->verb = grow(c->verb, c->nverb, sizeof *c->verb);
    pverb *v = &c->verb[c->nverb++];
    memset(v, 0, sizeof *v);
    v->blk = blk;
    v->block = c->blk[blk].name;
    snprintf(v->code, sizeof v->code, "%s", code);
    snprintf(v->rcode, sizeof v->rcode, "%s", rcode);
    char *plus = strchr(up, '+');
    char *verbw = up;
    if (plus || strchr(up, '_')) {
        /* "A_B" without '+': the first word is the verb (no pointer before up: that is UB). */
        if (plus && plus > up) {
            size_t pn = (size_t)(plus - up);
            while (pn && up[pn - 1] == '_') pn--;
            v->pre = ann_arena_strndup(&c->arena, up, pn);
            for (char *p = v->pre; *p; p++) if (*p == '_') *p = ' ';
        }
        verbw = plus ? plus + 1 : up;
        char *us = strchr(verbw, '_');
        if (us) {
            *us = 0;
            if (us[1]) {
                v->post = ann_arena_strdup(&c->arena, us + 1);
                for (char *p = v->post; *p; p++) if (*p == '_') *p = ' ';
            }
        }
    }
    v->word = ann_arena_strdup(&c->arena, verbw);
    v->base = v->word;
}

ann_coder *ann_coder_load_petrarch(const char *verbfile, const char *dir, ann_err *err)
{
    size_t len;
    char *text = ann_read_file(verbfile, &len, 0, err);
    if (!text) return NULL;
    ann_coder *c = ann_xcalloc(1, sizeof *c);
    c->require_target = 1;
    if (ann_cameo_load(c, dir, err) < 0) {
        free(text);
        ann_coder_free(c);
        return NULL;
    }
    int cur_syn = -1, cur_blk = -1, lineno = 0, bad = 0;
    char *p = text;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        lineno++;
        char *l = p;
        p = nl ? nl + 1 : NULL;
        char *hash = strchr(l, '#');
        if (hash) *hash = 0;
        l = trim(l);
        if (!*l || (l[0] == '<' && l[1] == '!')) continue;
        char where[512];
        snprintf(where, sizeof where, "%s:%d", verbfile, lineno);
        if (l[0] == '~') {
            /* ~ a (a b ATTACK) SAY = a b 015 */
            char x1[32], x2[32], cls[32], up[32], r1[32], r2[32], code[32];
            char buf[512];
            snprintf(buf, sizeof buf, "%s", l + 1);
            for (char *q = buf; *q; q++) if (*q == '(' || *q == ')' || *q == '=') *q = ' ';
            char a0[32];
            if (sscanf(buf, "%31s %31s %31s %31s %31s %31s %31s %31s", a0, x1, x2, cls, up, r1, r2, code) != 8) {
                fprintf(stderr, "annalist: %s: transformation not understood (skipped)\n", where);
                bad++;
                continue;
            }
            if (!strcmp(cls, "WILL_ATTACK")) continue; /* needs modality this reader does not track */
            c->trans = grow(c->trans, c->ntrans, sizeof *c->trans);
            ptrans *t = &c->trans[c->ntrans++];
            memset(t, 0, sizeof *t);
            snprintf(t->upper, sizeof t->upper, "%s", up);
            t->who = strcmp(x1, "a") && strcmp(x1, "_");
            snprintf(t->lclass, sizeof t->lclass, "%s", cls);
            snprintf(t->code, sizeof t->code, "%.7s", code);
            continue;
        }
        if (!strncmp(l, "---", 3)) {
            /* --- NAME [code] --- */
            cur_syn = -1;
            char name[128] = "", codebuf[64] = "";
            char *q = l + 3;
            while (*q == '-' || *q == ' ') q++;
            size_t k = 0;
            while (*q && *q != ' ' && *q != '[' && k + 1 < sizeof name) name[k++] = *q++;
            name[k] = 0;
            char *br = strchr(q, '[');
            char code[8] = "", rcode[8] = "";
            if (br) { snprintf(codebuf, sizeof codebuf, "%s", br + 1); parse_code(codebuf, code, rcode); }
            c->blk = grow(c->blk, c->nblk, sizeof *c->blk);
            pblock *b = &c->blk[c->nblk];
            memset(b, 0, sizeof *b);
            b->name = ann_arena_strdup(&c->arena, name);
            snprintf(b->code, sizeof b->code, "%s", code);
            snprintf(b->rcode, sizeof b->rcode, "%s", rcode);
            cur_blk = c->nblk++;
            continue;
        }
        if (l[0] == '&') {
            char up[128];
            ann_coder_upper(up, trim(l), sizeof up);
            char *sp = strpbrk(up, " \t");
            if (sp) *sp = 0;
            c->syn = grow(c->syn, c->nsyn, sizeof *c->syn);
            psyn *s = &c->syn[c->nsyn];
            memset(s, 0, sizeof *s);
            s->name = ann_arena_strdup(&c->arena, up);
            cur_syn = c->nsyn++;
            continue;
        }
        if (cur_syn >= 0 && l[0] == '+') {
            psyn *s = &c->syn[cur_syn];
            char w[256];
            snprintf(w, sizeof w, "%s", trim(l + 1));
            /* "(TO THE END)" and "AUSTRIAN FLORIN": a phrase, words joined */
            char *q = w, *o = w;
            for (; *q; q++) {
                if (*q == '(' || *q == ')') continue;
                *o++ = (*q == ' ' || *q == '\t') ? '_' : *q;
            }
            *o = 0;
            s->w = grow(s->w, s->nw, sizeof *s->w);
            pelem *e = &s->w[s->nw];
            memset(e, 0, sizeof *e);
            if (w[0] == '&') {
                char up[128];
                ann_coder_upper(up, w, sizeof up);
                int k = ann_coder_syn_find(c, up);
                if (k < 0) { fprintf(stderr, "annalist: %s: unknown synonym set %s (skipped)\n", where, w); bad++; continue; }
                e->kind = PE_SYN;
                e->syn = k;
            } else {
                word_elem(c, e, w);
            }
            s->nw++;
            continue;
        }
        cur_syn = -1;
        if (cur_blk < 0) {
            fprintf(stderr, "annalist: %s: line outside any verb block (skipped)\n", where);
            bad++;
            continue;
        }
        pblock *b = &c->blk[cur_blk];
        if (l[0] == '-' || l[0] == '*' || (strchr(l, '*') && strchr(l, '['))) {
            b->rule = grow(b->rule, b->nrule, sizeof *b->rule);
            prule *r = &b->rule[b->nrule];
            memset(r, 0, sizeof *r);
            const char *pt = l[0] == '-' ? trim(l + 1) : l;
            ann_err e2;
            ann_err_clear(&e2);
            if (ann_coder_parse_pattern(c, r, pt, where, &e2) < 0) {
                fprintf(stderr, "annalist: %s (skipped)\n", e2.msg);
                bad++;
                continue;
            }
            char *br = strchr(l, '[');
            size_t tl = br ? (size_t)(br - pt) : strlen(pt);
            while (tl && pt[tl - 1] == ' ') tl--;
            r->text = ann_arena_printf(&c->arena, "%s: %.*s", b->name, (int)tl, pt);
            b->nrule++;
            continue;
        }
        /* verb line */
        char code[8] = "", rcode[8] = "";
        char *br = strchr(l, '[');
        if (br) { parse_code(br + 1, code, rcode); *br = 0; }
        char *brace = strchr(l, '{');
        char forms[1024] = "";
        if (brace) {
            char *end = strchr(brace, '}');
            if (end) *end = 0;
            snprintf(forms, sizeof forms, "%s", brace + 1);
            *brace = 0;
        }
        char *w = trim(l);
        char *sp = strpbrk(w, " \t");
        if (sp) *sp = 0;
        int before = c->nverb;
        add_verb_word(c, w, cur_blk, code, rcode);
        /* A verb line whose word is empty (only underscores) adds nothing: its {forms} then
         * have no base to point at and are skipped with it. */
        if (c->nverb == before) continue;
        int base = c->nverb - 1;
        char *fs, *f = strtok_r(forms, " \t", &fs);
        while (f) {
            int had = c->nverb;
            add_verb_word(c, f, cur_blk, code, rcode);
            if (c->nverb > had) c->verb[c->nverb - 1].base = c->verb[base].word;
            f = strtok_r(NULL, " \t", &fs);
        }
    }
    free(text);
    if (bad) fprintf(stderr, "annalist: %s: %d lines skipped\n", verbfile, bad);
    ann_coder_add_verb_index(c);
    return c;
}

void ann_coder_free(ann_coder *c)
{
    if (!c) return;
    for (int i = 0; i < c->nblk; i++) free(c->blk[i].rule);
    for (int i = 0; i < c->nsyn; i++) free(c->syn[i].w);
    free(c->blk);
    free(c->syn);
    free(c->verb);
    free(c->vidx);
    free(c->vnext);
    free(c->cameo);
    for (int i = 0; i < c->noset; i++) free(c->oset[i].w);
    free(c->oset);
    free(c->orl);
    free(c->trans);
    ann_arena_free(&c->arena);
    free(c);
}
