/* test_benchmark.c — the benchmark's figures (SPEC §7) from three small
 * report.json sources whose counts are chosen by hand; every expected value
 * below is worked out from the SPEC (a rate is k / n, null when n is 0;
 * mid-rank 100 × (below + ½ × equal) / count; the median of the others;
 * Wilson and Fisher as in §3 "Small print"; pseudonyms in the order of the
 * SHA-256 of the names), not taken from a run.
 *
 *            it_staff with_contact regular at_risk done attested covered planned gap  hours/head median
 *   Acme        4         2          1       1      2      1        3      1      0      2.5       1
 *   Delta       4         4          2       0      0      0        1      0      1      5         2
 *   Echo        2         1          0       1      4      4        0      0      0      0.5       null
 *
 * SHA-256: Delta 18833da3…, Acme 37036cd8…, Echo 8335e4c9…: anonymised,
 * Delta is Organization A, Acme B, Echo C. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "benchmark.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char bt_dir[] = "/tmp/tp_bench_XXXXXX";
static char bt_paths[4][128];

/* A report.json of organisation org for period label, with the counts of the table above. */
/* report.json number i with its period written as period (JSON). */
static void bt_write_json(int i, const char *org, const char *period, const long c[9], const char *hpp,
                          const char *median)
{
    snprintf(bt_paths[i], sizeof bt_paths[i], "%s/%d.json", bt_dir, i);
    FILE *f = fopen(bt_paths[i], "w");
    assert_non_null(f);
    fprintf(f,
            "{\n"
            "  \"schema\": \"touchpoint/report-v1\",\n"
            "  \"organization\": \"%s\",\n"
            "  \"period\": %s,\n"
            "  \"kpis\": {\"it_staff\": %ld, \"with_contact\": %ld, \"regular\": %ld, \"at_risk\": %ld,\n"
            "    \"actions_done\": %ld, \"actions_attested\": %ld,\n"
            "    \"requests\": {\"covered\": %ld, \"planned\": %ld, \"gap\": %ld, \"declined\": 2},\n"
            "    \"contact_hours_per_head\": %s, \"bacon\": {\"median\": %s}}\n"
            "}\n",
            org, period, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], hpp, median);
    fclose(f);
}

/* report.json number i of the period label, with the days the label
 * means as a report writes them. */
static void bt_write(int i, const char *org, const char *label, const long c[9], const char *hpp, const char *median)
{
    bool q2 = !strcmp(label, "2026-Q2");
    char period[128];
    snprintf(period, sizeof period, "{\"label\": \"%s\", \"start\": \"%s\", \"end\": \"%s\"}", label,
             q2 ? "2026-04-01" : "2026-07-01", q2 ? "2026-06-30" : "2026-09-30");
    bt_write_json(i, org, period, c, hpp, median);
}

/* Whether a problem of the run names file and holds text. */
static bool bt_said(const tp_diags *d, const char *file, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (!strcmp(d->items[i].loc.file, file) && strstr(d->items[i].message, text))
            return true;
    return false;
}

static const long bt_acme[9] = {4, 2, 1, 1, 2, 1, 3, 1, 0};
static const long bt_delta[9] = {4, 4, 2, 0, 0, 0, 1, 0, 1};
static const long bt_echo[9] = {2, 1, 0, 1, 4, 4, 0, 0, 0};

static int bt_setup(void **state)
{
    (void)state;
    if (!mkdtemp(bt_dir))
        return -1;
    bt_write(0, "Acme", "2026-Q3", bt_acme, "2.5", "1");
    bt_write(1, "Delta", "2026-Q3", bt_delta, "5", "2");
    bt_write(2, "Echo", "2026-Q3", bt_echo, "0.5", "null");
    return 0;
}

static int bt_teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 4; i++)
        if (bt_paths[i][0])
            unlink(bt_paths[i]);
    rmdir(bt_dir);
    return 0;
}

typedef struct {
    tp_arena *arena;
    tp_diags diags;
    tp_benchmark *b;
    tp_status status;
} bt_run;

static void bt_build(bt_run *r, size_t nsources, const tp_bench_options *opt)
{
    const char *src[4] = {bt_paths[0], bt_paths[1], bt_paths[2], bt_paths[3]};
    r->arena = tp_arena_new();
    assert_non_null(r->arena);
    tp_diags_init(&r->diags, r->arena);
    r->b = NULL;
    r->status = tp_benchmark_build(r->arena, src, nsources, opt, &r->diags, &r->b);
}

static const tp_bench_options bt_opt = {
    .period = "2026-Q3", .lang = "en", .generated = "2026-10-01T00:00:00Z", .jobs = 1};

