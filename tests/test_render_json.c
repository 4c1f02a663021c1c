/* test_render_json.c — report.json (SPEC §5) from a report built by hand
 * (xlsx_fixture.h): every expected fragment below is worked out from the
 * fixture's figures and the SPEC's rules (counts as integers, other numbers
 * as the shortest decimal that reads back, null for a zero denominator or a
 * median of nothing, chains as lists of nodes), not taken from a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "format.h"
#include "render.h"
#include "report.h"
#include "tp_test.h"
#include "xlsx_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static tp_report_options jt_opt = {.min_group = 1};

/* report.json of r, NUL-terminated, in the arena. */
static char *jt_render(tp_arena *a, const tp_report *r)
{
    tp_buf b;
    tp_buf_init(&b);
    assert_int_equal(tp_render_json(r, &(tp_render_target){.out = &b}), TP_OK);
    assert_false(b.nomem);
    char *s = tp_strndup(a, b.data, b.len);
    tp_buf_free(&b);
    assert_non_null(s);
    return s;
}

/* A number as tp_json_num writes it. */
static void jt_num(double x, const char *want)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_json_num(&b, x);
    assert_non_null(b.data);
    assert_string_equal(b.data, want);
    tp_buf_free(&b);
}

/* The shortest decimal that reads back as the same double; null for NaN. */
static void test_numbers(void **state)
{
    (void)state;
    jt_num(0.65, "0.65");
    jt_num(0.1 + 0.2, "0.30000000000000004"); /* not 0.3: that is another double */
    jt_num(1.0 / 3.0, "0.3333333333333333");
    jt_num(40.0 / 45.0, "0.8888888888888888");
    jt_num(22.0, "22");
    jt_num(7.8125, "7.8125");
    jt_num(NAN, "null");
}

/* kpis: every figure, counts as integers, a group (bacon, requests) as one
 * object; attested_rate is null, nothing having been done (0 of 0). */
static void test_kpis(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    const char *j = jt_render(a, xf_report(a, &jt_opt, 1));
    TP_TEST_HAS(j, "\"schema\": \"touchpoint/report-v1\"");
    TP_TEST_HAS(j, "\"organization\": \"Northwind Logistics\"");
    TP_TEST_HAS(j, "\"period\": {\"label\": \"2026-Q3\", \"start\": \"2026-07-01\", \"end\": \"2026-09-30\"}");
    TP_TEST_HAS(j, "\"generated\": \"2023-11-14T22:13:20Z\"");
    TP_TEST_HAS(j, "\"it_staff\": 40, \"with_contact\": 26, \"contact_rate\": 0.65,");
    TP_TEST_HAS(j, "\"regular\": 11, \"occasional\": 15, \"none\": 14, \"regular_rate\": 0.275,");
    TP_TEST_HAS(j, "\"contact_hours\": 312.5, \"contact_hours_per_head\": 7.8125,");
    TP_TEST_HAS(j, "\"customers_touched\": 31, \"paying_customers_touched\": 24,");
    TP_TEST_HAS(j,
                "\"bacon\": {\"1\": 26, \"2\": 9, \"3\": 2, \"4+\": 1, \"none\": 2, \"median\": 1, \"mean\": 1.42},");
    TP_TEST_HAS(j, "\"at_risk\": 3,");
    TP_TEST_HAS(j, "\"insights\": 58, \"actions\": 21, \"actions_done\": 0, \"actions_attested\": 0,");
    TP_TEST_HAS(j, "\"done_rate\": 0, \"attested_rate\": null,");
    /* coverage: 40 of 40 + 3 + 2 */
    TP_TEST_HAS(j, "\"requests\": {\"covered\": 40, \"planned\": 3, \"gap\": 2, \"declined\": 1, "
                   "\"coverage\": 0.8888888888888888},");
    TP_TEST_HAS(j, "\"interactions\": 5");
    tp_arena_free(a);
}

/* previous: its period (the quarter before: 2026-04-01..2026-06-30) and the
 * same keys; the trend ends with P itself; null when there is no previous. */
static void test_previous_and_trend(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = xf_report(a, &jt_opt, 1);
    const char *j = jt_render(a, r);
    TP_TEST_HAS(j, "\"previous\": {\"period\": {\"label\": \"2026-Q2\", \"start\": \"2026-04-01\", "
                   "\"end\": \"2026-06-30\"}, \"kpis\": {");
    /* the previous figures are the fixture's at half scale: 0.65 / 2, 0.275 / 2, 7.8125 / 2 */
    TP_TEST_HAS(j, "\"it_staff\": 40, \"with_contact\": 26, \"contact_rate\": 0.325,");
    TP_TEST_HAS(j, "\"contact_hours\": 156.25, \"contact_hours_per_head\": 3.90625,");
    const char *trend = strstr(j, "\"trend\": [");
    assert_non_null(trend);
    const char *q2 = strstr(trend, "{\"period\": \"2026-Q2\", \"contact_rate\": 0.325, \"regular_rate\": 0.1375, "
                                   "\"contact_hours_per_head\": 3.90625, \"bacon_median\": 1, \"it_staff\": 40, "
                                   "\"interactions\": 5, \"teams\": {}}");
    const char *q3 = strstr(trend, "{\"period\": \"2026-Q3\", \"contact_rate\": 0.65, \"regular_rate\": 0.275, "
                                   "\"contact_hours_per_head\": 7.8125, \"bacon_median\": 1, \"it_staff\": 40, "
                                   "\"interactions\": 5, \"teams\": {}}");
    assert_non_null(q2);
    assert_non_null(q3);
    assert_true(q2 < q3); /* P last */
    r->has_previous = false;
    r->organization = NULL; /* no document names one */
    j = jt_render(a, r);
    TP_TEST_HAS(j, "\"previous\": null,");
    TP_TEST_HAS(j, "\"organization\": null,");
    tp_arena_free(a);
}

