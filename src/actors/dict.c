/* The compiled actor dictionary (a hashed trie of normalized token sequences) and the loader
 * for annalist's own format (data/dict/actors/README.md describes it). */
#include "actors_int.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

ann_actors *act_new(void)
{
    ann_actors *a = ann_xcalloc(1, sizeof *a);
    a->tabmask = (1u << 14) - 1;
    a->tab = ann_xcalloc(a->tabmask + 1, sizeof *a->tab);
    act_pool_add(a, "", 0); /* offset 0 = empty string */
    return a;
}

void ann_actors_free(ann_actors *a)
{
    if (!a) return;
    free(a->ent);
    free(a->codes);
    free(a->recs);
    free(a->tab);
    free(a->pool);
    free(a);
}

void ann_actors_stats_get(const ann_actors *a, ann_actors_stats *st)
{
    memset(st, 0, sizeof *st);
    for (int i = 0; i < a->nent; i++) {
        switch (a->ent[i].kind) {
        case K_COUNTRY: case K_ADJ: case K_CAPITAL: case K_PLACE: st->places++; break;
        case K_AGENT: st->agents++; break;
        case K_PERSON: case K_ACTOR: st->actors++; break;
        case K_ORG: st->orgs++; break;
        case K_DISCARD: case K_DISCARD_DOC: st->discards++; break;
        default: break;
        }
    }
    st->entries = a->nent;
    st->phrases = a->nphrases;
    st->warnings = a->warnings;
    st->lines = a->lines;
    st->bytes = sizeof *a + (size_t)a->capent * sizeof *a->ent +
                (size_t)a->capcodes * sizeof *a->codes + (size_t)a->caprecs * sizeof *a->recs +
                (size_t)(a->tabmask + 1) * sizeof *a->tab + a->cappool;
}

const char *act_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void act_warn(ann_actors *a, const char *file, long line, const char *fmt, ...)
{
    a->warnings++;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "annalist: warning: %s:%ld: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputs("; line skipped\n", stderr);
    va_end(ap);
}

uint32_t act_pool_add(ann_actors *a, const char *s, size_t n)
{
    if (a->npool + n + 1 > a->cappool) {
        a->cappool = (a->npool + n + 1) * 2 + 4096;
        a->pool = ann_xrealloc(a->pool, a->cappool);
    }
    uint32_t off = (uint32_t)a->npool;
    memcpy(a->pool + off, s, n);
    a->pool[off + n] = 0;
    a->npool += n + 1;
    return off;
}

int act_entry_new(ann_actors *a, int kind, const char *file, long line)
{
    if (a->nent == a->capent) {
        a->capent = a->capent ? a->capent * 2 : 1024;
        a->ent = ann_xrealloc(a->ent, sizeof *a->ent * (size_t)a->capent);
    }
    act_entry *e = &a->ent[a->nent];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->code0 = a->ncodes;
    if (kind == K_DISCARD_DOC) a->ndocdiscard++;
    char src[512];
    int n = snprintf(src, sizeof src, "%s:%ld", act_basename(file), line);
    e->src = act_pool_add(a, src, (size_t)(n < (int)sizeof src ? n : (int)sizeof src - 1));
    return a->nent++;
}

/* Codes of one entry are added right after it is created, so they stay contiguous. */
void act_entry_code(ann_actors *a, int e, const char *code, int32_t from, int32_t to)
{
    if (a->ncodes == a->capcodes) {
        a->capcodes = a->capcodes ? a->capcodes * 2 : 1024;
        a->codes = ann_xrealloc(a->codes, sizeof *a->codes * (size_t)a->capcodes);
    }
    act_code *c = &a->codes[a->ncodes++];
    memset(c, 0, sizeof *c);
    size_t n = strlen(code);
    if (n >= sizeof c->code) n = sizeof c->code - 1;
    for (size_t i = 0; i < n; i++) c->code[i] = (char)toupper((unsigned char)code[i]);
    c->from = from;
    c->to = to;
    a->ent[e].ncode++;
}

