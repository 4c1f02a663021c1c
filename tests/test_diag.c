/* test_diag.c — the problems of a run (lib/diag.c) as SPEC §1 "Messages"
 * describes them: control characters as \xHH, quoted values cut to 80
 * characters, the same problem at the same place told once, a note shown
 * after its problem, errors and warnings kept apart, sorting by place, and
 * the suggestions of a near id. Expected texts are written out by hand. */
#include "diag.h"
#include "tp_test.h"

#include <stdlib.h>
#include <string.h>

static tp_loc S_at(const char *file, int line, int col) { return (tp_loc){file, line, col}; }

static void test_escape(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    /* ESC, CR, a newline, a tab, DEL and a C1 control (U+0085 as UTF-8) */
    assert_string_equal(tp_diag_escape(a, "a\x1b[31mb\rc\nd\te\x7f" "f\xc2\x85g"),
                        "a\\x1b[31mb\\x0dc\\x0ad\\x09e\\x7ff\\x85g"); /* NEL as its code point */
    assert_string_equal(tp_diag_escape(a, "Jo\xc3\xa3o \xe2\x86\x92 \xf0\x9f\x98\x80"),
                        "Jo\xc3\xa3o \xe2\x86\x92 \xf0\x9f\x98\x80"); /* printable UTF-8 as it is */
    assert_string_equal(tp_diag_escape(a, ""), "");
    tp_arena_free(a);
}

static void test_message_and_text(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    tp_diag_add(&d, S_at("logs/q3.yaml", 4, 11), TP_ERROR, "unknown person '%s'", "an\x1b" "na");
    assert_int_equal(d.count, 1);
    assert_int_equal(d.errors, 1);
    char *t = tp_diag_text(&d.items[0], true);
    assert_string_equal(t, "logs/q3.yaml:4:11: error: unknown person 'an\\x1bna'\n");
    free(t);
    /* a file name with a newline cannot forge a second line */
    tp_diag_add(&d, S_at("a\nb.yaml", 0, 0), TP_WARNING, "skipped: %s", "not a regular file");
    t = tp_diag_text(&d.items[1], false);
    assert_string_equal(t, "a\\x0ab.yaml: warning: skipped: not a regular file\n");
    free(t);
    /* a place-less problem is the program's */
    tp_diag_add(&d, (tp_loc){NULL, 0, 0}, TP_ERROR, "nothing to report");
    t = tp_diag_text(&d.items[2], true);
    assert_string_equal(t, "touchpoint: error: nothing to report\n");
    free(t);
    tp_arena_free(a);
}

/* A quoted value of more than 80 characters is cut to 80: its first 79
 * and "…" (README: characters, not bytes: 100 × "é" is cut between
 * characters); one of exactly 80 is shown whole. */
static void test_quoted_cut(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    char longid[201];
    memset(longid, 'x', 200);
    longid[200] = '\0';
    tp_diag_add(&d, S_at("f.yaml", 1, 1), TP_ERROR, "unknown person '%s'", longid);
    char want[300] = "unknown person '";
    memcpy(want + strlen(want), longid, 79);
    want[16 + 79] = '\0';
    strcat(want, "\xe2\x80\xa6'");
    assert_string_equal(d.items[0].message, want);
    char accents[201];
    for (int i = 0; i < 100; i++)
        memcpy(accents + 2 * i, "\xc3\xa9", 2);
    accents[200] = '\0';
    tp_diag_add(&d, S_at("f.yaml", 2, 1), TP_ERROR, "unknown team '%s'", accents);
    strcpy(want, "unknown team '");
    memcpy(want + 14, accents, 79 * 2);
    want[14 + 158] = '\0';
    strcat(want, "\xe2\x80\xa6'");
    assert_string_equal(d.items[1].message, want);
    /* unquoted text is never cut */
    tp_diag_add(&d, S_at("f.yaml", 3, 1), TP_WARNING, "%s", longid);
    assert_string_equal(d.items[2].message, longid);
    /* 80 characters are shown whole, 81 cut (the last one "…") */
    accents[160] = '\0';
    tp_diag_add(&d, S_at("f.yaml", 4, 1), TP_ERROR, "unknown team '%s'", accents);
    strcpy(want, "unknown team '");
    strcat(want, accents);
    strcat(want, "'");
    assert_string_equal(d.items[3].message, want);
    longid[81] = '\0';
    tp_diag_add(&d, S_at("f.yaml", 5, 1), TP_ERROR, "unknown person '%s'", longid);
    strcpy(want, "unknown person '");
    memcpy(want + 16, longid, 79);
    strcpy(want + 16 + 79, "\xe2\x80\xa6'");
    assert_string_equal(d.items[4].message, want);
    tp_arena_free(a);
}

/* The same problem at the same place once (a template reached through many
 * aliases); its note follows it; a note after a problem told already is
 * dropped with it. */
