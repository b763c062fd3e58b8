/* `annalist validate FILE.xml`: codes PETRARCH/UniversalPetrarch validation records with the
 * dictionaries they name and compares with their gold <EventCoding> lines. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist validate [options] FILE.xml\n\n"
    "Runs a PETRARCH/UniversalPetrarch validation file: codes each <Sentence> from its <Parse>\n"
    "with the dictionaries its <Environment> names (resolved beside FILE.xml) and compares the\n"
    "events with its <EventCoding> lines. Prints one line per failing record, then\n"
    "'N passed, N failed' and event precision/recall/F1 (a code matches when equal or when\n"
    "one extends the other by sub-code; source and target must be equal).\n\n"
    "  --verbs FILE     verb dictionary instead of the <Verbfile> named\n"
    "  --dict DIR       our own dictionaries and patterns (data/dict) instead of the named ones\n"
    "  --reparse        parse <Text> with annalist's own parser instead of using <Parse>\n"
    "                   (the dictionaries are still the named ones, or --dict's)\n"
    "  --category LIST  only records whose category/source is in the comma-separated LIST\n"
    "  -v, --verbose    print every record, with each event's trigger and pattern\n"
    "  -q, --quiet      only the summary lines\n\n"
    "Exit status: 0 ran (whatever the score), 1 a file could not be read, 2 usage error.\n"
    "Example: annalist validate --verbs PETR.Validate.verbs.2.0.txt "
    "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml\n";

typedef struct vopts {
    const char *verbs, *dict, *category;
    int reparse, verbose, quiet;
} vopts;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    vopts *o = ctx;
    const char *a = argv[i];
    if (!strcmp(a, "--verbs") || !strcmp(a, "--dict") || !strcmp(a, "--category")) {
        if (i + 1 >= argc) { cli_error("validate: %s needs a value", a); return -1; }
        if (!strcmp(a, "--verbs")) o->verbs = argv[i + 1];
        else if (!strcmp(a, "--dict")) o->dict = argv[i + 1];
        else o->category = argv[i + 1];
        return 2;
    }
    if (!strcmp(a, "--reparse")) { o->reparse = 1; return 1; }
    if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) { o->verbose = 1; return 1; }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { o->quiet = 1; return 1; }
    return 0;
}

/* Codes relate when equal or when one extends the other ("19" ~ "195", "0871" ~ "087"). */
static int code_match(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    size_t n = na < nb ? na : nb;
    return n >= 2 && !strncmp(a, b, n);
}

typedef struct trip { const char *code, *src, *tgt; } trip;

static const char *nz(const char *s) { return s && *s ? s : "---"; }

/* PETRARCH writes a sector (role) code found without a country as "---GOV", "---MIL"; our
 * actor stage writes the bare "GOV". The CAMEO sector codes are a closed list. */
static const char *petrarch_actor(char *buf, size_t cap, const char *code)
{
    static const char sectors[] =
        " AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PTY RAD REB REF"
        " SEP SPY UAF ";
    if (!code || strlen(code) < 3 || strlen(code) % 3) return nz(code);
    char key[6] = {' ', code[0], code[1], code[2], ' ', 0};
    if (!strstr(sectors, key)) return code;
    snprintf(buf, cap, "---%s", code);
    return buf;
}

static void print_trips(FILE *f, const trip *t, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) fprintf(f, "%s%s %s>%s", i ? ", " : "", t[i].code, t[i].src, t[i].tgt);
    fputc(']', f);
}

