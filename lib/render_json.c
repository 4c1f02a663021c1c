/* render_json.c — report.json (schema touchpoint/report-v1), the machine-readable twin. */
#include "buf.h"
#include "escape.h"
#include "format.h"
#include "kpi.h"
#include "model.h"
#include "render.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void S_int_or_null(tp_buf *b, int v)
{
    if (v == TP_NONE)
        tp_buf_puts(b, "null");
    else
        tp_buf_printf(b, "%d", v);
}

static void S_period(tp_buf *b, const tp_period *p)
{
    char s[16], e[16];
    tp_date_format(p->start, s);
    tp_date_format(p->end, e);
    tp_buf_puts(b, "{\"label\": ");
    tp_json_str(b, p->label);
    tp_buf_printf(b, ", \"start\": \"%s\", \"end\": \"%s\"}", s, e);
}

/* The length of path's group ("bacon" of "bacon.median"), 0 when it has none. */
static size_t S_group(const char *path)
{
    const char *dot = strchr(path, '.');
    return dot ? (size_t)(dot - path) : 0;
}

static bool S_same_group(const char *a, const char *b)
{
    size_t n = S_group(a);
    return n && n == S_group(b) && !strncmp(a, b, n);
}

/* Every figure of tp_kpi_defs in its order, a group ("bacon.1" ...
 * "bacon.mean") as one object; a line starts at each of lines. */
static void S_kpis(tp_buf *b, const tp_kpis *k, const char *ind)
{
    static const char *const lines[] = {"regular",  "contact_hours", "customers_touched", "bacon.1",     "at_risk",
                                        "insights", "done_rate",     "requests.covered",  "interactions"};
    tp_buf_puts(b, "{");
    for (size_t i = 0; i < tp_nkpi_defs; i++) {
        const tp_kpi_def *d = &tp_kpi_defs[i];
        bool line = i == 0, opens = i == 0 || !S_same_group(tp_kpi_defs[i - 1].path, d->path);
        for (size_t j = 0; j < sizeof lines / sizeof *lines; j++)
            line = line || !strcmp(lines[j], d->path);
        if (i)
            tp_buf_puts(b, ",");
        if (line)
            tp_buf_printf(b, "\n%s  ", ind);
        else if (i)
            tp_buf_puts(b, " ");
        size_t g = S_group(d->path);
        if (g && opens)
            tp_buf_printf(b, "\"%.*s\": {", (int)g, d->path);
        tp_buf_printf(b, "\"%s\": ", d->path + (g ? g + 1 : 0));
        double v = tp_kpi_value(k, d);
        if (d->kind == TP_KPI_COUNT)
            tp_buf_printf(b, "%ld", (long)v);
        else if (d->kind == TP_KPI_BACON)
            S_int_or_null(b, isnan(v) ? TP_NONE : (int)v);
        else
            tp_json_num(b, v);
        if (g && (i + 1 == tp_nkpi_defs || !S_same_group(d->path, tp_kpi_defs[i + 1].path)))
            tp_buf_puts(b, "}");
    }
    tp_buf_printf(b, "\n%s}", ind);
}

/* {"Team": rate, ...}: the teams with members in that element's S, by name. */
static void S_trend_teams(tp_buf *b, const tp_report *r, const tp_trend_point *t)
{
    const tp_model *m = r->model;
    bool first = true;
    tp_buf_puts(b, ", \"teams\": {");
    for (size_t i = 0; t->team_headcount && i < m->nteams; i++) {
        if (t->team_headcount[i] == 0)
            continue;
        tp_buf_puts(b, first ? "" : ", ");
        first = false;
        tp_json_str(b, m->teams[i]);
        tp_buf_puts(b, ": ");
        tp_json_num(b, t->team_rate[i]);
    }
    tp_buf_puts(b, "}");
}

/* A chain as a list of nodes, or null (SPEC §5). */
static void S_chain(tp_buf *b, const tp_report *r, const tp_chain *ch)
{
    static const char *const kinds[] = {"customer", "anonymous", "person"};
    if (ch->n == 0) {
        tp_buf_puts(b, "null");
        return;
    }
    tp_buf_puts(b, "[");
    for (size_t i = 0; i < ch->n; i++) {
        const tp_chain_node *n = &ch->nodes[i];
        tp_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ",\n       " : "", kinds[n->kind]);
        tp_json_str(b, n->id);
        tp_buf_puts(b, ", \"name\": ");
        tp_json_str(b, n->name);
        tp_buf_puts(b, ", \"via\": ");
        if (n->via == TP_CHAIN_VIA_NONE) {
            tp_buf_puts(b, "null}");
        } else if (n->via == TP_CHAIN_VIA_WORKS_WITH) {
            tp_buf_puts(b, "{\"type\": \"works_with\", \"date\": null}}");
        } else {
            char d[16];
            tp_date_format(n->via_date, d);
            tp_buf_puts(b, "{\"type\": ");
            tp_json_str(b, r->model->types[n->via].id);
            tp_buf_printf(b, ", \"date\": \"%s\"}}", d);
        }
    }
    tp_buf_puts(b, "]");
}

