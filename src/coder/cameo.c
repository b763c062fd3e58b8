/* CAMEO facts per event code (name, Goldstein weight, quad class, PLOVER mapping), read from our
 * own table data/dict/cameo/cameo.tsv (written by tools/import-cameo-tables). */
#include "coder_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_info(const void *a, const void *b)
{
    return strcmp(((const ann_cameo_info *)a)->code, ((const ann_cameo_info *)b)->code);
}

int ann_cameo_load(ann_coder *c, const char *dir, ann_err *err)
{
    char *path;
    if (dir) {
        path = ann_xmalloc(strlen(dir) + 32);
        sprintf(path, "%s/cameo/cameo.tsv", dir);
    } else {
        path = ann_data_path("dict/cameo/cameo.tsv");
        if (!path) {
            ann_err_set(err, 1, "cannot find data/dict/cameo/cameo.tsv; set ANNALIST_DATA or pass --dict DIR");
            return -1;
        }
    }
    size_t len;
    char *text = ann_read_file(path, &len, 0, err);
    if (!text) { free(path); return -1; }
    char *dup = ann_arena_strndup(&c->arena, text, len);
    free(text);
    int cap = 512, lineno = 0;
    c->cameo = ann_xcalloc((size_t)cap, sizeof *c->cameo);
    char *p = dup;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        char *l = p;
        p = nl ? nl + 1 : NULL;
        lineno++;
        if (!*l || *l == '#') continue;
        char *f[7] = {0};
        int nf = 0;
        f[nf++] = l;
        for (char *q = l; *q && nf < 7; q++)
            if (*q == '\t') { *q = 0; f[nf++] = q + 1; }
        if (nf < 4) {
            ann_err_set(err, 1, "%s:%d: expected code, name, goldstein, quad (tab-separated)", path, lineno);
            free(path);
            return -1;
        }
        if (c->ncameo == cap) {
            cap *= 2;
            c->cameo = ann_xrealloc(c->cameo, (size_t)cap * sizeof *c->cameo);
        }
        ann_cameo_info *ci = &c->cameo[c->ncameo++];
        ci->code = f[0];
        ci->name = f[1];
        ci->goldstein = atof(f[2]);
        ci->quad_class = atoi(f[3]);
        ci->plover_type = nf > 4 && *f[4] ? f[4] : NULL;
        ci->plover_mode = nf > 5 && *f[5] ? f[5] : NULL;
        ci->plover_context = nf > 6 && *f[6] ? f[6] : NULL;
    }
    free(path);
    qsort(c->cameo, (size_t)c->ncameo, sizeof *c->cameo, cmp_info);
    return 0;
}

/* The entry for code, or for its nearest listed parent ("0871" -> "087" -> "08"). */
const ann_cameo_info *ann_cameo_lookup(const ann_coder *c, const char *code)
{
    char buf[8];
    snprintf(buf, sizeof buf, "%s", code);
    for (size_t n = strlen(buf); n >= 2; buf[--n] = 0) {
        ann_cameo_info key = {.code = buf};
        const ann_cameo_info *r = bsearch(&key, c->cameo, (size_t)c->ncameo, sizeof key, cmp_info);
        if (r) return r;
    }
    return NULL;
}