/* Within 1e-12: the SPEC's tolerance for a Wilson bound at k = 0, and far
 * below any difference these figures could show. */
#define BT_NEAR(got, want) assert_true(fabs((got) - (want)) < 1e-12)
#define BT_NULL(got) assert_true(isnan(got))

/* The columns of benchmark.json in the SPEC's order; the rates (and the
 * at-risk share) read as percentages; lower is better for the median bacon
 * and the at-risk share only. */
static void test_columns(void **state)
{
    (void)state;
    static const char *const keys[TP_NCOLS] = {"contact_rate",    "regular_rate",  "contact_hours_per_head",
                                               "bacon_median",    "at_risk_share", "attested_rate",
                                               "request_coverage"};
    static const bool ratio[TP_NCOLS] = {true, true, false, false, true, true, true};
    static const bool lower[TP_NCOLS] = {false, false, false, true, true, false, false};
    for (int c = 0; c < TP_NCOLS; c++) {
        assert_string_equal(tp_bench_column(c), keys[c]);
        assert_int_equal(tp_bench_ratio(c), ratio[c]);
        assert_int_equal(tp_bench_lower_better(c), lower[c]);
    }
    assert_string_equal(tp_bench_column(TP_NCOLS), "?");
}

/* Columns as rates of counts; a zero denominator is null. */
static void test_values(void **state)
{
    (void)state;
    bt_run r;
    bt_build(&r, 3, &bt_opt);
    assert_int_equal(r.status, TP_OK);
    assert_int_equal(r.b->norgs, 3);
    const tp_bench_org *acme = &r.b->orgs[0], *delta = &r.b->orgs[1], *echo = &r.b->orgs[2];
    assert_string_equal(acme->name, "Acme"); /* by name */
    assert_string_equal(delta->name, "Delta");
    assert_string_equal(echo->name, "Echo");
    assert_string_equal(acme->source, bt_paths[0]);
    BT_NEAR(acme->values[TP_COL_CONTACT_RATE], 0.5);
    BT_NEAR(acme->values[TP_COL_REGULAR_RATE], 0.25);
    BT_NEAR(acme->values[TP_COL_HOURS_PER_HEAD], 2.5);
    BT_NEAR(acme->values[TP_COL_BACON_MEDIAN], 1);
    BT_NEAR(acme->values[TP_COL_AT_RISK_SHARE], 0.25);
    BT_NEAR(acme->values[TP_COL_ATTESTED_RATE], 0.5);
    BT_NEAR(acme->values[TP_COL_REQUEST_COVERAGE], 0.75); /* 3 of 3 + 1 + 0; declined do not count */
    BT_NEAR(delta->values[TP_COL_CONTACT_RATE], 1);
    BT_NULL(delta->values[TP_COL_ATTESTED_RATE]); /* nothing done */
    BT_NEAR(delta->values[TP_COL_REQUEST_COVERAGE], 0.5);
    BT_NEAR(echo->values[TP_COL_REGULAR_RATE], 0);
    BT_NEAR(echo->values[TP_COL_AT_RISK_SHARE], 0.5);
    BT_NEAR(echo->values[TP_COL_ATTESTED_RATE], 1);
    BT_NULL(echo->values[TP_COL_BACON_MEDIAN]);
    BT_NULL(echo->values[TP_COL_REQUEST_COVERAGE]); /* 0 of 0 */
    /* k of n: n is the IT staff, the actions done, covered + planned + gap; -1 for the other columns */
    assert_int_equal(acme->k[TP_COL_CONTACT_RATE], 2);
    assert_int_equal(acme->n[TP_COL_CONTACT_RATE], 4);
    assert_int_equal(acme->k[TP_COL_ATTESTED_RATE], 1);
    assert_int_equal(acme->n[TP_COL_ATTESTED_RATE], 2);
    assert_int_equal(acme->k[TP_COL_REQUEST_COVERAGE], 3);
    assert_int_equal(acme->n[TP_COL_REQUEST_COVERAGE], 4);
    assert_int_equal(echo->n[TP_COL_AT_RISK_SHARE], 2);
    assert_int_equal(acme->n[TP_COL_HOURS_PER_HEAD], -1);
    assert_int_equal(acme->n[TP_COL_BACON_MEDIAN], -1);
    assert_null(r.b->focus);
    BT_NEAR(r.b->reference_contact_rate, 0.65);
    tp_arena_free(r.arena);
}

