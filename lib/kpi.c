/* kpi.c — the one table of headline figures: each figure's path in
 * report.json's "kpis", how it reads and whether a rise is better (SPEC §3
 * "Targets"). Targets find their figure here; report.json's "kpis" and the
 * workbook's Summary list them in its order, the Markdown, the page and
 * the benchmark pick theirs by path; renderers say better or worse from
 * it. The rates of counts are worked out here too (tp_rate). */
#include "kpi.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define S_F(path, field, kind, better) {path, kind, better, offsetof(tp_kpis, field)}
#define S_BUCKET(path, i, better) {path, TP_KPI_COUNT, better, offsetof(tp_kpis, bacon) + (i) * sizeof(long)}

const tp_kpi_def tp_kpi_defs[] = {
    S_F("it_staff", it_staff, TP_KPI_COUNT, 0),
    S_F("with_contact", with_contact, TP_KPI_COUNT, 1),
    S_F("contact_rate", contact_rate, TP_KPI_RATIO, 1),
    S_F("regular", regular, TP_KPI_COUNT, 1),
    S_F("occasional", occasional, TP_KPI_COUNT, 0),
    S_F("none", none, TP_KPI_COUNT, -1),
    S_F("regular_rate", regular_rate, TP_KPI_RATIO, 1),
    S_F("contact_hours", contact_hours, TP_KPI_DEC, 1),
    S_F("contact_hours_per_head", contact_hours_per_head, TP_KPI_DEC, 1),
    S_F("customers_touched", customers_touched, TP_KPI_COUNT, 1),
    S_F("paying_customers_touched", paying_customers_touched, TP_KPI_COUNT, 1),
    S_BUCKET("bacon.1", TP_BUCKET_1, 0),
    S_BUCKET("bacon.2", TP_BUCKET_2, 0),
    S_BUCKET("bacon.3", TP_BUCKET_3, 0),
    S_BUCKET("bacon.4+", TP_BUCKET_4PLUS, -1),
    S_BUCKET("bacon.none", TP_BUCKET_NONE, -1),
    S_F("bacon.median", bacon_median, TP_KPI_BACON, -1),
    S_F("bacon.mean", bacon_mean, TP_KPI_DEC, -1),
    S_F("at_risk", at_risk, TP_KPI_COUNT, -1),
    S_F("insights", insights, TP_KPI_COUNT, 1),
    S_F("actions", actions, TP_KPI_COUNT, 1),
    S_F("actions_done", actions_done, TP_KPI_COUNT, 1),
    S_F("actions_attested", actions_attested, TP_KPI_COUNT, 1),
    S_F("done_rate", done_rate, TP_KPI_RATIO, 1),
    S_F("attested_rate", attested_rate, TP_KPI_RATIO, 1),
    S_F("requests.covered", req_covered, TP_KPI_COUNT, 1),
    S_F("requests.planned", req_planned, TP_KPI_COUNT, 0),
    S_F("requests.gap", req_gap, TP_KPI_COUNT, -1),
    S_F("requests.declined", req_declined, TP_KPI_COUNT, 0),
    S_F("requests.coverage", coverage, TP_KPI_RATIO, 1),
    S_F("interactions", interactions, TP_KPI_COUNT, 0),
};
const size_t tp_nkpi_defs = sizeof tp_kpi_defs / sizeof tp_kpi_defs[0];

/* What the reader looks at first (the workbook's Summary and report.json
 * hold them all, in tp_kpi_defs order). */
const char *const tp_kpi_headline[] = {
    "it_staff", "with_contact", "contact_rate", "regular_rate", "contact_hours", "contact_hours_per_head",
    "interactions", "customers_touched", "paying_customers_touched", "bacon.median", "bacon.mean", "at_risk",
    "actions_attested", "attested_rate", "requests.coverage",
};
const size_t tp_nkpi_headline = sizeof tp_kpi_headline / sizeof tp_kpi_headline[0];

const char *const tp_kpi_cards[] = {
    "contact_rate", "regular_rate", "contact_hours_per_head", "bacon.median", "at_risk", "attested_rate",
};
const size_t tp_nkpi_cards = sizeof tp_kpi_cards / sizeof tp_kpi_cards[0];

const tp_kpi_def *tp_kpi_find(const char *path)
{
    for (size_t i = 0; path && i < tp_nkpi_defs; i++)
        if (!strcmp(tp_kpi_defs[i].path, path))
            return &tp_kpi_defs[i];
    return NULL;
}

void tp_kpi_set(tp_kpis *k, const tp_kpi_def *d, double v)
{
    char *p = (char *)k + d->off;
    switch (d->kind) {
    case TP_KPI_COUNT: *(long *)(void *)p = (long)v; break;
    case TP_KPI_BACON: *(int *)(void *)p = isnan(v) ? TP_NONE : (int)v; break;
    default: *(double *)(void *)p = v;
    }
}

double tp_kpi_value(const tp_kpis *k, const tp_kpi_def *d)
{
    const char *p = (const char *)k + d->off;
    switch (d->kind) {
    case TP_KPI_COUNT: return (double)*(const long *)(const void *)p;
    case TP_KPI_BACON: {
        int b = *(const int *)(const void *)p;
        return b == TP_NONE ? (double)NAN : (double)b;
    }
    default: return *(const double *)(const void *)p;
    }
}

double tp_rate(long k, long n) { return n != 0 ? (double)k / (double)n : NAN; }

void tp_kpis_rates(tp_kpis *k)
{
    k->contact_rate = tp_rate(k->with_contact, k->it_staff);
    k->regular_rate = tp_rate(k->regular, k->it_staff);
    for (int b = 0; b < TP_NBUCKETS; b++)
        k->bacon_share[b] = tp_rate(k->bacon[b], k->it_staff);
    k->at_risk_share = tp_rate(k->at_risk, k->it_staff);
    k->done_rate = tp_rate(k->actions_done, k->actions);
    k->attested_rate = tp_rate(k->actions_attested, k->actions_done);
    k->coverage = tp_rate(k->req_covered, k->req_covered + k->req_planned + k->req_gap);
}
