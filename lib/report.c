/* report.c — the report structure for one period: what every renderer reads. */
#include "arena.h"
#include "calc.h"
#include "date.h"
#include "definition.h"
#include "diag.h"
#include "fsum.h"
#include "kpi.h"
#include "model.h"
#include "parallel.h"
#include "period.h"
#include "report.h"
#include "stats.h"
#include "strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tp_arena *a;
    const tp_model *m;
    tp_report *r;
    const tp_period_calc *c;
    bool nomem;
} builder;

static void *S_array(builder *b, size_t n, size_t size)
{
    void *p = tp_calloc(b->a, n ? n : 1, size);
    if (!p)
        b->nomem = true;
    return p;
}

/* ---------------------------------------------------------- display names */

/* "Person 001": numbered in id order, at least three digits wide. */
static const char **S_pseudonyms(builder *b, const char *word, size_t n)
{
    const char **v = S_array(b, n, sizeof *v);
    int width = 3;
    for (size_t x = n; x >= 1000; x /= 10)
        width++;
    for (size_t i = 0; v && i < n; i++)
        if (!(v[i] = tp_sprintf(b->a, "%s %0*zu", word, width, i + 1)))
            b->nomem = true;
    return v;
}

static void S_labels(builder *b, bool anonymize)
{
    const tp_model *m = b->m;
    tp_report *r = b->r;
    if (anonymize) {
        r->person_label = r->person_name = S_pseudonyms(b, "Person", m->npeople);
        r->customer_label = r->customer_name = S_pseudonyms(b, "Customer", m->ncustomers);
        return;
    }
    r->person_label = S_array(b, m->npeople, sizeof(char *));
    r->person_name = S_array(b, m->npeople, sizeof(char *));
    r->customer_label = S_array(b, m->ncustomers, sizeof(char *));
    r->customer_name = S_array(b, m->ncustomers, sizeof(char *));
    if (b->nomem)
        return;
    for (size_t i = 0; i < m->npeople; i++) {
        r->person_label[i] = m->people[i].id;
        r->person_name[i] = m->people[i].name;
    }
    for (size_t i = 0; i < m->ncustomers; i++) {
        r->customer_label[i] = m->customers[i].id;
        r->customer_name[i] = m->customers[i].name;
    }
}

/* ------------------------------------------------------------ sections */

/* --min-group N: a group of fewer than N people is hidden (never at N = 1). */
static bool S_too_few(const tp_report *r, long people) { return r->opt->min_group > 1 && people < r->opt->min_group; }

/* A team row or a cross-tab cell as secondary suppression sees it. */
typedef struct {
    long people;
    bool *hidden, *withheld;
} S_shown;

/* Secondary suppression (SPEC §4 --min-group): when exactly one of the
 * groups is hidden, its figures would follow from the total and the shown
 * ones, so the shown group with the fewest people (the first in table
 * order among equals) is hidden too, as withheld. */
static void S_withhold(const S_shown *g, size_t n)
{
    size_t hidden = 0, pick = n;
    for (size_t i = 0; i < n; i++) {
        hidden += *g[i].hidden;
        if (!*g[i].hidden && (pick == n || g[i].people < g[pick].people))
            pick = i;
    }
    if (hidden == 1 && pick < n)
        *g[pick].hidden = *g[pick].withheld = true;
}

/* Indexes 0..n-1 grouped by key[i] < nkeys, in index order within a
 * group (a counting sort): group g is out[end[g - 1] .. end[g]), with
 * end[-1] read as 0. NULL results when out of memory. */