/* Mid-ranks over the organisations with a value; the ordinary median. */
static void test_ranks_and_median(void **state)
{
    (void)state;
    bt_run r;
    bt_build(&r, 3, &bt_opt);
    assert_int_equal(r.status, TP_OK);
    const tp_bench_org *acme = &r.b->orgs[0], *delta = &r.b->orgs[1], *echo = &r.b->orgs[2];
    /* contact 0.5, 1, 0.5: the two equal ones 100 × (0 + ½ × 2) / 3, Delta 100 × (2 + ½) / 3 */
    BT_NEAR(acme->ranks[TP_COL_CONTACT_RATE], 100.0 / 3);
    BT_NEAR(echo->ranks[TP_COL_CONTACT_RATE], 100.0 / 3);
    BT_NEAR(delta->ranks[TP_COL_CONTACT_RATE], 250.0 / 3);
    /* regular 0.25, 0.5, 0: 100 × 1.5 / 3, 100 × 2.5 / 3, 100 × 0.5 / 3 */
    BT_NEAR(acme->ranks[TP_COL_REGULAR_RATE], 50);
    BT_NEAR(delta->ranks[TP_COL_REGULAR_RATE], 250.0 / 3);
    BT_NEAR(echo->ranks[TP_COL_REGULAR_RATE], 50.0 / 3);
    /* a higher at-risk share ranks higher too (the human formats say lower is better) */
    BT_NEAR(echo->ranks[TP_COL_AT_RISK_SHARE], 250.0 / 3);
    BT_NEAR(delta->ranks[TP_COL_AT_RISK_SHARE], 50.0 / 3);
    /* bacon 1, 2, null: over two, 100 × ½ / 2 and 100 × 1.5 / 2; the null takes no rank */
    BT_NEAR(acme->ranks[TP_COL_BACON_MEDIAN], 25);
    BT_NEAR(delta->ranks[TP_COL_BACON_MEDIAN], 75);
    BT_NULL(echo->ranks[TP_COL_BACON_MEDIAN]);
    BT_NULL(delta->ranks[TP_COL_ATTESTED_RATE]);
    BT_NEAR(echo->ranks[TP_COL_ATTESTED_RATE], 75);
    /* medians: odd count the middle value, even count the mean of the two middle ones */
    BT_NEAR(r.b->peer_median[TP_COL_CONTACT_RATE], 0.5);
    BT_NEAR(r.b->peer_median[TP_COL_REGULAR_RATE], 0.25);
    BT_NEAR(r.b->peer_median[TP_COL_HOURS_PER_HEAD], 2.5);
    BT_NEAR(r.b->peer_median[TP_COL_BACON_MEDIAN], 1.5);
    BT_NEAR(r.b->peer_median[TP_COL_AT_RISK_SHARE], 0.25);
    BT_NEAR(r.b->peer_median[TP_COL_ATTESTED_RATE], 0.75);
    BT_NEAR(r.b->peer_median[TP_COL_REQUEST_COVERAGE], 0.625);
    tp_arena_free(r.arena);
}

/* Wilson 95% (z = 1.959963984540054) of each rate's k of n; null where n is 0
 * or the column is not a rate. Bounds worked out with the formula of §3. */
static void test_intervals(void **state)
{
    (void)state;
    bt_run r;
    bt_build(&r, 3, &bt_opt);
    assert_int_equal(r.status, TP_OK);
    const tp_bench_org *acme = &r.b->orgs[0], *delta = &r.b->orgs[1], *echo = &r.b->orgs[2];
    BT_NEAR(acme->ci95[TP_COL_CONTACT_RATE][0], 0.15003898915214947); /* 2 of 4 */
    BT_NEAR(acme->ci95[TP_COL_CONTACT_RATE][1], 0.8499610108478506);
    BT_NEAR(delta->ci95[TP_COL_CONTACT_RATE][0], 0.5101091635454027); /* 4 of 4 */
    BT_NEAR(delta->ci95[TP_COL_CONTACT_RATE][1], 1.0);
    BT_NEAR(acme->ci95[TP_COL_ATTESTED_RATE][0], 0.09453120573423074); /* 1 of 2 */
    BT_NEAR(acme->ci95[TP_COL_ATTESTED_RATE][1], 0.9054687942657693);
    BT_NEAR(echo->ci95[TP_COL_REGULAR_RATE][0], 0.0); /* 0 of 2 */
    BT_NEAR(echo->ci95[TP_COL_REGULAR_RATE][1], 0.6576197724933469);
    BT_NEAR(acme->ci95[TP_COL_REQUEST_COVERAGE][0], 0.30064184258240184); /* 3 of 4 */
    BT_NEAR(acme->ci95[TP_COL_REQUEST_COVERAGE][1], 0.9544127391902995);
    BT_NULL(delta->ci95[TP_COL_ATTESTED_RATE][0]); /* 0 of 0 */
    BT_NULL(echo->ci95[TP_COL_REQUEST_COVERAGE][1]);
    BT_NULL(acme->ci95[TP_COL_HOURS_PER_HEAD][0]);
    BT_NULL(acme->ci95[TP_COL_BACON_MEDIAN][1]);
    tp_arena_free(r.arena);
}

