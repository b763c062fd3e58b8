/* Our own reviewed list of English abbreviations that keep their period (UD keeps "Gen." and
 * "Inc." whole), and of words that often open a sentence (to tell "in the U.S. The ..." from
 * "U.S. Army"). Plain facts of English usage, compiled in. */
#include "seg.h"

#include <string.h>

typedef struct { const char *w; int f; } abbr;

#define T SEG_ABBR | SEG_ABBR_TITLE
#define A SEG_ABBR
#define N SEG_ABBR_NUM
static const abbr abbrevs[] = {
    /* titles and ranks: a name follows, so never a sentence end */
    {"Mr", T}, {"Mrs", T}, {"Ms", T}, {"Messrs", T}, {"Mmes", T}, {"Mme", T}, {"Mlle", T},
    {"Dr", T}, {"Drs", T}, {"Prof", T}, {"Rev", T}, {"Hon", T}, {"Pres", T}, {"Gov", T},
    {"Sen", T}, {"Sens", T}, {"Rep", T}, {"Reps", T}, {"Amb", T}, {"Atty", T}, {"Supt", T},
    {"Gen", T}, {"Lt", T}, {"Col", T}, {"Maj", T}, {"Capt", T}, {"Cpt", T}, {"Sgt", T},
    {"Cpl", T}, {"Pvt", T}, {"Adm", T}, {"Cmdr", T}, {"Cdr", T}, {"Brig", T}, {"Insp", T},
    {"Det", T}, {"Fr", T}, {"Sr", A}, {"Jr", A}, {"St", T}, {"Mt", T}, {"Ft", T}, {"Pt", T},
    {"Sec", T}, {"Secs", T}, {"Gens", T}, {"Lieut", T}, {"Cmdt", T}, {"Prin", T},
    /* months and days: "Jan. 5", "Wed. night" */
    {"Jan", T}, {"Feb", T}, {"Mar", T}, {"Apr", T}, {"Jun", T}, {"Jul", T}, {"Aug", T},
    {"Sep", T}, {"Sept", T}, {"Oct", T}, {"Nov", T}, {"Dec", T},
    {"Mon", A}, {"Tue", A}, {"Tues", A}, {"Wed", A}, {"Thu", A}, {"Thur", A}, {"Thurs", A},
    {"Fri", A}, {"Sat", A},
    /* companies, places, addresses */
    {"Inc", A}, {"Ltd", A}, {"Co", A}, {"Corp", A}, {"Cos", A}, {"Bros", A}, {"Assn", A},
    {"Assoc", A}, {"Dept", A}, {"Univ", A}, {"Inst", A}, {"Intl", A}, {"Govt", A}, {"Ave", A},
    {"Blvd", A}, {"Rd", A}, {"Hwy", A}, {"Ln", A}, {"Pl", A}, {"Sq", A}, {"Ste", A}, {"Apt", A},
    {"Bldg", A}, {"Mfg", A}, {"Plc", A}, {"Esq", A}, {"Ph", A}, {"Attn", A}, {"Ext", A},
    {"Tel", A}, {"Fax", A}, {"Ref", A}, {"Vol", A}, {"Vols", A}, {"Fig", A}, {"Figs", A},
    {"Ch", A}, {"Chap", A}, {"Para", A}, {"Art", A}, {"Sect", A}, {"Conf", A}, {"Ed", A},
    {"Eds", A}, {"Spec", A},
    /* US states and a few countries in their AP forms */
    {"Ala", A}, {"Ariz", A}, {"Ark", A}, {"Calif", A}, {"Colo", A}, {"Conn", A}, {"Del", A},
    {"Fla", A}, {"Ga", A}, {"Ill", A}, {"Ind", A}, {"Kan", A}, {"Kans", A}, {"Ky", A},
    {"La", A}, {"Md", A}, {"Mass", A}, {"Mich", A}, {"Minn", A}, {"Miss", A}, {"Mo", A},
    {"Mont", A}, {"Neb", A}, {"Nev", A}, {"Okla", A}, {"Ore", A}, {"Pa", A}, {"Penn", A},
    {"Tenn", A}, {"Tex", A}, {"Va", A}, {"Vt", A}, {"Wash", A}, {"Wis", A}, {"Wyo", A},
    {"Que", A}, {"Ont", A}, {"Mex", A},
    /* numbers */
    {"No", N}, {"Nos", N}, {"no", N}, {"nos", N}, {"Nr", N}, {"pp", A}, {"p", N}, {"para", A},
    /* lower-case abbreviations */
    {"etc", A}, {"vs", A}, {"al", A}, {"approx", A}, {"est", A}, {"ca", A}, {"cf", A},
    {"viz", A}, {"misc", A}, {"dept", A}, {"govt", A}, {"mgr", A}, {"mgmt", A}, {"hrs", A},
    {"hr", A}, {"mins", A}, {"min", A}, {"secs", A}, {"yr", A}, {"yrs", A}, {"mo", A},
    {"mos", A}, {"wk", A}, {"wks", A}, {"oz", A}, {"lb", A}, {"lbs", A}, {"ft", A}, {"sq", A},
    {"mi", A}, {"km", A}, {"kg", A}, {"vol", A}, {"ed", A}, {"eds", A}, {"esp", A},
    {"incl", A}, {"excl", A}, {"ext", A}, {"tel", A}, {"abbr", A}, {"dist", A},
    {"div", A}, {"rec", A}, {"ref", A}, {"resp", A}, {"sr", A}, {"jr", A}, {"inc", A},
    {"ltd", A}, {"corp", A}, {"co", A}, {"eg", A}, {"ie", A}, {"et", A}, {"ps", A}, {"PS", A},
    {"aka", A}, {"fyi", A}, {"ibid", A}, {"op", A}, {"cit", A}, {"seq", A}, {"arr", A},
    {"dep", A}, {"arrv", A}, {"lv", A}, {"mob", A}, {"tbsp", A}, {"tsp", A}, {"pkg", A},
    {"qty", A}, {"wt", A}, {"ht", A},
};
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

int seg_abbrev(const char *w, size_t n)
{
    if (n == 0 || n > 8) return 0;
    int upper = 1, lowerc = 1;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'a' && w[i] <= 'z') upper = 0;
        else if (w[i] >= 'A' && w[i] <= 'Z') lowerc = 0;
        else return 0;
    }
    int ci = 0;
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
        const char *a = abbrevs[i].w;
        if (strlen(a) != n) continue;
        if (!memcmp(a, w, n)) return abbrevs[i].f;
        /* "GEN." and "MRS." in shouting text; "Inc" also as "inc". */
        if (!ci && (upper && n > 1) && eq_ci(a, w, n)) ci = abbrevs[i].f;
        if (!ci && lowerc && a[0] >= 'a' && eq_ci(a, w, n)) ci = abbrevs[i].f;
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