static void S_group(size_t n, size_t nkeys, const int *key, const bool *keep, size_t **out, size_t **end)
{
    *end = calloc(nkeys + 1, sizeof **end);
    *out = malloc((n ? n : 1) * sizeof **out);
    if (!*end || !*out) {
        free(*end);
        free(*out);
        *end = *out = NULL;
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (!keep || keep[i])
            (*end)[key[i] + 1]++;
    for (size_t g = 0; g < nkeys; g++)
        (*end)[g + 1] += (*end)[g];
    for (size_t i = 0; i < n; i++)
        if (!keep || keep[i])
            (*out)[(*end)[key[i]]++] = i;
}

/* Per type: its interactions of P, their hours (an exact sum) and the
 * distinct people of S taking part; one pass over the interactions grouped
 * by type, whatever the number of types. */
static void S_by_type(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    int *type = malloc((c->npi ? c->npi : 1) * sizeof *type);
    uint32_t *seen = calloc(m->npeople ? m->npeople : 1, sizeof *seen); /* the type + 1 last counted */
    size_t *order = NULL, *end = NULL;
    r->by_type = S_array(b, m->ntypes, sizeof *r->by_type);
    if (type && seen) {
        for (size_t k = 0; k < c->npi; k++)
            type[k] = m->interactions[c->pi[k]].type;
        S_group(c->npi, m->ntypes, type, NULL, &order, &end);
    }
    if (!order || b->nomem) {
        b->nomem = true;
        goto done;
    }
    for (size_t t = 0; t < m->ntypes; t++) {
        size_t from = t ? end[t - 1] : 0;
        if (from == end[t])
            continue;
        tp_type_row row = {(int)t, m->types[t].id, m->types[t].label, (long)(end[t] - from), 0, 0};
        tp_fsum hours;
        tp_fsum_init(&hours);
        for (size_t x = from; x < end[t]; x++) {
            const tp_interaction *it = &m->interactions[c->pi[order[x]]];
            for (size_t j = 0; j < it->npeople; j++) {
                int p = it->people[j];
                if (c->in_s[p] && seen[p] != t + 1) {
                    seen[p] = (uint32_t)t + 1;
                    row.people++;
                }
            }
            tp_fsum_add(&hours, it->hours * (double)tp_calc_in_s(c, it));
        }
        row.hours = tp_fsum_value(&hours);
        r->by_type[r->nby_type++] = row;
    }
done:
    free(type);
    free(seen);
    free(order);
    free(end);
}

/* Per team with a member in S, from the people of S grouped by team. */
static void S_by_team(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    r->by_team = S_array(b, m->nteams, sizeof *r->by_team);
    r->team_row = S_array(b, m->nteams, sizeof *r->team_row);
    int *team = malloc((m->npeople ? m->npeople : 1) * sizeof *team);
    int *bacon = malloc((m->npeople ? m->npeople : 1) * sizeof *bacon);
    double *hours = malloc((m->npeople ? m->npeople : 1) * sizeof *hours);
    size_t *order = NULL, *end = NULL;
    if (team && bacon && hours) {
        for (size_t i = 0; i < m->npeople; i++)
            team[i] = m->people[i].team_index;
        S_group(m->npeople, m->nteams, team, c->in_s, &order, &end);
    }
    if (!order || b->nomem) {
        b->nomem = true;
        goto done;
    }
    for (size_t t = 0; t < m->nteams; t++) {
        size_t from = t ? end[t - 1] : 0, nb = 0;
        if (from == end[t])
            continue;
        tp_team_row row = {.team = m->teams[t]};
        for (size_t x = from; x < end[t]; x++) {
            size_t i = order[x];
            row.headcount++;
            row.with_contact += c->person_class[i] != TP_CLASS_NONE;
            row.regular += c->person_class[i] == TP_CLASS_REGULAR;
            hours[nb] = c->person_hours[i];
            bacon[nb++] = c->person_bacon[i];
        }
        row.contact_rate = tp_rate(row.with_contact, row.headcount);
        row.contact_hours = tp_fsum_array(hours, nb);
        row.bacon_median = tp_median_bacon(bacon, nb);
        row.hidden = S_too_few(r, row.headcount);
        r->team_row[t] = &r->by_team[r->nby_team];
        r->by_team[r->nby_team++] = row;
    }
    S_shown *rows = malloc((r->nby_team ? r->nby_team : 1) * sizeof *rows);
    if (!rows) {
        b->nomem = true;
        goto done;
    }
    for (size_t t = 0; t < r->nby_team; t++)
        rows[t] = (S_shown){r->by_team[t].headcount, &r->by_team[t].hidden, &r->by_team[t].withheld};
    S_withhold(rows, r->nby_team);
    free(rows);
done:
    free(team);
    free(bacon);
    free(hours);
    free(order);
    free(end);
}

/* ---------------------------------------------------------------- chains */

/* Whether graph node u comes before v in node order (customers, then
 * people; by id, which is model order, within a kind). */
static bool S_node_before(const tp_model *m, size_t u, size_t v)
{
    bool uc = u >= m->npeople, vc = v >= m->npeople;
    return uc != vc ? uc : u < v;
}

/* The chain from graph node v (people first, then customers, then the
 * anonymous node: see tp_period_calc) at distance dist, walked along
 * node_next; null (n == 0) when v has no line of sight. */
static tp_chain S_chain(builder *b, size_t v, int dist)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    const tp_report *r = b->r;
    size_t np = m->npeople, nc = m->ncustomers;
    tp_chain ch = {NULL, 0};
    if (dist == TP_NONE)
        return ch;
    if (!(ch.nodes = tp_calloc(b->a, (size_t)dist + 1, sizeof *ch.nodes))) {
        b->nomem = true;
        return ch;
    }
    for (size_t prev = SIZE_MAX; ch.n <= (size_t)dist; prev = v, v = (size_t)c->node_next[v]) {
        tp_chain_node *n = &ch.nodes[ch.n++];
        n->via = TP_CHAIN_VIA_NONE;
        n->via_date = TP_DATE_NONE;
        if (prev != SIZE_MAX && c->node_via[prev] == TP_VIA_WORKS_WITH) {
            n->via = TP_CHAIN_VIA_WORKS_WITH;
        } else if (prev != SIZE_MAX) {
            const tp_interaction *it = &m->interactions[c->node_via[prev]];
            n->via = it->type;
            n->via_date = it->date;
        }
        if (v < np) {
            *n = (tp_chain_node){TP_CHAIN_PERSON, (int)v, r->person_label[v], r->person_name[v], n->via, n->via_date};
        } else if (v < np + nc) {
            size_t j = v - np;
            *n = (tp_chain_node){TP_CHAIN_CUSTOMER, (int)j, r->customer_label[j], r->customer_name[j], n->via,
                                 n->via_date};
        } else {
            *n = (tp_chain_node){TP_CHAIN_ANONYMOUS, -1, NULL, NULL, n->via, n->via_date};
        }
        if (c->node_next[v] < 0)
            break;
    }
    return ch;
}

