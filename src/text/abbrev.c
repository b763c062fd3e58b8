/* Our own reviewed list of English abbreviations that keep their period (UD keeps "Gen." and
 * "Inc." whole), and of words that often open a sentence (to tell "in the U.S. The ..." from
 * "U.S. Army"). Plain facts of English usage, compiled in. */
#include "seg.h"

#include <string.h>

typedef struct { const char *w; size_t len; int f; } abbr;

/* T: a title or rank, or a month ("Gen.", "Mr.", "Jan."): a name or number follows, so it
 * never ends a sentence. A: an abbreviation that may end one ("Inc.", "etc."). N: only before a
 * number ("No. 5"). Kept sorted by lower-case spelling (then exact spelling) for binary search;
 * the unit tests check the order. The length comes from the literal. */
#define E(w, f) {w, sizeof w - 1, f}
#define T SEG_ABBR | SEG_ABBR_TITLE
#define A SEG_ABBR
#define N SEG_ABBR_NUM
static const abbr abbrevs[] = {
    E("abbr", A), E("Adm", T), E("aka", A), E("al", A), E("Ala", A), E("Amb", T), E("approx", A),
    E("Apr", T), E("Apt", A), E("Ariz", A), E("Ark", A), E("arr", A), E("arrv", A), E("Art", A),
    E("Assn", A), E("Assoc", A), E("Attn", A), E("Atty", T), E("Aug", T), E("Ave", A), E("Bldg", A),
    E("Blvd", A), E("Brig", T), E("Bros", A), E("ca", A), E("Calif", A), E("Capt", T), E("Cdr", T),
    E("cf", A), E("Ch", A), E("Chap", A), E("cit", A), E("Cmdr", T), E("Cmdt", T), E("Co", A),
    E("co", A), E("Col", T), E("Colo", A), E("Conf", A), E("Conn", A), E("Corp", A), E("corp", A),
    E("Cos", A), E("Cpl", T), E("Cpt", T), E("Dec", T), E("Del", A), E("dep", A), E("Dept", A),
    E("dept", A), E("Det", T), E("dist", A), E("div", A), E("Dr", T), E("Drs", T), E("Ed", A),
    E("ed", A), E("Eds", A), E("eds", A), E("eg", A), E("esp", A), E("Esq", A), E("est", A),
    E("et", A), E("etc", A), E("excl", A), E("Ext", A), E("ext", A), E("Fax", A), E("Feb", T),
    E("Fig", A), E("Figs", A), E("Fla", A), E("Fr", T), E("Fri", A), E("Ft", T), E("ft", A),
    E("fyi", A), E("Ga", A), E("Gen", T), E("Gens", T), E("Gov", T), E("Govt", A), E("govt", A),
    E("Hon", T), E("hr", A), E("hrs", A), E("ht", A), E("Hwy", A), E("ibid", A), E("ie", A),
    E("Ill", A), E("Inc", A), E("inc", A), E("incl", A), E("Ind", A), E("Insp", T), E("Inst", A),
    E("Intl", A), E("Jan", T), E("Jr", A), E("jr", A), E("Jul", T), E("Jun", T), E("Kan", A),
    E("Kans", A), E("kg", A), E("km", A), E("Ky", A), E("La", A), E("lb", A), E("lbs", A),
    E("Lieut", T), E("Ln", A), E("Lt", T), E("Ltd", A), E("ltd", A), E("lv", A), E("Maj", T),
    E("Mar", T), E("Mass", A), E("Md", A), E("Messrs", T), E("Mex", A), E("Mfg", A), E("mgmt", A),
    E("mgr", A), E("mi", A), E("Mich", A), E("min", A), E("Minn", A), E("mins", A), E("misc", A),
    E("Miss", A), E("Mlle", T), E("Mme", T), E("Mmes", T), E("Mo", A), E("mo", A), E("mob", A),
    E("Mon", A), E("Mont", A), E("mos", A), E("Mr", T), E("Mrs", T), E("Ms", T), E("Mt", T),
    E("Neb", A), E("Nev", A), E("No", N), E("no", N), E("Nos", N), E("nos", N), E("Nov", T),
    E("Nr", N), E("Oct", T), E("Okla", A), E("Ont", A), E("op", A), E("Ore", A), E("oz", A),
    E("p", N), E("Pa", A), E("Para", A), E("para", A), E("Penn", A), E("Ph", A), E("pkg", A),
    E("Pl", A), E("Plc", A), E("pp", A), E("Pres", T), E("Prin", T), E("Prof", T), E("PS", A),
    E("ps", A), E("Pt", T), E("Pvt", T), E("qty", A), E("Que", A), E("Rd", A), E("rec", A),
    E("Ref", A), E("ref", A), E("Rep", T), E("Reps", T), E("resp", A), E("Rev", T), E("Sat", A),
    E("Sec", T), E("Secs", T), E("secs", A), E("Sect", A), E("Sen", T), E("Sens", T), E("Sep", T),
    E("Sept", T), E("seq", A), E("Sgt", T), E("Spec", A), E("Sq", A), E("sq", A), E("Sr", A),
    E("sr", A), E("St", T), E("Ste", A), E("Supt", T), E("tbsp", A), E("Tel", A), E("tel", A),
    E("Tenn", A), E("Tex", A), E("Thu", A), E("Thur", A), E("Thurs", A), E("tsp", A), E("Tue", A),
    E("Tues", A), E("Univ", A), E("Va", A), E("viz", A), E("Vol", A), E("vol", A), E("Vols", A),
    E("vs", A), E("Vt", A), E("Wash", A), E("Wed", A), E("Wis", A), E("wk", A), E("wks", A),
    E("wt", A), E("Wyo", A), E("yr", A), E("yrs", A),
};
#undef E
#undef T
#undef A
#undef N
#define NABBR (sizeof abbrevs / sizeof *abbrevs)

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Compares a[0..an) and b[0..bn) ignoring ASCII case, shorter prefix first. */
static int cmp_ci(const char *a, size_t an, const char *b, size_t bn)
{
    for (size_t i = 0; i < an && i < bn; i++) {
        int d = lower((unsigned char)a[i]) - lower((unsigned char)b[i]);
        if (d) return d;
    }
    return an < bn ? -1 : an > bn;
}