/* customers_untouched and coverage_by_segment. */
static void S_customers(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"customers_untouched\": [");
    for (size_t i = 0; i < r->nuntouched; i++) {
        const tp_customer_row *c = &r->untouched[i];
        tp_buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        tp_json_str(b, c->id);
        tp_buf_puts(b, ", \"name\": ");
        tp_json_str(b, c->name);
        tp_buf_puts(b, ", \"segment\": ");
        tp_json_str(b, c->segment);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, r->nuntouched ? "\n  ],\n" : "],\n");
    tp_buf_puts(b, "  \"coverage_by_segment\": [");
    for (size_t i = 0; i < r->nsegments; i++) {
        const tp_segment_row *g = &r->segments[i];
        tp_buf_puts(b, i ? ",\n    {\"segment\": " : "\n    {\"segment\": ");
        tp_json_str(b, g->segment);
        tp_buf_printf(b, ", \"paying\": %ld, \"touched\": %ld, \"share\": ", g->paying, g->touched);
        tp_json_num(b, g->share);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, r->nsegments ? "\n  ],\n" : "],\n");
}

static void S_trend(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"trend\": [");
    for (size_t i = 0; i < r->ntrend; i++) {
        const tp_kpis *k = &r->trend[i].kpis;
        tp_buf_puts(b, i ? ",\n    {\"period\": " : "\n    {\"period\": ");
        tp_json_str(b, r->trend[i].period.label);
        tp_buf_puts(b, ", \"contact_rate\": ");
        tp_json_num(b, k->contact_rate);
        tp_buf_puts(b, ", \"regular_rate\": ");
        tp_json_num(b, k->regular_rate);
        tp_buf_puts(b, ", \"contact_hours_per_head\": ");
        tp_json_num(b, k->contact_hours_per_head);
        tp_buf_puts(b, ", \"bacon_median\": ");
        S_int_or_null(b, k->bacon_median);
        tp_buf_printf(b, ", \"it_staff\": %ld, \"interactions\": %ld", k->it_staff, k->interactions);
        S_trend_teams(b, r, &r->trend[i]);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ],\n");
}

static void S_by_type(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"by_type\": [");
    for (size_t i = 0; i < r->nby_type; i++) {
        const tp_type_row *t = &r->by_type[i];
        tp_buf_puts(b, i ? ",\n    {\"type\": " : "\n    {\"type\": ");
        tp_json_str(b, t->id);
        tp_buf_puts(b, ", \"label\": ");
        tp_json_str(b, t->label);
        tp_buf_printf(b, ", \"interactions\": %ld, \"hours\": ", t->interactions);
        tp_json_num(b, t->hours);
        tp_buf_printf(b, ", \"people\": %ld}", t->people);
    }
    tp_buf_puts(b, "\n  ],\n");
}

static void S_by_team(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"by_team\": [");
    for (size_t i = 0; i < r->nby_team; i++) {
        const tp_team_row *t = &r->by_team[i];
        tp_buf_puts(b, i ? ",\n    {\"team\": " : "\n    {\"team\": ");
        tp_json_str(b, t->team);
        tp_buf_printf(b, ", \"headcount\": %ld, \"with_contact\": %ld, \"regular\": %ld, \"contact_rate\": ",
                      t->headcount, t->with_contact, t->regular);
        tp_json_num(b, t->contact_rate);
        tp_buf_puts(b, ", \"contact_hours\": ");
        tp_json_num(b, t->contact_hours);
        tp_buf_puts(b, ", \"bacon_median\": ");
        S_int_or_null(b, t->bacon_median);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ],\n");
}

static const char *const class_names[] = {"regular", "occasional", "none"};

static void S_people(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"people\": [");
    for (size_t i = 0; i < r->npeople; i++) {
        const tp_person_row *p = &r->people[i];
        tp_buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        tp_json_str(b, p->id);
        tp_buf_puts(b, ", \"name\": ");
        tp_json_str(b, p->name);
        tp_buf_puts(b, ", \"team\": ");
        tp_json_str(b, p->team);
        tp_buf_printf(b, ", \"contact_class\": \"%s\", \"contact_months\": %d, \"interactions\": %ld, \"contact_hours\": ",
                      class_names[p->contact_class], p->contact_months, p->interactions);
        tp_json_num(b, p->contact_hours);
        tp_buf_puts(b, ", \"bacon\": ");
        S_int_or_null(b, p->bacon);
        tp_buf_puts(b, ", \"distant_share\": ");
        tp_json_num(b, p->distant_share);
        tp_buf_printf(b, ", \"at_risk\": %s,\n     \"chain\": ", p->at_risk ? "true" : "false");
        S_chain(b, r, &p->chain);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ],\n");
}

