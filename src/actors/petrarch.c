/* Readers for TABARI/PETRARCH actor, agent and discard dictionaries (the Phoenix and Validate
 * files), compiled into the same structure as our own dictionaries.
 *
 * Actors: a name line (words joined by '_' or spaces, optionally followed by codes), '+'
 * synonym lines, and '[CODE]' / '[CODE >YYMMDD]' / '[CODE <YYMMDD]' / '[CODE YYMMDD-YYMMDD]'
 * code lines. Name lines without codes share the codes of the next code line. Agents:
 * 'NOUN {PLURAL, ...} [~CODE]' with '!MACRO! = A, B' substitutions. Discards: one phrase a line,
 * '+' for story-level. Comments: '#' to end of line and '<!-- ... -->' blocks. */
#include "actors_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct lines {
    char *text;
    size_t len;
    char *p;
    long ln;
    int in_xml_comment;
} lines;

/* Next line with comments removed and trimmed; returns NULL at the end. Blank lines are
 * returned as "" so callers see line numbers advance. */
static char *next_line(lines *L)
{
    if (L->p >= L->text + L->len) return NULL;
    char *s = L->p;
    char *nl = memchr(s, '\n', (size_t)(L->text + L->len - s));
    if (nl) { *nl = 0; L->p = nl + 1; }
    else L->p = L->text + L->len;
    L->ln++;
    if (L->in_xml_comment) {
        char *e = strstr(s, "-->");
        if (!e) return s + strlen(s);
        L->in_xml_comment = 0;
        s = e + 3;
    }
    char *x;
    while ((x = strstr(s, "<!--"))) {
        char *e = strstr(x + 4, "-->");
        if (!e) { *x = 0; L->in_xml_comment = 1; break; }
        memmove(x, e + 3, strlen(e + 3) + 1);
    }
    char *h = strchr(s, '#');
    if (h) *h = 0;
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
    *e = 0;
    return s;
}

static int open_lines(lines *L, const char *path, ann_err *err)
{
    memset(L, 0, sizeof *L);
    L->text = ann_read_file(path, &L->len, 256u << 20, err);
    if (!L->text) return -1;
    L->p = L->text;
    return 0;
}

/* TABARI dates: YYMMDD (years <= 30 are 20xx) or YYYYMMDD. */
static int32_t tabari_date(const char *s, size_t n)
{
    if (n == 6 && strspn(s, "0123456789") >= 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        char buf[9];
        snprintf(buf, sizeof buf, "%04d%.4s", yy <= 30 ? 2000 + yy : 1900 + yy, s + 2);
        return act_parse_date(buf, 8);
    }
    if (n == 8 && strspn(s, "0123456789") >= 8) return act_parse_date(s, 8);
    return -1;
}

/* Parses every "[CODE ...]" group in s into out; returns the count, or -1 on a malformed group
 * (msg says which). */
