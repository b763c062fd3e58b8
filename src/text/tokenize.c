/* Surface tokenizer, UD English style: one pass over the text, hand-written rules per
 * character class (utf8proc categories outside ASCII). Clitics stay inside their surface
 * token and are marked with a cut ("don't" = do|n't), as UD's multiword tokens are. */
#include "seg.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { K_SP, K_NL, K_UP, K_LO, K_LET, K_DIG, K_PUNCT, K_SYM };
#define IS_WORD(k) ((k) >= K_UP && (k) <= K_DIG)
#define IS_ALPHA(k) ((k) >= K_UP && (k) <= K_LET)

static const uint8_t ascii_class[128] = {
    /* control characters count as space */
    K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_NL, K_SP, K_SP, K_SP, K_SP, K_SP,
    K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP,
    /* space ! " # $ % & ' ( ) * + , - . / */
    K_SP, K_PUNCT, K_PUNCT, K_PUNCT, K_SYM, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_SYM, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG,
    /* : ; < = > ? @ */
    K_PUNCT, K_PUNCT, K_SYM, K_SYM, K_SYM, K_PUNCT, K_PUNCT,
    K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP,
    K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP,
    /* [ \ ] ^ _ ` */
    K_PUNCT, K_PUNCT, K_PUNCT, K_SYM, K_PUNCT, K_PUNCT,
    K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO,
    K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO,
    /* { | } ~ DEL */
    K_PUNCT, K_SYM, K_PUNCT, K_SYM, K_SP,
};

/* Decodes the character at t[i] (the text is valid UTF-8; a stray byte counts as one
 * symbol so the scan always advances). */
static inline int32_t decode(const unsigned char *t, size_t n, size_t i, int *len)
{
    unsigned c = t[i];
    if (c < 0x80) { *len = 1; return (int32_t)c; }
    int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (k == 0 || i + (size_t)k >= n) { *len = 1; return 0xFFFD; }
    int32_t cp = (int32_t)(c & (0x3F >> k));
    for (int j = 1; j <= k; j++) cp = (cp << 6) | (t[i + (size_t)j] & 0x3F);
    *len = k + 1;
    return cp;
}

static int class_of(int32_t cp)
{
    if (cp < 128) return ascii_class[cp];
    if (cp == 0xFEFF || cp == 0x200B || cp == 0x00A0 || cp == 0x3000) return K_SP;
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return K_NL;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return K_UP;
    case UTF8PROC_CATEGORY_LL: return K_LO;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
        return K_LET;
    case UTF8PROC_CATEGORY_ND: return K_DIG;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return K_LET;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return K_SP;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return K_NL;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return K_PUNCT;
    default: return K_SYM;
    }
}

typedef struct scan {
    const unsigned char *t;
    size_t n;
    seg_toks *out;
} scan;

static inline int cls(const scan *S, size_t i, int *len)
{
    if (i >= S->n) { *len = 0; return K_SP; }
    unsigned c = S->t[i];
    if (c < 0x80) { *len = 1; return ascii_class[c]; }
    return class_of(decode(S->t, S->n, i, len));
}

static void emit(scan *S, size_t s, size_t e, int kind, int flags, int cut)
{
    seg_toks *o = S->out;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 1024;
        seg_tok *v = realloc(o->v, o->cap * sizeof *v);
        if (!v) abort();
        o->v = v;
    }
    o->v[o->n++] = (seg_tok){(uint32_t)s, (uint32_t)e, (uint16_t)cut, (uint8_t)kind, (uint8_t)flags};
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int eq_lower(const unsigned char *w, size_t n, const char *lw)
{
    size_t i = 0;
    for (; i < n; i++)
        if (!lw[i] || lower(w[i]) != lw[i]) return 0;
    return lw[i] == 0;
}

/* Prefixes UD keeps attached with their hyphen ("non-profit", "e-mail", "co-founder");
 * other hyphenated compounds are split ("search - engine"). */