static void S_projects(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"projects\": [");
    for (size_t i = 0; i < r->nprojects; i++) {
        const tp_project_row *p = &r->projects[i];
        tp_buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        tp_json_str(b, p->id);
        tp_buf_puts(b, ", \"name\": ");
        tp_json_str(b, p->name);
        tp_buf_puts(b, ", \"bacon\": ");
        S_int_or_null(b, p->bacon);
        tp_buf_printf(b, ", \"people\": %ld,\n     \"chain\": ", p->people);
        S_chain(b, r, &p->chain);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ],\n");
}

static void S_cell(tp_buf *b, const char *name, const tp_cell *c)
{
    tp_buf_printf(b, "\"%s\": {\"n\": %ld, \"k\": %ld, \"pct\": ", name, c->n, c->k);
    tp_json_num(b, c->pct);
    if (isnan(c->lo)) {
        tp_buf_puts(b, ", \"ci95\": null}");
        return;
    }
    tp_buf_puts(b, ", \"ci95\": [");
    tp_json_num(b, c->lo);
    tp_buf_puts(b, ", ");
    tp_json_num(b, c->hi);
    tp_buf_puts(b, "]}");
}

static void S_crosstabs(tp_buf *b, const tp_report *r)
{
    static const char *const cells[] = {"regular", "occasional", "none", "all"};
    tp_buf_puts(b, "  \"crosstabs\": [");
    for (size_t i = 0; i < r->ncrosstabs; i++) {
        const tp_crosstab_row *x = &r->crosstabs[i];
        tp_buf_puts(b, i ? ",\n    {\"label\": " : "\n    {\"label\": ");
        tp_json_str(b, x->label);
        tp_buf_puts(b, ", \"field\": ");
        tp_json_str(b, x->field);
        tp_buf_puts(b, ", \"equals\": ");
        tp_json_str(b, x->equals);
        tp_buf_puts(b, ",\n     \"cells\": {");
        for (int c = 0; c < TP_NCELLS; c++) {
            tp_buf_puts(b, c ? ",\n               " : "");
            S_cell(b, cells[c], &x->cells[c]);
        }
        tp_buf_puts(b, "},\n     \"p_value\": ");
        tp_json_num(b, x->p_value);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ]\n");
}

/* ------------------------------------------------------- what to act on */

static void S_date_str(tp_buf *b, tp_date d)
{
    char s[16];
    tp_date_format(d, s);
    tp_buf_printf(b, "\"%s\"", s);
}

static void S_person_or_null(tp_buf *b, const char *const *labels, int i)
{
    tp_json_str(b, i >= 0 ? labels[i] : NULL);
}

static void S_followup_list(tp_buf *b, const tp_report *r, const char *key, const tp_followup_row *v, size_t n)
{
    const tp_model *m = r->model;
    tp_buf_printf(b, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        const tp_followup_row *f = &v[i];
        tp_buf_puts(b, i ? ",\n    {\"date\": " : "\n    {\"date\": ");
        S_date_str(b, f->rec->date);
        tp_buf_puts(b, ", \"type\": ");
        tp_json_str(b, m->types[f->rec->type].id);
        tp_buf_puts(b, ", \"interaction\": ");
        tp_json_str(b, f->interaction);
        tp_buf_puts(b, ", \"customers\": [");
        for (uint32_t j = 0; j < f->rec->ncustomers; j++) {
            tp_buf_puts(b, j ? ", " : "");
            tp_json_str(b, r->customer_label[f->rec->customers[j]]);
        }
        tp_buf_puts(b, "], \"owner\": ");
        S_person_or_null(b, r->person_label, f->action->owner);
        tp_buf_puts(b, ", \"text\": ");
        tp_json_str(b, f->text);
        tp_buf_printf(b, ", \"age_days\": %ld}", f->age_days);
    }
    tp_buf_puts(b, n ? "\n  ],\n" : "],\n");
}