/* Keeps node (at bacon d) in *best when it is nearer, or as near and first in node order. */
static void S_consider(const tp_model *m, size_t node, int d, size_t *best, int *dist)
{
    if (d != TP_NONE && (*dist == TP_NONE || d < *dist || (d == *dist && S_node_before(m, node, *best)))) {
        *dist = d;
        *best = node;
    }
}

/* The graph node of what project p serves that is nearest a paying node,
 * the first in node order among equals; *dist is its bacon (TP_NONE when
 * nothing it serves has one). */
static size_t S_served_nearest(builder *b, const tp_project *p, const size_t *team_best, const int *team_dist,
                               int *dist)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    size_t best = SIZE_MAX;
    *dist = TP_NONE;
    for (size_t i = 0; i < p->nserves_customers; i++)
        S_consider(m, m->npeople + (size_t)p->serves_customers[i], c->customer_bacon[p->serves_customers[i]], &best,
                   dist);
    for (size_t i = 0; i < p->nserves_people; i++)
        S_consider(m, (size_t)p->serves_people[i], c->person_bacon[p->serves_people[i]], &best, dist);
    for (size_t t = 0; t < p->nserves_teams; t++)
        if (p->serves_teams[t] >= 0 && team_dist[p->serves_teams[t]] != TP_NONE)
            S_consider(m, team_best[p->serves_teams[t]], team_dist[p->serves_teams[t]], &best, dist);
    return best;
}

static void S_people(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    r->people = S_array(b, m->npeople, sizeof *r->people);
    for (size_t i = 0; r->people && i < m->npeople; i++) {
        if (!c->in_s[i])
            continue;
        r->people[r->npeople++] = (tp_person_row){
            .person = (int)i,
            .id = r->person_label[i],
            .name = r->person_name[i],
            .team = m->people[i].team,
            .contact_class = c->person_class[i],
            .contact_months = c->person_months[i],
            .interactions = c->person_interactions[i],
            .contact_hours = c->person_hours[i],
            .bacon = c->person_bacon[i],
            .distant_share = c->person_distant[i],
            .distant_ratio = c->person_distant[i] / 100.0,
            .at_risk = tp_at_risk(c->person_distant[i]),
            .chain = S_chain(b, i, c->person_bacon[i]),
        };
    }
}

static void S_projects(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    r->projects = S_array(b, m->nprojects, sizeof *r->projects);
    /* Each team's member nearest a paying node, found once for every
     * project that serves the team (projects x people was minutes). */
    size_t *team_best = malloc((m->nteams ? m->nteams : 1) * sizeof *team_best);
    int *team_dist = malloc((m->nteams ? m->nteams : 1) * sizeof *team_dist);
    if (!r->projects || !team_best || !team_dist) {
        b->nomem = true;
        free(team_best);
        free(team_dist);
        return;
    }
    for (size_t t = 0; t < m->nteams; t++) {
        team_best[t] = SIZE_MAX;
        team_dist[t] = TP_NONE;
    }
    for (size_t i = 0; i < m->npeople; i++) {
        int t = m->people[i].team_index;
        if (t >= 0)
            S_consider(m, i, c->person_bacon[i], &team_best[t], &team_dist[t]);
    }
    for (size_t j = 0; j < m->nprojects; j++) {
        int d;
        size_t node = S_served_nearest(b, &m->projects[j], team_best, team_dist, &d);
        r->projects[r->nprojects++] = (tp_project_row){.project = (int)j, .id = m->projects[j].id,
                                                       .name = m->projects[j].name, .bacon = c->project_bacon[j],
                                                       .distant = tp_bacon_distant(c->project_bacon[j]),
                                                       .chain = S_chain(b, node, d)};
    }
    /* One pass over the allocations of S; a project appears once per list. */
    for (size_t i = 0; i < m->npeople; i++)
        for (size_t k = 0; c->in_s[i] && k < m->people[i].nallocs; k++)
            if (m->people[i].allocs[k].percent > 0)
                r->projects[m->people[i].allocs[k].project].people++;
    free(team_best);
    free(team_dist);
}

