/* test_svg.c — the report's charts (SPEC §5, and the README's "Charts that
 * do not distort") from a report built by hand (xlsx_fixture.h). The
 * geometry is worked out from the chart's layout (a 640-wide viewBox; bar
 * length = the bar area's width × the rate, so the value axis starts at zero)
 * and the fixture's figures, not taken from a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kpi.h"
#include "render.h"
#include "report.h"
#include "tp_test.h"
#include "xlsx_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The chart named name of r (the test fails when there is none). */
static const char *st_chart(tp_arena *a, const tp_report *r, const char *name)
{
    tp_render_target t = {.arena = a};
    assert_int_equal(tp_render_charts(r, &t), TP_OK);
    tp_chart *charts = t.charts;
    for (size_t i = 0; i < t.ncharts; i++)
        if (!strcmp(charts[i].name, name)) {
            assert_non_null(charts[i].svg);
            return charts[i].svg;
        }
    fail_msg("no chart %s", name);
    return NULL;
}

static size_t st_count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The fixture, with the bucket shares its kpis leave unset (of 40 IT staff). */
static tp_report *st_report(tp_arena *a, const tp_report_options *opt)
{
    tp_report *r = xf_report(a, opt, 1);
    for (int b = 0; b < TP_NBUCKETS; b++)
        r->kpis.bacon_share[b] = (double)r->kpis.bacon[b] / 40.0;
    return r;
}

/* Five charts, each an <svg> with a title and a description, currentColor
 * ink switched by prefers-color-scheme, and nothing active. */
static void test_every_chart(void **state)
{
    (void)state;
    static const char *const names[] = {"contact_by_team.svg", "bacon.svg", "trend.svg", "funnel.svg",
                                        "team_trend.svg"};
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    tp_report *r = st_report(a, &opt);
    tp_render_target t = {.arena = a};
    assert_int_equal(tp_render_charts(r, &t), TP_OK);
    tp_chart *charts = t.charts;
    size_t n = t.ncharts;
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(charts[i].name, names[i]);
        const char *s = charts[i].svg;
        assert_true(!strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39));
        assert_int_equal(st_count(s, "<title>"), st_count(s, "</title>"));
        TP_TEST_HAS(s, "<desc>");
        TP_TEST_HAS(s, "@media (prefers-color-scheme:dark)");
        assert_null(strstr(s, "<script"));
        assert_null(strstr(s, "href"));
        assert_true(strlen(s) > 7 && !strcmp(s + strlen(s) - 7, "</svg>\n"));
    }
    assert_string_equal(charts[0].title, "Contact rate by team");
    tp_arena_free(a);
}

/* Contact by team: the bar area runs from x 230 for 340 units (0% to
 * 100%), a row every 28 from 16. Infrastructure 4 of 9: 340 × 4/9 = 151.1,
 * its value at 230 + 151.1 + 6; the second team 0.5: 170. Team names are
 * escaped. Height 16 + 28 × 2 + 34 = 106. */
static void test_by_team(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    tp_report *r = st_report(a, &opt);
    r->by_team[1].team = "R&D <b>";
    const char *s = st_chart(a, r, "contact_by_team.svg");
    TP_TEST_HAS(s, "viewBox=\"0 0 640 106\"");
    TP_TEST_HAS(s, "<rect x=\"230.0\" y=\"18.0\" width=\"151.1\" height=\"18.0\" fill=\"#2f6fdb\"/>");
    TP_TEST_HAS(s, "<text x=\"387.1\" y=\"31.0\" text-anchor=\"start\" font-weight=\"600\">44.4%</text>");
    TP_TEST_HAS(s, "<rect x=\"230.0\" y=\"46.0\" width=\"170.0\" height=\"18.0\" fill=\"#2f6fdb\"/>");
    TP_TEST_HAS(s, ">50.0%</text>");
    TP_TEST_HAS(s, "R&amp;D &lt;b&gt;");
    assert_null(strstr(s, "<b>"));
    /* the axis: five ticks, 0% at the bar area's start and 100% at its end */
    TP_TEST_HAS(s, "<text x=\"230.0\" y=\"88.0\" text-anchor=\"middle\" font-size=\"11\" opacity=\"0.8\">0%</text>");
    TP_TEST_HAS(s, "<text x=\"570.0\" y=\"88.0\" text-anchor=\"middle\" font-size=\"11\" opacity=\"0.8\">100%</text>");
    TP_TEST_HAS(s, ">25%</text>");
    tp_arena_free(a);
}