static const char *const hyphen_prefixes[] = {
    "e", "non", "pre", "post", "co", "re", "anti", "pro", "ex", "multi", "mid", "cross", "semi",
    "sub", "mini", "counter", "inter", "intra", "neo", "bi", "tri", "quasi", "pseudo", "ultra",
    "micro", "macro", "mis", "un", "de", "vice", "over",
};

static int hyphen_prefix(const unsigned char *w, size_t n)
{
    for (size_t i = 0; i < sizeof hyphen_prefixes / sizeof *hyphen_prefixes; i++)
        if (eq_lower(w, n, hyphen_prefixes[i])) return 1;
    return 0;
}

#define F(w, cut) {w, sizeof w - 1, cut}
/* Contractions written without an apostrophe, split as UD does ("gonna" = gon|na). */
static const struct { const char *w; size_t len; int cut; } fused[] = {
    F("gonna", 3), F("wanna", 3), F("gotta", 3), F("outta", 3), F("cannot", 3), F("dont", 2),
    F("wont", 2), F("cant", 2), F("didnt", 3), F("doesnt", 4), F("isnt", 2), F("wasnt", 3),
    F("arent", 3), F("couldnt", 5), F("wouldnt", 5), F("shouldnt", 6), F("havent", 4),
    F("hasnt", 3), F("aint", 2), F("im", 1), F("ive", 1), F("youre", 3), F("theyre", 4),
    F("thats", 4), F("whats", 4), F("theres", 5), F("itll", 2), F("youll", 3),
};
#undef F

/* Fused forms through a small hash table of their lower-case spelling, built once. */
#define FSLOTS 128
static uint8_t fused_slot[FSLOTS];  /* index + 1 into fused, 0 = empty */
static pthread_once_t fused_once = PTHREAD_ONCE_INIT;

static unsigned fused_hash(const unsigned char *w, size_t n)
{
    return ((unsigned)n * 31u + (unsigned)lower(w[0]) * 7u + (unsigned)lower(w[n - 1]) * 3u +
            (unsigned)lower(w[n / 2])) % FSLOTS;
}

static void fused_build(void)
{
    for (size_t i = 0; i < sizeof fused / sizeof *fused; i++) {
        unsigned h = fused_hash((const unsigned char *)fused[i].w, fused[i].len);
        while (fused_slot[h]) h = (h + 1) % FSLOTS;
        fused_slot[h] = (uint8_t)(i + 1);
    }
}

static int fused_cut(const unsigned char *w, size_t n)
{
    if (n < 2 || n > 8) return 0;
    pthread_once(&fused_once, fused_build);
    for (unsigned h = fused_hash(w, n); fused_slot[h]; h = (h + 1) % FSLOTS) {
        size_t i = fused_slot[h] - 1u;
        if (fused[i].len == n && eq_lower(w, n, fused[i].w)) return fused[i].cut;
    }
    return 0;
}

/* Where the clitic starts inside the word w[0..n), or 0. */
static int clitic_cut(const unsigned char *w, size_t n)
{
    /* the last apostrophe: ' or U+2019 */
    for (size_t i = n; i-- > 1;) {
        size_t al = 0;
        if (w[i] == '\'' || w[i] == '`') al = 1;
        else if (w[i] == 0xE2 && i + 2 < n && w[i + 1] == 0x80 && w[i + 2] == 0x99) al = 3;
        if (!al) continue;
        const unsigned char *s = w + i + al;
        size_t sn = n - i - al;
        if (eq_lower(s, sn, "s") || eq_lower(s, sn, "m") || eq_lower(s, sn, "re") ||
            eq_lower(s, sn, "ve") || eq_lower(s, sn, "ll") || eq_lower(s, sn, "d") || sn == 0)
            return (int)i;
        if (eq_lower(s, sn, "t") && i >= 2 && lower(w[i - 1]) == 'n') return (int)i - 1;
        return 0;
    }
    return fused_cut(w, n);
    return 0;
}