/* --focus: the peer median over the others; Fisher's two-sided p of the
 * focus against the others pooled. Contact: Acme 2 of 4 against 5 of 6; the
 * tables with these margins have probabilities 7, 63, 105, 35 (/ 210) for
 * 1..4 with contact in Acme, so p = (7 + 63 + 35) / 210 = 0.5. Regular: 1 of
 * 4 against 2 of 6: 35, 105, 63, 7 (/ 210) for 0..3, the observed 105 the
 * largest, so p = 1. Ranks stay over every organisation. */
static void test_focus(void **state)
{
    (void)state;
    tp_bench_options opt = bt_opt;
    opt.focus = "Acme";
    bt_run r;
    bt_build(&r, 3, &opt);
    assert_int_equal(r.status, TP_OK);
    assert_non_null(r.b->focus);
    assert_string_equal(r.b->focus->name, "Acme");
    assert_true(r.b->orgs[0].focus);
    assert_false(r.b->orgs[1].focus);
    assert_int_equal(r.b->npeers, 2);
    BT_NEAR(r.b->peer_median[TP_COL_CONTACT_RATE], 0.75);   /* 1 and 0.5 */
    BT_NEAR(r.b->peer_median[TP_COL_HOURS_PER_HEAD], 2.75); /* 5 and 0.5 */
    BT_NEAR(r.b->peer_median[TP_COL_BACON_MEDIAN], 2);      /* Delta's alone */
    BT_NEAR(r.b->peer_median[TP_COL_ATTESTED_RATE], 1);     /* Echo's alone */
    BT_NEAR(r.b->focus_p[TP_COL_CONTACT_RATE], 0.5);
    BT_NEAR(r.b->focus_p[TP_COL_REGULAR_RATE], 1);
    BT_NULL(r.b->focus_p[TP_COL_AT_RISK_SHARE]);
    BT_NULL(r.b->focus_p[TP_COL_HOURS_PER_HEAD]);
    assert_int_equal(r.b->peers_k[TP_COL_CONTACT_RATE], 5);
    assert_int_equal(r.b->peers_n[TP_COL_CONTACT_RATE], 6);
    BT_NEAR(r.b->peers_rate[TP_COL_CONTACT_RATE], 5.0 / 6);
    BT_NEAR(r.b->orgs[0].ranks[TP_COL_CONTACT_RATE], 100.0 / 3);
    tp_arena_free(r.arena);
}

/* --anonymize: Organization A, B, C in the order of the SHA-256 of the names
 * (Delta, Acme, Echo), then sorted by pseudonym; with --focus the focus keeps
 * its name and the others are lettered among themselves. */
static void test_anonymize(void **state)
{
    (void)state;
    tp_bench_options opt = bt_opt;
    opt.anonymize = true;
    bt_run r;
    bt_build(&r, 3, &opt);
    assert_int_equal(r.status, TP_OK);
    assert_string_equal(r.b->orgs[0].name, "Organization A");
    assert_string_equal(r.b->orgs[0].source, "Organization A");
    BT_NEAR(r.b->orgs[0].values[TP_COL_CONTACT_RATE], 1); /* Delta */
    assert_string_equal(r.b->orgs[1].name, "Organization B");
    BT_NEAR(r.b->orgs[1].values[TP_COL_HOURS_PER_HEAD], 2.5); /* Acme */
    assert_string_equal(r.b->orgs[2].name, "Organization C");
    BT_NEAR(r.b->orgs[2].values[TP_COL_HOURS_PER_HEAD], 0.5); /* Echo */
    tp_arena_free(r.arena);

    opt.focus = "Echo";
    bt_build(&r, 3, &opt);
    assert_int_equal(r.status, TP_OK);
    assert_string_equal(r.b->orgs[0].name, "Echo");
    assert_true(r.b->orgs[0].focus);
    assert_string_equal(r.b->orgs[1].name, "Organization A"); /* Delta */
    BT_NEAR(r.b->orgs[1].values[TP_COL_CONTACT_RATE], 1);
    assert_string_equal(r.b->orgs[2].name, "Organization B"); /* Acme */
    BT_NEAR(r.b->orgs[2].values[TP_COL_CONTACT_RATE], 0.5);
    tp_arena_free(r.arena);
}