size_t act_norm(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    size_t i = 0;
    while (i < n && o + 4 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            buf[o++] = (char)tolower(c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { buf[o++] = (char)c; i++; continue; }
        i += (size_t)k;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) { buf[o++] = '\''; continue; }
        if (cp == 0x2010 || cp == 0x2011) { buf[o++] = '-'; continue; }
        cp = utf8proc_tolower(cp);
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + o);
    }
    buf[o] = 0;
    return o;
}

uint64_t act_step(uint64_t parent, const char *norm, size_t n)
{
    uint64_t h = ann_hash64(norm, n, parent);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h ? h : 1;
}

const act_node *act_find(const ann_actors *a, uint64_t h)
{
    for (uint64_t i = h & a->tabmask;; i = (i + 1) & a->tabmask) {
        if (a->tab[i].h == h) return &a->tab[i];
        if (!a->tab[i].h) return NULL;
    }
}

static void grow_table(ann_actors *a, uint64_t nsize)
{
    act_node *nt = ann_xcalloc(nsize, sizeof *nt);
    for (uint64_t i = 0; i <= a->tabmask; i++) {
        if (!a->tab[i].h) continue;
        uint64_t j = a->tab[i].h & (nsize - 1);
        while (nt[j].h) j = (j + 1) & (nsize - 1);
        nt[j] = a->tab[i];
    }
    free(a->tab);
    a->tab = nt;
    a->tabmask = nsize - 1;
}

void act_reserve(ann_actors *a, long nodes)
{
    uint64_t size = a->tabmask + 1;
    while ((uint64_t)nodes * 2 > size) size *= 2;
    if (size > a->tabmask + 1) grow_table(a, size);
}

static act_node *node_get(ann_actors *a, uint64_t h)
{
    if ((uint64_t)(a->nnodes + 1) * 2 > a->tabmask + 1) {
        uint64_t nsize = (a->tabmask + 1) * 2;
        act_node *nt = ann_xcalloc(nsize, sizeof *nt);
        for (uint64_t i = 0; i <= a->tabmask; i++) {
            if (!a->tab[i].h) continue;
            uint64_t j = a->tab[i].h & (nsize - 1);
            while (nt[j].h) j = (j + 1) & (nsize - 1);
            nt[j] = a->tab[i];
        }
        free(a->tab);
        a->tab = nt;
        a->tabmask = nsize - 1;
    }
    uint64_t i = h & a->tabmask;
    while (a->tab[i].h && a->tab[i].h != h) i = (i + 1) & a->tabmask;
    if (!a->tab[i].h) {
        a->tab[i].h = h;
        a->tab[i].rec = -1;
        a->tab[i].tail = -1;
        a->nnodes++;
    }
    return &a->tab[i];
}

static int is_function_word(const char *w, size_t n)
{
    static const char *const fw[] = {"the", "of", "and", "for", "in", "on", "to", "a", "an", "de",
                                     "du", "des", "la", "le", "el", "al", "at", "by", "&", "'s", NULL};
    for (int i = 0; fw[i]; i++)
        if (strlen(fw[i]) == n && !strncasecmp(fw[i], w, n)) return 1;
    return 0;
}

static int starts_upper(const char *s, size_t n)
{
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) return isupper(c) != 0;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0) return 0;
    return utf8proc_isupper(cp);
}

/* Two or more letters, none lower-case: "WHO", "U.N.", "IRGC" (not "I", not "M23"'s digits). */
static int is_acronym(const char *w, size_t n)
{
    int letters = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)w[k];
        if (islower(c) || c >= 0x80) return 0;
        if (isupper(c)) letters++;
    }
    return letters >= 2;
}

#define MAXW 32

/* Adds one tokenized phrase (words[i], lens[i]). */
/* Two dated codes hold on some common day (an open side reaches to the end of time). */
static int ranges_meet(const act_code *x, const act_code *y)
{
    if ((!x->from && !x->to) || (!y->from && !y->to)) return 0; /* undated fallbacks */
    int32_t xt = x->to ? x->to : INT32_MAX, yt = y->to ? y->to : INT32_MAX;
    return x->from < yt && y->from < xt;
}