static const char *const emoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":-/", ":'(", ":))", ":((", "^_^", "^^", "<3",
    ":)", ":(", ":D", ":P", ":p", ";)", ":/", ":o", ":O", "=)", "=(", ":|", ":]", ":[", "8)",
};

static size_t emoticon(const scan *S, size_t p, size_t ce)
{
    for (size_t i = 0; i < sizeof emoticons / sizeof *emoticons; i++) {
        size_t m = strlen(emoticons[i]);
        if (p + m > ce || memcmp(S->t + p, emoticons[i], m)) continue;
        int len;
        /* "Note:Please" is no emoticon: it must stand apart from a following word. */
        if (p + m < ce && IS_WORD(cls(S, p + m, &len))) continue;
        if (emoticons[i][0] == '8' && p + m < ce) continue;
        return p + m;
    }
    return 0;
}

static int ci_prefix(const unsigned char *t, size_t p, size_t ce, const char *pre)
{
    size_t m = strlen(pre);
    if (p + m > ce) return 0;
    for (size_t i = 0; i < m; i++)
        if (lower(t[p + i]) != pre[i]) return 0;
    return 1;
}

/* A URL from p to the chunk's end, less trailing punctuation; 0 when none starts here. */
static size_t url_end(const scan *S, size_t p, size_t ce)
{
    const unsigned char *t = S->t;
    int c = lower(t[p]);
    if (c != 'h' && c != 'w' && c != 'f' && c != 'm') return 0;
    if (!ci_prefix(t, p, ce, "http://") && !ci_prefix(t, p, ce, "https://") &&
        !ci_prefix(t, p, ce, "ftp://") && !ci_prefix(t, p, ce, "www.") && !ci_prefix(t, p, ce, "mailto:"))
        return 0;
    size_t q = ce;
    int opens = 0;
    for (size_t i = p; i < ce; i++) opens += t[i] == '(';
    while (q > p + 4) {
        unsigned char d = t[q - 1];
        if (d == '.' || d == ',' || d == ';' || d == ':' || d == '!' || d == '?' || d == '"' ||
            d == '\'' || d == ']' || d == '>' || (d == ')' && !opens))
            q--;
        else
            break;
    }
    return q;
}

/* Units and words glued to a number that UD splits off ("5pm" = 5 pm, "55k" = 55 k); ordinal
 * and plural suffixes ("5th", "1990s") stay. */
static const char *const units[] = {
    "m", "pm", "am", "k", "b", "mm", "ft", "bn", "cm", "kg", "km", "hz", "lb", "lbs", "x", "mb",
    "gb", "kb", "mg", "ml", "hr", "hrs", "yr", "yrs", "oz", "mph", "kw", "mw", "mwh", "kwh", "gw",
    "mil", "mln", "min", "mins", "sec", "secs", "hh", "f", "c", "g", "in", "l",
};

static int unit_suffix(const unsigned char *t, size_t q, size_t ce)
{
    size_t r = q;
    while (r < ce && ((t[r] | 32) >= 'a' && (t[r] | 32) <= 'z')) r++;
    if (r < ce && t[r] >= 0x80) return 0;
    if (r < ce && ((t[r] >= '0' && t[r] <= '9') || t[r] == '\'' || t[r] == '_' || t[r] == '@')) return 0;
    size_t n = r - q;
    if (n >= 3 && !eq_lower(t + q, n, "ths") && !eq_lower(t + q, n, "nds") && !eq_lower(t + q, n, "rds"))
        return 1;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (eq_lower(t + q, n, units[i])) return 1;
    return 0;
}

/* "ENRON.XLS", "Amazon.COM": a file name or host whose extension is upper case. */
static int file_ext(const unsigned char *t, size_t p, size_t ce)
{
    static const char *const ext[] = {"doc", "docx", "xls", "xlsx", "pdf", "txt", "ppt", "zip",
                                      "htm", "html", "jpg", "gif", "com", "net", "org", "gov", "edu"};
    size_t r = p;
    while (r < ce && ((t[r] | 32) >= 'a' && (t[r] | 32) <= 'z')) r++;
    if (r < ce && t[r] != '.' && t[r] != '>' && t[r] != ')' && t[r] != ',') return 0;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        if (eq_lower(t + p, r - p, ext[i])) return 1;
    return 0;
}

