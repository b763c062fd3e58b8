/* Our own reviewed list of English abbreviations that keep their period (UD keeps "Gen." and
 * "Inc." whole), and of words that often open a sentence (to tell "in the U.S. The ..." from
 * "U.S. Army"). Plain facts of English usage, compiled in. */
#include "seg.h"

#include <pthread.h>
#include <string.h>

typedef struct { const char *w; size_t len; int f; } abbr;

/* the length comes from the literal, so editing the list cannot get it wrong */
#define E(w, f) {w, sizeof w - 1, f}
#define T SEG_ABBR | SEG_ABBR_TITLE
#define A SEG_ABBR
#define N SEG_ABBR_NUM
static const abbr abbrevs[] = {
    /* titles and ranks: a name follows, so never a sentence end */
    E("Mr", T), E("Mrs", T), E("Ms", T), E("Messrs", T), E("Mmes", T), E("Mme", T), E("Mlle", T),
    E("Dr", T), E("Drs", T), E("Prof", T), E("Rev", T), E("Hon", T), E("Pres", T), E("Gov", T),
    E("Sen", T), E("Sens", T), E("Rep", T), E("Reps", T), E("Amb", T), E("Atty", T), E("Supt", T),
    E("Gen", T), E("Lt", T), E("Col", T), E("Maj", T), E("Capt", T), E("Cpt", T), E("Sgt", T),
    E("Cpl", T), E("Pvt", T), E("Adm", T), E("Cmdr", T), E("Cdr", T), E("Brig", T), E("Insp", T),
    E("Det", T), E("Fr", T), E("Sr", A), E("Jr", A), E("St", T), E("Mt", T), E("Ft", T), E("Pt", T),
    E("Sec", T), E("Secs", T), E("Gens", T), E("Lieut", T), E("Cmdt", T), E("Prin", T),
    /* months and days: "Jan. 5", "Wed. night" */
    E("Jan", T), E("Feb", T), E("Mar", T), E("Apr", T), E("Jun", T), E("Jul", T), E("Aug", T),
    E("Sep", T), E("Sept", T), E("Oct", T), E("Nov", T), E("Dec", T),
    E("Mon", A), E("Tue", A), E("Tues", A), E("Wed", A), E("Thu", A), E("Thur", A), E("Thurs", A),
    E("Fri", A), E("Sat", A),
    /* companies, places, addresses */
    E("Inc", A), E("Ltd", A), E("Co", A), E("Corp", A), E("Cos", A), E("Bros", A), E("Assn", A),
    E("Assoc", A), E("Dept", A), E("Univ", A), E("Inst", A), E("Intl", A), E("Govt", A), E("Ave", A),
    E("Blvd", A), E("Rd", A), E("Hwy", A), E("Ln", A), E("Pl", A), E("Sq", A), E("Ste", A), E("Apt", A),
    E("Bldg", A), E("Mfg", A), E("Plc", A), E("Esq", A), E("Ph", A), E("Attn", A), E("Ext", A),
    E("Tel", A), E("Fax", A), E("Ref", A), E("Vol", A), E("Vols", A), E("Fig", A), E("Figs", A),
    E("Ch", A), E("Chap", A), E("Para", A), E("Art", A), E("Sect", A), E("Conf", A), E("Ed", A),
    E("Eds", A), E("Spec", A),
    /* US states and a few countries in their AP forms */
    E("Ala", A), E("Ariz", A), E("Ark", A), E("Calif", A), E("Colo", A), E("Conn", A), E("Del", A),
    E("Fla", A), E("Ga", A), E("Ill", A), E("Ind", A), E("Kan", A), E("Kans", A), E("Ky", A),
    E("La", A), E("Md", A), E("Mass", A), E("Mich", A), E("Minn", A), E("Miss", A), E("Mo", A),
    E("Mont", A), E("Neb", A), E("Nev", A), E("Okla", A), E("Ore", A), E("Pa", A), E("Penn", A),
    E("Tenn", A), E("Tex", A), E("Va", A), E("Vt", A), E("Wash", A), E("Wis", A), E("Wyo", A),
    E("Que", A), E("Ont", A), E("Mex", A),
    /* numbers */
    E("No", N), E("Nos", N), E("no", N), E("nos", N), E("Nr", N), E("pp", A), E("p", N), E("para", A),
    /* lower-case abbreviations */
    E("etc", A), E("vs", A), E("al", A), E("approx", A), E("est", A), E("ca", A), E("cf", A),
    E("viz", A), E("misc", A), E("dept", A), E("govt", A), E("mgr", A), E("mgmt", A), E("hrs", A),
    E("hr", A), E("mins", A), E("min", A), E("secs", A), E("yr", A), E("yrs", A), E("mo", A),
    E("mos", A), E("wk", A), E("wks", A), E("oz", A), E("lb", A), E("lbs", A), E("ft", A), E("sq", A),
    E("mi", A), E("km", A), E("kg", A), E("vol", A), E("ed", A), E("eds", A), E("esp", A),
    E("incl", A), E("excl", A), E("ext", A), E("tel", A), E("abbr", A), E("dist", A),
    E("div", A), E("rec", A), E("ref", A), E("resp", A), E("sr", A), E("jr", A), E("inc", A),
    E("ltd", A), E("corp", A), E("co", A), E("eg", A), E("ie", A), E("et", A), E("ps", A), E("PS", A),
    E("aka", A), E("fyi", A), E("ibid", A), E("op", A), E("cit", A), E("seq", A), E("arr", A),
    E("dep", A), E("arrv", A), E("lv", A), E("mob", A), E("tbsp", A), E("tsp", A), E("pkg", A),
    E("qty", A), E("wt", A), E("ht", A),
};
#undef E
#undef T
#undef A
#undef N

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int eq_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
    return 1;
}