static int parse_codes(const char *s, act_code *out, int max, char *msg, size_t msgsz)
{
    int n = 0;
    while ((s = strchr(s, '['))) {
        const char *e = strchr(s, ']');
        if (!e) { snprintf(msg, msgsz, "'[' without ']'"); return -1; }
        const char *p = s + 1;
        while (*p == ' ') p++;
        const char *cs = p;
        while (p < e && *p != ' ' && *p != '\t') p++;
        size_t cl = (size_t)(p - cs);
        if (n == max) { snprintf(msg, msgsz, "more than %d codes", max); return -1; }
        act_code *c = &out[n];
        memset(c, 0, sizeof *c);
        if (cl == 0 || cl >= sizeof c->code) { snprintf(msg, msgsz, "empty or overlong code in '%.*s'", (int)(e - s + 1), s); return -1; }
        for (size_t i = 0; i < cl; i++) {
            if (!isalnum((unsigned char)cs[i]) && cs[i] != '-') { snprintf(msg, msgsz, "bad code '%.*s'", (int)cl, cs); return -1; }
            c->code[i] = (char)toupper((unsigned char)cs[i]);
        }
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        if (p < e) {
            const char *ds = p;
            size_t dl = (size_t)(e - ds);
            while (dl && (ds[dl - 1] == ' ' || ds[dl - 1] == '\t')) dl--;
            const char *dash = memchr(ds, '-', dl);
            int ok = 1;
            const char *dd = ds + 1;
            while (dd < ds + dl && *dd == ' ') dd++;
            if (*ds == '>') ok = (c->from = tabari_date(dd, dl - (size_t)(dd - ds))) > 0;
            else if (*ds == '<') ok = (c->to = tabari_date(dd, dl - (size_t)(dd - ds))) > 0;
            else if (dash) {
                size_t l1 = (size_t)(dash - ds);
                while (l1 && ds[l1 - 1] == ' ') l1--;
                const char *d2 = dash + 1;
                while (d2 < ds + dl && *d2 == ' ') d2++;
                ok = (c->from = tabari_date(ds, l1)) > 0 && (c->to = tabari_date(d2, (size_t)(ds + dl - d2))) > 0;
            }
            else ok = 0;
            if (!ok) { snprintf(msg, msgsz, "bad date restriction '%.*s' (>YYMMDD, <YYMMDD or YYMMDD-YYMMDD)", (int)dl, ds); return -1; }
        }
        n++;
        s = e + 1;
    }
    return n;
}

#define MAXPEND 4096

typedef struct block {
    int entry;                 /* -1 until codes arrive */
    char *pend[MAXPEND];       /* names waiting for codes */
    long pendln[MAXPEND];
    int npend;
} block;

static void block_flush_uncoded(ann_actors *a, block *b, const char *path)
{
    for (int i = 0; i < b->npend; i++) {
        act_warn(a, path, b->pendln[i], "actor '%s' has no code", b->pend[i]);
        a->lines--;
        free(b->pend[i]);
    }
    b->npend = 0;
}

static void block_codes(ann_actors *a, block *b, const char *path, long ln, const act_code *c, int nc)
{
    if (b->entry < 0) {
        b->entry = act_entry_new(a, K_ACTOR, path, b->npend ? b->pendln[0] : ln);
        if (b->npend) a->ent[b->entry].name = act_pool_add(a, b->pend[0], strlen(b->pend[0]));
    } else if (a->ent[b->entry].code0 + a->ent[b->entry].ncode != a->ncodes) {
        return; /* cannot happen: entries are coded in file order */
    }
    for (int i = 0; i < nc; i++) act_entry_code(a, b->entry, c[i].code, c[i].from, c[i].to);
    for (int i = 0; i < b->npend; i++) {
        if (act_add_phrase(a, b->entry, b->pend[i], 2) < 0) {
            act_warn(a, path, b->pendln[i], "actor name '%.40s' is empty or has more than 32 words", b->pend[i]);
            a->lines--;
        }
        free(b->pend[i]);
    }
    b->npend = 0;
}

static int load_actor_file(ann_actors *a, const char *path, ann_err *err)
{
    lines L;
    if (open_lines(&L, path, err) < 0) return -1;
    block *b = ann_xcalloc(1, sizeof *b);
    b->entry = -1;
    char *s;
    char msg[256];
    act_code codes[16];
    while ((s = next_line(&L))) {
        if (!*s) continue;
        if (*s == '[') {
            if (b->entry < 0 && b->npend == 0) { act_warn(a, path, L.ln, "codes without an actor name before them"); continue; }
            int nc = parse_codes(s, codes, 16, msg, sizeof msg);
            if (nc <= 0) { act_warn(a, path, L.ln, "%s", nc < 0 ? msg : "no code"); continue; }
            a->lines++;
            block_codes(a, b, path, L.ln, codes, nc);
            continue;
        }
        int syn = *s == '+';
        if (syn) s++;
        char *br = strchr(s, '[');
        size_t nl = br ? (size_t)(br - s) : strlen(s);
        while (nl && (s[nl - 1] == ' ' || s[nl - 1] == '\t')) nl--;
        if (!nl) { act_warn(a, path, L.ln, "empty actor name"); continue; }
        int nc = 0;
        if (br && (nc = parse_codes(br, codes, 16, msg, sizeof msg)) < 0) {
            act_warn(a, path, L.ln, "%s", msg);
            continue;
        }
        if (syn && b->entry < 0 && b->npend == 0) { act_warn(a, path, L.ln, "synonym '+' without an actor before it"); continue; }
        if (!syn && b->entry >= 0) b->entry = -1; /* a new actor */
        if (b->npend == MAXPEND) { act_warn(a, path, L.ln, "too many names waiting for a code"); continue; }
        a->lines++;
        b->pend[b->npend] = ann_xstrdup(s);
        b->pend[b->npend][nl] = 0;
        b->pendln[b->npend++] = L.ln;
        if (b->entry >= 0) block_codes(a, b, path, L.ln, NULL, 0);
        else if (nc > 0) block_codes(a, b, path, L.ln, codes, nc);
    }
    block_flush_uncoded(a, b, path);
    free(b);
    free(L.text);
    return 0;
}