/* A name shared by two people ("President Bush") must pick one of them on any date: their
 * dated codes may not overlap, or the earlier entry silently wins. Warns, keeps both. */
static void check_shared_person(ann_actors *a, int e, const act_node *nd, const char *name)
{
    const act_entry *en = &a->ent[e];
    if (en->kind != K_PERSON) return;
    for (int r = nd->rec; r >= 0; r = a->recs[r].next) {
        const act_entry *o = &a->ent[a->recs[r].entry];
        if (a->recs[r].entry == e || o->kind != K_PERSON) continue;
        for (int i = 0; i < en->ncode; i++)
            for (int j = 0; j < o->ncode; j++)
                if (ranges_meet(&a->codes[en->code0 + i], &a->codes[o->code0 + j])) {
                    a->warnings++;
                    fprintf(stderr,
                            "annalist: warning: %s: '%s' also names %s at overlapping dates (%s and %s); "
                            "the earlier entry wins: close one of the ranges\n",
                            a->pool + en->src, name, a->pool + o->src, a->codes[en->code0 + i].code,
                            a->codes[o->code0 + j].code);
                    return;
                }
    }
}

static void add_words(ann_actors *a, int e, const char **w, const size_t *wl, int nw, int capmode, int check)
{
    if (nw <= 0 || nw > MAXW) return;
    uint64_t h = ACT_ROOT_SEED;
    uint32_t mask = 0, up = 0;
    char buf[512];
    act_node *nd = NULL;
    for (int i = 0; i < nw; i++) {
        size_t n = act_norm(w[i], wl[i], buf, sizeof buf);
        h = act_step(h, buf, n);
        nd = node_get(a, h);
        int alpha = 0;
        for (size_t k = 0; k < wl[i]; k++)
            if (isalpha((unsigned char)w[i][k]) || (unsigned char)w[i][k] >= 0x80) alpha = 1;
        if (capmode == 1 && starts_upper(w[i], wl[i])) mask |= 1u << i;
        if (capmode == 1 && is_acronym(w[i], wl[i])) up |= 1u << i;
        if (capmode == 2 && alpha && !is_function_word(w[i], wl[i])) mask |= 1u << i;
    }
    /* The same phrase for the same entry twice (e.g. "Iranian" as name and adjective) is
     * recorded once; an entry's phrases are added together, so only the tail can repeat. */
    if (nd->rec >= 0) {
        const act_rec *t = &a->recs[nd->tail];
        if (t->entry == e && t->capmask == mask && t->upmask == up) return;
        if (check) {
            char name[256];
            size_t o = 0;
            for (int i = 0; i < nw && o + wl[i] + 2 < sizeof name; i++) {
                if (i) name[o++] = ' ';
                memcpy(name + o, w[i], wl[i]);
                o += wl[i];
            }
            name[o] = 0;
            check_shared_person(a, e, nd, name);
        }
    }
    if (a->nrecs == a->caprecs) {
        a->caprecs = a->caprecs ? a->caprecs * 2 : 4096;
        a->recs = ann_xrealloc(a->recs, sizeof *a->recs * (size_t)a->caprecs);
    }
    /* node_get may have moved the table: look the node up again. */
    act_node *fin = (act_node *)act_find(a, h);
    int r = a->nrecs++;
    a->recs[r].entry = e;
    a->recs[r].capmask = mask;
    a->recs[r].upmask = up;
    a->recs[r].next = -1;
    /* Keep insertion order: earlier entries win ties. */
    if (fin->rec < 0) fin->rec = r;
    else a->recs[fin->tail].next = r;
    fin->tail = r;
    if (nw > a->maxlen) a->maxlen = nw;
    a->nphrases++;
}

