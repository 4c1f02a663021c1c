/* test_metrics.c — contact classes, hours and the Customer Bacon Number on
 * small organisations whose figures were worked out by hand from SPEC §3. */
#include "definition.h"
#include "kpi.h"
#include "report.h"
#include "tp_test.h"

#include <math.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Builds the report of period for the organisation in yaml. */
static tp_report *S_report(tp_test_run *t, const char *yaml, const char *period)
{
    tp_test_read(t, yaml);
    assert_int_equal(t->diags.errors, 0);
    assert_non_null(t->model);
    static tp_report_options opt;
    opt = (tp_report_options){.period = period, .min_group = 1, .lang = "en", .generated = "x"};
    tp_report *r = NULL;
    assert_int_equal(tp_report_build(t->arena, t->model, tp_definition_default(t->arena), &opt, &t->diags, &r), TP_OK);
    return r;
}

static const tp_person_row *S_person(const tp_report *r, const char *id)
{
    for (size_t i = 0; i < r->npeople; i++)
        if (!strcmp(r->people[i].id, id))
            return &r->people[i];
    fail_msg("no person %s in S", id);
    return NULL;
}

/* ------------------------------------------------------- contact classes */

static const char contact_org[] =
    "people:\n"
    "  - {id: p1, name: P1}\n"
    "  - {id: p2, name: P2}\n"
    "  - {id: p3, name: P3}\n"
    "  - {id: p4, name: P4, joined: 2026-09-30}\n"
    "  - {id: p5, name: P5, left: 2026-06-30}\n"
    "  - {id: p6, name: P6, it: false}\n"
    "  - {id: p7, name: P7, left: 2026-07-15}\n"
    "customers:\n"
    "  - {id: c1, name: C1}\n"
    "  - {id: c2, name: C2, paying: false}\n"
    "interactions:\n"
    "  - {type: customer_meeting, date: 2026-07-10, people: [p1], minutes: 60, customers: [c1]}\n"
    "  - {type: customer_meeting, date: 2026-08-10, people: [p1, p7], hours: 1.5, customers: [c2]}\n"
    "  - {type: support_call_listening, date: 2026-07-05, people: [p2], minutes: 30}\n"
    "  - {type: support_call_listening, date: 2026-07-20, people: [p2, p6], minutes: 30}\n"
    "  - {type: concierge_desk, date: 2026-08-15, people: [p3, p1], hours: 2}\n"
    "  - {type: customer_meeting, date: 2026-06-15, people: [p4], hours: 1}\n"
    "  - {type: trade_show_shift, date: 2026-09-01, people: [p7, p5], hours: 4}\n"
    "  - {type: customer_meeting, date: 2026-07-01, people: [p7], minutes: 15}\n";

static void test_quarter(void **state)
{
    (void)state;
    tp_test_run t;
    tp_report *r = S_report(&t, contact_org, "2026-Q3");
    const tp_kpis *k = &r->kpis;
    assert_int_equal(k->it_staff, 5); /* p1 p2 p3 p4 p7 */
    assert_int_equal(k->with_contact, 3);
    assert_int_equal(k->regular, 2);
    assert_int_equal(k->occasional, 1);
    assert_int_equal(k->none, 2);
    NEAR(k->contact_rate, 0.6);
    NEAR(k->regular_rate, 0.4);
    NEAR(k->contact_hours, 9.25);
    NEAR(k->contact_hours_per_head, 1.85);
    assert_int_equal(k->customers_touched, 2);
    assert_int_equal(k->paying_customers_touched, 1);
    assert_int_equal(S_person(r, "p1")->contact_class, TP_CLASS_REGULAR);
    assert_int_equal(S_person(r, "p2")->contact_class, TP_CLASS_OCCASIONAL);
    assert_int_equal(S_person(r, "p3")->contact_class, TP_CLASS_NONE);
    assert_int_equal(S_person(r, "p7")->contact_class, TP_CLASS_REGULAR);
    NEAR(S_person(r, "p1")->contact_hours, 2.5);
    NEAR(S_person(r, "p7")->contact_hours, 5.75);
    assert_int_equal(S_person(r, "p1")->interactions, 3);
    assert_int_equal(S_person(r, "p4")->interactions, 0);
    /* by type, in the built-in table's order */
    assert_int_equal(r->nby_type, 4);
    assert_string_equal(r->by_type[0].id, "customer_meeting");
    assert_int_equal(r->by_type[0].interactions, 3);
    NEAR(r->by_type[0].hours, 4.25);
    assert_int_equal(r->by_type[0].people, 2);
    assert_string_equal(r->by_type[1].id, "trade_show_shift");
    NEAR(r->by_type[1].hours, 4);
    assert_string_equal(r->by_type[2].id, "support_call_listening");
    NEAR(r->by_type[2].hours, 1);
    assert_string_equal(r->by_type[3].id, "concierge_desk");
    NEAR(r->by_type[3].hours, 4);
    assert_int_equal(r->by_type[3].people, 2);
    /* previous: Q2 holds one interaction, by p4 who was not yet employed */
    assert_true(r->has_previous);
    assert_int_equal(r->previous.it_staff, 5); /* p1 p2 p3 p5 p7 */
    assert_int_equal(r->previous.with_contact, 0);
    assert_int_equal(r->ntrend, 2);
    assert_string_equal(r->trend[0].period.label, "2026-Q2");
    assert_string_equal(r->trend[1].period.label, "2026-Q3");
    tp_test_done(&t);
}

