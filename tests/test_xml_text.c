/* test_xml_text.c — the text helpers every XML writer shares (SPEC §1):
 * what XML 1.0 cannot hold becomes U+FFFD, everything else is carried
 * through unchanged, and a cut text is cut between characters and ends
 * with "…". Expected bytes are written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "escape.h"

#define FFFD "\xEF\xBF\xBD"
#define ELL "\xE2\x80\xA6"

/* tp_xml_text of s (len bytes), as a NUL-terminated string to compare. */
static char *xt_text(const char *s, size_t len)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_xml_text(&b, s, len);
    assert_false(b.nomem);
    char *out = strdup(b.data ? b.data : "");
    tp_buf_free(&b);
    return out;
}

static char *xt_escape(const char *s)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_xml_escape(&b, s);
    char *out = strdup(b.data ? b.data : "");
    tp_buf_free(&b);
    return out;
}

static char *xt_cut(const char *s, size_t max, bool utf16)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_cut(&b, s, max, utf16);
    char *out = strdup(b.data ? b.data : "");
    tp_buf_free(&b);
    return out;
}

#define EXPECT_TEXT(in, want)                                                                                    \
    do {                                                                                                         \
        char *got_ = xt_text(in, sizeof(in) - 1);                                                                \
        assert_string_equal(got_, want);                                                                         \
        free(got_);                                                                                              \
    } while (0)

static void test_forbidden_characters_become_fffd(void **state)
{
    (void)state;
    /* The YAML escapes "\e", "\x01", "\v", "\f", "\uFFFE", "\uFFFF". */
    EXPECT_TEXT("a\x1b[31mb", "a" FFFD "[31mb");
    EXPECT_TEXT("\x01\x0b\x0c\x1f", FFFD FFFD FFFD FFFD);
    EXPECT_TEXT("x\xEF\xBF\xBEy\xEF\xBF\xBFz", "x" FFFD "y" FFFD "z"); /* one U+FFFD each, not three */
    EXPECT_TEXT("nul\0byte", "nul" FFFD "byte");
    /* Bytes that are not UTF-8: a stray continuation, a cut sequence, an
     * overlong "/", a surrogate, past U+10FFFF: each byte one U+FFFD. */
    EXPECT_TEXT("\x80", FFFD);
    EXPECT_TEXT("\xC3", FFFD);
    EXPECT_TEXT("\xE2\x80", FFFD FFFD);
    EXPECT_TEXT("\xC0\xAF", FFFD FFFD);
    EXPECT_TEXT("\xED\xA0\x80", FFFD FFFD FFFD);
    EXPECT_TEXT("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);
}

static void test_everything_else_is_unchanged(void **state)
{
    (void)state;
    static const char kept[] = "tab\tnewline\ncr\r Jo\xC3\xA3o Gon\xC3\xA7" "alves Zo\xC3\xAB "
                               "\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE \xF0\x9F\x98\x80 "
                               "\xEF\xBF\xBD \xEF\xBF\xBC \xF4\x8F\xBF\xBF \x7f \xC2\x85 <&>";
    EXPECT_TEXT(kept, kept);
    assert_true(tp_xml_clean(kept, sizeof kept - 1));
    assert_false(tp_xml_clean("a\x01", 2));
    assert_false(tp_xml_clean("\xEF\xBF\xBF", 3));
    assert_true(tp_xml_clean("", 0));
}

static void test_escape_replaces_and_escapes(void **state)
{
    (void)state;
    char *got = xt_escape("<b a=\"1\">'&'\x1b\xEF\xBF\xBE\xC3\xA9</b>");
    assert_string_equal(got, "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;" FFFD FFFD "\xC3\xA9&lt;/b&gt;");
    free(got);
    got = xt_escape(NULL);
    assert_string_equal(got, "");
    free(got);
}

static void test_cut_between_characters(void **state)
{
    (void)state;
    char emoji[30 * 4 + 1] = "";
    for (int i = 0; i < 30; i++)
        strcat(emoji, "\xF0\x9F\x98\x80");
    char *got = xt_cut(emoji, 25, false); /* 24 emoji, then "…" */
    assert_int_equal(strlen(got), 24 * 4 + 3);
    assert_memory_equal(got, emoji, 24 * 4);
    assert_string_equal(got + 24 * 4, ELL);
    free(got);
    got = xt_cut(emoji, 30, false); /* fits: unchanged */
    assert_string_equal(got, emoji);
    free(got);
    got = xt_cut(emoji, 7, true); /* 3 emoji (6 UTF-16 units), then "…" */
    assert_string_equal(got, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80" ELL);
    free(got);
    got = xt_cut("\xC3\xA9\xC3\xA9\xC3\xA9", 2, false);
    assert_string_equal(got, "\xC3\xA9" ELL);
    free(got);
    bool whole;
    assert_int_equal(tp_utf8_prefix("a\xE2\x82\xAC" "b", 2, false, &whole), 4);
    assert_false(whole);
    assert_int_equal(tp_utf8_prefix("a\xE2\x82\xAC" "b", 3, false, &whole), 5);
    assert_true(whole);
}

static void test_fit_for_a_workbook(void **state)
{
    (void)state;
    tp_buf scratch;
    tp_buf_init(&scratch);
    const char *plain = "ACME Freight";
    assert_ptr_equal(tp_xml_fit(&scratch, plain, 255, false), plain); /* nothing to do: no copy */
    char e[300 * 2 + 1] = "";
    for (int i = 0; i < 300; i++)
        strcat(e, "\xC3\xA9");
    const char *f = tp_xml_fit(&scratch, e, 255, false); /* 254 × é, then "…" */
    assert_int_equal(strlen(f), 254 * 2 + 3);
    assert_string_equal(f + 254 * 2, ELL);
    f = tp_xml_fit(&scratch, "a\x01" "b\xEF\xBF\xBF", 255, false);
    assert_string_equal(f, "a" FFFD "b" FFFD);
    f = tp_xml_fit(&scratch, "\x01\x02\x03\x04", 3, false); /* replaced, then cut */
    assert_string_equal(f, FFFD FFFD ELL);
    tp_buf_free(&scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forbidden_characters_become_fffd),
        cmocka_unit_test(test_everything_else_is_unchanged),
        cmocka_unit_test(test_escape_replaces_and_escapes),
        cmocka_unit_test(test_cut_between_characters),
        cmocka_unit_test(test_fit_for_a_workbook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