int act_add_phrase(ann_actors *a, int e, const char *phrase, int capmode)
{
    const char *w[MAXW] = {0};
    size_t wl[MAXW] = {0};
    int nw = 0, hyph = 0;
    const char *p = phrase;
    while (*p) {
        while (*p == ' ' || *p == '_' || *p == '\t') p++;
        if (!*p) break;
        const char *s = p;
        while (*p && *p != ' ' && *p != '_' && *p != '\t') p++;
        if (nw == MAXW) return -1;
        w[nw] = s;
        wl[nw] = (size_t)(p - s);
        /* A leading "'s" glued in the dictionary ("IRAN'S") is a token of its own in text. */
        if (wl[nw] > 2 && (!strncmp(p - 2, "'s", 2) || !strncmp(p - 2, "'S", 2)) && nw + 1 < MAXW) {
            wl[nw] -= 2;
            nw++;
            w[nw] = p - 2;
            wl[nw] = 2;
        }
        for (size_t k = 1; k + 1 < wl[nw]; k++)
            if (w[nw][k] == '-') hyph = 1;
        nw++;
    }
    if (nw == 0) return -1;
    add_words(a, e, w, wl, nw, capmode, 1);
    if (!hyph) return 0;
    /* Tokenizers differ on hyphens ("al-Qaeda" vs "al - Qaeda"): add the split form too. */
    const char *w2[MAXW];
    size_t wl2[MAXW];
    int n2 = 0;
    for (int i = 0; i < nw; i++) {
        const char *s = w[i];
        size_t n = wl[i], st = 0;
        for (size_t k = 1; k + 1 < n; k++) {
            if (s[k] != '-') continue;
            if (n2 + 2 >= MAXW) return 0; /* the whole form was added */
            w2[n2] = s + st; wl2[n2++] = k - st;
            w2[n2] = s + k; wl2[n2++] = 1;
            st = k + 1;
        }
        if (n2 >= MAXW) return 0;
        w2[n2] = s + st;
        wl2[n2++] = n - st;
    }
    add_words(a, e, w2, wl2, n2, capmode, 0);
    return 0;
}

int32_t act_parse_date(const char *s, size_t n)
{
    int y = 0, m = 1, d = 1;
    char t[16];
    if (n == 0 || n >= sizeof t) return -1;
    memcpy(t, s, n);
    t[n] = 0;
    if (n == 8 && strspn(t, "0123456789") == 8) {
        long v = atol(t);
        y = (int)(v / 10000); m = (int)(v / 100 % 100); d = (int)(v % 100);
    } else if (n == 4 && strspn(t, "0123456789") == 4) {
        y = atoi(t);
    } else if (n == 7 && t[4] == '-' && strspn(t, "0123456789") == 4) {
        y = atoi(t); m = atoi(t + 5);
    } else if (n == 10 && t[4] == '-' && t[7] == '-' && strspn(t, "0123456789") == 4) {
        y = atoi(t); m = atoi(t + 5); d = atoi(t + 8);
    } else {
        return -1;
    }
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    return y * 10000 + m * 100 + d;
}

/* --- annalist's own format ------------------------------------------------------------- */

static const struct { const char *name; int kind; int ncols; } kinds[] = {
    {"country", K_COUNTRY, 4}, {"agent", K_AGENT, 1},     {"person", K_PERSON, 1},
    {"org", K_ORG, 1},         {"discard", K_DISCARD, 1}, {"discard+", K_DISCARD_DOC, 1},
    {"modifier", K_MODIFIER, 1}, {"ignore", K_IGNORE, 1},
};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) e--;
    *e = 0;
    return s;
}

static int valid_code(const char *c, size_t n)
{
    if (n < 3 || n >= sizeof(((act_code *)0)->code)) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)c[i]) && !isdigit((unsigned char)c[i])) return 0;
    return 1;
}

/* Regular English plurals for a lower-case agent noun, so raw text without lemmas matches. */
static void add_plurals(ann_actors *a, int e, const char *phrase)
{
    size_t n = strlen(phrase);
    const char *last = strrchr(phrase, ' ');
    last = last ? last + 1 : phrase;
    if (!*last || !islower((unsigned char)*last) || n + 4 > 500) return;
    char buf[512];
    size_t ln = strlen(last);
    memcpy(buf, phrase, n + 1);
    if (ln > 3 && !strcmp(last + ln - 3, "man")) {
        memcpy(buf + n - 3, "men", 4);
    } else if (ln > 1 && last[ln - 1] == 'y' && !strchr("aeiou", last[ln - 2])) {
        memcpy(buf + n - 1, "ies", 4);
    } else if (last[ln - 1] == 's' || last[ln - 1] == 'x' || (ln > 1 && last[ln - 1] == 'h' && strchr("cs", last[ln - 2]))) {
        memcpy(buf + n, "es", 3);
    } else {
        memcpy(buf + n, "s", 2);
    }
    act_add_phrase(a, e, buf, 1);
}

