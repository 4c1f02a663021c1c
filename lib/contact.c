/* contact.c — who is in scope, contact classes, hours, the headline figures. */
#include "arena.h"
#include "calc.h"
#include "fsum.h"
#include "kpi.h"
#include "model.h"
#include "period.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool S_employed(const tp_person *p, const tp_period *per)
{
    return (p->joined == TP_DATE_NONE || p->joined <= per->end) && (p->left == TP_DATE_NONE || p->left >= per->start);
}

typedef struct {
    int person, month;
} person_month;

static int S_cmp_pm(const void *a, const void *b)
{
    const person_month *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return (x->month > y->month) - (x->month < y->month);
}

/* Distinct contact months per person of S: a bit per month of P when P
 * touches at most 64 months (every kind but a long range), else sorting
 * (person, month) pairs. */
static tp_status S_contact_months(const tp_period_calc *c, int *months)
{
    const tp_model *m = c->m;
    if (c->months <= 64) {
        uint64_t *bits = calloc(m->npeople ? m->npeople : 1, sizeof *bits);
        if (!bits)
            return TP_ERR_NOMEM;
        int first = tp_month_index(c->period.start);
        for (size_t k = 0; k < c->npi; k++) {
            const tp_interaction *it = &m->interactions[c->pi[k]];
            if (!m->types[it->type].contact)
                continue;
            uint64_t bit = 1ull << (tp_month_index(it->date) - first);
            for (size_t j = 0; j < it->npeople; j++)
                bits[it->people[j]] |= bit;
        }
        for (size_t i = 0; i < m->npeople; i++)
            months[i] = c->in_s[i] ? __builtin_popcountll(bits[i]) : 0;
        free(bits);
        return TP_OK;
    }
    size_t n = 0;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (m->types[it->type].contact)
            n += it->npeople;
    }
    person_month *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return TP_ERR_NOMEM;
    size_t k2 = 0;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (!m->types[it->type].contact)
            continue;
        for (size_t j = 0; j < it->npeople; j++)
            if (c->in_s[it->people[j]])
                v[k2++] = (person_month){it->people[j], tp_month_index(it->date)};
    }
    qsort(v, k2, sizeof *v, S_cmp_pm);
    for (size_t i = 0; i < k2; i++)
        if (i == 0 || S_cmp_pm(&v[i - 1], &v[i]))
            months[v[i].person]++;
    free(v);
    return TP_OK;
}

/* Contact hours per person: the exact sum of the durations of the person's
 * contact interactions of P, whatever their order. The durations are
 * grouped by person (a counting sort), then each group is summed. */
static tp_status S_person_hours(tp_period_calc *c)
{
    const tp_model *m = c->m;
    size_t np = m->npeople;
    size_t *end = calloc(np + 1, sizeof *end);
    if (!end)
        return TP_ERR_NOMEM;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (m->types[it->type].contact)
            for (size_t j = 0; j < it->npeople; j++)
                end[it->people[j] + 1]++;
    }
    for (size_t i = 0; i < np; i++)
        end[i + 1] += end[i];
    double *terms = malloc((end[np] ? end[np] : 1) * sizeof *terms);
    if (!terms) {
        free(end);
        return TP_ERR_NOMEM;
    }
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (m->types[it->type].contact)
            for (size_t j = 0; j < it->npeople; j++)
                terms[end[it->people[j]]++] = it->hours;
    }
    /* end[i] has moved to the end of person i's terms, which start where person i - 1's end */
    for (size_t i = 0; i < np; i++) {
        size_t from = i ? end[i - 1] : 0;
        c->person_hours[i] = tp_fsum_array(terms + from, end[i] - from);
    }
    free(end);
    free(terms);
    return TP_OK;
}

tp_status tp_calc_period(tp_arena *a, const tp_model *m, const tp_period *p, tp_period_calc *c)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->period = *p;
    c->months = tp_period_months(p);
    size_t np = m->npeople ? m->npeople : 1;
    c->in_s = tp_calloc(a, np, sizeof *c->in_s);
    c->person_class = tp_calloc(a, np, sizeof *c->person_class);
    c->person_months = tp_calloc(a, np, sizeof *c->person_months);
    c->person_interactions = tp_calloc(a, np, sizeof *c->person_interactions);
    c->person_hours = tp_calloc(a, np, sizeof *c->person_hours);
    size_t n = 0;
    for (size_t i = 0; i < m->ninteractions; i++)
        n += m->dates[i] >= p->start && m->dates[i] <= p->end;
    c->pi = tp_calloc(a, n ? n : 1, sizeof *c->pi);
    if (!c->in_s || !c->person_class || !c->person_months || !c->person_interactions || !c->person_hours || !c->pi)
        return TP_ERR_NOMEM;
    for (size_t i = 0; i < m->ninteractions; i++)
        if (m->dates[i] >= p->start && m->dates[i] <= p->end)
            c->pi[c->npi++] = i;
    for (size_t i = 0; i < m->npeople; i++)
        c->in_s[i] = m->people[i].it && S_employed(&m->people[i], p);
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        for (size_t j = 0; j < it->npeople; j++)
            c->person_interactions[it->people[j]]++;
    }
    if (S_person_hours(c) != TP_OK || S_contact_months(c, c->person_months) != TP_OK)
        return TP_ERR_NOMEM;
    int need = (2 * c->months + 2) / 3; /* ceil(2M/3) */
    if (need < 1)
        need = 1;
    for (size_t i = 0; i < m->npeople; i++)
        c->person_class[i] = c->person_months[i] >= need ? TP_CLASS_REGULAR
                             : c->person_months[i] > 0   ? TP_CLASS_OCCASIONAL
                                                         : TP_CLASS_NONE;
    return tp_bacon(a, c);
}