/* by_team with its contact rate (4 of 9), people, projects and cross-tabs;
 * text escaped as JSON; what --min-group hides in the human formats is
 * all here. */
static void test_tables(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 5}; /* hides both teams in md, html, xlsx */
    tp_arena *a = tp_arena_new();
    const char *j = jt_render(a, xf_report(a, &opt, 1));
    TP_TEST_HAS(j, "{\"team\": \"Infrastructure\", \"headcount\": 9, \"with_contact\": 4, \"regular\": 1, "
                   "\"contact_rate\": 0.4444444444444444, \"contact_hours\": 22, \"bacon_median\": 2}");
    TP_TEST_HAS(j, "{\"team\": \"=HYPERLINK(\\\"x\\\")\", \"headcount\": 2, \"with_contact\": 1, \"regular\": 0, "
                   "\"contact_rate\": 0.5, \"contact_hours\": 3, \"bacon_median\": 1}");
    TP_TEST_HAS(j, "{\"id\": \"jdoe\", \"name\": \"Jane Doe\", \"team\": \"Infrastructure\", \"contact_class\": "
                   "\"regular\", \"contact_months\": 2, \"interactions\": 7, \"contact_hours\": 14.5, \"bacon\": 1, "
                   "\"distant_share\": 25, \"at_risk\": false,\n     \"chain\": null}");
    TP_TEST_HAS(j, "{\"id\": \"net-upgrade\", \"name\": \"Network upgrade\", \"bacon\": null, \"people\": 6,\n"
                   "     \"chain\": null}");
    TP_TEST_HAS(j, "{\"label\": \"Report directly to the CEO\", \"field\": \"reports_to\", \"equals\": \"CEO\",");
    /* 6 of 11 */
    TP_TEST_HAS(j, "\"regular\": {\"n\": 11, \"k\": 6, \"pct\": 0.5454545454545454, \"ci95\": [0.28, 0.79]}");
    TP_TEST_HAS(j, "\"none\": {\"n\": 0, \"k\": 0, \"pct\": null, \"ci95\": null}");
    TP_TEST_HAS(j, "\"p_value\": 0.41}");
    tp_arena_free(a);
}

/* A chain: the first node's via is null, then works_with (no date) and an
 * interaction's type and date (SPEC §5); the anonymous node has null id and
 * name. A target with one bound: the other is null. */
static void test_chain_and_target(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_report *r = xf_report(a, &jt_opt, 1);
    tp_chain_node *nodes = tp_calloc(a, 4, sizeof *nodes);
    nodes[0] = (tp_chain_node){.kind = TP_CHAIN_PERSON, .id = "jdoe", .name = "Jane Doe", .via = TP_CHAIN_VIA_NONE};
    nodes[1] =
        (tp_chain_node){.kind = TP_CHAIN_PERSON, .id = "tkaya", .name = "Tolga Kaya", .via = TP_CHAIN_VIA_WORKS_WITH};
    nodes[2] = (tp_chain_node){
        .kind = TP_CHAIN_CUSTOMER, .id = "acme", .name = "ACME Freight", .via = 0, .via_date = XF_D20260701 + 13};
    r->people[0].chain = (tp_chain){.nodes = nodes, .n = 3};
    tp_chain_node *anon = tp_calloc(a, 2, sizeof *anon);
    anon[0] = (tp_chain_node){.kind = TP_CHAIN_PERSON, .id = "jdoe", .name = "Jane Doe", .via = TP_CHAIN_VIA_NONE};
    anon[1] = (tp_chain_node){.kind = TP_CHAIN_ANONYMOUS, .index = -1, .via = 0, .via_date = XF_D20260701};
    r->projects[0].chain = (tp_chain){.nodes = anon, .n = 2};
    r->targets = tp_calloc(a, 1, sizeof *r->targets);
    r->ntargets = 1;
    r->targets[0] = (tp_target_row){.kpi = "contact_rate", .min = 0.65, .max = NAN, .value = 0.65, .met = 1};
    const char *j = jt_render(a, r);
    TP_TEST_HAS(j, "\"chain\": [{\"kind\": \"person\", \"id\": \"jdoe\", \"name\": \"Jane Doe\", \"via\": null},\n"
                   "       {\"kind\": \"person\", \"id\": \"tkaya\", \"name\": \"Tolga Kaya\", "
                   "\"via\": {\"type\": \"works_with\", \"date\": null}},\n"
                   "       {\"kind\": \"customer\", \"id\": \"acme\", \"name\": \"ACME Freight\", "
                   "\"via\": {\"type\": \"customer_meeting\", \"date\": \"2026-07-14\"}}]}");
    TP_TEST_HAS(j, "{\"kind\": \"anonymous\", \"id\": null, \"name\": null, "
                   "\"via\": {\"type\": \"customer_meeting\", \"date\": \"2026-07-01\"}}]}");
    TP_TEST_HAS(j, "{\"kpi\": \"contact_rate\", \"min\": 0.65, \"max\": null, \"value\": 0.65, \"met\": true}");
    tp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_kpis),
        cmocka_unit_test(test_previous_and_trend),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_chain_and_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