/* The text of a person's field as written, or NULL when the person has none. */
static const char *S_field(const tp_person *p, const char *field)
{
    if (!strcmp(field, "reports_to"))
        return p->reports_to;
    if (!strcmp(field, "focus"))
        return p->focus;
    if (!strcmp(field, "team"))
        return p->team;
    if (!strcmp(field, "role"))
        return p->role;
    if (!strncmp(field, "attributes.", 11))
        for (size_t i = 0; i < p->nattrs; i++)
            if (!strcmp(p->attrs[i].name, field + 11))
                return p->attrs[i].value;
    return NULL;
}

static tp_cell S_cell(const tp_report *r, long k, long n)
{
    tp_cell cell = {.n = n, .k = k, .pct = NAN, .lo = NAN, .hi = NAN, .hidden = S_too_few(r, n)};
    if (n > 0) {
        cell.pct = (double)k / (double)n;
        tp_wilson(k, n, &cell.lo, &cell.hi);
    }
    return cell;
}

static void S_crosstabs(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    const tp_definition *d = r->def;
    r->crosstabs = S_array(b, d->ncrosstabs, sizeof *r->crosstabs);
    for (size_t x = 0; r->crosstabs && x < d->ncrosstabs; x++) {
        const tp_crosstab_def *def = &d->crosstabs[x];
        long n[3] = {0}, k[3] = {0};
        for (size_t i = 0; i < m->npeople; i++) {
            if (!c->in_s[i])
                continue;
            const char *v = S_field(&m->people[i], def->field);
            int cl = c->person_class[i];
            n[cl]++;
            k[cl] += v && !strcmp(v, def->equals);
        }
        tp_crosstab_row *row = &r->crosstabs[r->ncrosstabs++];
        row->label = def->label;
        row->field = def->field;
        row->equals = def->equals;
        for (int cl = 0; cl < 3; cl++)
            row->cells[cl] = S_cell(r, k[cl], n[cl]);
        long nall = n[0] + n[1] + n[2], kall = k[0] + k[1] + k[2];
        row->cells[TP_CELL_ALL] = S_cell(r, kall, nall);
        S_shown classes[3];
        for (int cl = 0; cl < 3; cl++)
            classes[cl] = (S_shown){row->cells[cl].n, &row->cells[cl].hidden, &row->cells[cl].withheld};
        S_withhold(classes, 3);
        /* regular vs not regular × matching vs not */
        long a = k[0], bb = n[0] - k[0], cc = kall - k[0], dd = (nall - n[0]) - cc;
        row->p_value = nall ? tp_fisher_exact(a, bb, cc, dd) : NAN;
    }
}

static const char *S_join(builder *b, const int *idx, size_t n, const char **names)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[idx[i]]) + 2;
    char *s = tp_alloc(b->a, len);
    if (!s) {
        b->nomem = true;
        return "";
    }
    char *p = s;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[idx[i]]);
        if (i) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, names[idx[i]], l);
        p += l;
    }
    *p = '\0';
    return s;
}

static void S_interactions(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    bool anon = r->opt->anonymize;
    if (r->opt->skip_interaction_rows)
        return;
    r->interactions = S_array(b, c->npi, sizeof *r->interactions);
    for (size_t k = 0; r->interactions && k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        r->interactions[r->ninteractions++] = (tp_interaction_row){
            .rec = it,
            .type_label = m->types[it->type].label,
            .people = S_join(b, it->people, it->npeople, r->person_name),
            .customers = S_join(b, it->customers, it->ncustomers, r->customer_name),
            .title = anon ? NULL : it->title,
            .notes = anon || !it->extra ? NULL : it->extra->notes,
            .event = anon || !it->extra ? NULL : it->extra->event,
            .file = anon ? NULL : m->files[it->file],
            .line = anon ? 0 : it->line,
        };
    }
}

static void S_requests(builder *b)
{
    const tp_model *m = b->m;
    tp_report *r = b->r;
    r->requests = S_array(b, m->nrequests, sizeof *r->requests);
    for (size_t i = 0; r->requests && i < m->nrequests; i++) {
        const tp_request *q = &m->requests[i];
        if (q->date > r->period.end)
            continue;
        r->requests[r->nrequests++] = (tp_request_row){
            .rec = q,
            .customer = q->customer >= 0 ? r->customer_name[q->customer] : NULL,
            .id = r->opt->anonymize ? NULL : q->id,
            .text = r->opt->anonymize ? NULL : q->text,
        };
    }
}