long tp_calc_in_s(const tp_period_calc *c, const tp_interaction *it)
{
    long n = 0;
    for (size_t j = 0; j < it->npeople; j++)
        n += c->in_s[it->people[j]];
    return n;
}

/* Customers touched: distinct ids named by interactions of P. */
static tp_status S_customers(const tp_period_calc *c, tp_kpis *k)
{
    const tp_model *m = c->m;
    bool *seen = calloc(m->ncustomers ? m->ncustomers : 1, 1);
    if (!seen)
        return TP_ERR_NOMEM;
    for (size_t i = 0; i < c->npi; i++) {
        const tp_interaction *it = &m->interactions[c->pi[i]];
        for (size_t j = 0; j < it->ncustomers; j++)
            seen[it->customers[j]] = true;
    }
    for (size_t j = 0; j < m->ncustomers; j++)
        if (seen[j]) {
            k->customers_touched++;
            k->paying_customers_touched += m->customers[j].paying;
        }
    free(seen);
    return TP_OK;
}

static tp_status S_bacon_kpis(const tp_period_calc *c, tp_kpis *k)
{
    const tp_model *m = c->m;
    int *v = malloc((m->npeople ? m->npeople : 1) * sizeof *v);
    if (!v)
        return TP_ERR_NOMEM;
    size_t n = 0, finite = 0;
    double sum = 0;
    for (size_t i = 0; i < m->npeople; i++) {
        if (!c->in_s[i])
            continue;
        int b = c->person_bacon[i];
        k->bacon[b == TP_NONE ? TP_BUCKET_NONE : b >= 4 ? TP_BUCKET_4PLUS : b - 1]++;
        if (b != TP_NONE) {
            sum += b;
            finite++;
        }
        v[n++] = b;
        k->at_risk += tp_at_risk(c->person_distant[i]);
    }
    k->bacon_median = tp_median_bacon(v, n);
    k->bacon_mean = finite ? sum / (double)finite : NAN;
    free(v);
    return TP_OK;
}

static void S_funnel(const tp_period_calc *c, tp_kpis *k)
{
    const tp_model *m = c->m;
    for (size_t i = 0; i < c->npi; i++) {
        const tp_interaction *it = &m->interactions[c->pi[i]];
        k->insights += (long)it->ninsights;
        k->actions += (long)it->nactions;
        if (it->acts) {
            k->actions_done += (long)it->acts->done;
            k->actions_attested += (long)it->acts->attested;
        }
    }
}

static void S_requests(const tp_period_calc *c, tp_kpis *k)
{
    const tp_model *m = c->m;
    long *by[] = {&k->req_covered, &k->req_planned, &k->req_gap, &k->req_declined};
    for (size_t i = 0; i < m->nrequests; i++)
        if (m->requests[i].date <= c->period.end)
            (*by[m->requests[i].status])++;
}

tp_status tp_calc_kpis(const tp_period_calc *c, tp_kpis *k)
{
    const tp_model *m = c->m;
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < m->npeople; i++) {
        if (!c->in_s[i])
            continue;
        k->it_staff++;
        int cl = c->person_class[i];
        k->regular += cl == TP_CLASS_REGULAR;
        k->occasional += cl == TP_CLASS_OCCASIONAL;
        k->none += cl == TP_CLASS_NONE;
    }
    k->with_contact = k->regular + k->occasional;
    tp_fsum hours;
    tp_fsum_init(&hours);
    for (size_t i = 0; i < c->npi; i++) {
        const tp_interaction *it = &m->interactions[c->pi[i]];
        if (m->types[it->type].contact)
            tp_fsum_add(&hours, it->hours * (double)tp_calc_in_s(c, it));
    }
    k->contact_hours = tp_fsum_value(&hours);
    k->contact_hours_per_head = k->it_staff ? k->contact_hours / (double)k->it_staff : NAN;
    if (S_customers(c, k) != TP_OK || S_bacon_kpis(c, k) != TP_OK)
        return TP_ERR_NOMEM;
    S_funnel(c, k);
    S_requests(c, k);
    k->interactions = (long)c->npi;
    tp_kpis_rates(k);
    return TP_OK;
}