/* "Iranian" -> "Iranians", "Azeri" -> "Azeris"; "Chinese", "French", "Swiss" stay. */
static void add_demonym_plural(ann_actors *a, int e, const char *nm)
{
    size_t n = strlen(nm);
    if (n < 3 || n > 500 || strchr("sShHeE", nm[n - 1])) return;
    char buf[512];
    memcpy(buf, nm, n);
    memcpy(buf + n, "s", 2);
    act_add_phrase(a, e, buf, 1);
}

/* One line: KIND CODE[FROM..TO]... | names, ... [| adjectives | capitals | places]. */
static void load_line(ann_actors *a, const char *file, long ln, char *line)
{
    char *hash = strchr(line, '#');
    if (hash) *hash = 0;
    char *s = trim(line);
    if (!*s) return;
    char *bar = strchr(s, '|');
    if (!bar) { act_warn(a, file, ln, "no '|' before the names (KIND CODE | name, name ...)"); return; }
    *bar = 0;
    char *head = s, *cols = bar + 1;
    char *kw = head;
    while (*head && *head != ' ' && *head != '\t') head++;
    if (*head) *head++ = 0;
    int kind = 0, ncols = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(kw, kinds[i].name)) { kind = kinds[i].kind; ncols = kinds[i].ncols; }
    if (!kind) {
        act_warn(a, file, ln, "unknown kind '%s' (country, agent, person, org, discard, discard+, modifier, ignore)", kw);
        return;
    }
    /* Code specs. */
    act_code specs[16];
    int nspec = 0;
    char *p = head;
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        char *st = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        size_t n = (size_t)(p - st);
        char *br = memchr(st, '[', n);
        size_t cn = br ? (size_t)(br - st) : n;
        if (nspec == 16 || !valid_code(st, cn)) {
            act_warn(a, file, ln, "bad code '%.*s' (upper-case letters, e.g. IRNGOV or IRNGOV[2013-08-03..2021-08-03])", (int)n, st);
            return;
        }
        act_code *c = &specs[nspec++];
        memset(c, 0, sizeof *c);
        memcpy(c->code, st, cn);
        if (br) {
            char *dots = strstr(br, "..");
            char *end = memchr(br, ']', n - cn);
            if (!dots || !end || dots > end) {
                act_warn(a, file, ln, "bad date range in '%.*s' (write [YYYY-MM-DD..YYYY-MM-DD], either side may be empty)", (int)n, st);
                return;
            }
            size_t fl = (size_t)(dots - br - 1), tl = (size_t)(end - dots - 2);
            if (fl && (c->from = act_parse_date(br + 1, fl)) < 0) {
                act_warn(a, file, ln, "bad date '%.*s'", (int)fl, br + 1);
                return;
            }
            if (tl && (c->to = act_parse_date(dots + 2, tl)) < 0) {
                act_warn(a, file, ln, "bad date '%.*s'", (int)tl, dots + 2);
                return;
            }
        }
    }
    /* Dated codes: a range must hold a day, and two ranges of one entry may not overlap
     * (the first listed would always win and the other is dead). */
    for (int i = 0; i < nspec; i++) {
        if (specs[i].from && specs[i].to && specs[i].from >= specs[i].to) {
            int f = (int)specs[i].from, t = (int)specs[i].to;
            act_warn(a, file, ln, "empty date range in %s[%04d-%02d-%02d..%04d-%02d-%02d] (FROM must come before TO)",
                     specs[i].code, f / 10000, f / 100 % 100, f % 100, t / 10000, t / 100 % 100, t % 100);
            return;
        }
        for (int j = 0; j < i; j++)
            if (ranges_meet(&specs[i], &specs[j])) {
                act_warn(a, file, ln, "date ranges of %s and %s overlap (one office at a time: close the first)",
                         specs[j].code, specs[i].code);
                return;
            }
    }
    int needs_code = kind != K_DISCARD && kind != K_DISCARD_DOC && kind != K_IGNORE;
    if (needs_code && nspec == 0) { act_warn(a, file, ln, "%s entry without a code", kw); return; }
    if (kind != K_PERSON && kind != K_ORG && nspec > 1) {
        act_warn(a, file, ln, "only person and org entries take several (dated) codes");
        return;
    }
    /* Columns. */
    char *col[4] = {0};
    int nc = 0;
    char *q = cols;
    while (q && nc < 4) {
        char *nb = strchr(q, '|');
        if (nb) *nb++ = 0;
        col[nc++] = q;
        q = nb;
    }
    if (q || nc > ncols) { act_warn(a, file, ln, "too many '|' columns for a %s entry (%d allowed)", kw, ncols); return; }
    static const int country_kinds[4] = {K_COUNTRY, K_ADJ, K_CAPITAL, K_PLACE};
    int any = 0;
    for (int c = 0; c < nc; c++) {
        int k = kind == K_COUNTRY ? country_kinds[c] : kind;
        int e = -1;
        char *item = col[c];
        while (item) {
            char *comma = strchr(item, ',');
            if (comma) *comma++ = 0;
            char *nm = trim(item);
            if (*nm) {
                if (e < 0) {
                    e = act_entry_new(a, k, file, ln);
                    a->ent[e].name = act_pool_add(a, nm, strlen(nm));
                    for (int i = 0; i < nspec; i++) act_entry_code(a, e, specs[i].code, specs[i].from, specs[i].to);
                }
                if (act_add_phrase(a, e, nm, 1) < 0)
                    fprintf(stderr, "annalist: warning: %s:%ld: name '%.40s...' has more than %d words; name skipped\n",
                            file, ln, nm, MAXW);
                if (k == K_AGENT) add_plurals(a, e, nm);
                if (k == K_ADJ) add_demonym_plural(a, e, nm);
                any = 1;
            }
            item = comma;
        }
    }
    if (!any) act_warn(a, file, ln, "entry without names");
    else a->lines++;
}