/* A file name from p ("-FINAL.doc", "ld2d-#69366-1.DOC", ".doc"): ends in a known extension
 * with no bracket, quote or space before it. Bounded by the caller to short chunks. */
static size_t file_name_end(const scan *S, size_t p, size_t ce)
{
    const unsigned char *t = S->t;
    for (size_t i = p; i < ce; i++) {
        unsigned char c = t[i];
        if (c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '[' || c == ']' ||
            c == ',' || c == ';' || c >= 0x80)
            return 0;
        if (c == '.' && i + 1 < ce && ((t[i + 1] | 32) >= 'a' && (t[i + 1] | 32) <= 'z')) {
            static const char *const ext[] = {"doc", "docx", "xls", "xlsx", "pdf", "txt", "ppt",
                                              "pptx", "zip", "jpg", "gif", "png", "csv", "rtf", "wpd"};
            size_t r = i + 1;
            while (r < ce && ((t[r] | 32) >= 'a' && (t[r] | 32) <= 'z')) r++;
            if (r < ce && ((t[r] >= '0' && t[r] <= '9') || t[r] == '_' || t[r] == '-')) continue;
            for (size_t k = 0; k < sizeof ext / sizeof *ext; k++)
                if (eq_lower(t + i + 1, r - i - 1, ext[k])) return r;
        }
    }
    return 0;
}

/* An e-mail address from p ("Sean.Cooper@ElPaso.com"), or 0. */
static size_t email_end(const unsigned char *t, size_t p, size_t ce)
{
    size_t q = p;
    while (q < ce && (((t[q] | 32) >= 'a' && (t[q] | 32) <= 'z') || (t[q] >= '0' && t[q] <= '9') ||
                      t[q] == '.' || t[q] == '_' || t[q] == '-' || t[q] == '+'))
        q++;
    if (q == p || q >= ce || t[q] != '@') return 0;
    size_t d = ++q;
    int dots = 0;
    while (q < ce && (((t[q] | 32) >= 'a' && (t[q] | 32) <= 'z') || (t[q] >= '0' && t[q] <= '9') ||
                      t[q] == '.' || t[q] == '-'))
        dots += t[q++] == '.';
    while (q > d && (t[q - 1] == '.' || t[q - 1] == '-')) dots -= t[--q] == '.';
    return dots && q > d ? q : 0;
}

static int all_digits(const unsigned char *w, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9') return 0;
    return 1;
}

static size_t digit_run(const unsigned char *t, size_t p, size_t ce)
{
    size_t q = p;
    while (q < ce && t[q] >= '0' && t[q] <= '9') q++;
    return q - p;
}

/* Is the token before p one after which "1." starts a list item (":", ";", "and", a
 * sentence's end)? */
static int after_list_intro(const scan *S, size_t p)
{
    const seg_toks *o = S->out;
    if (!o->n) return 1;
    const seg_tok *k = &o->v[o->n - 1];
    const unsigned char *w = S->t + k->s;
    size_t n = k->e - k->s;
    if (k->e + 1 != p && k->e + 2 != p) return 0;
    if (n == 1) return w[0] == ':' || w[0] == ';';
    return (n == 3 && !memcmp(w, "and", 3)) || (n == 2 && !memcmp(w, "or", 2));
}

/* A word from p: letters and digits, joined across ". , : / ' - & @" where UD keeps the
 * pieces together (numbers, abbreviations, clitics, e-mail addresses, some hyphens). */
