/* xlsx_fixture.h — a small synthetic tp_report built by hand, for the
 * workbook's tests (the figures need not be consistent with each other,
 * only recognisable). Everything lives in the arena given. */
#ifndef XLSX_FIXTURE_H
#define XLSX_FIXTURE_H

#include "arena.h"
#include "kpi.h"
#include "model.h"
#include "report.h"

#include <math.h>
#include <string.h>

#define XF_LONG_CHARS 40000 /* a text longer than a cell holds */

/* 2026-07-01 and friends as day numbers. */
#define XF_D20260701 20635
#define XF_D20260930 20726

static tp_kpis xf_kpis(double scale)
{
    tp_kpis k = {0};
    k.it_staff = 40;
    k.with_contact = 26;
    k.regular = 11;
    k.occasional = 15;
    k.none = 14;
    k.contact_rate = 0.65 * scale;
    k.regular_rate = 0.275 * scale;
    k.contact_hours = 312.5 * scale;
    k.contact_hours_per_head = 7.8125 * scale;
    k.customers_touched = 31;
    k.paying_customers_touched = 24;
    k.bacon[TP_BUCKET_1] = 26;
    k.bacon[TP_BUCKET_2] = 9;
    k.bacon[TP_BUCKET_3] = 2;
    k.bacon[TP_BUCKET_4PLUS] = 1;
    k.bacon[TP_BUCKET_NONE] = 2;
    k.bacon_median = 1;
    k.bacon_mean = 1.42;
    k.at_risk = 3;
    k.insights = 58;
    k.actions = 21;
    k.actions_done = 0;
    k.actions_attested = 0;
    k.done_rate = 0.0;
    k.attested_rate = NAN; /* null: nothing done */
    k.req_covered = 40;
    k.req_planned = 3;
    k.req_gap = 2;
    k.req_declined = 1;
    k.coverage = 40.0 / 45.0;
    k.interactions = 5;
    return k;
}

static tp_period xf_period(const char *label, tp_date start, tp_date end)
{
    tp_period p = {.kind = TP_PERIOD_QUARTER, .start = start, .end = end};
    strncpy(p.label, label, sizeof p.label - 1);
    return p;
}

/* A text of XF_LONG_CHARS characters: "é" repeated (two bytes each). */
static char *xf_long_text(tp_arena *a)
{
    char *s = tp_alloc(a, 2 * XF_LONG_CHARS + 1);
    for (size_t i = 0; i < XF_LONG_CHARS; i++)
        memcpy(s + 2 * i, "\xC3\xA9", 2);
    s[2 * XF_LONG_CHARS] = '\0';
    return s;
}

static void xf_interactions(tp_arena *a, tp_report *r, size_t n)
{
    static const char *const titles[] = {"=1+2", "+SUM(A1:A2)", "-3", "@cmd", "Plain _x0041_ \x01"};
    tp_interaction *recs = tp_calloc(a, n, sizeof *recs);
    tp_interaction_extra *calls = tp_calloc(a, 1, sizeof *calls);
    *calls = (tp_interaction_extra){.calls = 7, .conversations = TP_COUNT_NONE, .leads = TP_COUNT_NONE};
    tp_interaction_acts *acts = tp_calloc(a, 1, sizeof *acts + 2 * sizeof(tp_action));
    *acts = (tp_interaction_acts){.done = 1, .attested = 1};
    acts->actions[0] = (tp_action){.text = "Send the quote", .owner = -1, .status = TP_ACTION_DONE, .attested = true};
    acts->actions[1] = (tp_action){.text = "Call back", .owner = -1, .status = TP_ACTION_OPEN};
    r->interactions = tp_calloc(a, n, sizeof *r->interactions);
    r->ninteractions = n;
    for (size_t i = 0; i < n; i++) {
        recs[i].date = XF_D20260701 + (tp_date)i;
        recs[i].hours = 1.5;
        recs[i].extra = i == 0 ? calls : NULL; /* calls 7 */
        recs[i].nactions = i == 0 ? 2 : 0;       /* one done and attested, one open */
        recs[i].acts = i == 0 ? acts : NULL;
        tp_interaction_row *ir = &r->interactions[i];
        ir->rec = &recs[i];
        ir->type_label = "Customer meeting";
        ir->people = "Jo\xC3\xA3o Gon\xC3\xA7" "alves, Zo\xC3\xAB";
        ir->customers = "\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE"; /* 株式会社 */
        ir->title = titles[i % 5];
        ir->notes = i == 1 ? xf_long_text(a) : NULL;
        ir->file = "logs/q3.yaml";
        ir->line = 10 + (int)i;
    }
}

