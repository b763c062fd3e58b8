/* The segmenter: UD English tokenization (clitics as multiword tokens, abbreviations,
 * numbers, URLs), sentence boundaries, exact byte offsets, and linear time on hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "annalist.h"

static ann_doc *segment(const char *text)
{
    ann_doc *d = ann_doc_new();
    ann_doc_set_text(d, text, strlen(text));
    d->id = ann_arena_strdup(&d->arena, "t");
    ann_err e;
    assert_int_equal(ann_text_segment(d, &e), 0);
    return d;
}

/* Renders sentences one per line, words separated by spaces, the words of a multiword token
 * joined by '+' ("do+n't"). Also checks every offset against the text. */
static void render(const ann_doc *d, ann_buf *b)
{
    for (int si = 0; si < d->nsent; si++) {
        const ann_sentence *s = &d->sent[si];
        if (si) ann_buf_putc(b, '\n');
        assert_true(s->ntok > 0);
        assert_int_equal(s->start, s->tok[0].start);
        assert_int_equal(s->end, s->tok[s->ntok - 1].end);
        int mi = 0;
        for (int k = 0; k < s->ntok; k++) {
            const ann_token *t = &s->tok[k];
            assert_true(t->start < t->end && t->end <= d->len);
            assert_int_equal(strlen(t->form), t->end - t->start);
            assert_memory_equal(t->form, d->text + t->start, t->end - t->start);
            if (k) {
                assert_true(t->start >= s->tok[k - 1].end);
                int glued = mi > 0 && s->mwt[mi - 1].last >= k + 1 && s->mwt[mi - 1].first < k + 1;
                ann_buf_putc(b, glued ? '+' : ' ');
            }
            while (mi < s->nmwt && s->mwt[mi].last < k + 1) mi++;
            if (mi < s->nmwt && s->mwt[mi].first == k + 1) mi++;
            ann_buf_puts(b, t->form);
        }
    }
}

static void expect(const char *text, const char *want)
{
    ann_doc *d = segment(text);
    ann_buf b = {0};
    render(d, &b);
    if (strcmp(b.s ? b.s : "", want)) {
        print_error("input: %s\n  got: %s\n want: %s\n", text, b.s ? b.s : "", want);
        fail();
    }
    ann_buf_free(&b);
    ann_doc_free(d);
}

static void test_clitics(void **state)
{
    (void)state;
    expect("Iran's army didn't move.", "Iran+'s army did+n't move .");
    expect("I can't and won't go; we're gonna stay.", "I ca+n't and wo+n't go ; we+'re gon+na stay .");
    expect("They'll say it’s the students' fault.", "They+'ll say it+’s the students+' fault .");
    expect("I'm sure you'd agree they've won.", "I+'m sure you+'d agree they+'ve won .");
    expect("You cannot be O'Brien.", "You can+not be O'Brien .");
}

static void test_punctuation_and_brackets(void **state)
{
    (void)state;
    expect("He said: \"No (never) [ok]!\"", "He said : \" No ( never ) [ ok ] ! \"");
    expect("Wait... what?!", "Wait ... what ?!");
    expect("the search-engine and e-mail, a non-profit", "the search - engine and e-mail , a non-profit");
    expect("prices rose 5% to $1,000.50 on 3/4/2025 at 10:30", "prices rose 5 % to $ 1,000.50 on 3/4/2025 at 10:30");
    expect("years 1969-1970, call 713-853-3989", "years 1969 - 1970 , call 713-853-3989");
    expect("meet at 5pm or 7:30AM", "meet at 5 pm or 7:30 AM");
    expect("the 5th of 1990s hits", "the 5th of 1990s hits");
}

static void test_abbreviations(void **state)
{
    (void)state;
    expect("Gen. Smith met Mr. J. Doe of Acme Inc. in the U.S. capital on Jan. 5.",
           "Gen. Smith met Mr. J. Doe of Acme Inc. in the U.S. capital on Jan. 5 .");
    expect("See No. 5, e.g. this one.", "See No. 5 , e.g. this one .");
    /* the period of an abbreviation that ends a sentence is a token of its own (as in UD) */
    expect("We sell pens, paper etc. The rest is gone.", "We sell pens , paper etc .\nThe rest is gone .");
    expect("He moved to the U.S. He liked it.", "He moved to the U.S .\nHe liked it .");
}

static void test_urls_emails_social(void **state)
{
    (void)state;
    expect("See http://example.com/a?b=1. Mail bob.smith@example.org now.",
           "See http://example.com/a?b=1 .\nMail bob.smith@example.org now .");
    expect("(www.example.com) #Iran @user :)", "( www.example.com ) #Iran @user :)");
}