/* A team --min-group hides shows the words and no bar; a long team name is
 * cut to 25 characters, the last "…", with the whole name as its tooltip. */
static void test_by_team_hidden_and_cut(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 3}; /* hides the team of 2 */
    tp_arena *a = tp_arena_new();
    tp_report *r = st_report(a, &opt);
    r->by_team[0].team = "Infrastructure and Operations Europe"; /* 36 characters */
    const char *s = st_chart(a, r, "contact_by_team.svg");
    assert_true(r->by_team[1].hidden);
    TP_TEST_HAS(s, ">fewer than 3</text>");
    assert_int_equal(st_count(s, "fill=\"#2f6fdb\""), 1); /* one bar */
    assert_null(strstr(s, ">50.0%</text>"));
    TP_TEST_HAS(s, "<g><title>Infrastructure and Operations Europe</title>");
    TP_TEST_HAS(s, ">Infrastructure and Opera\xE2\x80\xA6</text>"); /* 24 characters and … */
    tp_arena_free(a);
}

/* Bacon: five slots of (640 − 80) / 5 = 112 from x 40, each bar 0.6 of its
 * slot from 0.2 in; the largest bucket (26) 174 high (from 36 down to the
 * base at 210), the others in proportion: 9 → 60.2. 4+ and none in amber. */
static void test_bacon(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    const char *s = st_chart(a, st_report(a, &opt), "bacon.svg");
    TP_TEST_HAS(s, "<rect x=\"62.4\" y=\"36.0\" width=\"67.2\" height=\"174.0\" fill=\"#2f6fdb\"/>");
    TP_TEST_HAS(s, "<rect x=\"174.4\" y=\"149.8\" width=\"67.2\" height=\"60.2\" fill=\"#2f6fdb\"/>");
    TP_TEST_HAS(s, ">26 (65.0%)</text>");
    TP_TEST_HAS(s, ">9 (22.5%)</text>");
    TP_TEST_HAS(s, ">1 (2.5%)</text>");
    assert_int_equal(st_count(s, "fill=\"#c26a00\""), 2); /* 4+ and none */
    TP_TEST_HAS(s, ">4+</text>");
    tp_arena_free(a);
}

/* Trend: two periods at x 100 and 580 (the plot runs from 60 + 40 to
 * 640 − 20 − 40), 0% at y 250 and 100% at y 50, so 0.325 → 185, 0.65 → 120
 * (contact) and 0.1375 → 222.5, 0.275 → 195 (regular, dashed); a null value
 * breaks the line. */
static void test_trend(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    tp_report *r = st_report(a, &opt);
    const char *s = st_chart(a, r, "trend.svg");
    TP_TEST_HAS(s, "stroke=\"#2f6fdb\" stroke-width=\"2.5\" points=\"100.0,185.0 580.0,120.0\"/>");
    TP_TEST_HAS(
        s, "stroke=\"#128a6a\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\" points=\"100.0,222.5 580.0,195.0\"/>");
    TP_TEST_HAS(s, ">2026-Q2</text>");
    TP_TEST_HAS(s, ">2026-Q3</text>");
    TP_TEST_HAS(s, ">65.0%</text>");
    r->trend[0].kpis.contact_rate = NAN;
    s = st_chart(a, r, "trend.svg");
    TP_TEST_HAS(s, "stroke=\"#2f6fdb\" stroke-width=\"2.5\" points=\"580.0,120.0\"/>");
    assert_null(strstr(s, "100.0,185.0"));
    tp_arena_free(a);
}

/* Funnel: bars from x 160 over 400 in proportion to the largest stage
 * (58 insights): 21 actions → 144.8, none done → 0. */
static void test_funnel(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    const char *s = st_chart(a, st_report(a, &opt), "funnel.svg");
    TP_TEST_HAS(s, "<rect x=\"160.0\" y=\"14.0\" width=\"400.0\" height=\"26\"");
    TP_TEST_HAS(s, "<rect x=\"160.0\" y=\"54.0\" width=\"144.8\" height=\"26\"");
    TP_TEST_HAS(s, "<rect x=\"160.0\" y=\"94.0\" width=\"0.0\" height=\"26\"");
    TP_TEST_HAS(s, ">58</text>");
    TP_TEST_HAS(s, ">21</text>");
    tp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chart),
        cmocka_unit_test(test_by_team),
        cmocka_unit_test(test_by_team_hidden_and_cut),
        cmocka_unit_test(test_bacon),
        cmocka_unit_test(test_trend),
        cmocka_unit_test(test_funnel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