/* ------------------------------------------------------- what to act on */

/* Days from d to the last day of P or today, whichever is earlier; never negative. */
static long S_age(const tp_report *r, tp_date d)
{
    return r->age_at > d ? (long)(r->age_at - d) : 0;
}

/* A stable sort by date: the rows are in input order (the interactions of
 * P, each one's actions as listed), so ties keep that order. */
static void S_sort_followups(builder *b, tp_followup_row *v, size_t n)
{
    tp_followup_row *tmp = n > 1 ? malloc(n * sizeof *tmp) : NULL;
    if (n > 1 && !tmp) {
        b->nomem = true;
        return;
    }
    /* merge sort: qsort is not stable */
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = v[j].rec->date < v[i].rec->date ? v[j++] : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
    free(tmp);
}

static void S_followups(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    size_t nopen = 0, nawait = 0;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        for (uint32_t j = 0; it->acts && j < it->nactions; j++) {
            const tp_action *a = &it->acts->actions[j];
            nopen += a->status == TP_ACTION_OPEN;
            nawait += a->status == TP_ACTION_DONE && !a->attested;
        }
    }
    r->followups = S_array(b, nopen, sizeof *r->followups);
    r->awaiting = S_array(b, nawait, sizeof *r->awaiting);
    if (b->nomem)
        return;
    bool anon = r->opt->anonymize;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        for (uint32_t j = 0; it->acts && j < it->nactions; j++) {
            const tp_action *a = &it->acts->actions[j];
            tp_followup_row row = {it, a, anon || !it->extra ? NULL : it->extra->id, anon ? NULL : a->text,
                                   S_age(r, it->date)};
            if (a->status == TP_ACTION_OPEN)
                r->followups[r->nfollowups++] = row;
            else if (a->status == TP_ACTION_DONE && !a->attested)
                r->awaiting[r->nawaiting++] = row;
        }
    }
    S_sort_followups(b, r->followups, r->nfollowups);
    S_sort_followups(b, r->awaiting, r->nawaiting);
}

/* By open descending, then owner bytewise (people are in id order), none last. */
static int S_cmp_owner(const void *a, const void *b)
{
    const tp_owner_row *x = a, *y = b;
    if (x->open != y->open)
        return x->open > y->open ? -1 : 1;
    if ((x->owner < 0) != (y->owner < 0))
        return x->owner < 0 ? 1 : -1;
    return (x->owner > y->owner) - (x->owner < y->owner);
}

static void S_by_owner(builder *b)
{
    const tp_model *m = b->m;
    tp_report *r = b->r;
    /* slot 0: no owner; slot 1 + i: person i */
    long *row = malloc((m->npeople + 1) * sizeof *row);
    r->by_owner = S_array(b, r->nfollowups, sizeof *r->by_owner);
    if (!row || b->nomem) {
        b->nomem = true;
        free(row);
        return;
    }
    for (size_t i = 0; i <= m->npeople; i++)
        row[i] = -1;
    for (size_t i = 0; i < r->nfollowups; i++) {
        const tp_followup_row *f = &r->followups[i];
        size_t slot = f->action->owner < 0 ? 0 : (size_t)f->action->owner + 1;
        if (row[slot] < 0) {
            row[slot] = (long)r->nby_owner;
            r->by_owner[r->nby_owner++] = (tp_owner_row){f->action->owner, 0, 0};
        }
        tp_owner_row *o = &r->by_owner[row[slot]];
        o->open++;
        if (f->age_days > o->oldest_age_days)
            o->oldest_age_days = f->age_days;
    }
    free(row);
    qsort(r->by_owner, r->nby_owner, sizeof *r->by_owner, S_cmp_owner);
}

static long S_votes(const tp_request *q) { return q->votes == TP_COUNT_NONE ? 0 : (long)q->votes; }

/* By votes descending, then date, then input order (rec points into the model's requests in input order). */
static int S_cmp_request(const void *a, const void *b)
{
    const tp_request *x = ((const tp_request_row *)a)->rec, *y = ((const tp_request_row *)b)->rec;
    if (S_votes(x) != S_votes(y))
        return S_votes(x) > S_votes(y) ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x > y) - (x < y);
}

static bool S_request_open(const tp_request *q) { return q->status == TP_REQ_GAP || q->status == TP_REQ_PLANNED; }

/* The open ones first, by S_cmp_request; then the others in input order. */
static int S_cmp_request_row(const void *a, const void *b)
{
    const tp_request *x = ((const tp_request_row *)a)->rec, *y = ((const tp_request_row *)b)->rec;
    if (S_request_open(x) != S_request_open(y))
        return S_request_open(x) ? -1 : 1;
    return S_request_open(x) ? S_cmp_request(a, b) : (x > y) - (x < y);
}