int ann_text_abbrev(const char *w, size_t n)
{
    if (n == 0 || n > 8) return 0;
    int upper = 1, lowerc = 1;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'a' && w[i] <= 'z') upper = 0;
        else if (w[i] >= 'A' && w[i] <= 'Z') lowerc = 0;
        else return 0;
    }
    size_t lo = 0, hi = NABBR;  /* first entry not below w */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_ci(abbrevs[mid].w, abbrevs[mid].len, w, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    int ci = 0;
    for (size_t i = lo; i < NABBR && !cmp_ci(abbrevs[i].w, abbrevs[i].len, w, n); i++) {
        const abbr *e = &abbrevs[i];
        if (!memcmp(e->w, w, n)) return e->f;
        /* "GEN." and "MRS." in shouting text; "inc." for "Inc." when the list has it in lower case */
        if (!ci && upper && n > 1) ci = e->f;
        if (!ci && lowerc && e->w[0] >= 'a') ci = e->f;
    }
    return ci;
}

/* Sorted by byte order for binary search. */
static const char *const openers[] = {
    "A", "According", "After", "All", "Also", "Although", "An", "And", "Are", "As", "At", "Before",
    "Both", "But", "By", "Can", "Could", "Did", "Do", "Does", "Each", "Even", "For", "From", "Had",
    "Has", "Have", "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "Is", "It", "Its",
    "Let", "Many", "Meanwhile", "Most", "My", "No", "Not", "Now", "Officials", "On", "One", "Or",
    "Other", "Our", "Please", "Police", "She", "Should", "Since", "So", "Some", "Still", "Such",
    "Thank", "Thanks", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "To", "Today", "Under", "Was", "We", "Were", "What", "When", "Where", "Which", "While", "Who",
    "Why", "Will", "With", "Would", "Yesterday", "Yet", "You", "Your",
};
#define NOPEN (sizeof openers / sizeof *openers)

static int cmp_exact(const char *a, size_t an, const char *b, size_t bn)
{
    int d = memcmp(a, b, an < bn ? an : bn);
    return d ? d : an < bn ? -1 : an > bn;
}

int ann_text_opener(const char *w, size_t n)
{
    size_t lo = 0, hi = NOPEN;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = cmp_exact(openers[mid], strlen(openers[mid]), w, n);
        if (!d) return 1;
        if (d < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

int ann_text_lists_sorted(void)
{
    for (size_t i = 1; i < NABBR; i++) {
        int d = cmp_ci(abbrevs[i - 1].w, abbrevs[i - 1].len, abbrevs[i].w, abbrevs[i].len);
        if (d > 0 || (d == 0 && strcmp(abbrevs[i - 1].w, abbrevs[i].w) >= 0)) return 0;
    }
    for (size_t i = 1; i < NOPEN; i++)
        if (strcmp(openers[i - 1], openers[i]) >= 0) return 0;
    return ann_text_fused_sorted();
}
