/* test_render_md.c — the Markdown report against golden files, and the
 * shared number formats and fixed texts it is made of.
 * TP_UPDATE_GOLDEN=1 rewrites the golden files (tests/golden, or
 * TP_GOLDEN_DIR) from the current output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "buf.h"
#include "definition.h"
#include "escape.h"
#include "fixture_report.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"
#include "render.h"
#include "report.h"

/* ---------------------------------------------------------------- golden */

/* Compares text with the golden file name (or rewrites it). */
static void S_golden(const char *name, const char *text)
{
    const char *dir = getenv("TP_GOLDEN_DIR") ? getenv("TP_GOLDEN_DIR") : "tests/golden";
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (getenv("TP_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        return;
    }
    char *want = fx_read_file(path);
    if (!want)
        fprintf(stderr, "missing golden file %s (run with TP_UPDATE_GOLDEN=1)\n", path);
    assert_non_null(want);
    if (strcmp(want, text) != 0)
        fprintf(stderr, "%s differs; got:\n%s\n", path, text);
    assert_string_equal(want, text);
    free(want);
}

/* The Markdown of r in a malloc'd string. */
static char *S_md(const tp_report *r)
{
    tp_buf b;
    tp_buf_init(&b);
    assert_int_equal(tp_render_md(r, &(tp_render_target){.out = &b}), TP_OK);
    return b.data;
}

static void test_golden_full(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    char *md = S_md(fixture_report(a));
    S_golden("report.md", md);
    free(md);
    tp_arena_free(a);
}

static void test_golden_min_group(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    fixture_min_group(r, 5);
    char *md = S_md(r);
    S_golden("report_min5.md", md);
    assert_null(strstr(md, "## People\n"));
    assert_non_null(strstr(md, "| Office of the CIO | fewer than 5 |"));
    assert_null(strstr(md, "Jane Doe"));
    free(md);
    tp_arena_free(a);
}

static void test_no_previous(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    r->has_previous = false;
    char *md = S_md(r);
    assert_non_null(strstr(md, "No previous period with interactions to compare with."));
    assert_null(strstr(md, "Previous ("));
    assert_non_null(strstr(md, "| Contact rate | 65.0% |\n"));
    free(md);
    tp_arena_free(a);
}

/* Sections come in the definition's order, and only those named. */
static void test_sections_follow_definition(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    static const tp_section order[] = {TP_SEC_PROJECTS, TP_SEC_HEADLINE};
    ((tp_definition *)r->def)->sections = (tp_section *)order;
    ((tp_definition *)r->def)->nsections = 2;
    char *md = S_md(r);
    char *projects = strstr(md, "## Projects\n"), *headline = strstr(md, "## Headline figures\n");
    assert_non_null(projects);
    assert_non_null(headline);
    assert_true(projects < headline);
    assert_null(strstr(md, "## Trend"));
    assert_null(strstr(md, "charts/"));
    free(md);
    tp_arena_free(a);
}

static void test_portuguese(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    ((tp_report_options *)r->opt)->lang = "pt";
    char *md = S_md(r);
    assert_non_null(strstr(md, "## Indicadores principais\n"));
    assert_non_null(strstr(md, "| Taxa de contacto | 65,0% | 60,0% | \xE2\x96\xB2 5,0 pp (melhor) |"));
    assert_non_null(strstr(md, "| Taxa de contacto | \xE2\x89\xA5 65,0% | 65,0% | \xE2\x9C\x93 cumprida |"));
    assert_non_null(strstr(md, "| 1.240 |"));
    free(md);
    tp_arena_free(a);
}

/* The cells of one Markdown table line: pipes not escaped by a backslash,
 * less one (a row is "| a | b |"). */
static int S_cells(const char *line, size_t len)
{
    int pipes = 0;
    size_t slashes = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '|' && slashes % 2 == 0)
            pipes++;
        slashes = line[i] == '\\' ? slashes + 1 : 0;
    }
    return pipes - 1;
}

/* Every table row has as many cells as its head, and cmark-gfm reads as
 * many tables as the Markdown has delimiter rows. */