static void S_by_owner(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"followups_by_owner\": [");
    for (size_t i = 0; i < r->nby_owner; i++) {
        const tp_owner_row *o = &r->by_owner[i];
        tp_buf_puts(b, i ? ",\n    {\"owner\": " : "\n    {\"owner\": ");
        S_person_or_null(b, r->person_label, o->owner);
        tp_buf_puts(b, ", \"name\": ");
        S_person_or_null(b, r->person_name, o->owner);
        tp_buf_printf(b, ", \"open\": %ld, \"oldest_age_days\": %ld}", o->open, o->oldest_age_days);
    }
    tp_buf_puts(b, r->nby_owner ? "\n  ],\n" : "],\n");
}

static const char *const request_status_names[] = {"covered", "planned", "gap", "declined"};

static void S_requests_open(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"requests_open\": [");
    for (size_t i = 0; i < r->nrequests_open; i++) {
        const tp_request *q = r->requests_open[i].rec;
        tp_buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        tp_json_str(b, r->requests_open[i].id);
        tp_buf_puts(b, ", \"date\": ");
        S_date_str(b, q->date);
        tp_buf_puts(b, ", \"customer\": ");
        tp_json_str(b, q->customer >= 0 ? r->customer_label[q->customer] : NULL);
        tp_buf_puts(b, ", \"text\": ");
        tp_json_str(b, r->requests_open[i].text);
        tp_buf_printf(b, ", \"status\": \"%s\", \"votes\": %lld}", request_status_names[q->status],
                      q->votes == TP_COUNT_NONE ? 0LL : (long long)q->votes);
    }
    tp_buf_puts(b, r->nrequests_open ? "\n  ],\n" : "],\n");
}

static void S_tags(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"insight_tags\": [");
    for (size_t i = 0; i < r->ntags; i++) {
        tp_buf_puts(b, i ? ",\n    {\"tag\": " : "\n    {\"tag\": ");
        tp_json_str(b, r->tags[i].tag);
        tp_buf_printf(b, ", \"insights\": %ld, \"customers\": %ld}", r->tags[i].insights, r->tags[i].customers);
    }
    tp_buf_puts(b, r->ntags ? "\n  ],\n" : "],\n");
}

static void S_targets(tp_buf *b, const tp_report *r)
{
    tp_buf_puts(b, "  \"targets\": [");
    for (size_t i = 0; i < r->ntargets; i++) {
        const tp_target_row *t = &r->targets[i];
        tp_buf_puts(b, i ? ",\n    {\"kpi\": " : "\n    {\"kpi\": ");
        tp_json_str(b, t->kpi);
        tp_buf_puts(b, ", \"min\": ");
        tp_json_num(b, t->min);
        tp_buf_puts(b, ", \"max\": ");
        tp_json_num(b, t->max);
        tp_buf_puts(b, ", \"value\": ");
        tp_json_num(b, t->value);
        tp_buf_printf(b, ", \"met\": %s}", t->met < 0 ? "null" : t->met ? "true" : "false");
    }
    tp_buf_puts(b, r->ntargets ? "\n  ],\n" : "],\n");
}

/* The lists to act on and the targets (SPEC §3 "What to act on", "Targets"). */
static void S_act_lists(tp_buf *b, const tp_report *r)
{
    S_followup_list(b, r, "followups", r->followups, r->nfollowups);
    S_followup_list(b, r, "awaiting_attestation", r->awaiting, r->nawaiting);
    S_by_owner(b, r);
    S_requests_open(b, r);
    S_tags(b, r);
    S_targets(b, r);
}

tp_status tp_render_json(const tp_report *r, tp_render_target *t)
{
    tp_buf *b = t->out;
    tp_buf_puts(b, "{\n  \"schema\": \"touchpoint/report-v1\",\n  \"organization\": ");
    tp_json_str(b, r->organization);
    tp_buf_puts(b, ",\n  \"period\": ");
    S_period(b, &r->period);
    tp_buf_puts(b, ",\n  \"generated\": ");
    tp_json_str(b, r->generated);
    tp_buf_puts(b, ",\n  \"kpis\": ");
    S_kpis(b, &r->kpis, "  ");
    tp_buf_puts(b, ",\n  \"previous\": ");
    if (r->has_previous) {
        tp_buf_puts(b, "{\"period\": ");
        S_period(b, &r->previous_period);
        tp_buf_puts(b, ", \"kpis\": ");
        S_kpis(b, &r->previous, "  ");
        tp_buf_puts(b, "}");
    } else {
        tp_buf_puts(b, "null");
    }
    tp_buf_puts(b, ",\n");
    S_trend(b, r);
    S_by_type(b, r);
    S_by_team(b, r);
    S_people(b, r);
    S_projects(b, r);
    S_act_lists(b, r);
    S_customers(b, r);
    S_crosstabs(b, r);
    tp_buf_puts(b, "}\n");
    return b->nomem ? TP_ERR_NOMEM : TP_OK;
}