static void xf_tables(tp_arena *a, tp_report *r)
{
    r->by_team = tp_calloc(a, 2, sizeof *r->by_team);
    r->nby_team = 2;
    r->by_team[0] = (tp_team_row){.team = "Infrastructure",
                                  .headcount = 9,
                                  .with_contact = 4,
                                  .regular = 1,
                                  .contact_rate = 4.0 / 9,
                                  .contact_hours = 22.0,
                                  .bacon_median = 2};
    r->by_team[1] = (tp_team_row){.team = "=HYPERLINK(\"x\")",
                                  .headcount = 2,
                                  .with_contact = 1,
                                  .regular = 0,
                                  .contact_rate = 0.5,
                                  .contact_hours = 3.0,
                                  .bacon_median = 1,
                                  .hidden = r->opt->min_group > 2};
    r->people = tp_calloc(a, 1, sizeof *r->people);
    r->npeople = 1;
    r->people[0] = (tp_person_row){.person = 0,
                                   .id = "jdoe",
                                   .name = "Jane Doe",
                                   .team = "Infrastructure",
                                   .contact_class = TP_CLASS_REGULAR,
                                   .contact_months = 2,
                                   .interactions = 7,
                                   .contact_hours = 14.5,
                                   .bacon = 1,
                                   .distant_share = 25.0,
                                   .distant_ratio = 0.25};
    r->projects = tp_calloc(a, 1, sizeof *r->projects);
    r->nprojects = 1;
    r->projects[0] = (tp_project_row){
        .project = 0, .id = "net-upgrade", .name = "Network upgrade", .bacon = TP_NONE, .distant = true, .people = 6};
    r->crosstabs = tp_calloc(a, 1, sizeof *r->crosstabs);
    r->ncrosstabs = 1;
    tp_crosstab_row *ct = &r->crosstabs[0];
    *ct = (tp_crosstab_row){
        .label = "Report directly to the CEO", .field = "reports_to", .equals = "CEO", .p_value = 0.41};
    ct->cells[TP_CELL_REGULAR] = (tp_cell){.n = 11, .k = 6, .pct = 6.0 / 11, .lo = 0.28, .hi = 0.79};
    ct->cells[TP_CELL_OCCASIONAL] =
        (tp_cell){.n = 3, .k = 1, .pct = 1.0 / 3, .lo = 0.06, .hi = 0.79, .hidden = r->opt->min_group > 3};
    ct->cells[TP_CELL_NONE] =
        (tp_cell){.n = 0, .k = 0, .pct = NAN, .lo = NAN, .hi = NAN, .hidden = r->opt->min_group > 0};
    ct->cells[TP_CELL_ALL] = (tp_cell){.n = 14, .k = 7, .pct = 0.5, .lo = 0.27, .hi = 0.73};
}

static void xf_requests(tp_arena *a, tp_report *r)
{
    tp_request *recs = tp_calloc(a, 2, sizeof *recs);
    recs[0] = (tp_request){.date = XF_D20260701,
                           .text = "Export to CSV",
                           .customer = 0,
                           .status = TP_REQ_COVERED,
                           .votes = 12,
                           .id = "r1"};
    recs[1] = (tp_request){
        .date = XF_D20260930, .text = "@SUM(1)", .customer = -1, .status = TP_REQ_GAP, .votes = TP_COUNT_NONE};
    r->requests = tp_calloc(a, 2, sizeof *r->requests);
    r->nrequests = 2;
    r->requests[0] = (tp_request_row){.rec = &recs[0], .customer = "Acme", .text = "Export to CSV"};
    r->requests[1] = (tp_request_row){.rec = &recs[1], .text = "@SUM(1)"};
}

/* The synthetic report with n interactions, options opt (kept by pointer). */
static tp_report *xf_report(tp_arena *a, const tp_report_options *opt, size_t n)
{
    tp_report *r = tp_calloc(a, 1, sizeof *r);
    r->opt = opt;
    r->organization = "Northwind Logistics";
    r->generated = "2023-11-14T22:13:20Z"; /* SOURCE_DATE_EPOCH=1700000000 */
    r->period = xf_period("2026-Q3", XF_D20260701, XF_D20260930);
    r->kpis = xf_kpis(1.0);
    r->has_previous = true;
    r->previous_period = xf_period("2026-Q2", XF_D20260701 - 91, XF_D20260701 - 1);
    r->previous = xf_kpis(0.5);
    r->trend = tp_calloc(a, 2, sizeof *r->trend);
    r->ntrend = 2;
    r->trend[0] = (tp_trend_point){.period = r->previous_period, .kpis = r->previous};
    r->trend[1] = (tp_trend_point){.period = r->period, .kpis = r->kpis};
    tp_model *m = tp_calloc(a, 1, sizeof *m); /* type 0: the built-in customer_meeting */
    m->types = tp_calloc(a, 1, sizeof *m->types);
    m->types[0] = (tp_type){.id = "customer_meeting", .label = "Customer meeting", .contact = true, .builtin = true};
    m->ntypes = 1;
    r->model = m;
    xf_tables(a, r);
    xf_interactions(a, r, n);
    xf_requests(a, r);
    return r;
}

#endif