#ifndef MAX_FRAGMENT
#define MAX_FRAGMENT 6
#endif
static size_t word(scan *S, size_t p, size_t ce, int flags, int line_start)
{
    const unsigned char *t = S->t;
    /* after an opening quote, a final apostrophe closes it: 'Christians' */
    const seg_toks *o = S->out;
#define QUOTED (o->n && o->v[o->n - 1].e == p && o->v[o->n - 1].kind == SEG_PUNCT && \
                (t[p - 1] == '\'' || t[p - 1] == 0x98 || t[p - 1] == 0x99))
    size_t q = p, seg = p;
    int dotted = 0, longseg = 0, alpha = 0, lastk = K_SP, digit_hyphen = 0, nseg_letters = 0;
    int len;
    for (;;) {
        int k;
        nseg_letters = 0;
        while (q < ce && IS_WORD(k = cls(S, q, &len))) {
            if (IS_ALPHA(k) && !alpha && lastk == K_DIG && k != K_LET && unit_suffix(t, q, ce)) goto done;
            if (IS_ALPHA(k)) { alpha = 1; nseg_letters++; }
            lastk = k;
            q += (size_t)len;
        }
        if (nseg_letters > 3 || q - seg > 6) longseg = 1;
        if (q >= ce) break;
        unsigned char c = t[q];
        size_t q1 = q + 1;
        if (c == 0xE2 && q + 2 < ce && t[q + 1] == 0x80 && t[q + 2] == 0x99) { c = '\''; q1 = q + 3; }
        int nk = q1 < ce ? cls(S, q1, &len) : K_SP;
        if (!IS_WORD(nk)) break;
        int join = 0;
        switch (c) {
        case '.':
            join = nk == K_LO || nk == K_DIG || q - seg <= 2 || file_ext(t, q1, ce);
            dotted |= join;
            break;
        case ',': join = lastk == K_DIG && digit_run(t, q1, ce) == 3; break;
        case ':': case '/': join = lastk == K_DIG && nk == K_DIG; break;
        case '\'':
            /* "don't", "O'Brien"; "the 1990's" */
            join = IS_ALPHA(nk) && (IS_ALPHA(lastk) || (lastk == K_DIG && (t[q1] | 32) == 's' &&
                                                        (q1 + 1 >= ce || !IS_WORD(cls(S, q1 + 1, &len)))));
            break;
        case '`': join = IS_ALPHA(lastk) && (t[q1] | 32) == 's' && (q1 + 1 >= ce || !IS_WORD(cls(S, q1 + 1, &len))); break;
        case '&': join = lastk == K_UP && nk == K_UP; break;
        case '@': join = 1; break;
        case '_': join = 1; break;
        case '-':
            if (lastk == K_DIG && nk == K_DIG && all_digits(t + seg, q - seg)) {
                /* phone numbers and ZIP+4 stay whole, ranges ("1969-1970", "400-500") split */
                size_t l1 = q - seg, l2 = digit_run(t, q1, ce);
                join = digit_hyphen || (q1 + l2 < ce && t[q1 + l2] == '-' && q1 + l2 + 1 < ce &&
                                        t[q1 + l2 + 1] >= '0' && t[q1 + l2 + 1] <= '9') ||
                       (l2 == 4 && (l1 == 1 || l1 == 3 || l1 == 5));
            } else
                join = hyphen_prefix(t + seg, q - seg);
            if (join && lastk == K_DIG) digit_hyphen = 1;
            break;
        }
        if (!join) break;
        q = q1;
        seg = q;
    }