/* r->requests in the order the workbook lists them, so that the open
 * requests, the list md and html cut at 20, are its first rows. */
static void S_requests_open(builder *b)
{
    tp_report *r = b->r;
    if (r->requests)
        qsort(r->requests, r->nrequests, sizeof *r->requests, S_cmp_request_row);
    r->requests_open = r->requests;
    while (r->requests && r->nrequests_open < r->nrequests && S_request_open(r->requests[r->nrequests_open].rec))
        r->nrequests_open++;
}

static int S_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* By insights descending, then tag bytewise. */
static int S_cmp_tag(const void *a, const void *b)
{
    const tp_tag_row *x = a, *y = b;
    if (x->insights != y->insights)
        return x->insights > y->insights ? -1 : 1;
    return strcmp(x->tag, y->tag);
}

/* Per tag (tags are interned per file, so they are told apart by text):
 * the insights that carry it, and the distinct customers their
 * interactions name, counted from sorted (tag, customer) pairs. */
static void S_tags(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    size_t ntags = 0, npairs = 0;
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (it->acts) {
            ntags += it->acts->ntags;
            npairs += (size_t)it->acts->ntags * it->ncustomers;
        }
    }
    tp_strmap map;
    uint64_t *pairs = malloc((npairs ? npairs : 1) * sizeof *pairs);
    r->tags = S_array(b, ntags, sizeof *r->tags);
    if (!pairs || b->nomem || !tp_strmap_init(&map, ntags)) {
        b->nomem = true;
        free(pairs);
        return;
    }
    size_t np = 0;
    for (size_t k = 0; k < c->npi && !b->nomem; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        if (!it->acts)
            continue;
        const char *const *tags = tp_acts_tags(it->acts, it->nactions);
        for (uint32_t t = 0; t < it->acts->ntags; t++) {
            if (!tags[t])
                continue;
            int i = tp_strmap_get(&map, tags[t]);
            if (i < 0) {
                i = (int)r->ntags;
                r->tags[r->ntags++] = (tp_tag_row){tags[t], 0, 0};
                b->nomem |= !tp_strmap_put(&map, tags[t], i);
            }
            r->tags[i].insights++;
            for (uint32_t j = 0; j < it->ncustomers; j++)
                pairs[np++] = (uint64_t)(uint32_t)i << 32 | (uint32_t)it->customers[j];
        }
    }
    qsort(pairs, np, sizeof *pairs, S_cmp_u64);
    for (size_t i = 0; i < np; i++)
        if (i == 0 || pairs[i] != pairs[i - 1])
            r->tags[pairs[i] >> 32].customers++;
    free(pairs);
    tp_strmap_free(&map);
    qsort(r->tags, r->ntags, sizeof *r->tags, S_cmp_tag);
}

/* Each target of the definition judged on P's figures. */
static void S_targets(builder *b)
{
    tp_report *r = b->r;
    const tp_definition *d = r->def;
    r->targets = S_array(b, d->ntargets, sizeof *r->targets);
    for (size_t i = 0; r->targets && i < d->ntargets; i++) {
        const tp_target_def *t = &d->targets[i];
        const tp_kpi_def *k = tp_kpi_find(t->kpi);
        double v = k ? tp_kpi_value(&r->kpis, k) : NAN;
        int met = isnan(v) ? -1 : (isnan(t->min) || v >= t->min) && (isnan(t->max) || v <= t->max);
        r->targets[r->ntargets++] = (tp_target_row){t->kpi, t->min, t->max, v, met};
    }
}

/* ------------------------------------------------------------- customers */

