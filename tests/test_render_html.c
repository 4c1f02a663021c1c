/* test_render_html.c — the HTML page and the SVG charts: self-contained,
 * escaped, charts inlined, template filled. With TP_HTML_OUT=FILE the page
 * of the synthetic report is also written there (for tests/e2e/browser.sh
 * when the real program is not at hand). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "definition.h"
#include "fixture_report.h"
#include "render.h"
#include "report.h"

static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The page of the synthetic report with the template of the repository. */
static char *S_page(tp_report *r)
{
    const char *dir = getenv("TP_TEMPLATES") ? getenv("TP_TEMPLATES") : "templates";
    char path[4096];
    snprintf(path, sizeof path, "%s/report.html", dir);
    char *tpl = fx_read_file(path);
    assert_non_null(tpl);
    tp_buf b;
    tp_buf_init(&b);
    assert_int_equal(tp_render_html(r, &(tp_render_target){.out = &b, .template_text = tpl}), TP_OK);
    free(tpl);
    return b.data;
}

static void test_page_is_self_contained(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    char *html = S_page(r);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href="));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "{{"));
    assert_int_equal(S_count(html, "<svg "), 4);
    assert_int_equal(S_count(html, "<figure class=\"chart\">"), 4);
    assert_int_equal(S_count(html, "<table>"), S_count(html, "<div class=\"table-wrap\"><table>") +
                                                   S_count(html, "<div class=\"table-wrap long\"><table>"));
    assert_non_null(strstr(html, "<ul class=\"kpis\">"));
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    const char *out = getenv("TP_HTML_OUT");
    if (out) {
        FILE *f = fopen(out, "wb");
        assert_non_null(f);
        fputs(html, f);
        fclose(f);
    }
    free(html);
    tp_arena_free(a);
}

/* Text from the logs never reaches the page as markup. */
static void test_page_escapes_log_text(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    r->organization = "<script>alert(1)</script> & Co";
    r->by_team[0].team = "<img src=x onerror=alert(1)>";
    r->people[0].name = "<a href=\"https://e.vil\">x</a>";
    r->projects[0].name = "![p](https://e.vil/p.png)";
    ((tp_definition *)r->def)->title = "{{body}} <b>title</b>";
    char *html = S_page(r);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<a "));
    assert_null(strstr(html, "<b>"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert_non_null(strstr(html, "{{body}} &lt;b&gt;title&lt;/b&gt;"));
    free(html);
    tp_arena_free(a);
}

static void test_page_without_template(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    r->has_previous = false;
    tp_buf b;
    tp_buf_init(&b);
    assert_int_equal(tp_render_html(r, &(tp_render_target){.out = &b}), TP_OK);
    assert_non_null(strstr(b.data, "<!DOCTYPE html>"));
    assert_non_null(strstr(b.data, "Content-Security-Policy")); /* the template the program carries */
    assert_non_null(strstr(b.data, "2026-Q3 (2026-07-01 to 2026-09-30)"));
    assert_null(strstr(b.data, "class=\"kpi-change\""));
    tp_buf_free(&b);
    tp_arena_free(a);
}

/* ----------------------------------------------------------------- charts */

static void test_charts(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    tp_render_target t = {.arena = a}, t2 = {.arena = a};
    assert_int_equal(tp_render_charts(r, &t), TP_OK);
    tp_chart *c = t.charts;
    size_t n = t.ncharts;
    assert_int_equal(n, 5); /* by team, bacon, trend, funnel, team trend */
    for (size_t i = 0; i < n; i++) {
        assert_non_null(strstr(c[i].name, ".svg"));
        assert_true(strncmp(c[i].svg, "<svg ", 5) == 0);
        assert_non_null(strstr(c[i].svg, "role=\"img\""));
        assert_non_null(strstr(c[i].svg, "viewBox=\"0 0 "));
        assert_non_null(strstr(c[i].svg, "<title>"));
        assert_non_null(strstr(c[i].svg, "<desc>"));
        assert_int_equal(S_count(c[i].svg, "<text"), S_count(c[i].svg, "</text>"));
        assert_int_equal(S_count(c[i].svg, "<g>"), S_count(c[i].svg, "</g>"));
        assert_null(strstr(c[i].svg, "nan"));
    }
    assert_non_null(strstr(c[0].svg, "R&amp;D | &lt;Labs&gt;"));
    assert_null(strstr(c[0].svg, "<Labs>"));
    assert_non_null(strstr(c[2].svg, "stroke-dasharray")); /* series differ without colour */
    assert_int_equal(tp_render_charts(r, &t2), TP_OK);
    assert_int_equal(t2.ncharts, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(c[i].svg, t2.charts[i].svg);
    tp_arena_free(a);
}

static void test_charts_edge_cases(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    fixture_min_group(r, 5);
    r->by_team[0].team = "A team whose name is far too long to fit beside its bar";
    r->trend[1].kpis.regular_rate = NAN;
    tp_render_target t = {.arena = a};
    assert_int_equal(tp_render_charts(r, &t), TP_OK);
    tp_chart *c = t.charts;
    assert_non_null(strstr(c[0].svg, "fewer than 5"));
    assert_non_null(strstr(c[0].svg, "\xE2\x80\xA6</text>"));
    assert_null(strstr(c[2].svg, "nan"));
    r->nby_team = 0;
    r->ntrend = 0;
    memset(&r->kpis, 0, sizeof r->kpis);
    assert_int_equal(tp_render_charts(r, &t), TP_OK);
    c = t.charts;
    assert_non_null(strstr(c[0].svg, "No data."));
    assert_non_null(strstr(c[2].svg, "No data."));
    for (size_t i = 0; i < t.ncharts; i++)
        assert_null(strstr(c[i].svg, "nan"));
    tp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_is_self_contained),
        cmocka_unit_test(test_page_escapes_log_text),
        cmocka_unit_test(test_page_without_template),
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_charts_edge_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