done:;
    int tflags = flags;
    int cut = 0;
    size_t wend = q;
    /* "Inc." keeps its period, also before a sentence's own ("Inc.." = "Inc." ".") */
    if (q < ce && t[q] == '.' && (q + 1 >= ce || t[q + 1] != '.' || q + 2 >= ce || t[q + 2] != '.')) {
        size_t wn = q - p;
        int a = 0;
        if (dotted && !longseg && alpha) {
            a = SEG_F_ABBR;
        } else if (wn == 1 && t[p] >= 'A' && t[p] <= 'Z' && t[p] != 'I') {
            a = SEG_F_ABBR | SEG_F_TITLE;  /* an initial: "J. Smith" */
        } else if ((line_start || after_list_intro(S, p)) && q + 1 >= ce && wn <= 3 &&
                   (all_digits(t + p, wn) || (wn == 3 && t[p + 1] == '.' && all_digits(t + p, 1) && all_digits(t + p + 2, 1)) ||
                    (wn == 1 && t[p] >= 'a' && t[p] <= 'z'))) {
            a = SEG_F_ABBR | SEG_F_LIST;   /* "1. item", "2.1. Section", "here: 1. that" */
        } else if (wn == 1 && (t[p] == 'b' || t[p] == 'c' || t[p] == 'd' || t[p] == 'm') &&
                   p > 0 && t[p - 1] == '(') {
            a = SEG_F_ABBR | SEG_F_TITLE;  /* "(b. 1960", "(c. 347", "(m. 1949" */
        } else {
            int f = seg_abbrev((const char *)t + p, wn);
            if (f & SEG_ABBR_NUM) {
                size_t r = q + 1;
                while (r < S->n && (t[r] == ' ' || t[r] == '\t')) r++;
                if (r < S->n && t[r] >= '0' && t[r] <= '9') a = SEG_F_ABBR | SEG_F_TITLE;
            } else if (f) {
                a = SEG_F_ABBR | (f & SEG_ABBR_TITLE ? SEG_F_TITLE : 0);
            }
        }
        if (a) { tflags |= a; q++; }
    } else if (q < ce && (t[q] == '\'' || (t[q] == 0xE2 && q + 2 < ce && t[q + 1] == 0x80 && t[q + 2] == 0x99)) &&
               q > p && lower(t[q - 1]) == 's' && alpha && !QUOTED) {
        /* plural possessive "students'" is one surface token, two words */
        size_t q1 = q + (t[q] == '\'' ? 1 : 3);
        int nk = q1 < ce ? cls(S, q1, &len) : K_SP;
        if (!IS_WORD(nk)) { cut = (int)(q - p); q = q1; wend = q; }
    }
    /* a broken-off word in speech: "w- we went" */
    if (!cut && alpha && !(tflags & SEG_F_ABBR) && q + 1 == ce && t[q] == '-' && q - p <= MAX_FRAGMENT) {
        q++;
        wend = q;
    }
    if (!cut && alpha) cut = clitic_cut(t + p, wend - p);
    if (cut > 0xFFFF) cut = 0;
    emit(S, p, q, alpha ? SEG_WORD : SEG_NUM, tflags, cut);
    return q;
}
#undef QUOTED