static void S_tables_intact(const char *md)
{
    int want = -1, delimiters = 0;
    for (const char *line = md; *line;) {
        size_t len = strcspn(line, "\n");
        if (len > 0 && line[0] == '|') {
            int n = S_cells(line, len);
            if (want < 0)
                want = n;
            if (n != want)
                fprintf(stderr, "row with %d cells, head has %d: %.*s\n", n, want, (int)len, line);
            assert_int_equal(n, want);
            delimiters += strncmp(line, "| ---", 5) == 0;
        } else {
            want = -1;
        }
        line += len + (line[len] == '\n');
    }
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_feed(p, md, strlen(md));
    cmark_node *doc = cmark_parser_finish(p);
    int tables = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        tables += strcmp(cmark_node_get_type_string(n), "table") == 0;
    assert_int_equal(tables, delimiters);
    assert_true(tables > 0);
    cmark_node_free(doc);
    cmark_parser_free(p);
}

static void test_tables_intact(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    r->people[0].name = "a | b \\| c \\\\| d";
    r->by_team[0].team = "|";
    char *md = S_md(r);
    S_tables_intact(md);
    free(md);
    fixture_min_group(r, 5);
    md = S_md(r);
    S_tables_intact(md);
    free(md);
    tp_arena_free(a);
}

/* ------------------------------------------------------------ formatting */

static void test_numbers(void **state)
{
    (void)state;
    char b[TP_NUMBUF];
    assert_string_equal(tp_fmt_count(b, "en", 0), "0");
    assert_string_equal(tp_fmt_count(b, "en", 999), "999");
    assert_string_equal(tp_fmt_count(b, "en", 1000), "1,000");
    assert_string_equal(tp_fmt_count(b, "en", -1234567), "-1,234,567");
    assert_string_equal(tp_fmt_count(b, "pt", 1234567), "1.234.567");
    assert_string_equal(tp_fmt_dec1(b, "en", 1312.45), "1,312.5");
    assert_string_equal(tp_fmt_dec1(b, "pt", 1312.45), "1.312,5");
    assert_string_equal(tp_fmt_dec1(b, "en", -0.04), "0.0");
    assert_string_equal(tp_fmt_dec1(b, "en", NAN), TP_DASH);
    assert_string_equal(tp_fmt_pct(b, "en", 0.65), "65.0%");
    assert_string_equal(tp_fmt_pct(b, "en", 1.0 / 3), "33.3%");
    assert_string_equal(tp_fmt_pct(b, "en", NAN), TP_DASH);
    assert_string_equal(tp_fmt_pp(b, "en", 0.65, 0.60), "\xE2\x96\xB2 5.0 pp");
    assert_string_equal(tp_fmt_pp(b, "en", 0.275, 0.3), "\xE2\x96\xBC 2.5 pp");
    assert_string_equal(tp_fmt_pp(b, "en", 0.5, 0.5), "\xC2\xB1" "0.0 pp");
    assert_string_equal(tp_fmt_pp(b, "en", 0.5, NAN), TP_DASH);
    assert_string_equal(tp_fmt_delta(b, "en", 1240, 1200, false), "\xE2\x96\xB2 40");
    assert_string_equal(tp_fmt_delta(b, "en", 1.0, 1.04, true), "\xC2\xB1" "0.0");
    assert_string_equal(tp_fmt_bacon(b, TP_NONE), TP_DASH);
    assert_string_equal(tp_fmt_bacon(b, 3), "3");
    assert_string_equal(tp_fmt_p(b, "en", 0.41237), "0.412");
    assert_string_equal(tp_fmt_p(b, "en", 0.0004), "< 0.001");
    assert_string_equal(tp_fmt_p(b, "pt", 0.5), "0,500");
    assert_string_equal(tp_fmt_dec1(b, "en", -1e300), "-1e+300");
    assert_string_equal(tp_fmt_count(b, "en", 999999999999999L), "999,999,999,999,999");
    assert_string_equal(tp_fmt_dec1(b, "en", INFINITY), TP_DASH);
    /* ties as a spreadsheet shows them (half away from zero on 15 digits),
     * so md, html and the workbook agree: printf's %.1f gives 26.2 and 8.8 */
    static const struct {
        double x;
        bool pct;
        const char *lang, *want;
    } ties[] = {
        {26.25, false, "en", "26.3"},  {8.85, false, "en", "8.9"},         {-0.05, false, "en", "-0.1"},
        {0.04999, false, "en", "0.0"}, {9.95, false, "en", "10.0"},        {999.95, false, "en", "1,000.0"},
        {0.00001, false, "en", "0.0"}, {99999.95, false, "pt", "100.000,0"}, {0.2625, true, "en", "26.3%"},
        {0.26125, true, "en", "26.1%"}, {0.9995, true, "en", "100.0%"},
    };
    for (size_t i = 0; i < sizeof ties / sizeof *ties; i++)
        assert_string_equal(ties[i].pct ? tp_fmt_pct(b, ties[i].lang, ties[i].x) : tp_fmt_dec1(b, ties[i].lang, ties[i].x),
                            ties[i].want);
    assert_string_equal(tp_fmt_pp(b, "en", 0.6025, 0.6), "\xE2\x96\xB2 0.3 pp");
    assert_string_equal(tp_fmt_delta(b, "en", 1.0, 1.05, true), "\xE2\x96\xBC 0.1");
    assert_string_equal(tp_fmt_delta(b, "en", 1.0, 1.0499, true), "\xC2\xB1" "0.0");
    assert_string_equal(tp_fmt_count(b, "en", 1234567890123L), "1,234,567,890,123");
}

