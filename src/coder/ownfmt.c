/* Reader for our own pattern format (the .txt files of data/dict/verbs; documented in the directory's
 * README.md). Lines are sets ("@NAME lemma lemma @OTHER ...") and rules ("verb LEMMAS CODE
 * conditions..." / "noun LEMMAS CODE conditions..."); errors name file:line. */
#include "coder_int.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *grow(void *p, int n, size_t elem)
{
    if (n == 0 || (n & (n - 1)) == 0) p = ann_xrealloc(p, (size_t)(n ? n * 2 : 4) * elem);
    return p;
}

static int set_find(const ann_coder *c, const char *name)
{
    for (int i = 0; i < c->noset; i++)
        if (!strcmp(c->oset[i].name, name)) return i;
    return -1;
}

static void set_add_word(ann_coder *c, oset *s, const char *w)
{
    s->w = grow(s->w, s->nw, sizeof *s->w);
    char up[128];
    ann_coder_upper(up, w, sizeof up);
    s->w[s->nw++] = ann_arena_strdup(&c->arena, up);
}

/* "a|b|@SET" -> a new anonymous set, or the named set itself when alone. */
static int words_to_set(ann_coder *c, const char *spec, const char *where, ann_err *err)
{
    if (spec[0] == '@' && !strchr(spec, '|')) {
        char up[128];
        ann_coder_upper(up, spec + 1, sizeof up);
        int k = set_find(c, up);
        if (k < 0) ann_err_set(err, 1, "%s: unknown set @%s; define it with '@%s word ...' first", where, spec + 1, spec + 1);
        return k;
    }
    c->oset = grow(c->oset, c->noset, sizeof *c->oset);
    int k = c->noset++;
    memset(&c->oset[k], 0, sizeof c->oset[k]);
    c->oset[k].name = "";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    char *sv, *w = strtok_r(buf, "|", &sv);
    while (w) {
        if (w[0] == '@') {
            char up[128];
            ann_coder_upper(up, w + 1, sizeof up);
            int o = set_find(c, up);
            if (o < 0) { ann_err_set(err, 1, "%s: unknown set %s", where, w); return -1; }
            for (int i = 0; i < c->oset[o].nw; i++) set_add_word(c, &c->oset[k], c->oset[o].w[i]);
        } else {
            set_add_word(c, &c->oset[k], w);
        }
        w = strtok_r(NULL, "|", &sv);
    }
    return k;
}

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++) if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

