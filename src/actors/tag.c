/* Actor recognition and coding: longest dictionary matches over tokens (and lemmas), then
 * composition of neighbouring matches into one actor ("Iranian" + "President" + "Masoud
 * Pezeshkian" -> IRNGOV), dated codes, "former", capitals as metonymy, unknown names. */
#include "actors_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <utf8proc.h>

typedef struct match {
    int first, last, entry;
} match;

static int tok_upper(const ann_token *t)
{
    const unsigned char *s = (const unsigned char *)t->form;
    if (!*s) return 0;
    /* a capital inside a word is no common word's spelling ("iSrael", "eBay"): a name */
    for (const unsigned char *p = s + 1; *p; p++)
        if (isupper(*p)) return 1;
    if (*s < 0x80) return isupper(*s) || !isalpha(*s);
    utf8proc_int32_t cp;
    if (utf8proc_iterate(s, -1, &cp) <= 0) return 0;
    return utf8proc_isupper(cp) || !(utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
                                     utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO);
}

static int no_lower(const ann_token *t)
{
    for (const unsigned char *p = (const unsigned char *)t->form; *p; p++)
        if (islower(*p)) return 0;
    return 1;
}

static int caps_ok(const ann_sentence *s, int i, uint32_t mask, uint32_t up)
{
    for (int k = 0; mask; k++, mask >>= 1)
        if ((mask & 1) && !tok_upper(&s->tok[i + k])) return 0;
    for (int k = 0; up; k++, up >>= 1)
        if ((up & 1) && !no_lower(&s->tok[i + k])) return 0;
    return 1;
}

/* True when one of the entry's dated codes holds the date. */
static int dated_hit(const ann_actors *a, int e, int32_t date)
{
    const act_entry *en = &a->ent[e];
    for (int i = 0; i < en->ncode; i++) {
        const act_code *c = &a->codes[en->code0 + i];
        if ((c->from || c->to) && (!c->from || c->from <= date) && (!c->to || date < c->to)) return 1;
    }
    return 0;
}

/* The entry a phrase leads to: when several do ("President Bush" for two presidents), the
 * first whose dated codes hold the document date, else the first in file order. */
static int first_rec(const ann_actors *a, const act_node *nd, const ann_sentence *s, int i, int32_t date,
                     int relax)
{
    int first = -1;
    for (int r = nd->rec; r >= 0; r = a->recs[r].next) {
        int e = a->recs[r].entry;
        if (relax ? a->ent[e].kind != K_PERSON : !caps_ok(s, i, a->recs[r].capmask, a->recs[r].upmask)) continue;
        if (first < 0) first = e;
        if (a->recs[r].next < 0 && e == first) break;
        if (dated_hit(a, e, date)) return e;
    }
    return first;
}

/* Length of a normalized token without trailing punctuation and possessive. */
static size_t strip_len(const char *s, size_t n)
{
    for (;;) {
        if (n >= 3 && s[n - 2] == '\'' && s[n - 1] == 's') { n -= 2; continue; }
        if (n >= 5 && !memcmp(s + n - 4, "\xe2\x80\x99s", 4)) { n -= 4; continue; }
        if (n >= 2 && strchr(",.;:!?\"'", s[n - 1])) { n--; continue; }
        if (n >= 4 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9d || (unsigned char)s[n - 1] == 0x9c)) { n -= 3; continue; }
        return n;
    }
}

/* Longest match starting at token i; the last word may match by lemma ("officials").
 * relax: people only, in any case ("President obama"). */
static int longest(const ann_actors *a, const ann_sentence *s, int i, int *last, int32_t date, int relax)
{
    uint64_t h = ACT_ROOT_SEED;
    char buf[512];
    int best = -1;
    for (int j = i; j < s->ntok && j - i < a->maxlen; j++) {
        const ann_token *t = &s->tok[j];
        uint64_t prev = h;
        size_t n = act_norm(t->form, strlen(t->form), buf, sizeof buf);
        h = act_step(prev, buf, n);
        const act_node *nd = act_find(a, h);
        int e = nd && nd->rec >= 0 ? first_rec(a, nd, s, i, date, relax) : -1;
        if (e < 0 && t->lemma && strcmp(t->lemma, "_")) {
            char lb[512];
            size_t ln = act_norm(t->lemma, strlen(t->lemma), lb, sizeof lb);
            if (ln != n || memcmp(lb, buf, n)) {
                const act_node *ld = act_find(a, act_step(prev, lb, ln));
                if (ld && ld->rec >= 0) e = first_rec(a, ld, s, i, date, relax);
            }
        }
        /* Tokenizers that leave "Aliyev," or "Iran's" whole: match the word inside. */
        if (e < 0) {
            size_t k = strip_len(buf, n);
            if (k && k < n) {
                const act_node *sd = act_find(a, act_step(prev, buf, k));
                if (sd && sd->rec >= 0) e = first_rec(a, sd, s, i, date, relax);
            }
        }
        /* A sector noun is a noun: "forces" in "he forces", "pressed" are verbs. */
        if (e >= 0 && a->ent[e].kind == K_AGENT && t->upos &&
            (!strcmp(t->upos, "VERB") || !strcmp(t->upos, "AUX")))
            e = -1;
        if (e >= 0) { best = e; *last = j; }
        if (!nd) break;
    }
    return best;
}