static void test_once_and_note(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    tp_diag_add(&d, S_at("f.yaml", 9, 5), TP_ERROR, "person 'a' is defined twice");
    tp_diag_note(&d, S_at("g.yaml", 2, 5), "first defined here");
    for (int i = 0; i < 5; i++) {
        tp_diag_add(&d, S_at("f.yaml", 9, 5), TP_ERROR, "person 'a' is defined twice");
        tp_diag_note(&d, S_at("h.yaml", 1, 1), "a note that must not replace the first");
    }
    assert_int_equal(d.count, 1);
    assert_int_equal(d.errors, 1);
    char *t = tp_diag_text(&d.items[0], true);
    assert_string_equal(t, "f.yaml:9:5: error: person 'a' is defined twice\n"
                           "g.yaml:2:5: note: first defined here\n");
    free(t);
    /* the same message at another place is another problem */
    tp_diag_add(&d, S_at("f.yaml", 10, 5), TP_ERROR, "person 'a' is defined twice");
    assert_int_equal(d.count, 2);
    tp_arena_free(a);
}

/* Errors and warnings are kept apart (TP_MAX_DIAGS each), so a flood of
 * warnings never hides an error; the rest is counted. */
static void test_caps(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    for (int i = 0; i < TP_MAX_DIAGS + 50; i++)
        tp_diag_add(&d, S_at("w.yaml", i + 1, 1), TP_WARNING, "unknown key 'k%d'", i);
    tp_diag_add(&d, S_at("w.yaml", 999999, 1), TP_ERROR, "the error after the flood");
    assert_int_equal(d.warnings, TP_MAX_DIAGS + 50);
    assert_int_equal(d.kept_warnings, TP_MAX_DIAGS);
    /* past the cap a template's warning reached 3 times still counts once,
     * and so does a kept one repeated; another message at its place counts */
    for (int i = 0; i < 3; i++) {
        tp_diag_add(&d, S_at("w.yaml", 500000, 3), TP_WARNING, "unknown key '%s'", "tmpl");
        tp_diag_add(&d, S_at("w.yaml", 1, 1), TP_WARNING, "unknown key 'k%d'", 0);
    }
    tp_diag_add(&d, S_at("w.yaml", 500000, 3), TP_WARNING, "unknown key '%s'", "other");
    assert_int_equal(d.warnings, TP_MAX_DIAGS + 52);
    assert_int_equal(d.kept_warnings, TP_MAX_DIAGS);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.kept_errors, 1);
    assert_true(tp_diags_failed(&d));
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        found |= d.items[i].severity == TP_ERROR;
    assert_true(found);
    tp_arena_free(a);
}

static void test_failed_strict(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    assert_false(tp_diags_failed(&d));
    tp_diag_add(&d, S_at("f.yaml", 1, 1), TP_WARNING, "date 2027-01-01 is in the future");
    assert_false(tp_diags_failed(&d));
    d.strict = true; /* --strict: warnings count as errors */
    assert_true(tp_diags_failed(&d));
    tp_arena_free(a);
}

/* Sorted by file (bytewise), line, column; equal places keep their order.
 * Merging copies the messages and the counts of what was only counted. */