static int load_line(ann_coder *c, char *l, const char *where, ann_err *err)
{
    char *tok[32];
    int nt = 0;
    char *sv, *t = strtok_r(l, " \t", &sv);
    while (t && nt < 32) { tok[nt++] = t; t = strtok_r(NULL, " \t", &sv); }
    if (!nt) return 0;
    if (tok[0][0] == '@') {
        c->oset = grow(c->oset, c->noset, sizeof *c->oset);
        oset *s = &c->oset[c->noset++];
        memset(s, 0, sizeof *s);
        char up[128];
        ann_coder_upper(up, tok[0] + 1, sizeof up);
        s->name = ann_arena_strdup(&c->arena, up);
        for (int i = 1; i < nt; i++) {
            if (tok[i][0] == '@') {
                char u2[128];
                ann_coder_upper(u2, tok[i] + 1, sizeof u2);
                int o = set_find(c, u2);
                if (o < 0) { ann_err_set(err, 1, "%s: unknown set %s", where, tok[i]); return -1; }
                for (int k = 0; k < c->oset[o].nw; k++) set_add_word(c, &c->oset[c->noset - 1], c->oset[o].w[k]);
            } else {
                set_add_word(c, &c->oset[c->noset - 1], tok[i]);
            }
        }
        return 0;
    }
    int noun = !strcmp(tok[0], "noun");
    if (!noun && strcmp(tok[0], "verb")) {
        ann_err_set(err, 1, "%s: a line starts with 'verb', 'noun' or '@SET', not '%s'", where, tok[0]);
        return -1;
    }
    if (nt < 3) {
        ann_err_set(err, 1, "%s: expected '%s LEMMAS CODE [conditions]'", where, tok[0]);
        return -1;
    }
    c->orl = grow(c->orl, c->norl, sizeof *c->orl);
    orule *r = &c->orl[c->norl];
    memset(r, 0, sizeof *r);
    r->noun = (unsigned char)noun;
    char *colon = strchr(tok[2], ':');
    if (colon) { *colon = 0; snprintf(r->rcode, sizeof r->rcode, "%s", colon + 1); }
    snprintf(r->code, sizeof r->code, "%s", tok[2]);
    if (!valid_code(r->code) || (colon && r->rcode[0] && !valid_code(r->rcode))) {
        ann_err_set(err, 1, "%s: '%s' is not a CAMEO event code (2-4 digits, optionally CODE:REVERSE)", where, tok[2]);
        return -1;
    }
    /* the conditions as written ("+xcomp=@INVESTIGATE"), for the event's `pattern` */
    ann_buf conds = {0};
    for (int i = 3; i < nt; i++) {
        ann_buf_putc(&conds, '+');
        ann_buf_puts(&conds, tok[i]);
    }
    for (int i = 3; i < nt; i++) {
        char *a = tok[i], *eq = strchr(a, '=');
        if (!strcmp(a, "recip")) { r->recip = 1; continue; }
        if (!eq) { ann_err_set(err, 1, "%s: condition '%s' is not NAME=VALUE or 'recip'", where, a); ann_buf_free(&conds); return -1; }
        *eq = 0;
        char *val = eq + 1;
        if (!strcmp(a, "target") || !strcmp(a, "source")) {
            char up[32];
            ann_coder_upper(up, val, sizeof up);
            if (a[0] == 't') r->target_prep = ann_arena_strdup(&c->arena, up);
            else r->source_prep = ann_arena_strdup(&c->arena, up);
            continue;
        }
        if (r->nc == 6) { ann_err_set(err, 1, "%s: at most 6 conditions", where); ann_buf_free(&conds); return -1; }
        ocond *oc = &r->c[r->nc];
        memset(oc, 0, sizeof *oc);
        if (!strcmp(a, "obj")) oc->kind = OC_OBJ;
        else if (!strcmp(a, "xcomp")) oc->kind = OC_XCOMP;
        else if (!strcmp(a, "prt")) oc->kind = OC_PRT;
        else if (!strcmp(a, "subj")) oc->kind = OC_SUBJ;
        else if (!strcmp(a, "mod")) oc->kind = OC_MOD;
        else if (!strcmp(a, "prep")) {
            oc->kind = OC_PREP;
            char *c2 = strchr(val, ':');
            char up[32];
            if (c2) *c2 = 0;
            ann_coder_upper(up, val, sizeof up);
            oc->prep = ann_arena_strdup(&c->arena, up);
            val = c2 ? c2 + 1 : "*";
        } else {
            ann_err_set(err, 1, "%s: unknown condition '%s' (obj, prep, xcomp, prt, subj, mod, target, recip)", where, a);
            ann_buf_free(&conds);
            return -1;
        }
        if (!strcmp(val, "*")) oc->set = -1;
        else if ((oc->set = words_to_set(c, val, where, err)) < 0) { ann_buf_free(&conds); return -1; }
        r->nc++;
    }
    r->text = ann_arena_printf(&c->arena, "%s", where);
    int ri = c->norl++;
    /* index the rule under each head lemma */
    int hs = words_to_set(c, tok[1], where, err);
    if (hs < 0) { ann_buf_free(&conds); return -1; }
    for (int i = 0; i < c->oset[hs].nw; i++) {
        c->verb = grow(c->verb, c->nverb, sizeof *c->verb);
        pverb *v = &c->verb[c->nverb++];
        memset(v, 0, sizeof *v);
        v->word = c->oset[hs].w[i];
        v->blk = ri;
        v->block = tok[0];
    }
    r->text = ann_arena_printf(&c->arena, "%s\t%s", conds.s ? conds.s : "", where);
    ann_buf_free(&conds);
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

ann_coder *ann_coder_load(const char *dir, ann_err *err)
{
    char *def = NULL;
    if (!dir) {
        def = ann_data_path("dict");
        if (!def) {
            ann_err_set(err, 1, "cannot find annalist's data/dict; set ANNALIST_DATA or pass --dict DIR");
            return NULL;
        }
        dir = def;
    }
    ann_coder *c = ann_xcalloc(1, sizeof *c);
    c->own_format = 1;
    c->require_target = 0;
    char vdir[4096];
    snprintf(vdir, sizeof vdir, "%s/verbs", dir);
    if (ann_cameo_load(c, dir, err) < 0) goto fail;
    DIR *dd = opendir(vdir);
    if (!dd) {
        ann_err_set(err, 1, "%s: cannot open the verb pattern directory; pass --dict DIR with a verbs/ subdirectory", vdir);
        goto fail;
    }
    char *names[256];
    int nn = 0;
    struct dirent *de;
    while ((de = readdir(dd)) && nn < 256) {
        size_t L = strlen(de->d_name);
        if (L > 4 && !strcmp(de->d_name + L - 4, ".txt")) names[nn++] = ann_xstrdup(de->d_name);
    }
    closedir(dd);
    qsort(names, (size_t)nn, sizeof *names, cmp_name);
    int rc = 0;
    for (int f = 0; f < nn; f++) {
        char path[4600];
        snprintf(path, sizeof path, "%s/%s", vdir, names[f]);
        size_t len;
        char *text = rc ? NULL : ann_read_file(path, &len, 0, err);
        if (!text) rc = -1;
        char *p = text;
        int lineno = 0;
        while (p && *p && !rc) {
            char *nl = strchr(p, '\n');
            if (nl) *nl = 0;
            lineno++;
            char *hash = strchr(p, '#');
            if (hash) *hash = 0;
            char where[4700];
            snprintf(where, sizeof where, "%s:%d", names[f], lineno);
            if (load_line(c, p, where, err) < 0) rc = -1;
            p = nl ? nl + 1 : NULL;
        }
        free(text);
        free(names[f]);
    }
    if (rc < 0) goto fail;
    if (!c->norl) {
        ann_err_set(err, 1, "%s: no patterns found (files *.txt)", vdir);
        goto fail;
    }
    ann_coder_add_verb_index(c);
    free(def);
    return c;
fail:
    free(def);
    ann_coder_free(c);
    return NULL;
}