/* Tokens of one whitespace-free chunk t[p..ce). */
static void chunk(scan *S, size_t p, size_t ce, int flags)
{
    const unsigned char *t = S->t;
    int line_start = (flags & SEG_F_NL) || S->out->n == 0;
    int at = memchr(t + p, '@', ce - p) != NULL;
    /* a file name needs a '.' with a letter after it */
    const unsigned char *dot = ce - p <= 80 ? memchr(t + p, '.', ce - p) : NULL;
    int file = dot && dot + 1 < t + ce && ((dot[1] | 32) >= 'a' && (dot[1] | 32) <= 'z');
    if (dot && !file) {
        const unsigned char *d2 = dot;
        while (!file && (d2 = memchr(d2 + 1, '.', (size_t)(t + ce - d2 - 1))))
            file = d2 + 1 < t + ce && ((d2[1] | 32) >= 'a' && (d2[1] | 32) <= 'z');
    }
    while (p < ce) {
        size_t q;
        int len, k = cls(S, p, &len);
        if ((q = url_end(S, p, ce)) || (at && IS_WORD(k) && (q = email_end(t, p, ce))) ||
            (file && (IS_WORD(k) || t[p] == '-' || t[p] == '.') && (q = file_name_end(S, p, ce)))) {
            emit(S, p, q, SEG_URL, flags, 0);
        } else if ((t[p] == '+' && p + 1 < ce && t[p + 1] >= '0' && t[p + 1] <= '9' && (flags & SEG_F_SPACE)) ||
                   (t[p] == '.' && p + 1 < ce && t[p + 1] >= '0' && t[p + 1] <= '9' &&
                    (p == 0 || t[p - 1] == '$' || t[p - 1] == ' '))) {
            /* "+44" (a telephone prefix) and "$.04" */
            q = p + 1;
            while (q < ce && ((t[q] >= '0' && t[q] <= '9') || (t[q] == '.' && q + 1 < ce && t[q + 1] >= '0' && t[q + 1] <= '9'))) q++;
            emit(S, p, q, SEG_NUM, flags, 0);
        } else if (IS_WORD(k)) {
            q = word(S, p, ce, flags, line_start);
        } else {
            unsigned char c = t[p];
            q = p + (size_t)len;
            int kind = SEG_PUNCT;
            size_t em = 0;
            if ((c == ':' || c == ';' || c == '=' || c == '^' || c == '<' || c == '8') &&
                (em = emoticon(S, p, ce))) {
                q = em;
                kind = SEG_SYM;
            } else if ((c == '#' || c == '@') && q < ce && IS_ALPHA(cls(S, q, &len))) {
                while (q < ce) {
                    int k2 = cls(S, q, &len);
                    if (!IS_WORD(k2) && t[q] != '_') break;
                    q += (size_t)len;
                }
                kind = SEG_WORD;
            } else if (c == '.' || c == '!' || c == '?' || (c == 0xE2 && len == 3 && t[p + 1] == 0x80 && t[p + 2] == 0xA6)) {
                q = p;
                while (q < ce) {
                    if (t[q] == '.' || t[q] == '!' || t[q] == '?') q++;
                    else if (t[q] == 0xE2 && q + 2 < ce && t[q + 1] == 0x80 && t[q + 2] == 0xA6) q += 3;
                    else break;
                }
            } else if (c < 0x80 && c != '(' && c != ')' && c != '[' && c != ']' && c != '{' &&
                       c != '}' && c != '"') {
                /* "--", "**", "''", "====", "----==" */
                if (c == '-' || c == '=')
                    while (q < ce && (t[q] == '-' || t[q] == '=')) q++;
                else
                    while (q < ce && t[q] == c) q++;
                if (k == K_SYM) kind = SEG_SYM;
            } else if (c == 0xE2 && len == 3 && t[p + 1] == 0x80 && (t[p + 2] == 0x98 || t[p + 2] == 0x99)) {
                /* doubled single quotes used as double quotes: ‘’ ’’ */
                while (q + 2 < ce && t[q] == 0xE2 && t[q + 1] == 0x80 && (t[q + 2] == 0x98 || t[q + 2] == 0x99)) q += 3;
            } else if (k == K_SYM) {
                kind = SEG_SYM;
            }
            emit(S, p, q, kind, flags, 0);
        }
        p = q;
        flags = 0;
    }
}

void seg_tokenize(const char *text, size_t n, seg_toks *out)
{
    scan S = {(const unsigned char *)text, n, out};
    const unsigned char *t = S.t;
    size_t i = 0;
    int nl = 0, sp = 0;
    while (i < n) {
        int len, k = cls(&S, i, &len);
        /* a CR alone (old Mac files) breaks the line; in CRLF the LF does */
        if (k == K_NL || (t[i] == '\r' && (i + 1 >= n || t[i + 1] != '\n'))) { nl++; sp = 1; i += (size_t)len; continue; }
        if (k == K_SP) { sp = 1; i += (size_t)len; continue; }
        size_t ce = i + (size_t)len;
        while (ce < n) {
            if (t[ce] < 0x80) {
                if (ascii_class[t[ce]] <= K_NL) break;
                ce++;
            } else {
                k = cls(&S, ce, &len);
                if (k <= K_NL) break;
                ce += (size_t)len;
            }
        }
        int flags = (sp ? SEG_F_SPACE : 0) | (nl ? SEG_F_NL : 0) | (nl >= 2 ? SEG_F_PARA : 0);
        chunk(&S, i, ce, flags);
        i = ce;
        nl = sp = 0;
    }
}