static int load_file(ann_actors *a, const char *path, ann_err *err)
{
    size_t len;
    char *text = ann_read_file(path, &len, 64u << 20, err);
    if (!text) return -1;
    long ln = 0;
    char *p = text;
    while (p < text + len) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        if (nl) *nl = 0;
        ln++;
        load_line(a, path, ln, p);
        if (!nl) break;
        p = nl + 1;
    }
    free(text);
    return 0;
}

static int cmpstr(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

char *ann_actors_default_dir(void) { return ann_data_path("dict/actors"); }

ann_actors *ann_actors_load_dir(const char *dir, ann_err *err)
{
    char *own = NULL;
    if (!dir) {
        own = ann_actors_default_dir();
        if (!own) {
            ann_err_set(err, 1, "actor dictionaries not found (data/dict/actors); set ANNALIST_DATA or pass --dict DIR");
            return NULL;
        }
        dir = own;
    }
    DIR *dh = opendir(dir);
    if (!dh) {
        ann_err_set(err, 1, "%s: cannot open the actor dictionary directory", dir);
        free(own);
        return NULL;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".txt")) continue;
        if (n == cap) names = ann_xrealloc(names, sizeof *names * (size_t)(cap = cap ? cap * 2 : 16));
        names[n++] = ann_xstrdup(de->d_name);
    }
    closedir(dh);
    if (n) qsort(names, (size_t)n, sizeof *names, cmpstr);
    ann_actors *a = act_new();
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!rc && load_file(a, path, err) < 0) rc = -1;
        free(names[i]);
    }
    free(names);
    if (!rc && a->nent == 0) {
        ann_err_set(err, 1, "%s: no dictionary files (*.txt) with entries", dir);
        rc = -1;
    }
    free(own);
    if (rc) { ann_actors_free(a); return NULL; }
    return a;
}