static void test_xml_escape(void **state)
{
    (void)state;
    tp_buf b;
    tp_buf_init(&b);
    tp_xml_escape(&b, "a<b>&\"c'");
    assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&#39;");
    tp_buf_free(&b);
}

static void test_md_escape_basics(void **state)
{
    (void)state;
    tp_buf b;
    tp_buf_init(&b);
    tp_md_escape(&b, "  R&D |\t<x>\n\n a\\ ");
    assert_string_equal(b.data, "R\\&D \\| \\<x\\> a\\\\");
    tp_buf_free(&b);
}

/* The printf conversions of a text in order ("%ld%s"), in buf; a percent
 * sign in words ("95% CI", "100%.") is none. */
static const char *S_conversions(const char *s, char *buf, size_t size)
{
    static const char *const convs[] = {"%ld", "%zu", "%s", "%d"};
    size_t n = 0;
    buf[0] = '\0';
    for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%'))
        for (size_t i = 0; i < sizeof convs / sizeof *convs; i++)
            if (!strncmp(p, convs[i], strlen(convs[i])) && n + 4 < size) {
                n += (size_t)snprintf(buf + n, size - n, "%s", convs[i]);
                break;
            }
    return buf;
}

static void test_texts_complete(void **state)
{
    (void)state;
    for (int id = 0; id < TX_COUNT_; id++) {
        assert_true(tp_text("en", (tp_text_id)id)[0] != '\0');
        assert_true(tp_text("pt", (tp_text_id)id)[0] != '\0');
        char en[64], pt[64];
        assert_string_equal(S_conversions(tp_text("en", (tp_text_id)id), en, sizeof en),
                            S_conversions(tp_text("pt", (tp_text_id)id), pt, sizeof pt));
    }
    char buf[64];
    assert_string_equal(S_conversions(tp_text("en", TX_NOTE_MIN_GROUP), buf, sizeof buf), "%ld%s");
    assert_string_equal(tp_text("xx", TX_SEC_TREND), "Trend");
    assert_string_equal(tp_text(NULL, TX_SEC_TREND), "Trend");
    assert_string_equal(tp_text("pt_PT", TX_SEC_TREND), "Tend\xC3\xAAncia");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_full),
        cmocka_unit_test(test_golden_min_group),
        cmocka_unit_test(test_no_previous),
        cmocka_unit_test(test_tables_intact),
        cmocka_unit_test(test_sections_follow_definition),
        cmocka_unit_test(test_portuguese),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_md_escape_basics),
        cmocka_unit_test(test_texts_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