static void test_sentences(void **state)
{
    (void)state;
    expect("\"Go home,\" he said. \"Why?\" she asked. He left.",
           "\" Go home , \" he said .\n\" Why ? \" she asked .\nHe left .");
    expect("It rose (by 5%.) Then it fell.", "It rose ( by 5 % . )\nThen it fell .");
    expect("HEADLINE WITHOUT STOP\nThe text begins here.", "HEADLINE WITHOUT STOP\nThe text begins here .");
    expect("Items:\n1. apples\n2. pears", "Items :\n1. apples\n2. pears");
    expect("Para one\n\npara two", "Para one\npara two");
    expect("what do you mean? i am here.", "what do you mean ?\ni am here .");
    expect("Thanks, Bill", "Thanks ,\nBill");
}

static void test_paragraphs_and_offsets(void **state)
{
    (void)state;
    const char *text = "First one. Second one.\r\n\r\nThird\u00e9 one.";
    ann_doc *d = segment(text);
    assert_int_equal(d->nsent, 3);
    assert_int_equal(d->sent[0].paragraph, 0);
    assert_int_equal(d->sent[1].paragraph, 0);
    assert_int_equal(d->sent[2].paragraph, 1);
    assert_string_equal(d->sent[2].tok[0].form, "Third\u00e9");
    assert_int_equal(d->sent[2].tok[0].start, 26);
    ann_doc_free(d);
}

static void test_unicode(void **state)
{
    (void)state;
    expect("“Quoted,” she said — “really.”", "“ Quoted , ” she said — “ really . ”");
    expect("Zürich’s café\u00a0opened.", "Zürich+’s café opened .");
    expect("", "");
    expect("   \n\n  ", "");
}

/* Hostile input must stay linear: each of these runs in well under a second when the code is
 * linear and would take minutes if any part were quadratic. */
static void test_web_and_mail(void **state)
{
    (void)state;
    /* file names, telephone numbers, extensions, rule lines and smileys as UD EWT has them */
    expect("See ld2d-#69366-1.DOC and -FINAL.doc now", "See ld2d-#69366-1.DOC and -FINAL.doc now");
    expect("Call Joan (3-5213) or +44 20 7484 9866", "Call Joan ( 3-5213 ) or +44 20 7484 9866");
    expect("It costs $.04 now ----== Posted", "It costs $ .04 now ----== Posted");
    expect("the 1990's and mama`s car", "the 1990+'s and mama+`s car");
    expect("counterparty CCNG, Inc.. On Monday", "counterparty CCNG , Inc. .\nOn Monday");
    expect("great fun :) See you", "great fun :)\nSee you");
    expect("Sent 08/16/2000 12:05 PM I just wanted", "Sent 08/16/2000 12:05 PM\nI just wanted");
    expect("w- we went th- there", "w- we went th- there");
    expect("two claims: 1. that it works", "two claims : 1. that it works");
    expect("Goode (b. March 2009) acted", "Goode ( b. March 2009 ) acted");
}

static void test_line_breaks(void **state)
{
    (void)state;
    /* a lone CR is a line break; CRLF CRLF a paragraph */
    expect("Headline\rBody starts here.", "Headline\nBody starts here .");
    expect("One.\r\n\r\nTwo.", "One .\nTwo .");
    /* long wrapped lines are prose, not sentences */
    expect("The minister said on Monday that the government would not accept the\nproposal.",
           "The minister said on Monday that the government would not accept the proposal .");
}

static void test_pathological(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *t = malloc(n + 1);
    memset(t, 'a', n);
    t[n] = 0;
    ann_doc *d = segment(t);            /* 1 MB without a space: one token */
    assert_int_equal(d->nsent, 1);
    ann_doc_free(d);
    for (size_t i = 0; i < n; i++) t[i] = ',';
    d = segment(t);                     /* a million commas: one token, a same-character run */
    assert_true(d->nsent >= 1);
    ann_doc_free(d);
    for (size_t i = 0; i < 100000; i++) t[i] = '(';
    for (size_t i = 100000; i < 200000; i++) t[i] = ')';
    t[200000] = 0;
    d = segment(t);                     /* 100,000 nested brackets */
    int words = 0;
    for (int i = 0; i < d->nsent; i++) {
        assert_true(d->sent[i].ntok <= 500);
        words += d->sent[i].ntok;
    }
    assert_int_equal(words, 200000);
    ann_doc_free(d);
    for (size_t i = 0; i < n; i += 2) { t[i] = 'a'; t[i + 1] = ' '; }
    t[n] = 0;
    d = segment(t);                     /* one endless sentence is cut at 500 words */
    words = 0;
    for (int i = 0; i < d->nsent; i++) {
        assert_true(d->sent[i].ntok <= 500);
        words += d->sent[i].ntok;
    }
    assert_int_equal(words, (int)(n / 2));
    ann_doc_free(d);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_punctuation_and_brackets),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_urls_emails_social),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_paragraphs_and_offsets),
        cmocka_unit_test(test_unicode),
        cmocka_unit_test(test_web_and_mail),
        cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