int cmd_validate(int argc, char **argv)
{
    cli_common c;
    vopts o = {0};
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &o);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if (c.nfiles != 1) {
        cli_error("validate: give exactly one validation file; see 'annalist validate --help'");
        free(c.files);
        return 2;
    }
    ann_err err;
    ann_err_clear(&err);
    ann_vfile *vf = ann_validation_read(c.files[0], &err);
    free(c.files);
    if (!vf) { cli_error("validate: %s", err.msg); return 1; }

    ann_coder *coder = NULL;
    ann_actors *actors = NULL;
    if (o.dict) {
        char path[4096];
        coder = ann_coder_load(o.dict, &err);
        snprintf(path, sizeof path, "%s/actors", o.dict);
        if (coder) actors = ann_actors_load_dir(path, &err);
    } else {
        const char *verbs = o.verbs ? o.verbs : vf->verbfile;
        if (!verbs) {
            cli_error("validate: %s names no <Verbfile>; pass --verbs FILE", vf->path);
            ann_validation_free(vf);
            return 1;
        }
        coder = ann_coder_load_petrarch(verbs, NULL, &err);
        if (coder)
            actors = ann_actors_load_petrarch((const char *const *)vf->actors, vf->nactors,
                                              (const char *const *)vf->agents, vf->nagents,
                                              (const char *const *)vf->discards, vf->ndiscards, &err);
    }
    if (!coder || !actors) {
        cli_error("validate: %s", err.msg);
        ann_coder_free(coder);
        if (actors) ann_actors_free(actors);
        ann_validation_free(vf);
        return 1;
    }
    ann_pipeline *pl = NULL;
    if (o.reparse) {
        /* our parser only: the dictionaries chosen above code the parses */
        ann_pipeline_opts po = {.dict_dir = o.dict, .stop_after = ANN_STAGE_PARSE};
        pl = ann_pipeline_open(&po, &err);
        ann_pipeline_info pi = {0};
        if (pl) ann_pipeline_get_info(pl, &pi);
        if (pl && !pi.has_parser) {
            cli_error("validate: --reparse needs a parser model (data/models/en_ud.annm), which this "
                      "installation lacks; train it with 'make model', or use the file's <Parse>");
            ann_pipeline_close(pl);
            ann_coder_free(coder);
            ann_actors_free(actors);
            ann_validation_free(vf);
            return 2;
        }
        if (!pl) {
            cli_error("validate: %s", err.msg);
            ann_coder_free(coder);
            ann_actors_free(actors);
            ann_validation_free(vf);
            return 1;
        }
    }

    int passed = 0, failed = 0;
    long gold_n = 0, sys_n = 0, tp_sys = 0, tp_gold = 0;
    for (int i = 0; i < vf->nrec; i++) {
        const ann_vrecord *r = &vf->rec[i];
        if (o.category && (!r->category || !strstr(o.category, r->category))) continue;
        ann_doc *d;
        if (o.reparse) {
            d = ann_doc_new();
            ann_doc_set_text(d, r->text, strlen(r->text));
            d->id = ann_arena_strdup(&d->arena, r->id);
            ann_validation_set_date(r, d);
            if (ann_pipeline_process(pl, d, &err) < 0 || ann_actors_tag(actors, d, &err) < 0 ||
                ann_coder_code(coder, d, &err) < 0) {
                ann_doc_free(d);
                d = NULL;
            }
        } else {
            d = ann_validation_doc(r, &err);
            if (d && (ann_actors_tag(actors, d, &err) < 0 || ann_coder_code(coder, d, &err) < 0)) {
                ann_doc_free(d);
                d = NULL;
            }
        }
        if (!d) {
            fprintf(stdout, "ERROR %s (%s:%ld): %s\n", r->id, vf->path, r->line, err.msg);
            failed++;
            gold_n += r->ncoding;
            continue;
        }
        trip sys[64], gold[64];
        char names[64][2][40];
        int ns = 0, ng = 0;
        for (int k = 0; k < d->nevent && ns < 64; k++) {
            const ann_event *e = &d->event[k];
            if (e->duplicate) continue;
            sys[ns] = (trip){e->code, petrarch_actor(names[ns][0], sizeof names[ns][0], e->source.code),
                             petrarch_actor(names[ns][1], sizeof names[ns][1], e->target.code)};
            ns++;
        }
        for (int k = 0; k < r->ncoding && ng < 64; k++)
            gold[ng++] = (trip){r->coding[k].code, nz(r->coding[k].source), nz(r->coding[k].target)};
        int exact = 1, used[64] = {0};
        for (int a = 0; a < ns; a++) {
            int hit = 0, ex = 0;
            for (int b = 0; b < ng; b++) {
                if (strcmp(sys[a].src, gold[b].src) || strcmp(sys[a].tgt, gold[b].tgt)) continue;
                if (code_match(sys[a].code, gold[b].code)) hit = 1;
                if (!strcmp(sys[a].code, gold[b].code)) ex = 1, used[b] = 1;
            }
            tp_sys += hit;
            if (!ex) exact = 0;
        }
        for (int b = 0; b < ng; b++) {
            int hit = 0;
            for (int a = 0; a < ns; a++)
                if (!strcmp(sys[a].src, gold[b].src) && !strcmp(sys[a].tgt, gold[b].tgt) &&
                    code_match(sys[a].code, gold[b].code))
                    hit = 1;
            tp_gold += hit;
            if (!used[b]) exact = 0;
        }
        sys_n += ns;
        gold_n += ng;
        if (exact) passed++; else failed++;
        if ((!exact && !o.quiet) || o.verbose) {
            printf("%s %s (line %ld): want ", exact ? "ok  " : "FAIL", r->id, r->line);
            print_trips(stdout, gold, ng);
            printf(" got ");
            print_trips(stdout, sys, ns);
            putchar('\n');
            if (o.verbose && !exact) {
                printf("    actors:");
                for (int k = 0; k < d->nment; k++)
                    printf(" [%.*s]=%s", (int)(d->ment[k].end - d->ment[k].start), d->text + d->ment[k].start,
                           d->ment[k].code ? d->ment[k].code : "?");
                putchar('\n');
            }
            if (o.verbose)
                for (int k = 0; k < d->nevent; k++) {
                    const ann_event *e = &d->event[k];
                    printf("    %s %s>%s  trigger '%s'  pattern '%s'\n", e->code, nz(e->source.code),
                           nz(e->target.code), e->trigger_text ? e->trigger_text : "",
                           e->pattern ? e->pattern : "");
                }
        }
        ann_doc_free(d);
    }
    double P = sys_n ? (double)tp_sys / (double)sys_n : 0, R = gold_n ? (double)tp_gold / (double)gold_n : 0;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    printf("events: %ld gold, %ld coded; precision %.3f recall %.3f F1 %.3f\n", gold_n, sys_n, P, R, F);
    printf("%d passed, %d failed\n", passed, failed);
    if (pl) ann_pipeline_close(pl);
    ann_coder_free(coder);
    ann_actors_free(actors);
    ann_validation_free(vf);
    return 0;
}