typedef struct macro {
    char name[64];
    char *alts[64];
    int nalt;
} macro;

static void plural_of(const char *w, char *out, size_t cap)
{
    size_t n = strlen(w);
    if (n + 3 >= cap) { snprintf(out, cap, "%s", w); return; }
    memcpy(out, w, n + 1);
    char last = (char)toupper((unsigned char)(n ? w[n - 1] : 0));
    char prev = (char)toupper((unsigned char)(n > 1 ? w[n - 2] : 0));
    if (n > 3 && !strcasecmp(w + n - 3, "MAN")) memcpy(out + n - 3, "MEN", 4);
    else if (last == 'Y' && !strchr("AEIOU", prev)) memcpy(out + n - 1, "IES", 4);
    else if (last == 'S' || last == 'X' || (last == 'H' && (prev == 'C' || prev == 'S'))) memcpy(out + n, "ES", 3);
    else memcpy(out + n, "S", 2);
}

/* Adds phrase with every !MACRO! expanded, and its plurals. */
static void add_agent_phrase(ann_actors *a, int e, const char *phrase, const macro *m, int nm,
                             const char *plurals, int depth)
{
    const char *x = strchr(phrase, '!');
    const char *y = x ? strchr(x + 1, '!') : NULL;
    if (x && y && depth < 4) {
        for (int i = 0; i < nm; i++) {
            if (strlen(m[i].name) != (size_t)(y - x + 1) || strncmp(m[i].name, x, (size_t)(y - x + 1))) continue;
            for (int k = 0; k < m[i].nalt; k++) {
                char buf[1024];
                snprintf(buf, sizeof buf, "%.*s%s%s", (int)(x - phrase), phrase, m[i].alts[k], y + 1);
                add_agent_phrase(a, e, buf, m, nm, NULL, depth + 1);
            }
            return;
        }
    }
    act_add_phrase(a, e, phrase, 0);
    char buf[1024];
    plural_of(phrase, buf, sizeof buf);
    act_add_phrase(a, e, buf, 0);
    if (plurals) {
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%s", plurals);
        for (char *t = strtok(tmp, ","); t; t = strtok(NULL, ",")) {
            while (*t == ' ') t++;
            if (*t) act_add_phrase(a, e, t, 0);
        }
    }
}