/* A report of another period is an input error at its label (line 4, the
 * value after `  "period": {"label": `, column 23). */
static void test_other_period(void **state)
{
    (void)state;
    bt_write(3, "Globex", "2026-Q2", bt_acme, "1", "1");
    bt_run r;
    bt_build(&r, 4, &bt_opt);
    assert_int_equal(r.status, TP_ERR_INPUT);
    assert_null(r.b);
    bool found = false;
    for (size_t i = 0; i < r.diags.count; i++) {
        const tp_diag *d = &r.diags.items[i];
        found |= d->severity == TP_ERROR && !strcmp(d->loc.file, bt_paths[3]) && d->loc.line == 4 && d->loc.col == 23 &&
                 !strcmp(d->message, "report of period 2026-Q2, not 2026-Q3: every source must be of the same period");
    }
    assert_true(found);
    tp_arena_free(r.arena);
    unlink(bt_paths[3]);
    bt_paths[3][0] = '\0';
}

/* Counts that cannot be (more regular than with contact) are refused. */
static void test_counts_do_not_add_up(void **state)
{
    (void)state;
    static const long bad[9] = {4, 1, 2, 0, 0, 0, 0, 0, 0};
    bt_write(3, "Globex", "2026-Q3", bad, "1", "1");
    bt_run r;
    bt_build(&r, 4, &bt_opt);
    assert_int_equal(r.status, TP_ERR_INPUT);
    assert_true(bt_said(&r.diags, bt_paths[3], "kpis do not add up"));
    tp_arena_free(r.arena);
    unlink(bt_paths[3]);
    bt_paths[3][0] = '\0';
}

/* A report.json edited by hand into figures no report writes is an input
 * error naming it: a number JSON has no form for (NaN, 1e999 past a
 * double), a negative one, a median that is not whole (SPEC §3: the lower
 * middle value). null stays a figure that takes no rank. */
static void test_impossible_figures(void **state)
{
    (void)state;
    static const struct {
        const char *hpp, *median, *message;
    } cases[] = {
        {"1e999", "1", "kpis.contact_hours_per_head, or it is not a number ≥ 0 or null"},
        {"NaN", "1", "kpis.contact_hours_per_head, or it is not a number ≥ 0 or null"},
        {"-2", "1", "kpis.contact_hours_per_head, or it is not a number ≥ 0 or null"},
        {"0x10", "1", "kpis.contact_hours_per_head, or it is not a number ≥ 0 or null"},
        {"1", "1.5", "kpis.bacon.median, or it is not a whole number ≥ 0 or null"},
        {"1", "-4", "kpis.bacon.median, or it is not a whole number ≥ 0 or null"},
        {"null", "null", NULL},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        bt_write(3, "Globex", "2026-Q3", bt_acme, cases[c].hpp, cases[c].median);
        bt_run r;
        bt_build(&r, 4, &bt_opt);
        if (!cases[c].message) {
            assert_int_equal(r.status, TP_OK);
        } else {
            assert_int_equal(r.status, TP_ERR_INPUT);
            assert_true(bt_said(&r.diags, bt_paths[3], cases[c].message));
        }
        tp_arena_free(r.arena);
    }
    unlink(bt_paths[3]);
    bt_paths[3][0] = '\0';
}

/* A period whose start or end is not what its label means, or no period:
 * an input error, not a report of another period passing for this one. */
static void test_period_holds_together(void **state)
{
    (void)state;
    static const char *const periods[] = {
        "{\"label\": \"2026-Q3\", \"start\": \"2026-01-01\", \"end\": \"2026-09-30\"}",
        "\"2026-Q3\"",
        "null",
    };
    for (size_t c = 0; c < sizeof periods / sizeof *periods; c++) {
        bt_write_json(3, "Globex", periods[c], bt_acme, "1", "1");
        bt_run r;
        bt_build(&r, 4, &bt_opt);
        assert_int_equal(r.status, TP_ERR_INPUT);
        assert_true(bt_said(&r.diags, bt_paths[3], "period is missing or does not hold together"));
        tp_arena_free(r.arena);
    }
    unlink(bt_paths[3]);
    bt_paths[3][0] = '\0';
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_impossible_figures),
        cmocka_unit_test(test_period_holds_together),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_ranks_and_median),
        cmocka_unit_test(test_intervals),
        cmocka_unit_test(test_focus),
        cmocka_unit_test(test_anonymize),
        cmocka_unit_test(test_other_period),
        cmocka_unit_test(test_counts_do_not_add_up),
    };
    return cmocka_run_group_tests(tests, bt_setup, bt_teardown);
}