/* Segments bytewise, NULL (no segment) last. */
static int S_cmp_segment(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

static int S_cmp_segment_rows(const void *x, const void *y)
{
    return S_cmp_segment(((const tp_segment_row *)x)->segment, ((const tp_segment_row *)y)->segment);
}

/* The paying customers no interaction of P names, and per segment of the
 * paying customers how many P touched. */
static void S_customers(builder *b)
{
    const tp_model *m = b->m;
    const tp_period_calc *c = b->c;
    tp_report *r = b->r;
    bool *touched = calloc(m->ncustomers ? m->ncustomers : 1, sizeof *touched);
    r->untouched = S_array(b, m->ncustomers, sizeof *r->untouched);
    r->segments = S_array(b, m->ncustomers, sizeof *r->segments);
    tp_strmap seg;
    bool have_map = tp_strmap_init(&seg, m->ncustomers);
    if (!touched || !have_map || b->nomem) {
        b->nomem = true;
        goto done;
    }
    for (size_t k = 0; k < c->npi; k++) {
        const tp_interaction *it = &m->interactions[c->pi[k]];
        for (size_t j = 0; j < it->ncustomers; j++)
            touched[it->customers[j]] = true;
    }
    int none = -1; /* the row of customers without a segment */
    for (size_t j = 0; j < m->ncustomers; j++) {
        const tp_customer *cu = &m->customers[j];
        if (!cu->paying)
            continue;
        if (!touched[j])
            r->untouched[r->nuntouched++] =
                (tp_customer_row){(int)j, r->customer_label[j], r->customer_name[j], cu->segment};
        int row = cu->segment ? tp_strmap_get(&seg, cu->segment) : none;
        if (row < 0) {
            row = (int)r->nsegments++;
            r->segments[row] = (tp_segment_row){cu->segment, 0, 0, NAN};
            if (!cu->segment)
                none = row;
            else if (!tp_strmap_put(&seg, cu->segment, row)) {
                b->nomem = true;
                goto done;
            }
        }
        r->segments[row].paying++;
        r->segments[row].touched += touched[j];
    }
    qsort(r->segments, r->nsegments, sizeof *r->segments, S_cmp_segment_rows);
    for (size_t i = 0; i < r->nsegments; i++)
        r->segments[i].share = (double)r->segments[i].touched / (double)r->segments[i].paying;
done:
    if (have_map)
        tp_strmap_free(&seg);
    free(touched);
}

/* -------------------------------------------------------------- periods */

/* P and the seven periods before it, each computed as if it were P, in
 * its own arena so that they can be computed at once; P's figures are kept
 * whole, the others' headline figures only. */
typedef struct {
    const tp_model *m;
    tp_period periods[8]; /* oldest first; [7] is P */
    tp_kpis kpis[8];
    tp_arena *arenas[8];
    tp_status status[8];
    tp_period_calc *p_calc; /* P's */
    long *team_head[8];     /* per period, per model team (malloc'd) */
    double *team_rate[8];
} periods;

/* Per team: members in c's S and their contact rate (NaN without members);
 * false when out of memory. */
static bool S_team_rates(const tp_period_calc *c, long **head, double **rate)
{
    const tp_model *m = c->m;
    long *with = calloc(m->nteams + 1, sizeof *with);
    *head = calloc(m->nteams + 1, sizeof **head);
    *rate = calloc(m->nteams + 1, sizeof **rate);
    if (!with || !*head || !*rate) {
        free(with);
        return false;
    }
    for (size_t i = 0; i < m->npeople; i++)
        if (c->in_s[i]) {
            (*head)[m->people[i].team_index]++;
            with[m->people[i].team_index] += c->person_class[i] != TP_CLASS_NONE;
        }
    for (size_t t = 0; t < m->nteams; t++)
        (*rate)[t] = tp_rate(with[t], (*head)[t]);
    free(with);
    return true;
}

/* A trend element's team figures, copied into the report's arena. */
static bool S_trend_teams(tp_arena *a, const tp_model *m, tp_trend_point *t, const long *head, const double *rate)
{
    t->team_headcount = tp_calloc(a, m->nteams + 1, sizeof *t->team_headcount);
    t->team_rate = tp_calloc(a, m->nteams + 1, sizeof *t->team_rate);
    if (!t->team_headcount || !t->team_rate)
        return false;
    memcpy(t->team_headcount, head, m->nteams * sizeof *head);
    memcpy(t->team_rate, rate, m->nteams * sizeof *rate);
    return true;
}

static void S_period_one(void *ctx, size_t i)
{
    periods *e = ctx;
    tp_period_calc c, *cp = i == 7 ? e->p_calc : &c;
    e->arenas[i] = tp_arena_new();
    e->status[i] = e->arenas[i] ? tp_calc_period(e->arenas[i], e->m, &e->periods[i], cp) : TP_ERR_NOMEM;
    if (e->status[i] == TP_OK)
        e->status[i] = tp_calc_kpis(cp, &e->kpis[i]);
    if (e->status[i] == TP_OK && !S_team_rates(cp, &e->team_head[i], &e->team_rate[i]))
        e->status[i] = TP_ERR_NOMEM;
}

/* Computes P (into c) and the periods before it; P's last, as the busiest
 * usually come last and the idle thread takes the next. */
static tp_status S_periods(tp_arena *a, const tp_model *m, tp_report *r, tp_period_calc *c)
{
    periods e = {.m = m, .p_calc = c};
    tp_period p = e.periods[7] = r->period;
    for (int i = 6; i >= 0; i--)
        e.periods[i] = p = tp_period_previous(&p);
    tp_parallel_for(8, r->opt->jobs, S_period_one, &e);
    tp_status st = TP_OK;
    for (int i = 0; i < 8; i++) {
        if (e.status[i] != TP_OK)
            st = e.status[i];
        if (i == 7)
            tp_arena_adopt(a, e.arenas[i]); /* P's figures, read by the whole report */
        else
            tp_arena_free(e.arenas[i]); /* only the headline figures, copied out, are kept */
    }
    r->trend = tp_calloc(a, 8, sizeof *r->trend);
    if (st == TP_OK && !r->trend)
        st = TP_ERR_NOMEM;
    if (st == TP_OK) {
        r->kpis = e.kpis[7];
        for (int i = 0; i < 8 && st == TP_OK; i++) {
            if (i < 7 && r->ntrend == 0 && e.kpis[i].interactions == 0) /* dropped from the front while empty */
                continue;
            tp_trend_point *t = &r->trend[r->ntrend++];
            *t = (tp_trend_point){.period = e.periods[i], .kpis = e.kpis[i]};
            if (!S_trend_teams(a, m, t, e.team_head[i], e.team_rate[i]))
                st = TP_ERR_NOMEM;
        }
    }
    for (int i = 0; i < 8; i++) {
        free(e.team_head[i]);
        free(e.team_rate[i]);
    }
    if (st != TP_OK)
        return st;
    r->previous_period = e.periods[6];
    r->previous = e.kpis[6];
    r->has_previous = r->previous.interactions > 0;
    return TP_OK;
}

static tp_status S_choose_period(const tp_model *m, const tp_report_options *opt, tp_diags *diags, tp_period *p)
{
    if (opt->period) {
        if (!tp_period_parse(opt->period, p)) {
            char why[96];
            tp_diag_add(diags, (tp_loc){"--period", 0, 0}, TP_ERROR, "invalid period '%s': %s", opt->period,
                        tp_period_problem(opt->period, why, sizeof why));
            return TP_ERR_USAGE;
        }
        return TP_OK;
    }
    if (!tp_period_default(m, tp_today_of(opt->generated), p)) { /* never after today (SPEC §2) */
        tp_diag_add(diags, (tp_loc){NULL, 0, 0}, TP_ERROR, "nothing to report: the logs hold no interaction");
        return TP_ERR_INPUT;
    }
    return TP_OK;
}

tp_status tp_report_build(tp_arena *a, const tp_model *m, const tp_definition *def, const tp_report_options *opt,
                          tp_diags *diags, tp_report **out)
{
    *out = NULL;
    tp_report *r = tp_calloc(a, 1, sizeof *r);
    tp_period_calc *c = tp_calloc(a, 1, sizeof *c);
    if (!r || !c)
        return TP_ERR_NOMEM;
    r->model = m;
    r->def = def;
    r->opt = opt;
    r->organization = m->organization;
    r->generated = opt->generated;
    tp_status st = S_choose_period(m, opt, diags, &r->period);
    if (st != TP_OK)
        return st;
    if ((st = S_periods(a, m, r, c)) != TP_OK)
        return st;
    builder b = {a, m, r, c, false};
    S_labels(&b, opt->anonymize);
    if (b.nomem)
        return TP_ERR_NOMEM;
    S_by_type(&b);
    S_by_team(&b);
    S_people(&b);
    S_projects(&b);
    S_crosstabs(&b);
    S_interactions(&b);
    S_requests(&b);
    S_customers(&b);
    if (!r->generated || !tp_date_parse(r->generated, &r->today))
        r->today = r->period.end;
    r->age_at = r->today < r->period.end ? r->today : r->period.end;
    S_followups(&b);
    if (!b.nomem)
        S_by_owner(&b);
    if (!b.nomem)
        S_requests_open(&b);
    if (!b.nomem)
        S_tags(&b);
    if (!b.nomem)
        S_targets(&b);
    if (b.nomem)
        return TP_ERR_NOMEM;
    *out = r;
    return TP_OK;
}

const tp_period *tp_report_period(const tp_report *r) { return &r->period; }

long tp_report_interactions(const tp_report *r) { return r->kpis.interactions; }

tp_trend_cell tp_team_trend_cell(const tp_report *r, size_t k, size_t t, double *rate)
{
    const tp_trend_point *p = &r->trend[k];
    long n = p->team_headcount ? p->team_headcount[t] : 0, min_group = r->opt ? r->opt->min_group : 1;
    if (n == 0)
        return TP_TREND_EMPTY;
    const tp_team_row *row = r->team_row ? r->team_row[t] : NULL; /* hidden in P's table: hidden here too */
    if (n < min_group || (row && row->hidden))
        return row && row->withheld && n >= min_group ? TP_TREND_WITHHELD : TP_TREND_HIDDEN;
    *rate = p->team_rate[t];
    return TP_TREND_SHOWN;
}