static int load_agent_file(ann_actors *a, const char *path, ann_err *err)
{
    lines L;
    if (open_lines(&L, path, err) < 0) return -1;
    macro *m = ann_xcalloc(64, sizeof *m);
    int nm = 0;
    char *s;
    while ((s = next_line(&L))) {
        if (!*s) continue;
        char *mend = *s == '!' ? strchr(s + 1, '!') : NULL;
        char *after = mend ? mend + 1 : NULL;
        while (after && (*after == ' ' || *after == '\t')) after++;
        if (after && *after == '=') {
            char *eq = after;
            char *end = mend;
            if (nm == 64 || nm == 64 || (size_t)(end - s + 1) >= sizeof m[0].name) {
                act_warn(a, path, L.ln, "bad substitution (write !NAME! = A, B, C)");
                continue;
            }
            macro *mc = &m[nm++];
            snprintf(mc->name, sizeof mc->name, "%.*s", (int)(end - s + 1), s);
            for (char *t = strtok(eq + 1, ","); t && mc->nalt < 64; t = strtok(NULL, ",")) {
                while (*t == ' ' || *t == '\t') t++;
                char *te = t + strlen(t);
                while (te > t && (te[-1] == ' ' || te[-1] == '\t')) *--te = 0;
                if (*t) mc->alts[mc->nalt++] = t; /* points into L.text, alive until the end */
            }
            a->lines++;
            continue;
        }
        char *br = strchr(s, '[');
        char *brend = br ? strchr(br, ']') : NULL;
        if (!br || !brend) { act_warn(a, path, L.ln, "agent without a [~CODE]"); continue; }
        char code[20];
        size_t cl = 0;
        for (char *p = br + 1; p < brend; p++) {
            if (*p == '~' || *p == ' ') continue;
            if (!isalnum((unsigned char)*p) || cl + 1 >= sizeof code) { cl = 0; break; }
            code[cl++] = (char)toupper((unsigned char)*p);
        }
        code[cl] = 0;
        if (cl < 3) { act_warn(a, path, L.ln, "bad agent code '%.*s'", (int)(brend - br + 1), br); continue; }
        char *cb = strchr(s, '{');
        char *plurals = NULL;
        char *pend = br;
        if (cb && cb < br) {
            char *ce = strchr(cb, '}');
            if (!ce || ce > br) { act_warn(a, path, L.ln, "'{' without '}'"); continue; }
            *ce = 0;
            plurals = cb + 1;
            pend = cb;
        }
        while (pend > s && (pend[-1] == ' ' || pend[-1] == '\t')) pend--;
        *pend = 0;
        if (!*s) { act_warn(a, path, L.ln, "agent without a phrase"); continue; }
        int e = act_entry_new(a, K_AGENT, path, L.ln);
        a->ent[e].name = act_pool_add(a, s, strlen(s));
        act_entry_code(a, e, code, 0, 0);
        add_agent_phrase(a, e, s, m, nm, plurals, 0);
        a->lines++;
    }
    free(m);
    free(L.text);
    return 0;
}

static int load_discard_file(ann_actors *a, const char *path, ann_err *err)
{
    lines L;
    if (open_lines(&L, path, err) < 0) return -1;
    char *s;
    while ((s = next_line(&L))) {
        if (!*s) continue;
        int doc = *s == '+';
        if (doc) s++;
        while (*s == ' ') s++;
        if (!*s) { act_warn(a, path, L.ln, "empty discard phrase"); continue; }
        int e = act_entry_new(a, doc ? K_DISCARD_DOC : K_DISCARD, path, L.ln);
        a->ent[e].name = act_pool_add(a, s, strlen(s));
        act_add_phrase(a, e, s, 0);
        a->lines++;
    }
    free(L.text);
    return 0;
}

ann_actors *ann_actors_load_petrarch(const char *const *actor_files, int nactor,
                                     const char *const *agent_files, int nagent,
                                     const char *const *discard_files, int ndiscard,
                                     ann_err *err)
{
    ann_actors *a = act_new();
    a->petrarch = 1;
    /* About one trie node per 24 bytes of dictionary text. */
    long bytes = 0;
    struct stat st;
    for (int i = 0; i < nactor; i++) if (!stat(actor_files[i], &st)) bytes += (long)st.st_size;
    for (int i = 0; i < nagent; i++) if (!stat(agent_files[i], &st)) bytes += (long)st.st_size;
    act_reserve(a, bytes / 24);
    for (int i = 0; i < nactor; i++)
        if (load_actor_file(a, actor_files[i], err) < 0) goto fail;
    for (int i = 0; i < nagent; i++)
        if (load_agent_file(a, agent_files[i], err) < 0) goto fail;
    for (int i = 0; i < ndiscard; i++)
        if (load_discard_file(a, discard_files[i], err) < 0) goto fail;
    return a;
fail:
    ann_actors_free(a);
    return NULL;
}
