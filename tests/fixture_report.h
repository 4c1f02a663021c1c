/* fixture_report.h — a small synthetic tp_report built by hand in an arena,
 * for the renderer tests (independent of the reading and metrics code). */
#ifndef TP_FIXTURE_REPORT_H
#define TP_FIXTURE_REPORT_H

#include "arena.h"
#include "date.h"
#include "definition.h"
#include "kpi.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file at path, NUL-terminated and malloc'd; NULL when it cannot
 * be read. */
static inline char *fx_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 8192;
    char *s = malloc(cap);
    for (size_t got; s && (got = fread(s + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (cap - n - 1 == 0) {
            char *t = realloc(s, cap *= 2);
            if (!t)
                free(s);
            s = t;
        }
    }
    fclose(f);
    if (s)
        s[n] = '\0';
    return s;
}

static inline tp_period fx_period(const char *label, int y, int m1, int m2)
{
    tp_period p;
    memset(&p, 0, sizeof p);
    p.kind = TP_PERIOD_QUARTER;
    p.start = tp_date_from_ymd(y, m1, 1);
    p.end = tp_date_from_ymd(y, m2 + 1, 1) - 1;
    strcpy(p.label, label);
    return p;
}

static inline tp_kpis fx_kpis(long staff, long contact, long regular, double hours, int median)
{
    tp_kpis k;
    memset(&k, 0, sizeof k);
    k.it_staff = staff;
    k.with_contact = contact;
    k.regular = regular;
    k.occasional = contact - regular;
    k.none = staff - contact;
    k.contact_rate = staff ? (double)contact / (double)staff : NAN;
    k.regular_rate = staff ? (double)regular / (double)staff : NAN;
    k.contact_hours = hours;
    k.contact_hours_per_head = staff ? hours / (double)staff : NAN;
    k.bacon_median = median;
    return k;
}

static inline tp_cell fx_cell(long n, long k, double lo, double hi)
{
    tp_cell c = {.n = n, .k = k, .pct = n ? (double)k / (double)n : NAN, .lo = n ? lo : NAN, .hi = n ? hi : NAN};
    return c;
}

/* The synthetic report. Every array is in the arena; names hold a few
 * characters Markdown and HTML treat specially. */
static inline tp_report *fixture_report(tp_arena *a)
{
    static const tp_section all[] = {
        TP_SEC_HEADLINE, TP_SEC_BY_TYPE, TP_SEC_BY_TEAM, TP_SEC_BACON,
        TP_SEC_AT_RISK, TP_SEC_CROSSTABS, TP_SEC_FUNNEL, TP_SEC_FOLLOWUPS, TP_SEC_REQUESTS,
        TP_SEC_INSIGHTS, TP_SEC_TREND, TP_SEC_PEOPLE, TP_SEC_PROJECTS};
    tp_report *r = tp_calloc(a, 1, sizeof *r);
    tp_definition *def = tp_calloc(a, 1, sizeof *def);
    tp_report_options *opt = tp_calloc(a, 1, sizeof *opt);
    def->title = "Quarterly customer contact";
    def->sections = tp_calloc(a, TP_SEC_COUNT, sizeof(tp_section));
    memcpy(def->sections, all, sizeof all);
    def->nsections = sizeof all / sizeof *all;
    opt->min_group = 1;
    opt->lang = "en";
    opt->generated = "2026-10-01T06:00:00Z";
    r->def = def;
    r->opt = opt;
    r->organization = "Northwind & <Co>";
    r->generated = opt->generated;
    r->period = fx_period("2026-Q3", 2026, 7, 9);
    r->today = tp_date_from_ymd(2026, 10, 1); /* generated's date: after P, so ages count to its end */
    r->age_at = r->period.end;
    r->kpis = fx_kpis(1240, 806, 341, 9876.5, 1);
    r->kpis.customers_touched = 31;
    r->kpis.paying_customers_touched = 24;
    r->kpis.bacon[TP_BUCKET_1] = 806;
    r->kpis.bacon[TP_BUCKET_2] = 300;
    r->kpis.bacon[TP_BUCKET_3] = 80;
    r->kpis.bacon[TP_BUCKET_4PLUS] = 34;
    r->kpis.bacon[TP_BUCKET_NONE] = 20;
    for (int b = 0; b < TP_NBUCKETS; b++)
        r->kpis.bacon_share[b] = (double)r->kpis.bacon[b] / 1240;
    r->kpis.bacon_mean = 1.4234;
    r->kpis.at_risk = 2;
    r->kpis.insights = 58;
    r->kpis.actions = 21;
    r->kpis.actions_done = 12;
    r->kpis.actions_attested = 7;
    r->kpis.done_rate = 12.0 / 21;
    r->kpis.attested_rate = 7.0 / 12;
    r->kpis.req_covered = 40;
    r->kpis.req_planned = 3;
    r->kpis.req_gap = 2;
    r->kpis.req_declined = 1;
    r->kpis.coverage = 40.0 / 45;
    r->kpis.interactions = 412;
    r->has_previous = true;
    r->previous_period = fx_period("2026-Q2", 2026, 4, 6);
    r->previous = fx_kpis(1200, 720, 360, 8000, 2);
    r->previous.customers_touched = 35;
    r->previous.paying_customers_touched = 24;
    r->previous.at_risk = 4;
    r->previous.bacon_mean = 1.8;
    r->previous.insights = 40;
    r->previous.actions = 20;
    r->previous.actions_done = 10;
    r->previous.actions_attested = 2;
    r->previous.done_rate = 0.5;
    r->previous.attested_rate = 0.2;
    r->previous.coverage = NAN;
    r->previous.interactions = 390;

    /* targets: met at the bound itself, not met, and one whose value is null */
    r->ntargets = 3;
    r->targets = tp_calloc(a, 3, sizeof *r->targets);
    r->targets[0] = (tp_target_row){"contact_rate", 0.65, NAN, 0.65, 1};
    r->targets[1] = (tp_target_row){"bacon.median", NAN, 0, 1, 0};
    r->targets[2] = (tp_target_row){"requests.coverage", 0.5, 0.95, NAN, -1};

    r->ntrend = 3;
    r->trend = tp_calloc(a, 3, sizeof *r->trend);
    r->trend[0].period = fx_period("2026-Q1", 2026, 1, 3);
    r->trend[0].kpis = fx_kpis(1100, 500, 200, 5000, TP_NONE);
    r->trend[1].period = r->previous_period;
    r->trend[1].kpis = r->previous;
    r->trend[2].period = r->period;
    r->trend[2].kpis = r->kpis;

    r->nby_type = 3;
    r->by_type = tp_calloc(a, 3, sizeof *r->by_type);
    r->by_type[0] = (tp_type_row){0, "customer_meeting", "Customer meeting", 300, 4000.25, 700};
    r->by_type[1] = (tp_type_row){4, "store_visit", "Store visit", 100, 5876.25, 200};
    r->by_type[2] = (tp_type_row){11, "hack*day", "Hack *day* <b>", 12, 0, 9};

    r->nby_team = 4;
    r->by_team = tp_calloc(a, 4, sizeof *r->by_team);
    r->by_team[0] = (tp_team_row){.team = "Infrastructure", .headcount = 900, .with_contact = 500, .regular = 200,
                                  .contact_rate = 500.0 / 900, .contact_hours = 5000, .bacon_median = 2};
    r->by_team[1] = (tp_team_row){.team = "Office of the CIO", .headcount = 4, .with_contact = 4, .regular = 4,
                                  .contact_rate = 1, .contact_hours = 76.5, .bacon_median = 1};
    r->by_team[2] = (tp_team_row){.team = "R&D | <Labs>", .headcount = 334, .with_contact = 300, .regular = 135,
                                  .contact_rate = 300.0 / 334, .contact_hours = 4800, .bacon_median = 1};
    r->by_team[3] = (tp_team_row){.team = "Unassigned", .headcount = 2, .with_contact = 2, .regular = 2,
                                  .contact_rate = 1, .contact_hours = 0, .bacon_median = TP_NONE};

    r->npeople = 3;
    r->people = tp_calloc(a, 3, sizeof *r->people);
    r->people[0] = (tp_person_row){.person = 0, .id = "jdoe", .name = "Jane Doe", .team = "Office of the CIO",
                                   .contact_class = TP_CLASS_REGULAR, .contact_months = 3, .interactions = 7,
                                   .contact_hours = 14.5, .bacon = 1, .distant_share = 0, .distant_ratio = 0};
    r->people[1] = (tp_person_row){.person = 1, .id = "joao", .name = "Jo\xC3\xA3o Gon\xC3\xA7" "alves",
                                   .team = "R&D | <Labs>", .contact_class = TP_CLASS_OCCASIONAL,
                                   .contact_months = 1, .interactions = 1, .contact_hours = 1.25, .bacon = 3,
                                   .distant_share = 60, .distant_ratio = 0.6, .at_risk = true};
    r->people[2] = (tp_person_row){.person = 2, .id = "zoe", .name = "*Zo\xC3\xAB* [x](http://e.vil)",
                                   .team = "Infrastructure", .contact_class = TP_CLASS_NONE, .contact_months = 0,
                                   .interactions = 0, .contact_hours = 0, .bacon = TP_NONE,
                                   .distant_share = 100, .distant_ratio = 1, .at_risk = true};

    r->nprojects = 3;
    r->projects = tp_calloc(a, 3, sizeof *r->projects);
    r->projects[0] = (tp_project_row){.project = 0, .id = "crm", .name = "CRM roll-out", .bacon = 2, .people = 5};
    r->projects[1] = (tp_project_row){
        .project = 1, .id = "legacy", .name = "Legacy `batch` jobs", .bacon = TP_NONE, .distant = true, .people = 2};
    r->projects[2] = (tp_project_row){.project = 2, .id = "net", .name = "Network upgrade", .bacon = 4, .distant = true, .people = 6};

    r->ncrosstabs = 2;
    r->crosstabs = tp_calloc(a, 2, sizeof *r->crosstabs);
    r->crosstabs[0].label = "Report directly to the CEO";
    r->crosstabs[0].field = "reports_to";
    r->crosstabs[0].equals = "CEO";
    r->crosstabs[0].cells[TP_CELL_REGULAR] = fx_cell(11, 6, 0.2801, 0.7873);
    r->crosstabs[0].cells[TP_CELL_OCCASIONAL] = fx_cell(15, 5, 0.1518, 0.5829);
    r->crosstabs[0].cells[TP_CELL_NONE] = fx_cell(0, 0, 0, 0);
    r->crosstabs[0].cells[TP_CELL_ALL] = fx_cell(26, 11, 0.2553, 0.6088);
    r->crosstabs[0].p_value = 0.4124;
    r->crosstabs[1].label = "Spend most time on strategic work";
    r->crosstabs[1].field = "focus";
    r->crosstabs[1].equals = "strategic";
    r->crosstabs[1].cells[TP_CELL_REGULAR] = fx_cell(11, 5, 0.2, 0.7);
    r->crosstabs[1].cells[TP_CELL_OCCASIONAL] = fx_cell(15, 2, 0.04, 0.38);
    r->crosstabs[1].cells[TP_CELL_NONE] = fx_cell(14, 1, 0.01, 0.31);
    r->crosstabs[1].cells[TP_CELL_ALL] = fx_cell(40, 8, 0.1, 0.35);
    r->crosstabs[1].p_value = 0.0004;
    return r;
}

/* Hides (as --min-group n would) every team and cross-tab cell below n. */
static inline void fixture_min_group(tp_report *r, long n)
{
    ((tp_report_options *)r->opt)->min_group = n;
    for (size_t i = 0; i < r->nby_team; i++)
        r->by_team[i].hidden = r->by_team[i].headcount < n;
    for (size_t i = 0; i < r->ncrosstabs; i++)
        for (int c = 0; c < TP_NCELLS; c++)
            r->crosstabs[i].cells[c].hidden = r->crosstabs[i].cells[c].n < n;
}

#endif