/* The lists are looked up through small hash tables of their lower-case forms, built once:
 * the tokenizer asks for every word before a period. */
#define SLOTS 1024
static uint16_t abbr_slot[SLOTS];  /* index + 1 into abbrevs, 0 = empty */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned hash_ci(const char *w, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned)lower((unsigned char)w[i])) * 16777619u;
    return h;
}

static void build(void)
{
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
        unsigned h = hash_ci(abbrevs[i].w, abbrevs[i].len) % SLOTS;
        while (abbr_slot[h]) h = (h + 1) % SLOTS;
        abbr_slot[h] = (uint16_t)(i + 1);
    }
}

int seg_abbrev(const char *w, size_t n)
{
    if (n == 0 || n > 8) return 0;
    int upper = 1, lowerc = 1;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'a' && w[i] <= 'z') upper = 0;
        else if (w[i] >= 'A' && w[i] <= 'Z') lowerc = 0;
        else return 0;
    }
    pthread_once(&once, build);
    int ci = 0;
    for (unsigned h = hash_ci(w, n) % SLOTS; abbr_slot[h]; h = (h + 1) % SLOTS) {
        const abbr *e = &abbrevs[abbr_slot[h] - 1];
        const char *a = e->w;
        if (e->len != n || !eq_ci(a, w, n)) continue;
        if (!memcmp(a, w, n)) return e->f;
        /* "GEN." and "MRS." in shouting text; "Inc" also as "inc". */
        if (!ci && upper && n > 1) ci = e->f;
        if (!ci && lowerc && a[0] >= 'a') ci = e->f;
    }
    return ci;
}

static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
    "Those", "There", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If", "When",
    "While", "After", "Before", "As", "Since", "Although", "However", "Meanwhile", "Also",
    "His", "Her", "Its", "Their", "Our", "My", "Your", "What", "Who", "Why", "How", "Where",
    "Which", "Some", "Many", "Most", "All", "No", "Not", "Now", "Then", "Today", "Yesterday",
    "Thanks", "Thank", "Please", "Let", "Here", "Do", "Does", "Did", "Is", "Are", "Was",
    "Were", "Has", "Have", "Had", "Can", "Could", "Will", "Would", "Should", "Officials",
    "Police", "Still", "Even", "One", "Each", "Other", "Both", "Such", "To", "From", "With",
    "By", "Under", "According",
};

int seg_opener(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (strlen(openers[i]) == n && !memcmp(openers[i], w, n)) return 1;
    return 0;
}