static void test_month_year_range(void **state)
{
    (void)state;
    tp_test_run t;
    tp_report *r = S_report(&t, contact_org, "2026-07");
    assert_int_equal(r->kpis.it_staff, 4); /* p4 not yet joined */
    assert_int_equal(r->kpis.regular, 3);  /* one month of one is regular */
    assert_true(r->has_previous); /* June holds one interaction */
    tp_test_done(&t);

    r = S_report(&t, contact_org, "2026");
    assert_int_equal(r->kpis.it_staff, 6); /* p5 worked until June */
    assert_int_equal(r->kpis.regular, 0);  /* 8 of 12 months needed */
    assert_int_equal(r->kpis.with_contact, 5);
    tp_test_done(&t);

    r = S_report(&t, contact_org, "2026-08-01..2026-09-30");
    assert_int_equal(r->kpis.it_staff, 4); /* p7 left in July */
    assert_int_equal(r->kpis.with_contact, 1);
    assert_int_equal(r->kpis.regular, 0);
    assert_string_equal(r->period.label, "2026-08-01..2026-09-30");
    assert_string_equal(r->previous_period.label, "2026-06-01..2026-07-31");
    assert_true(r->has_previous);
    tp_test_done(&t);
}

/* --------------------------------------------------------------- bacon */

static const char bacon_org[] =
    "people:\n"
    "  - {id: a, name: A, allocations: [{project: X, percent: 60}, {project: Y, percent: 40}]}\n"
    "  - {id: b, name: B, allocations: [{project: W, percent: 50}, {project: Y, percent: 50}]}\n"
    "  - {id: c, name: C, works_with: [b], allocations: [{project: Z, percent: 100}]}\n"
    "  - {id: d, name: D, team: T, works_with: [c]}\n"
    "  - {id: e, name: E, team: T}\n"
    "  - {id: f, name: F}\n"
    "  - {id: g, name: G}\n"
    "  - {id: h, name: H}\n"
    "  - {id: i, name: I, works_with: [j]}\n"
    "  - {id: j, name: J, works_with: [k]}\n"
    "  - {id: k, name: K, works_with: [i]}\n"
    "  - {id: q, name: Q}\n"
    "  - {id: r, name: R}\n"
    "  - {id: s, name: S}\n"
    "customers:\n"
    "  - {id: C1, name: Paying}\n"
    "  - {id: P1, name: Prospect, paying: false}\n"
    "  - {id: P2, name: Prospect two, paying: false}\n"
    "projects:\n"
    "  - {id: X, name: Serves team T, serves: {teams: [T]}}\n"
    "  - {id: Y, name: Serves C1, serves: {customers: [C1]}}\n"
    "  - {id: Z, name: Serves nothing}\n"
    "  - {id: W, name: Serves P1, serves: {customers: [P1]}}\n"
    "  - {id: V, name: Serves P2, serves: {customers: [P2]}}\n"
    "interactions:\n"
    "  - {type: customer_meeting, date: 2026-07-01, people: [a], customers: [C1]}\n"
    "  - {type: concierge_desk, date: 2026-07-02, people: [a, b]}\n"
    "  - {type: customer_meeting, date: 2026-07-03, people: [f], customers: [P1]}\n"
    "  - {type: store_visit, date: 2026-07-04, people: [g, h]}\n"
    "  - {type: customer_meeting, date: 2026-07-05, people: [a, q, r], customers: [C1]}\n"
    "  - {type: customer_meeting, date: 2026-07-06, people: [s], customers: [C1, P2]}\n"
    "  - {type: customer_meeting, date: 2026-04-06, people: [e], customers: [C1]}\n";