static int32_t doc_date(const ann_doc *d)
{
    if (d->date) {
        int32_t v = act_parse_date(d->date, strlen(d->date));
        if (v > 0) return v;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The entry's code for the date: the first dated code covering it, else the first undated. */
static const char *entry_code(const ann_actors *a, int e, int32_t date)
{
    const act_entry *en = &a->ent[e];
    const char *dflt = NULL;
    for (int i = 0; i < en->ncode; i++) {
        const act_code *c = &a->codes[en->code0 + i];
        if (!c->from && !c->to) {
            if (!dflt) dflt = c->code;
            continue;
        }
        if ((!c->from || c->from <= date) && (!c->to || date < c->to)) return c->code;
    }
    return dflt;
}

static int is_word(const ann_token *t, const char *w) { return !strcasecmp(t->form, w); }

static int is_possessive(const ann_token *t)
{
    return is_word(t, "'s") || is_word(t, "'") || !strcmp(t->form, "\xe2\x80\x99s") ||
           !strcmp(t->form, "\xe2\x80\x99");
}

static const char *const not_names[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "I", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Jan", "Jan.",
    "Feb", "Feb.", "Mar", "Mar.", "Apr", "Apr.", "Jun", "Jun.", "Jul", "Jul.", "Aug", "Aug.", "Sep",
    "Sep.", "Sept", "Sept.", "Oct", "Oct.", "Nov", "Nov.", "Dec", "Dec.", NULL};

static int is_name_token(const ann_sentence *s, int i)
{
    const ann_token *t = &s->tok[i];
    if (!isalpha((unsigned char)t->form[0]) && (unsigned char)t->form[0] < 0x80) return 0;
    for (int k = 0; not_names[k]; k++)
        if (!strcmp(t->form, not_names[k])) return 0;
    if (t->upos) return !strcmp(t->upos, "PROPN");
    /* Untagged text: a capitalized word that does not open the sentence, or opens it
     * followed by another name ("Groucho Marx laughed"). */
    if (!tok_upper(t) || !isalpha((unsigned char)t->form[0])) return 0;
    if (i > 0) return strcmp(s->tok[i - 1].form, "\"") && strcmp(s->tok[i - 1].form, ":");
    static const char *const openers[] = {
        "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "For", "From", "With",
        "After", "Before", "When", "While", "Despite", "According", "This", "That", "These", "Those",
        "It", "He", "She", "They", "We", "You", "His", "Her", "Their", "Our", "Its", "There", "Some",
        "Many", "Most", "All", "Both", "Several", "Two", "Three", "Last", "Next", "Since", "Although",
        "However", "Meanwhile", "Under", "Over", "By", "To", "Of", "During", "Following", NULL};
    for (int k = 0; openers[k]; k++)
        if (!strcmp(t->form, openers[k])) return 0;
    return s->ntok > 1 && isalpha((unsigned char)s->tok[1].form[0]) && tok_upper(&s->tok[1]);
}

/* Token i is a hyphen glued to the words on both sides, inside one name ("Kim Shin-Wook",
 * "Leung Che-cheung", "Udvar-Hazy"), when the tokenizer split it off. */
static int name_hyphen(const ann_sentence *s, int i)
{
    if (i < 1 || i + 1 >= s->ntok || strcmp(s->tok[i].form, "-")) return 0;
    const ann_token *p = &s->tok[i - 1], *h = &s->tok[i], *n = &s->tok[i + 1];
    if (p->end != h->start || h->end != n->start || h->start == h->end) return 0;
    return isalpha((unsigned char)n->form[0]) || (unsigned char)n->form[0] >= 0x80;
}

typedef struct group {
    int first, last;
    char country[20], agent[20], full[20];
    int has_country, has_agent, has_full, capital, former, null_code, full_kind;
    int head, dropped;
    int ents[8];
    int nents;
} group;

static void group_add_entry(group *g, int e)
{
    if (g->nents < 8) g->ents[g->nents++] = e;
}

/* Sorts a match into the group's slots; returns 0 when it does not fit (the group ends). */
static int is_country_code(const char *c);

/* The code already says the sector, at its end or as a group's sector after the country:
 * "AFP correspondent" (FRAMED), "KPA commanders" (PRKMIL), "al-Shabaab fighters"
 * (SOMREBSHB): no FRAMEDMED, PRKMILMIL, SOMREBSHBREB. */
static int says_sector(const char *code, const char *sector)
{
    size_t n = strlen(code), k = strlen(sector);
    if (!k || n <= 3) return 0;
    if (n > k && !strcmp(code + n - k, sector)) return 1;
    return k == 3 && n >= 6 && !strncmp(code + 3, sector, 3) && is_country_code(code);
}

static int group_take(const ann_actors *a, group *g, const match *m, int32_t date, int gap_kind)
{
    const act_entry *en = &a->ent[m->entry];
    int kind = en->kind;
    const char *code = entry_code(a, m->entry, date);
    if (kind == K_DISCARD || kind == K_DISCARD_DOC || kind == K_IGNORE) return 0;
    int countryish = kind == K_COUNTRY || kind == K_ADJ || kind == K_CAPITAL || kind == K_PLACE ||
                     (kind == K_ACTOR && code && strlen(code) == 3);
    /* gap_kind: 0 adjacent, 1 possessive between, 2 "of (the)" between, -1 new group */
    if (gap_kind == 1 && !(g->has_country && !g->has_agent && !g->has_full && kind == K_AGENT)) return 0;
    if (gap_kind == 2 && !(g->has_agent && !g->has_country && !g->has_full && countryish)) return 0;
    if (kind == K_MODIFIER) {
        if (gap_kind != -1 && (g->has_full)) return 0;
        g->former = 1;
    } else if (countryish) {
        if (g->has_country || g->has_full) return 0;
        if (g->has_agent && gap_kind != 2) return 0;
        snprintf(g->country, sizeof g->country, "%s", code ? code : "");
        g->has_country = 1;
        g->capital = kind == K_CAPITAL && gap_kind == -1;
    } else if (kind == K_AGENT) {
        /* "UN troops", "Hamas officials": an organization's sector is appended to its code,
         * as CAMEO does ("IGOUNOMIL", "PSEREBHMSGOV"); a person's title is not. */
        if (g->has_full && !g->has_agent && code && (g->full_kind == K_ORG || g->full_kind == K_ACTOR) &&
            strlen(g->full) + strlen(code) < sizeof g->full) {
            if (!says_sector(g->full, code)) strcat(g->full, code);
            g->has_agent = 1;
            g->last = m->last;
            group_add_entry(g, m->entry);
            return 1;
        }
        if (g->has_full) return 0;
        if (!g->has_agent) snprintf(g->agent, sizeof g->agent, "%s", code ? code : "");
        g->has_agent = 1;
        g->capital = 0;
    } else { /* person, org, actor with a complete code */
        /* "Hezbollah leader Naim Qassem": the organization's own person joins it. */
        if (g->has_full && g->full_kind == K_ORG && kind == K_PERSON && gap_kind == 0 && code &&
            !strncmp(code, g->full, 3)) {
            snprintf(g->full, sizeof g->full, "%s", code);
            g->full_kind = kind;
            g->last = m->last;
            group_add_entry(g, m->entry);
            return 1;
        }
        if (g->has_full) return 0;
        if (!code || !strcmp(code, "---")) g->null_code = 1;
        else snprintf(g->full, sizeof g->full, "%s", code);
        g->has_full = 1;
        g->full_kind = kind;
        g->capital = 0;
    }
    if (gap_kind == -1) g->first = m->first;
    g->last = m->last;
    group_add_entry(g, m->entry);
    return 1;
}

static int head_of_span(const ann_sentence *s, int first, int last)
{
    for (int i = first; i <= last; i++) {
        int h = s->tok[i].head;
        if (h < 0) return last;
        if (h == 0 || h - 1 < first || h - 1 > last) return i;
    }
    return last;
}

/* A capital stands for its government when it acts or is acted on ("Tehran demanded",
 * "Tehran's demand", "urged Baku"), not when it is a place ("in Tehran", "the Beijing
 * Olympics", "Paris is beautiful", "flew to Moscow"). Untagged text: a government unless a
 * locative preposition precedes it. */
static int capital_is_actor(const ann_sentence *s, int first, int head, const unsigned char *has_cop)
{
    const ann_token *t = &s->tok[head];
    if (!t->deprel || t->head < 0) {
        if (first > 0) {
            const ann_token *p = &s->tok[first - 1];
            static const char *const loc[] = {"in", "at", "from", "to", "into", "near", "outside",
                                              "inside", "across", "via", "around", NULL};
            for (int k = 0; loc[k]; k++)
                if (is_word(p, loc[k])) return 0;
        }
        return 1;
    }
    /* The second of coordinated capitals plays the first one's part. */
    if (!strcmp(t->deprel, "conj") && t->head > 0 && t->head <= s->ntok) t = &s->tok[t->head - 1];
    const char *rel = t->deprel ? t->deprel : "";
    if (strcmp(rel, "nsubj") && strcmp(rel, "nsubj:pass") && strcmp(rel, "obj") && strcmp(rel, "iobj") &&
        strcmp(rel, "nmod:poss") && strcmp(rel, "obl:agent") && strcmp(rel, "csubj"))
        return 0;
    if (t->head <= 0 || t->head > s->ntok) return 1;
    const ann_token *gov = &s->tok[t->head - 1];
    const char *lem = gov->lemma && strcmp(gov->lemma, "_") ? gov->lemma : gov->form;
    /* Verbs of being, place and movement take places, not governments. */
    static const char *const place_verbs[] = {
        "be", "become", "remain", "seem", "lie", "sit", "stand", "live", "stay", "visit", "tour",
        "travel", "go", "come", "arrive", "leave", "reach", "fly", "move", "return", "enter",
        "host", "locate", "situate", "bomb", "shell", "strike", "hit", "rock", "shake", NULL};
    for (int k = 0; place_verbs[k]; k++)
        if (!strcasecmp(lem, place_verbs[k])) return 0;
    /* A copula dependent ("Paris is beautiful") marks its subject as a place too. */
    if (has_cop && has_cop[t->head - 1]) return 0;
    return 1;
}

static void emit(ann_doc *d, const ann_actors *a, int si, const group *g, const unsigned char *has_cop)
{
    const ann_sentence *s = &d->sent[si];
    ann_mention *m = ann_doc_add_mention(d);
    m->sent = si;
    m->first = g->first;
    m->last = g->last;
    m->head = head_of_span(s, g->first, g->last);
    m->start = s->tok[g->first].start;
    m->end = s->tok[g->last].end;
    {
        /* The span ends at the word, not at punctuation a tokenizer left glued to it. */
        const ann_token *lt = &s->tok[g->last];
        size_t fl = strlen(lt->form);
        if (lt->end - lt->start == fl && (g->last > g->first || fl > 1)) {
            size_t k = strip_len(lt->form, fl);
            if (k < fl) m->end = lt->start + (uint32_t)k;
        } else if (lt->end - lt->start > fl && !strncmp(d->text + lt->start, lt->form, fl)) {
            /* A word of a CoNLL-U multiword token ("Bush" of "Bush's") spans the whole token. */
            m->end = lt->start + (uint32_t)fl;
        }
    }
    char code[48] = "";
    if (g->null_code) {
        code[0] = 0;
    } else if (g->has_full) {
        if (g->former && strlen(g->full) >= 3) snprintf(code, sizeof code, "%.3sELI", g->full);
        else snprintf(code, sizeof code, "%s", g->full);
    } else if (g->has_country || g->has_agent) {
        const char *agent = g->agent;
        if (g->former && g->has_agent) agent = "ELI";
        else if (g->capital && !g->has_agent && capital_is_actor(s, g->first, m->head, has_cop)) agent = "GOV";
        /* A body's code taken as the country already says its sector: "KPA commanders" is
         * PRKMIL, not PRKMILMIL. */
        if (says_sector(g->country, agent)) agent = "";
        snprintf(code, sizeof code, "%s%s", g->country, agent);
    }
    m->code = code[0] ? ann_arena_strdup(&d->arena, code) : NULL;
    if (g->nents) {
        ann_buf b = {0};
        for (int i = 0; i < g->nents; i++) {
            if (i) ann_buf_putc(&b, '+');
            ann_buf_puts(&b, a->pool + a->ent[g->ents[i]].src);
        }
        m->entry = ann_arena_strdup(&d->arena, b.s);
        ann_buf_free(&b);
    }
}

/* What a tokenizer left glued to the end of a word: 0 nothing, 1 a possessive ("Iran's"),
 * 2 punctuation that ends a phrase ("office,"). Abbreviation dots ("U.S.") are not glue. */
static int glued_end(const ann_token *t)
{
    size_t n = strlen(t->form);
    if (n < 2) return 0;
    const char *f = t->form;
    if (n > 2 && f[n - 2] == '\'' && f[n - 1] == 's') return 1;
    if (n > 4 && !memcmp(f + n - 4, "\xe2\x80\x99s", 4)) return 1;
    if (strchr(",;:!?\"", f[n - 1])) return 2;
    if (n > 3 && (!memcmp(f + n - 3, "\xe2\x80\x9d", 3) || !memcmp(f + n - 3, "\xe2\x80\x99", 3))) return 2;
    if (f[n - 1] == '.' && !memchr(f, '.', n - 1)) return 2;
    return 0;
}

/* Sectors whose nouns can stand as a person's title before a name ("President", "General",
 * "spokesman", "Ayatollah"); not "Islamic" before "State". */
static int is_title(const char *agent)
{
    static const char *const t[] = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "OPP", "PTY", "REL",
                                    "ELI", "MED", "REB", "HRI", NULL};
    for (int k = 0; t[k]; k++)
        if (!strncmp(agent, t[k], 3)) return 1;
    return 0;
}

static int names_between(const ann_sentence *s, int from, int to)
{
    if (to - from < 1 || to - from > 3) return 0;
    for (int i = from; i < to; i++)
        if (!is_name_token(s, i) || glued_end(&s->tok[i])) return 0;
    return 1;
}

/* Gap between the group and the next match: 0 none, 1 a possessive, 2 "of" / "of the",
 * -1 anything else. */
static int gap_kind(const ann_sentence *s, int from, int to)
{
    int n = to - from;
    if (n == 0) return 0;
    if (n == 1 && is_possessive(&s->tok[from])) return 1;
    if (n == 1 && is_word(&s->tok[from], "of")) return 2;
    if (n == 2 && is_word(&s->tok[from], "of") && is_word(&s->tok[from + 1], "the")) return 2;
    return -1;
}

static int is_country_code(const char *c)
{
    return strlen(c) >= 3 && strncmp(c, "IGO", 3) && strncmp(c, "NGO", 3) && strncmp(c, "IMG", 3) &&
           strncmp(c, "MNC", 3) && strncmp(c, "---", 3);
}

static int agent_only(const group *g)
{
    return g->has_agent && !g->has_country && !g->has_full && !g->dropped;
}

/* "the mayor of the city of Nablus": a place word between an office and its country. */
static int place_noun(const ann_token *t)
{
    static const char *const w[] = {"city", "town", "village", "province", "region", "district", "state",
                                    "county", "governorate", "capital", "port", "area", "municipality", NULL};
    const char *l = t->lemma ? t->lemma : t->form;
    for (int i = 0; w[i]; i++)
        if (!strcasecmp(l, w[i])) return 1;
    return 0;
}

static void take_country(group *g, const char *cc)
{
    memcpy(g->country, cc, 3);
    g->country[3] = 0;
    g->has_country = 1;
}

/* Where the parse links an agent without a country to a country, the agent takes it:
 * "Iran's new foreign minister" (poss), "Iranian top officials" (amod), "Palestinian
 * security officials" (through a compound), "the minister ... of Iran" (nmod) merge into one
 * actor; "the foreign minister, Jeyhun Bayramov" and "Bayramov, Azerbaijan's foreign
 * minister" (appos) lend the other's country. Linear in the sentence: groups are found by
 * the tokens they cover (hg[token] = group). */
/* The case word of the phrase headed by token h ("of" in "the minister of Iran"), or NULL. */
static const ann_token *case_of(const ann_sentence *s, int h)
{
    for (int k = 0; k < h; k++)
        if (s->tok[k].head == h + 1 && s->tok[k].deprel && !strcmp(s->tok[k].deprel, "case")) return &s->tok[k];
    return NULL;
}

static void inherit_country(const ann_sentence *s, group *gs, int ng, int *hg)
{
    if (!s->ntok || s->tok[0].head < 0) return;
    for (int t = 0; t < s->ntok; t++) hg[t] = -1;
    /* by every token a group covers: a group's own head may be a conjunct outside the phrase's
     * head ("political and military officials") */
    for (int i = 0; i < ng; i++)
        for (int t = gs[i].first; t <= gs[i].last && t < s->ntok; t++) hg[t] = i;
    for (int j = 0; j < ng; j++) {
        group *c = &gs[j];
        if (!c->has_country || c->has_agent || c->has_full || c->dropped) continue;
        const char *rel = s->tok[c->head].deprel ? s->tok[c->head].deprel : "";
        if (strcmp(rel, "nmod:poss") && strcmp(rel, "amod") && strcmp(rel, "compound") && strcmp(rel, "nmod"))
            continue;
        /* An nmod names whose the agent is through of/from/for/in ("the minister of Iran",
         * "officials from Iran", "a spokesman for Iran", "a court in Guyana"); "drones at
         * Kyiv", "the ambassador to Iran", "strikes on Iran" name someone else. */
        if (!strcmp(rel, "nmod")) {
            const ann_token *cw = case_of(s, c->head);
            if (cw && !is_word(cw, "of") && !is_word(cw, "from") && !is_word(cw, "for") && !is_word(cw, "in") &&
                !is_word(cw, "inside") && !is_word(cw, "within"))
                continue;
        }
        /* Up from the country's head through at most two modifiers to an agent's head. */
        int h = s->tok[c->head].head;
        for (int step = 0; step < 3 && h > 0 && h <= s->ntok; step++) {
            int gi = hg[h - 1];
            if (gi >= 0 && gi != j && agent_only(&gs[gi])) {
                group *g = &gs[gi];
                memcpy(g->country, c->country, sizeof g->country); /* gi != j: distinct groups */
                g->has_country = 1;
                if (c->first < g->first) g->first = c->first;
                if (c->last > g->last) g->last = c->last;
                for (int e = 0; e < c->nents; e++) group_add_entry(g, c->ents[e]);
                c->dropped = 1;
                break;
            }
            const ann_token *t = &s->tok[h - 1];
            if (!t->deprel || (strcmp(t->deprel, "compound") && strcmp(t->deprel, "amod") &&
                               strcmp(t->deprel, "nmod:poss") && !(!strcmp(t->deprel, "nmod") && place_noun(t))))
                break;
            h = t->head;
        }
    }
    /* "US and British activists": a country coordinated with the country of an actor that
     * has a sector is one more actor of that sector (USAOPP beside GBROPP) */
    for (int j = 0; j < ng; j++) {
        group *c = &gs[j];
        if (!c->has_country || c->has_agent || c->has_full || c->dropped) continue;
        const char *rel = s->tok[c->head].deprel ? s->tok[c->head].deprel : "";
        int h = s->tok[c->head].head;
        if ((strcmp(rel, "compound") && strcmp(rel, "amod")) || h <= 0 || h > s->ntok) continue;
        group *g = hg[h - 1] >= 0 && !gs[hg[h - 1]].dropped ? &gs[hg[h - 1]] : NULL;
        if (!g || g == c || !g->has_agent || !g->has_country || g->has_full) continue;
        int coord = 0;
        for (int t = g->first; t <= g->last && !coord; t++)
            coord = s->tok[t].head == c->head + 1 && s->tok[t].deprel && !strcmp(s->tok[t].deprel, "conj");
        if (!coord) continue;
        memcpy(c->agent, g->agent, sizeof c->agent);
        c->has_agent = 1;
    }
    /* "received ministers from the Georgian government", "helped dissidents from Egypt": a
     * parser often hangs the phrase right after the agent on the verb; adjacent, it is still
     * where the agent is from */
    for (int i = 0; i < ng; i++) {
        group *g = &gs[i];
        int f = g->last + 1;
        if (!agent_only(g) || f + 1 >= s->ntok || !is_word(&s->tok[f], "from")) continue;
        int p = s->tok[f].head - 1; /* the phrase's noun */
        if (p <= f || p > f + 4 || s->tok[p].head != s->tok[g->head].head || !s->tok[p].deprel ||
            strncmp(s->tok[p].deprel, "obl", 3))
            continue;
        for (int t = f + 1; t <= p; t++) {
            int ci = hg[t];
            if (ci >= 0 && ci != i && !gs[ci].dropped && gs[ci].has_country && is_country_code(gs[ci].country)) {
                take_country(g, gs[ci].country);
                break;
            }
        }
    }
    for (int i = 0; i < ng; i++) {
        const ann_token *ih = &s->tok[gs[i].head];
        /* "ministers from the Georgian government", "officials of the Iranian army": an agent
         * takes the country of the body it is said to be from (the body stays an actor) */
        if (ih->deprel && !strcmp(ih->deprel, "nmod") && ih->head > 0 && ih->head <= s->ntok && !gs[i].dropped &&
            gs[i].has_country && (gs[i].has_agent || gs[i].has_full)) {
            int pi = hg[ih->head - 1];
            if (pi >= 0 && pi != i && agent_only(&gs[pi]) && is_country_code(gs[i].country)) take_country(&gs[pi], gs[i].country);
            continue;
        }
        /* "leaders of Hamas" as "Hamas leaders": an organization's sector joins its code */
        if (ih->deprel && !strcmp(ih->deprel, "nmod") && ih->head > 0 && ih->head <= s->ntok && !gs[i].dropped &&
            gs[i].has_full && gs[i].full_kind == K_ORG && !gs[i].has_agent && !gs[i].null_code) {
            int pi = hg[ih->head - 1];
            group *g = pi >= 0 && pi != i ? &gs[pi] : NULL;
            size_t lf = strlen(gs[i].full), la = g ? strlen(g->agent) : 0;
            if (g && agent_only(g) && !g->former && lf + la < sizeof g->full) {
                memcpy(g->full, gs[i].full, lf);
                memcpy(g->full + lf, g->agent, la + 1);
                if (says_sector(gs[i].full, g->agent)) g->full[lf] = 0; /* KPA: no PRKMILMIL */
                g->has_full = 1;
                g->full_kind = K_ORG;
            }
            continue;
        }
        if (!ih->deprel || strcmp(ih->deprel, "appos") || ih->head <= 0 || ih->head > s->ntok) continue;
        int pi = hg[ih->head - 1];
        if (pi < 0 || pi == i) continue;
        group *x = &gs[i], *y = &gs[pi]; /* x is in apposition to y */
        for (int dir = 0; dir < 2; dir++) {
            group *g = dir ? y : x, *o = dir ? x : y;
            const char *cc = o->dropped ? NULL : o->has_full ? o->full : o->has_country ? o->country : NULL;
            if (agent_only(g) && cc && is_country_code(cc)) take_country(g, cc);
        }
    }
}

/* A place word that the parse makes part of a person's name: "Valeska Paris", "Michael
 * Jordan" (UD attaches the surname to the given name as flat). The given name must be a
 * proper noun no entry covers. Such a match is no actor; the whole name stays unknown. */
typedef struct surnames {
    int ent[16];
    int n;
} surnames;

static int place_in_name(const ann_actors *a, const ann_sentence *s, const match *m, int prev_last, surnames *sn)
{
    int kind = a->ent[m->entry].kind;
    if (kind != K_COUNTRY && kind != K_CAPITAL && kind != K_PLACE) return 0;
    int f = m->first;
    const ann_token *t = &s->tok[f];
    if (!t->deprel) return 0;
    /* Later in the same story the surname alone ("Paris claims ...") is the person when it
     * acts, is acted on or possesses; "in Paris" stays a place. */
    if (m->last == f && t->upos && !strcmp(t->upos, "PROPN"))
        for (int i = 0; i < sn->n; i++)
            if (sn->ent[i] == m->entry)
                return !strcmp(t->deprel, "nsubj") || !strcmp(t->deprel, "nsubj:pass") ||
                       !strcmp(t->deprel, "nmod:poss") || !strcmp(t->deprel, "obj") || !strcmp(t->deprel, "iobj");
    if (f < 1 || prev_last >= f - 1) return 0;
    const ann_token *p = &s->tok[f - 1];
    if (strncmp(t->deprel, "flat", 4) || t->head != f) return 0; /* head is token f-1 (1-based f) */
    if (!p->upos || strcmp(p->upos, "PROPN") || glued_end(p)) return 0;
    if (sn->n < 16) sn->ent[sn->n++] = m->entry;
    return 1;
}

static void tag_sentence(const ann_actors *a, ann_doc *d, int si, const match *mt, int nm,
                         int32_t date, unsigned char *covered, group *gs, int *hg, surnames *sn)
{
    const ann_sentence *s = &d->sent[si];
    memset(covered, 0, (size_t)s->ntok);
    int k = 0, ng = 0;
    while (k < nm) {
        group g;
        memset(&g, 0, sizeof g);
        if (place_in_name(a, s, &mt[k], k ? mt[k - 1].last : -1, sn)) { k++; continue; }
        if (!group_take(a, &g, &mt[k], date, -1)) {
            if (a->ent[mt[k].entry].kind == K_IGNORE)
                for (int i = mt[k].first; i <= mt[k].last; i++) covered[i] = 1;
            k++;
            continue;
        }
        k++;
        while (k < nm) {
            int glued = glued_end(&s->tok[g.last]);
            if (glued == 2) break;
            int gk = gap_kind(s, g.last + 1, mt[k].first);
            if (glued == 1) gk = gk == 0 ? 1 : -1;
            /* "President Mahmud Abbas" with only "Abbas" known: a title, unknown given
             * names, then the known name. */
            if (gk < 0 && glued == 0 && g.has_agent && !g.has_full && is_title(g.agent) && names_between(s, g.last + 1, mt[k].first) &&
                (a->ent[mt[k].entry].kind == K_PERSON || a->ent[mt[k].entry].kind == K_ACTOR))
                gk = 0;
            /* "leaders of Egypt's Muslim Brotherhood": the country is the next noun's
             * possessor, not the office's country */
            if (gk == 2 && (glued_end(&s->tok[mt[k].last]) == 1 ||
                            (mt[k].last + 1 < s->ntok && is_possessive(&s->tok[mt[k].last + 1]))))
                gk = -1;
            if (gk < 0 || !group_take(a, &g, &mt[k], date, gk)) break;
            k++;
        }
        /* A capitalized title before a known name written in lower case: "President obama".
         * Not a verb: "President may". */
        if (g.has_agent && !g.has_full && is_title(g.agent) && tok_upper(&s->tok[g.last]) &&
            !glued_end(&s->tok[g.last]) && g.last + 1 < s->ntok && (k >= nm || mt[k].first > g.last + 1)) {
            const ann_token *t = &s->tok[g.last + 1];
            int last = -1;
            if (islower((unsigned char)t->form[0]) &&
                !(t->upos && (!strcmp(t->upos, "VERB") || !strcmp(t->upos, "AUX") || !strcmp(t->upos, "ADP") ||
                              !strcmp(t->upos, "DET") || !strcmp(t->upos, "PRON")))) {
                int e = longest(a, s, g.last + 1, &last, date, 1);
                if (e >= 0 && (k >= nm || last < mt[k].first)) {
                    match pm = {g.last + 1, last, e};
                    group_take(a, &g, &pm, date, 0);
                }
            }
        }
        /* A title followed by a name we do not know: "Foreign Minister Jeyhun Bayramov". */
        if (g.has_agent && !g.has_full && is_title(g.agent)) {
            int j = g.last + 1;
            /* "Deputy Secretary of Energy Jeffrey Kupfer", "Minister of Education Stefania
             * Giannini": a department no entry knows, then the name. */
            if (glued_end(&s->tok[g.last]) == 0 && tok_upper(&s->tok[g.last]) && j + 2 < s->ntok &&
                is_word(&s->tok[j], "of") && is_name_token(s, j + 1) && is_name_token(s, j + 2) &&
                !glued_end(&s->tok[j + 1]) && (k >= nm || j + 2 < mt[k].first))
                j++;
            if (glued_end(&s->tok[g.last]) == 0)
                while (j < s->ntok && is_name_token(s, j) && (k >= nm || j < mt[k].first)) {
                    j++;
                    if (glued_end(&s->tok[j - 1])) break;
                    /* "Foreign Minister Cho Tae-yul": the part after the hyphen too. */
                    while (name_hyphen(s, j) && (k >= nm || j + 1 < mt[k].first)) {
                        j += 2;
                        if (glued_end(&s->tok[j - 1])) break;
                    }
                }
            if (j > g.last + 1) g.last = j - 1;
        }
        /* "former" alone or with only a name is not an actor. */
        if (!g.has_country && !g.has_agent && !g.has_full) continue;
        /* A lone sector word modifying another noun is no actor: "military facilities",
         * "civilian casualties" (but "Israeli military access" is the Israeli military's). */
        if (agent_only(&g) && !g.former && g.first == g.last && s->tok[g.first].upos &&
            !strcmp(s->tok[g.first].upos, "ADJ") && s->tok[g.first].deprel &&
            (!strcmp(s->tok[g.first].deprel, "amod") || !strcmp(s->tok[g.first].deprel, "conj")))
            continue;
        g.head = head_of_span(s, g.first, g.last);
        gs[ng++] = g;
    }
    inherit_country(s, gs, ng, hg);
    /* Tokens with a copula dependent, for capitals ("Paris is beautiful"). */
    unsigned char *has_cop = NULL;
    if (s->ntok && s->tok[0].head >= 0) {
        has_cop = (unsigned char *)hg; /* hg is free again; ntok bytes fit in ntok ints */
        memset(has_cop, 0, (size_t)s->ntok);
        for (int t = 0; t < s->ntok; t++)
            if (s->tok[t].deprel && !strcmp(s->tok[t].deprel, "cop") && s->tok[t].head > 0 && s->tok[t].head <= s->ntok)
                has_cop[s->tok[t].head - 1] = 1;
    }
    for (int i = 0; i < ng; i++) {
        if (gs[i].dropped) continue;
        emit(d, a, si, &gs[i], has_cop);
        for (int t = gs[i].first; t <= gs[i].last; t++) covered[t] = 1;
    }
    /* Unknown proper names: recognised, left uncoded, counted. */
    for (int i = 0; i < s->ntok;) {
        if (covered[i] || !is_name_token(s, i)) { i++; continue; }
        int j = i;
        for (;;) {
            if (j + 1 < s->ntok && !covered[j + 1] && is_name_token(s, j + 1)) j++;
            else if (j + 2 < s->ntok && !covered[j + 2] && name_hyphen(s, j + 1)) j += 2;
            else break;
        }
        group g;
        memset(&g, 0, sizeof g);
        g.first = i;
        g.last = j;
        emit(d, a, si, &g, NULL);
        i = j + 1;
    }
}

int ann_actors_tag(const ann_actors *a, ann_doc *d, ann_err *err)
{
    (void)err;
    d->nment = 0;
    int32_t date = doc_date(d);
    int maxtok = 0;
    for (int si = 0; si < d->nsent; si++)
        if (d->sent[si].ntok > maxtok) maxtok = d->sent[si].ntok;
    match *mt = ann_xmalloc(sizeof *mt * (size_t)(maxtok + 1));
    unsigned char *covered = ann_xmalloc((size_t)maxtok + 1);
    group *gs = ann_xmalloc(sizeof *gs * (size_t)(maxtok + 1));
    int *hg = ann_xmalloc(sizeof *hg * (size_t)(maxtok + 1));
    int *sent_discard = ann_xcalloc((size_t)d->nsent + 1, sizeof(int));
    int doc_discard = 0;
    surnames sn = {{0}, 0};
    /* A document-level discard anywhere silences the whole document, so look first. */
    for (int pass = a->ndocdiscard ? 0 : 1; pass < 2 && !doc_discard; pass++) {
        for (int si = 0; si < d->nsent; si++) {
            const ann_sentence *s = &d->sent[si];
            int nm = 0;
            for (int i = 0; i < s->ntok;) {
                int last = i;
                int e = longest(a, s, i, &last, date, 0);
                if (e < 0) { i++; continue; }
                int kind = a->ent[e].kind;
                if (kind == K_DISCARD_DOC) doc_discard = 1;
                if (kind == K_DISCARD) sent_discard[si] = 1;
                mt[nm].first = i;
                mt[nm].last = last;
                mt[nm].entry = e;
                nm++;
                i = last + 1;
            }
            if (pass == 0 || sent_discard[si]) continue;
            tag_sentence(a, d, si, mt, nm, date, covered, gs, hg, &sn);
        }
    }
    free(mt);
    free(covered);
    free(gs);
    free(hg);
    free(sent_discard);
    return 0;
}