static void test_sort_and_merge(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new(), *b = tp_arena_new();
    tp_diags d, e;
    tp_diags_init(&d, a);
    tp_diags_init(&e, b);
    tp_diag_add(&e, S_at("b.yaml", 2, 1), TP_ERROR, "third");
    tp_diag_add(&e, S_at("a.yaml", 10, 3), TP_ERROR, "second");
    tp_diag_add(&e, S_at("a.yaml", 9, 7), TP_WARNING, "first");
    tp_diag_add(&e, S_at("b.yaml", 2, 1), TP_WARNING, "fourth, same place as third");
    tp_diag_add(&e, S_at("B.yaml", 1, 1), TP_ERROR, "zeroth: 'B' sorts before 'a'");
    tp_diags_merge(&d, &e);
    tp_arena_free(b); /* the messages were copied */
    tp_diags_sort(&d);
    const char *want[] = {"zeroth: 'B' sorts before 'a'", "first", "second", "third", "fourth, same place as third"};
    assert_int_equal(d.count, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(d.items[i].message, want[i]);
    assert_int_equal(d.errors, 3);
    assert_int_equal(d.warnings, 2);
    tp_arena_free(a);
}

/* Levenshtein distances worked by hand, and the suggestion rule: within 1
 * edit for ids of up to 3 characters, 2 up to 6, 3 beyond; the nearest,
 * then the first bytewise. */
static void test_suggest(void **state)
{
    (void)state;
    assert_int_equal(tp_edit_distance("kitten", "sitting", 5), 3);
    assert_int_equal(tp_edit_distance("flaw", "lawn", 5), 2);
    assert_int_equal(tp_edit_distance("", "abc", 5), 3);
    assert_int_equal(tp_edit_distance("same", "same", 0), 0);
    assert_int_equal(tp_edit_distance("kitten", "sitting", 2), 3); /* capped at cap + 1 */
    const char *teams[] = {"Security", "Service Desk", "Infrastructure"};
    assert_string_equal(tp_suggest("Secuirty", teams, 3), "Security");
    assert_string_equal(tp_suggest("Infrastructur", teams, 3), "Infrastructure");
    assert_null(tp_suggest("Marketing", teams, 3));
    const char *ids[] = {"abd", "abc", "xyz"};
    assert_string_equal(tp_suggest("abx", ids, 3), "abc"); /* abc and abd tie at 1: bytewise first */
    const char *near[] = {"ab"};
    assert_string_equal(tp_suggest("ax", near, 1), "ab");
    const char *far[] = {"xyz"};
    assert_null(tp_suggest("ab", far, 1)); /* 3 edits for a 2-character id */
    const char *keys[] = {"date", "id", "name"};
    assert_string_equal(tp_suggest("ID", keys, 3), "id"); /* 2 edits, but the same word in capitals */
    assert_string_equal(tp_suggest("NAME", keys, 3), "name");
}

/* The character that tells a lookalike from its suggestion apart, by hand. */
static void test_suggest_hidden(void **state)
{
    (void)state;
    char buf[80];
    assert_null(tp_suggest_hidden("bb", "bob", buf, sizeof buf));   /* plain ASCII: the typo shows */
    assert_null(tp_suggest_hidden("jos\xc3\xa9s", "jos\xc3\xa9", buf, sizeof buf)); /* both hold the é */
    assert_string_equal(tp_suggest_hidden("b\xd0\xbe" "b", "bob", buf, sizeof buf),
                        "this one holds U+043E, a character that one does not");
    assert_string_equal(tp_suggest_hidden("bob", "b\xd0\xbe" "b", buf, sizeof buf),
                        "that one holds U+043E, a character this one does not");
    assert_string_equal(tp_suggest_hidden("ab\xe2\x80\x8b", "ab", buf, sizeof buf), /* a zero-width space */
                        "this one holds U+200B, a character that one does not");
    assert_string_equal(tp_suggest_hidden("a\xf0\x9d\x90\x9a", "aa", buf, sizeof buf), /* MATHEMATICAL BOLD SMALL A */
                        "this one holds U+1D41A, a character that one does not");
}

static void test_diag_escape_cut_once_note(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    tp_loc at = {"f\x1b.yaml", 3, 4};
    char long_id[200 + 1];
    memset(long_id, 0, sizeof long_id);
    for (int i = 0; i < 100; i++)
        memcpy(long_id + 2 * i, "\xC3\xA9", 2); /* 100 × é */
    tp_diag_add(&d, at, TP_ERROR, "unknown person '%s'", long_id);
    tp_diag_add(&d, at, TP_ERROR, "unknown person '%s'", long_id); /* the same: told once */
    tp_diag_add(&d, at, TP_WARNING, "text '%s' and %s, %d", "a\tb\x7f" "c\xC2\x85" "d\n", "not\x01quoted", 7);
    tp_diag_add(&d, (tp_loc){"g.yaml", 9, 1}, TP_ERROR, "duplicate id '%s'", "acme");
    tp_diag_note(&d, (tp_loc){"g.yaml", 2, 5}, "'%s' is first defined here", "acme");
    tp_diag_add(&d, (tp_loc){"g.yaml", 9, 1}, TP_ERROR, "duplicate id '%s'", "acme");
    tp_diag_note(&d, (tp_loc){"g.yaml", 1, 1}, "not attached: the problem was told already");
    tp_diags_sort(&d);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.count, 3);
    char want[400] = "unknown person '";
    for (int i = 0; i < 79; i++)
        strcat(want, "\xC3\xA9");
    strcat(want, "\xE2\x80\xA6'");
    tp_test_expect_exact(&d, TP_ERROR, 3, 4, want);
    tp_test_expect_exact(&d, TP_WARNING, 3, 4, "text 'a\\x09b\\x7fc\\x85d\\x0a' and not\\x01quoted, 7");
    char *text = tp_diag_text(&d.items[1], false); /* after the error at the same place */
    assert_non_null(text);
    assert_string_equal(text, "f\\x1b.yaml:3:4: warning: text 'a\\x09b\\x7fc\\x85d\\x0a' and not\\x01quoted, 7\n");
    free(text);
    text = tp_diag_text(&d.items[2], true);
    assert_string_equal(text, "g.yaml:9:1: error: duplicate id 'acme'\ng.yaml:2:5: note: 'acme' is first defined here\n");
    free(text);
    /* merged problems keep their notes and stay told once */
    tp_diags all;
    tp_diags_init(&all, a);
    tp_diags_merge(&all, &d);
    tp_diags_merge(&all, &d);
    assert_int_equal(all.count, 3);
    assert_int_equal(all.errors, 2);
    assert_string_equal(all.items[2].note, "'acme' is first defined here");
    tp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),       cmocka_unit_test(test_message_and_text),
        cmocka_unit_test(test_quoted_cut),   cmocka_unit_test(test_once_and_note),
        cmocka_unit_test(test_caps),         cmocka_unit_test(test_failed_strict),
        cmocka_unit_test(test_sort_and_merge), cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_diag_escape_cut_once_note), cmocka_unit_test(test_suggest_hidden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