static void test_bacon(void **state)
{
    (void)state;
    tp_test_run t;
    tp_report *r = S_report(&t, bacon_org, "2026-Q3");
    static const struct {
        const char *id;
        int bacon;
    } want[] = {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", TP_NONE}, {"f", TP_NONE}, {"g", 1},
                {"h", 1}, {"i", TP_NONE}, {"j", TP_NONE}, {"k", TP_NONE}, {"q", 1}, {"r", 1}, {"s", 1}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_int_equal(S_person(r, want[i].id)->bacon, want[i].bacon);
    const tp_kpis *k = &r->kpis;
    assert_int_equal(k->bacon[TP_BUCKET_1], 6);
    assert_int_equal(k->bacon[TP_BUCKET_2], 1);
    assert_int_equal(k->bacon[TP_BUCKET_3], 1);
    assert_int_equal(k->bacon[TP_BUCKET_4PLUS], 1);
    assert_int_equal(k->bacon[TP_BUCKET_NONE], 5);
    assert_int_equal(k->bacon_median, 2); /* index 6 of 14 */
    NEAR(k->bacon_mean, 15.0 / 9.0);
    /* projects by id: V W X Y Z */
    assert_string_equal(r->projects[0].id, "V");
    assert_int_equal(r->projects[0].bacon, 3); /* P2 is 2 steps away: customers of one meeting are not linked */
    assert_int_equal(r->projects[1].bacon, TP_NONE);
    assert_int_equal(r->projects[2].bacon, 5);
    assert_int_equal(r->projects[3].bacon, 1);
    assert_int_equal(r->projects[4].bacon, TP_NONE);
    assert_int_equal(r->projects[3].people, 2);
    NEAR(S_person(r, "a")->distant_share, 60);
    assert_true(S_person(r, "a")->at_risk);
    NEAR(S_person(r, "b")->distant_share, 50);
    assert_false(S_person(r, "b")->at_risk);
    assert_true(S_person(r, "c")->at_risk);
    assert_int_equal(k->at_risk, 2);
    NEAR(k->at_risk_share, 2.0 / 14.0); /* a and c of the 14 of S */
    /* bucket shares of the 14 of S: 6, 1, 1, 1 and 5 people */
    NEAR(k->bacon_share[TP_BUCKET_1], 6.0 / 14.0);
    NEAR(k->bacon_share[TP_BUCKET_2], 1.0 / 14.0);
    NEAR(k->bacon_share[TP_BUCKET_4PLUS], 1.0 / 14.0);
    NEAR(k->bacon_share[TP_BUCKET_NONE], 5.0 / 14.0);
    /* distant: 4 or more steps, or none -- W (none), X (5), Z (none); V (3) and Y (1) are not */
    static const bool distant[] = {false, true, true, false, true};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(r->projects[i].distant, distant[i]);
    /* team T: d (4) and e (none): the lower middle of [4, none] is 4 */
    for (size_t i = 0; i < r->nby_team; i++)
        if (!strcmp(r->by_team[i].team, "T"))
            assert_int_equal(r->by_team[i].bacon_median, 4);
    tp_test_done(&t);
    /* In Q2 only e met a customer: T's project is then 2 steps away. */
    r = S_report(&t, bacon_org, "2026-Q2");
    assert_int_equal(S_person(r, "e")->bacon, 1);
    assert_int_equal(r->projects[2].bacon, 2);
    assert_int_equal(S_person(r, "a")->bacon, TP_NONE);
    tp_test_done(&t);
}

/* Each team's contact rate: with contact / headcount of its people of S,
 * worked out in the report for every renderer (report.json's
 * by_team[].contact_rate). */
static void test_team_contact_rate(void **state)
{
    (void)state;
    tp_test_run t;
    tp_report *r = S_report(&t,
                            "people:\n"
                            "  - {id: a, name: A, team: Red}\n"
                            "  - {id: b, name: B, team: Red}\n"
                            "  - {id: c, name: C, team: Red}\n"
                            "  - {id: d, name: D, team: Blue}\n"
                            "  - {id: e, name: E, team: Blue, it: false}\n"
                            "  - {id: f, name: F, team: Blue, left: 2026-06-30}\n"
                            "  - {id: g, name: G, team: Green, left: 2026-06-30}\n"
                            "customers: [{id: k, name: K}]\n"
                            "interactions:\n"
                            "  - {type: customer_meeting, date: 2026-07-01, people: [a, e], customers: [k]}\n"
                            "  - {type: support_call_listening, date: 2026-08-01, people: [b]}\n"
                            "  - {type: customer_meeting, date: 2026-06-01, people: [c, d, f, g], customers: [k]}\n",
                            "2026-Q3");
    /* Q3: S = a b c d. Blue: d alone (e is not IT, f left), no contact in
     * Q3: 0 of 1. Green: nobody in S, no row. Red: a and b of a b c: 2/3. */
    assert_int_equal(r->nby_team, 2);
    assert_string_equal(r->by_team[0].team, "Blue");
    assert_int_equal(r->by_team[0].headcount, 1);
    NEAR(r->by_team[0].contact_rate, 0.0);
    assert_string_equal(r->by_team[1].team, "Red");
    assert_int_equal(r->by_team[1].headcount, 3);
    NEAR(r->by_team[1].contact_rate, 2.0 / 3.0);
    /* The trend's per-team rates follow the same rule; model teams by
     * name: Blue, Green, Red. Green has nobody in Q3's S: null. In Q2
     * (S = a b c d f g) c, d, f and g met K: Red 1/3, Blue 2/2, Green 1/1. */
    assert_int_equal(r->ntrend, 2);
    NEAR(r->trend[1].team_rate[2], 2.0 / 3.0);
    assert_true(isnan(r->trend[1].team_rate[1]));
    NEAR(r->trend[0].team_rate[0], 1.0);
    NEAR(r->trend[0].team_rate[1], 1.0);
    NEAR(r->trend[0].team_rate[2], 1.0 / 3.0);
    tp_test_done(&t);
}

static void test_funnel_requests_crosstab(void **state)
{
    (void)state;
    tp_test_run t;
    tp_report *r = S_report(&t,
                            "people:\n"
                            "  - {id: a, name: A, reports_to: CEO, focus: strategic}\n"
                            "  - {id: b, name: B, reports_to: CFO}\n"
                            "  - {id: c, name: C, reports_to: CEO}\n"
                            "customers: [{id: k, name: K}]\n"
                            "interactions:\n"
                            "  - type: customer_meeting\n"
                            "    date: 2026-07-01\n"
                            "    people: [a, b]\n"
                            "    insights: [one, {text: two, tags: [x]}]\n"
                            "    actions:\n"
                            "      - {text: t1, status: done, attested: true}\n"
                            "      - {text: t2, status: done}\n"
                            "      - {text: t3, status: dropped, attested: true}\n"
                            "      - {text: t4}\n"
                            "  - {type: customer_meeting, date: 2026-08-01, people: [a]}\n"
                            "requests:\n"
                            "  - {date: 2026-01-01, text: r1, status: covered}\n"
                            "  - {date: 2026-09-30, text: r2, status: gap, customer: k, votes: 3}\n"
                            "  - {date: 2026-10-01, text: r3, status: planned}\n"
                            "  - {date: 2026-05-01, text: r4, status: declined}\n",
                            "2026-Q3");
    const tp_kpis *k = &r->kpis;
    assert_int_equal(k->insights, 2);
    assert_int_equal(k->actions, 4);
    assert_int_equal(k->actions_done, 2);
    assert_int_equal(k->actions_attested, 1);
    NEAR(k->done_rate, 0.5);
    NEAR(k->attested_rate, 0.5);
    assert_int_equal(k->req_covered, 1);
    assert_int_equal(k->req_gap, 1);
    assert_int_equal(k->req_planned, 0); /* dated after the period */
    assert_int_equal(k->req_declined, 1);
    NEAR(k->coverage, 0.5);
    /* a regular (2 months), b occasional, c none; CEO: a, c */
    const tp_crosstab_row *x = &r->crosstabs[0];
    assert_string_equal(x->field, "reports_to");
    assert_int_equal(x->cells[TP_CELL_REGULAR].n, 1);
    assert_int_equal(x->cells[TP_CELL_REGULAR].k, 1);
    assert_int_equal(x->cells[TP_CELL_ALL].n, 3);
    assert_int_equal(x->cells[TP_CELL_ALL].k, 2);
    NEAR(x->cells[TP_CELL_ALL].pct, 2.0 / 3.0);
    /* [[1, 0], [1, 1]]: every table with these margins is as likely or less: p = 1 */
    NEAR(x->p_value, 1.0);
    assert_true(isnan(r->crosstabs[1].cells[TP_CELL_OCCASIONAL].pct) == 0);
    tp_test_done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quarter),
        cmocka_unit_test(test_month_year_range),
        cmocka_unit_test(test_bacon),
        cmocka_unit_test(test_team_contact_rate),
        cmocka_unit_test(test_funnel_requests_crosstab),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
