/* render_md.c — the report as GitHub-flavoured Markdown, laid out by the
 * report definition's sections. Every text from the logs goes through
 * tp_md_escape; numbers through the shared human formats. */
#include "buf.h"
#include "definition.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"
#include "model.h"
#include "render.h"
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const tp_report *r;
    const char *lang;
    tp_buf *out;
    char num[TP_NUMBUF]; /* scratch for one formatted number */
} S_ctx;

static const char *S_t(const S_ctx *c, tp_text_id id) { return tp_text(c->lang, id); }

static void S_puts(S_ctx *c, const char *s) { tp_buf_puts(c->out, s); }

static bool S_min_group_on(const S_ctx *c) { return c->r->opt && c->r->opt->min_group > 1; }

static void S_para(S_ctx *c, tp_text_id id)
{
    S_puts(c, S_t(c, id));
    S_puts(c, "\n\n");
}

static void S_subheading(S_ctx *c, tp_text_id id)
{
    tp_buf_printf(c->out, "### %s\n\n", S_t(c, id));
}

static void S_chart(S_ctx *c, tp_text_id title, const char *name)
{
    S_puts(c, "![");
    tp_md_escape(c->out, S_t(c, title));
    tp_buf_printf(c->out, "](charts/%s.svg)\n\n", name);
}

/* ---------------------------------------------------------------- tables */

/* A table head: align is one letter per column ('l' or 'r'), then as many
 * header texts (fixed texts, written as they are). */
static void S_head(S_ctx *c, const char *align, ...)
{
    va_list ap;
    va_start(ap, align);
    for (const char *a = align; *a; a++)
        tp_buf_printf(c->out, "| %s ", va_arg(ap, const char *));
    va_end(ap);
    S_puts(c, "|\n");
    for (const char *a = align; *a; a++)
        S_puts(c, *a == 'r' ? "| ---: " : "| --- ");
    S_puts(c, "|\n");
}

/* A cell of our own text (numbers, fixed labels). */
static void S_cell(S_ctx *c, const char *s)
{
    S_puts(c, "| ");
    S_puts(c, s);
    S_puts(c, " ");
}

/* A cell of text from the logs. */
static void S_cell_esc(S_ctx *c, const char *s)
{
    S_puts(c, "| ");
    tp_md_escape(c->out, s);
    S_puts(c, " ");
}

static void S_row_end(S_ctx *c) { S_puts(c, "|\n"); }

static void S_table_end(S_ctx *c) { S_puts(c, "\n"); }

static const char *S_count(S_ctx *c, long n) { return tp_fmt_count(c->num, c->lang, n); }
static const char *S_pct(S_ctx *c, double x) { return tp_fmt_pct(c->num, c->lang, x); }
static const char *S_dec(S_ctx *c, double x) { return tp_fmt_dec1(c->num, c->lang, x); }
static const char *S_bacon(S_ctx *c, int b) { return tp_fmt_bacon(c->num, b); }

/* A cell holding a chain, or the dash without a line of sight. */
static void S_cell_chain(S_ctx *c, const tp_chain *ch)
{
    S_puts(c, "| ");
    if (ch->n == 0) /* in words: a dash would read as a figure left out */
        S_puts(c, S_t(c, TX_NO_LINE_OF_SIGHT));
    else
        tp_chain_text(c->out, c->r, ch, tp_md_escape);
    S_puts(c, " ");
}

/* -------------------------------------------------------------- headline */

static const char *S_kpi_text(S_ctx *c, const tp_kpis *k, size_t row)
{
    const tp_kpi_def *d = tp_kpi_find(tp_kpi_headline[row]);
    return tp_fmt_kpi(c->num, c->lang, d, tp_kpi_value(k, d));
}

/* The change and, in words, whether it is better or worse (SPEC §3). */
static const char *S_kpi_change(S_ctx *c, size_t row)
{
    const tp_kpi_def *d = tp_kpi_find(tp_kpi_headline[row]);
    double now = tp_kpi_value(&c->r->kpis, d), before = tp_kpi_value(&c->r->previous, d);
    tp_fmt_kpi_change(c->num, c->lang, d, now, before);
    int j = tp_kpi_judgement(d, now, before);
    if (j >= 0)
        snprintf(c->num + strlen(c->num), sizeof c->num - strlen(c->num), " (%s)", S_t(c, (tp_text_id)j));
    return c->num;
}

/* Each target of the definition: its bound, the value and whether it is met, in words and a symbol. */
static void S_targets(S_ctx *c)
{
    const tp_report *r = c->r;
    char label[160], bound[TP_NUMBUF];
    if (r->ntargets == 0)
        return;
    S_subheading(c, TX_TARGETS);
    S_head(c, "lrrl", S_t(c, TX_FIGURE), S_t(c, TX_TARGET), S_t(c, TX_THIS_PERIOD), S_t(c, TX_STATUS));
    for (size_t i = 0; i < r->ntargets; i++) {
        const tp_target_row *t = &r->targets[i];
        const tp_kpi_def *d = tp_kpi_find(t->kpi);
        S_cell(c, tp_kpi_label(c->lang, d, label, sizeof label));
        S_cell(c, tp_fmt_target_bound(bound, c->lang, d, t->min, t->max));
        S_cell(c, tp_fmt_kpi_at(c->num, c->lang, d, t->value, tp_target_decimals(d, t->min, t->max)));
        S_cell(c, S_t(c, t->met < 0 ? TX_NO_VALUE : t->met ? TX_MET : TX_NOT_MET));
        S_row_end(c);
    }
    S_table_end(c);
}

/* One sentence with the survey's two numbers: who met customers, and how
 * many regularly. */
static void S_lead(S_ctx *c)
{
    const tp_kpis *k = &c->r->kpis;
    char with[TP_NUMBUF], staff[TP_NUMBUF], rate[TP_NUMBUF], reg[TP_NUMBUF], rrate[TP_NUMBUF];
    tp_fmt_count(with, c->lang, k->with_contact);
    tp_fmt_count(staff, c->lang, k->it_staff);
    tp_fmt_pct(rate, c->lang, k->contact_rate);
    tp_fmt_count(reg, c->lang, k->regular);
    tp_fmt_pct(rrate, c->lang, k->regular_rate);
    tp_buf_printf(c->out, S_t(c, TX_LEAD), with, staff, rate, c->r->period.label, reg, rrate);
    S_puts(c, "\n\n");
}

static void S_headline(S_ctx *c)
{
    const tp_report *r = c->r;
    char prev[128];
    S_lead(c);
    if (r->has_previous) {
        snprintf(prev, sizeof prev, "%s (%s)", S_t(c, TX_PREVIOUS), r->previous_period.label);
        S_head(c, "lrrr", S_t(c, TX_FIGURE), S_t(c, TX_THIS_PERIOD), prev, S_t(c, TX_CHANGE));
    } else {
        S_para(c, TX_NO_PREVIOUS);
        S_head(c, "lr", S_t(c, TX_FIGURE), S_t(c, TX_THIS_PERIOD));
    }
    char label[160];
    for (size_t i = 0; i < tp_nkpi_headline; i++) {
        S_cell(c, tp_kpi_label(c->lang, tp_kpi_find(tp_kpi_headline[i]), label, sizeof label));
        S_cell(c, S_kpi_text(c, &r->kpis, i));
        if (r->has_previous) {
            S_cell(c, S_kpi_text(c, &r->previous, i));
            S_cell(c, S_kpi_change(c, i));
        }
        S_row_end(c);
    }
    S_table_end(c);
    S_targets(c);
}

/* --------------------------------------------------------------- by type */

static void S_by_type(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->nby_type == 0) {
        S_para(c, TX_NO_INTERACTIONS);
        return;
    }
    S_head(c, "lrrr", S_t(c, TX_TYPE), S_t(c, TX_INTERACTIONS), S_t(c, TX_HOURS),
           S_t(c, TX_PEOPLE));
    for (size_t i = 0; i < r->nby_type; i++) {
        const tp_type_row *t = &r->by_type[i];
        S_cell_esc(c, tp_type_label(r, t->id, t->label));
        S_cell(c, S_count(c, t->interactions));
        S_cell(c, S_dec(c, t->hours));
        S_cell(c, S_count(c, t->people));
        S_row_end(c);
    }
    S_table_end(c);
}

/* --------------------------------------------------------------- by team */

/* count cells of a hidden row: "fewer than N" or "withheld" first, the rest empty. */
static void S_hidden_cells(S_ctx *c, bool withheld, int ncells)
{
    S_cell(c, tp_hidden_text(c->r, withheld, c->num, sizeof c->num));
    for (int i = 1; i < ncells; i++)
        S_cell(c, "");
}

static void S_team_row(S_ctx *c, const tp_team_row *t)
{
    S_cell_esc(c, t->team);
    if (t->hidden) {
        S_hidden_cells(c, t->withheld, 6);
    } else {
        S_cell(c, S_count(c, t->headcount));
        S_cell(c, S_count(c, t->with_contact));
        S_cell(c, S_pct(c, t->contact_rate));
        S_cell(c, S_count(c, t->regular));
        S_cell(c, S_dec(c, t->contact_hours));
        S_cell(c, S_bacon(c, t->bacon_median));
    }
    S_row_end(c);
}

static void S_by_team(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->nby_team == 0) {
        S_para(c, TX_NO_TEAMS);
        return;
    }
    S_chart(c, TX_CHART_BY_TEAM, TP_CHART_BY_TEAM);
    S_head(c, "lrrrrrr", S_t(c, TX_TEAM), S_t(c, TX_HEADCOUNT), S_t(c, TX_WITH_CONTACT_SHORT),
           S_t(c, TX_CONTACT_RATE), S_t(c, TX_REGULAR), S_t(c, TX_CONTACT_HOURS),
           S_t(c, TX_MEDIAN_BACON_SHORT));
    for (size_t i = 0; i < r->nby_team; i++)
        S_team_row(c, &r->by_team[i]);
    S_table_end(c);
}

/* ----------------------------------------------------------------- bacon */

static void S_bacon_distribution(S_ctx *c)
{
    static const char *const names[TP_NBUCKETS] = {"1", "2", "3", "4+", NULL};
    const tp_kpis *k = &c->r->kpis;
    S_chart(c, TX_CHART_BACON, TP_CHART_BACON);
    S_head(c, "lrr", S_t(c, TX_BUCKET), S_t(c, TX_PEOPLE), S_t(c, TX_SHARE));
    for (int b = 0; b < TP_NBUCKETS; b++) {
        S_cell(c, names[b] ? names[b] : S_t(c, TX_NONE_BUCKET));
        S_cell(c, S_count(c, k->bacon[b]));
        S_cell(c, S_pct(c, k->bacon_share[b]));
        S_row_end(c);
    }
    S_table_end(c);
    tp_buf_printf(c->out, "%s: **%s**", S_t(c, TX_BACON_MEDIAN), S_bacon(c, k->bacon_median));
    tp_buf_printf(c->out, " \xC2\xB7 %s: **%s**\n\n", S_t(c, TX_BACON_MEAN),
                  S_dec(c, k->bacon_mean));
}

static void S_bacon_teams(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->nby_team == 0)
        return;
    S_subheading(c, TX_TEAM_MEDIANS);
    S_head(c, "lr", S_t(c, TX_TEAM), S_t(c, TX_MEDIAN_BACON_SHORT));
    for (size_t i = 0; i < r->nby_team; i++) {
        S_cell_esc(c, r->by_team[i].team);
        S_cell(c, r->by_team[i].hidden ? tp_hidden_text(r, r->by_team[i].withheld, c->num, sizeof c->num)
                                       : S_bacon(c, r->by_team[i].bacon_median));
        S_row_end(c);
    }
    S_table_end(c);
}

static void S_bacon_projects(S_ctx *c)
{
    const tp_report *r = c->r;
    size_t n = 0;
    for (size_t i = 0; i < r->nprojects; i++)
        n += r->projects[i].distant;
    S_subheading(c, TX_DISTANT_PROJECTS);
    if (n == 0) {
        S_para(c, TX_NO_DISTANT_PROJECTS);
        return;
    }
    bool chains = !S_min_group_on(c); /* chains name people */
    if (chains)
        S_head(c, "lrrl", S_t(c, TX_PROJECT), S_t(c, TX_BACON), S_t(c, TX_PEOPLE), S_t(c, TX_LINE_OF_SIGHT));
    else
        S_head(c, "lrr", S_t(c, TX_PROJECT), S_t(c, TX_BACON), S_t(c, TX_PEOPLE));
    for (size_t i = 0; i < r->nprojects; i++) {
        const tp_project_row *p = &r->projects[i];
        if (!p->distant)
            continue;
        S_cell_esc(c, p->name);
        S_cell(c, S_bacon(c, p->bacon));
        S_cell(c, S_count(c, p->people));
        if (chains)
            S_cell_chain(c, &p->chain);
        S_row_end(c);
    }
    S_table_end(c);
}

static void S_bacon_section(S_ctx *c)
{
    S_bacon_distribution(c);
    S_bacon_teams(c);
    S_bacon_projects(c);
}

/* --------------------------------------------------------------- at risk */

static void S_at_risk(S_ctx *c)
{
    const tp_report *r = c->r;
    tp_buf_printf(c->out, "%s: **%s**\n\n", S_t(c, TX_AT_RISK_LEAD), S_count(c, r->kpis.at_risk));
    if (S_min_group_on(c)) {
        if (r->kpis.at_risk > 0)
            S_para(c, TX_NAMES_LEFT_OUT);
        return;
    }
    if (r->kpis.at_risk == 0) {
        S_para(c, TX_NO_AT_RISK);
        return;
    }
    S_head(c, "llrrl", S_t(c, TX_PERSON), S_t(c, TX_TEAM), S_t(c, TX_DISTANT_SHARE),
           S_t(c, TX_BACON), S_t(c, TX_LINE_OF_SIGHT));
    for (size_t i = 0; i < r->npeople; i++) {
        const tp_person_row *p = &r->people[i];
        if (!p->at_risk)
            continue;
        S_cell_esc(c, p->name);
        S_cell_esc(c, p->team);
        S_cell(c, S_pct(c, p->distant_ratio));
        S_cell(c, S_bacon(c, p->bacon));
        S_cell_chain(c, &p->chain);
        S_row_end(c);
    }
    S_table_end(c);
}

/* ------------------------------------------------------------- crosstabs */

static void S_crosstab_cell(S_ctx *c, tp_text_id label, const tp_cell *cell)
{
    char lo[TP_NUMBUF], hi[TP_NUMBUF];
    S_cell(c, S_t(c, label));
    if (cell->hidden) {
        S_hidden_cells(c, cell->withheld, 4);
    } else {
        S_cell(c, S_count(c, cell->n));
        S_cell(c, S_count(c, cell->k));
        S_cell(c, S_pct(c, cell->pct));
        if (isnan(cell->lo) || isnan(cell->hi))
            S_cell(c, TP_DASH);
        else {
            tp_fmt_pct(lo, c->lang, cell->lo);
            tp_fmt_pct(hi, c->lang, cell->hi);
            tp_buf_printf(c->out, "| %s \xE2\x80\x93 %s ", lo, hi);
        }
    }
    S_row_end(c);
}

static void S_crosstab(S_ctx *c, const tp_crosstab_row *x)
{
    static const tp_text_id classes[TP_NCELLS] = {TX_REGULAR, TX_OCCASIONAL, TX_NO_CONTACT, TX_ALL};
    S_puts(c, "### ");
    tp_md_escape(c->out, tp_crosstab_label(c->r, x));
    S_puts(c, "\n\n");
    tp_md_escape(c->out, x->field);
    S_puts(c, " = ");
    tp_md_escape(c->out, x->equals);
    S_puts(c, "\n\n");
    S_head(c, "lrrrr", S_t(c, TX_CONTACT_CLASS), S_t(c, TX_N), S_t(c, TX_K_MATCHING),
           S_t(c, TX_SHARE), S_t(c, TX_CI95));
    for (int i = 0; i < TP_NCELLS; i++)
        S_crosstab_cell(c, classes[i], &x->cells[i]);
    S_table_end(c);
    tp_buf_printf(c->out, "%s: **%s**\n\n", S_t(c, TX_P_VALUE),
                  tp_fmt_p(c->num, c->lang, x->p_value));
}

static void S_crosstabs(S_ctx *c)
{
    if (c->r->ncrosstabs == 0)
        S_para(c, TX_NO_CROSSTABS);
    for (size_t i = 0; i < c->r->ncrosstabs; i++)
        S_crosstab(c, &c->r->crosstabs[i]);
}

/* ---------------------------------------------------------------- funnel */

static void S_funnel_row(S_ctx *c, tp_text_id label, long n, double rate, bool has_rate)
{
    S_cell(c, S_t(c, label));
    S_cell(c, S_count(c, n));
    S_cell(c, has_rate ? S_pct(c, rate) : "");
    S_row_end(c);
}

static void S_funnel(S_ctx *c)
{
    const tp_kpis *k = &c->r->kpis;
    S_chart(c, TX_CHART_FUNNEL, TP_CHART_FUNNEL);
    S_head(c, "lrr", S_t(c, TX_STAGE), S_t(c, TX_COUNT), S_t(c, TX_RATE));
    S_funnel_row(c, TX_INSIGHTS, k->insights, NAN, false);
    S_funnel_row(c, TX_ACTIONS, k->actions, NAN, false);
    S_funnel_row(c, TX_ACTIONS_DONE, k->actions_done, k->done_rate, true);
    S_funnel_row(c, TX_ACTIONS_ATTESTED, k->actions_attested, k->attested_rate, true);
    S_table_end(c);
    tp_buf_printf(c->out, "%s = %s / %s \xC2\xB7 %s = %s / %s\n\n", S_t(c, TX_DONE_RATE),
                  S_t(c, TX_ACTIONS_DONE), S_t(c, TX_ACTIONS), S_t(c, TX_ATTESTED_RATE),
                  S_t(c, TX_ACTIONS_ATTESTED), S_t(c, TX_ACTIONS_DONE));
}

/* -------------------------------------------------------------- requests */

static void S_requests_open(S_ctx *c);

static void S_requests(S_ctx *c)
{
    const tp_kpis *k = &c->r->kpis;
    const struct {
        tp_text_id label;
        long n;
    } rows[] = {{TX_COVERED, k->req_covered}, {TX_PLANNED, k->req_planned},
                {TX_GAP, k->req_gap}, {TX_DECLINED, k->req_declined}};
    S_head(c, "lr", S_t(c, TX_STATUS), S_t(c, TX_REQUESTS));
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        S_cell(c, S_t(c, rows[i].label));
        S_cell(c, S_count(c, rows[i].n));
        S_row_end(c);
    }
    S_table_end(c);
    tp_buf_printf(c->out, "%s: **%s**\n\n", S_t(c, TX_COVERAGE), S_pct(c, k->coverage));
    S_requests_open(c);
}

/* -------------------------------------------------------- what to act on */

#define S_MAX_LIST 20 /* rows of a list shown; the workbook holds them all */

/* "N more in the workbook (sheet S)." after a list cut at S_MAX_LIST. */
static void S_more(S_ctx *c, size_t n, tp_text_id sheet)
{
    if (n <= S_MAX_LIST)
        return;
    tp_buf_printf(c->out, S_t(c, TX_MORE_ROWS), S_count(c, (long)(n - S_MAX_LIST)), S_t(c, sheet));
    S_puts(c, "\n\n");
}

static const char *S_date(S_ctx *c, tp_date d)
{
    tp_date_format(d, c->num);
    return c->num;
}

/* A cell of the display names at idx, joined with ", ". */
static void S_names_cell(S_ctx *c, const int *idx, size_t n, const char *const *names)
{
    S_puts(c, "| ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            S_puts(c, ", ");
        tp_md_escape(c->out, names[idx[i]]);
    }
    S_puts(c, " ");
}

/* A cell of a person's display name, or "(no owner)". */
static void S_owner_cell(S_ctx *c, int owner)
{
    if (owner >= 0)
        S_cell_esc(c, c->r->person_name[owner]);
    else
        S_cell(c, S_t(c, TX_NO_OWNER));
}

/* Follow-ups: date, type, customers, owner (left out with --min-group), text, age. */
static void S_followup_table(S_ctx *c, const tp_followup_row *v, size_t n, tp_text_id none)
{
    const tp_report *r = c->r;
    bool owners = !S_min_group_on(c);
    if (n == 0) {
        S_para(c, none);
        return;
    }
    if (owners)
        S_head(c, "lllllr", S_t(c, TX_DATE), S_t(c, TX_TYPE), S_t(c, TX_CUSTOMERS), S_t(c, TX_OWNER),
               S_t(c, TX_FOLLOWUP), S_t(c, TX_AGE_DAYS));
    else
        S_head(c, "llllr", S_t(c, TX_DATE), S_t(c, TX_TYPE), S_t(c, TX_CUSTOMERS), S_t(c, TX_FOLLOWUP),
               S_t(c, TX_AGE_DAYS));
    for (size_t i = 0; i < n && i < S_MAX_LIST; i++) {
        const tp_followup_row *f = &v[i];
        S_cell(c, S_date(c, f->rec->date));
        S_cell_esc(c, tp_model_type_label(r, f->rec->type));
        S_names_cell(c, f->rec->customers, f->rec->ncustomers, r->customer_name);
        if (owners)
            S_owner_cell(c, f->action->owner);
        S_cell_esc(c, f->text ? f->text : TP_DASH);
        S_cell(c, S_count(c, f->age_days));
        S_row_end(c);
    }
    S_table_end(c);
    S_more(c, n, TX_SHEET_FOLLOWUPS);
}

static void S_followups(S_ctx *c)
{
    const tp_report *r = c->r;
    char open[TP_NUMBUF], awaiting[TP_NUMBUF], at[16];
    tp_date_format(r->age_at, at);
    tp_buf_printf(c->out, S_t(c, TX_FOLLOWUPS_LEAD), tp_fmt_count(open, c->lang, (long)r->nfollowups),
                  tp_fmt_count(awaiting, c->lang, (long)r->nawaiting), at);
    S_puts(c, "\n\n");
    if (!S_min_group_on(c) && r->nby_owner > 0) {
        S_subheading(c, TX_BY_OWNER);
        S_head(c, "lrr", S_t(c, TX_OWNER), S_t(c, TX_OPEN), S_t(c, TX_OLDEST_DAYS));
        for (size_t i = 0; i < r->nby_owner && i < S_MAX_LIST; i++) {
            S_owner_cell(c, r->by_owner[i].owner);
            S_cell(c, S_count(c, r->by_owner[i].open));
            S_cell(c, S_count(c, r->by_owner[i].oldest_age_days));
            S_row_end(c);
        }
        S_table_end(c);
        S_more(c, r->nby_owner, TX_SHEET_FOLLOWUPS);
    }
    S_subheading(c, TX_OLDEST_OPEN);
    S_followup_table(c, r->followups, r->nfollowups, TX_NO_FOLLOWUPS);
    S_subheading(c, TX_AWAITING);
    S_followup_table(c, r->awaiting, r->nawaiting, TX_NO_AWAITING);
}

static void S_requests_open(S_ctx *c)
{
    const tp_report *r = c->r;
    S_subheading(c, TX_OPEN_REQUESTS);
    if (r->nrequests_open == 0) {
        S_para(c, TX_NO_OPEN_REQUESTS);
        return;
    }
    S_head(c, "rllll", S_t(c, TX_VOTES), S_t(c, TX_DATE), S_t(c, TX_CUSTOMER), S_t(c, TX_STATUS),
           S_t(c, TX_REQUEST));
    for (size_t i = 0; i < r->nrequests_open && i < S_MAX_LIST; i++) {
        const tp_request_row *q = &r->requests_open[i];
        S_cell(c, S_count(c, q->rec->votes == TP_COUNT_NONE ? 0 : (long)q->rec->votes));
        S_cell(c, S_date(c, q->rec->date));
        S_cell_esc(c, q->customer ? q->customer : TP_DASH);
        S_cell(c, S_t(c, q->rec->status == TP_REQ_GAP ? TX_GAP : TX_PLANNED));
        S_cell_esc(c, q->text ? q->text : TP_DASH);
        S_row_end(c);
    }
    S_table_end(c);
    S_more(c, r->nrequests_open, TX_SHEET_REQUESTS);
}

static void S_insights(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->ntags == 0) {
        S_para(c, TX_NO_TAGS);
        return;
    }
    S_head(c, "lrr", S_t(c, TX_TAG), S_t(c, TX_INSIGHTS), S_t(c, TX_CUSTOMERS));
    for (size_t i = 0; i < r->ntags && i < S_MAX_LIST; i++) {
        S_cell_esc(c, r->tags[i].tag);
        S_cell(c, S_count(c, r->tags[i].insights));
        S_cell(c, S_count(c, r->tags[i].customers));
        S_row_end(c);
    }
    S_table_end(c);
    S_more(c, r->ntags, TX_SHEET_TAGS);
}

/* ----------------------------------------------------------------- trend */

static void S_trend(S_ctx *c)
{
    const tp_report *r = c->r;
    S_chart(c, TX_CHART_TREND, TP_CHART_TREND);
    S_head(c, "lrrrr", S_t(c, TX_PERIOD_COL), S_t(c, TX_CONTACT_RATE), S_t(c, TX_REGULAR_RATE),
           S_t(c, TX_HOURS_PER_HEAD), S_t(c, TX_MEDIAN_BACON_SHORT));
    for (size_t i = 0; i < r->ntrend; i++) {
        const tp_kpis *k = &r->trend[i].kpis;
        S_cell(c, r->trend[i].period.label);
        S_cell(c, S_pct(c, k->contact_rate));
        S_cell(c, S_pct(c, k->regular_rate));
        S_cell(c, S_dec(c, k->contact_hours_per_head));
        S_cell(c, S_bacon(c, k->bacon_median));
        S_row_end(c);
    }
    S_table_end(c);
}

/* ---------------------------------------------------------------- people */

static const char *S_class_text(const S_ctx *c, int cls)
{
    return S_t(c, cls == TP_CLASS_REGULAR ? TX_REGULAR
                  : cls == TP_CLASS_OCCASIONAL ? TX_OCCASIONAL : TX_NO_CONTACT);
}

static void S_person_row(S_ctx *c, const tp_person_row *p)
{
    S_cell_esc(c, p->name);
    S_cell_esc(c, p->team);
    S_cell(c, S_class_text(c, p->contact_class));
    S_cell(c, S_count(c, p->interactions));
    S_cell(c, S_dec(c, p->contact_hours));
    S_cell(c, S_bacon(c, p->bacon));
    S_cell(c, S_pct(c, p->distant_ratio));
    S_cell(c, S_t(c, p->at_risk ? TX_YES : TX_NO));
    S_row_end(c);
}

static void S_people(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->npeople == 0) {
        S_para(c, TX_NO_PEOPLE);
        return;
    }
    S_head(c, "lllrrrrl", S_t(c, TX_PERSON), S_t(c, TX_TEAM), S_t(c, TX_CONTACT_CLASS),
           S_t(c, TX_INTERACTIONS), S_t(c, TX_CONTACT_HOURS), S_t(c, TX_BACON),
           S_t(c, TX_DISTANT_SHARE), S_t(c, TX_AT_RISK_COL));
    for (size_t i = 0; i < r->npeople; i++)
        S_person_row(c, &r->people[i]);
    S_table_end(c);
}

/* -------------------------------------------------------------- projects */

static void S_projects(S_ctx *c)
{
    const tp_report *r = c->r;
    if (r->nprojects == 0) {
        S_para(c, TX_NO_PROJECTS);
        return;
    }
    S_head(c, "lrr", S_t(c, TX_PROJECT), S_t(c, TX_BACON), S_t(c, TX_PEOPLE));
    for (size_t i = 0; i < r->nprojects; i++) {
        S_cell_esc(c, r->projects[i].name);
        S_cell(c, S_bacon(c, r->projects[i].bacon));
        S_cell(c, S_count(c, r->projects[i].people));
        S_row_end(c);
    }
    S_table_end(c);
}

/* ------------------------------------------------------------- customers */

#define S_MAX_LIST_ROWS 20 /* rows of a list in md and html; the workbook holds them all */

static void S_untouched(S_ctx *c)
{
    const tp_report *r = c->r;
    S_subheading(c, TX_UNTOUCHED);
    if (r->nuntouched == 0) {
        S_para(c, TX_NO_UNTOUCHED);
        return;
    }
    S_head(c, "ll", S_t(c, TX_CUSTOMER), S_t(c, TX_SEGMENT));
    for (size_t i = 0; i < r->nuntouched && i < S_MAX_LIST_ROWS; i++) {
        S_cell_esc(c, r->untouched[i].name);
        if (r->untouched[i].segment)
            S_cell_esc(c, r->untouched[i].segment);
        else
            S_cell(c, S_t(c, TX_NO_SEGMENT));
        S_row_end(c);
    }
    S_table_end(c);
    if (r->nuntouched > S_MAX_LIST_ROWS) {
        tp_buf_printf(c->out, S_t(c, TX_MORE_IN_WORKBOOK), (long)(r->nuntouched - S_MAX_LIST_ROWS));
        S_puts(c, "\n\n");
    }
}

static void S_segments(S_ctx *c)
{
    const tp_report *r = c->r;
    S_subheading(c, TX_COVERAGE_BY_SEGMENT);
    if (r->nsegments == 0) {
        S_para(c, TX_NO_PAYING);
        return;
    }
    S_head(c, "lrrr", S_t(c, TX_SEGMENT), S_t(c, TX_PAYING), S_t(c, TX_TOUCHED), S_t(c, TX_SHARE));
    for (size_t i = 0; i < r->nsegments; i++) {
        const tp_segment_row *g = &r->segments[i];
        if (g->segment)
            S_cell_esc(c, g->segment);
        else
            S_cell(c, S_t(c, TX_NO_SEGMENT));
        S_cell(c, S_count(c, g->paying));
        S_cell(c, S_count(c, g->touched));
        S_cell(c, S_pct(c, g->share));
        S_row_end(c);
    }
    S_table_end(c);
}

static void S_customers(S_ctx *c)
{
    S_untouched(c);
    S_segments(c);
}

/* ------------------------------------------------------------ team trend */

/* Teams × periods: each team's contact rate in each trend element. */
static void S_team_trend(S_ctx *c)
{
    const tp_report *r = c->r;
    const tp_model *m = r->model;
    S_para(c, TX_TEAM_TREND_LEAD);
    S_chart(c, TX_CHART_TEAM_TREND, TP_CHART_TEAM_TREND);
    S_puts(c, "| ");
    S_puts(c, S_t(c, TX_TEAM));
    S_puts(c, " ");
    for (size_t k = 0; k < r->ntrend; k++)
        tp_buf_printf(c->out, "| %s ", r->trend[k].period.label);
    S_puts(c, "|\n| --- ");
    for (size_t k = 0; k < r->ntrend; k++)
        S_puts(c, "| ---: ");
    S_puts(c, "|\n");
    for (size_t t = 0; m && t < m->nteams; t++) {
        bool any = false;
        for (size_t k = 0; k < r->ntrend && !any; k++)
            any = r->trend[k].team_headcount && r->trend[k].team_headcount[t] > 0;
        if (!any)
            continue;
        S_cell_esc(c, m->teams[t]);
        for (size_t k = 0; k < r->ntrend; k++) {
            double rate = 0;
            tp_trend_cell cell = tp_team_trend_cell(r, k, t, &rate);
            S_cell(c, cell == TP_TREND_EMPTY    ? TP_DASH
                      : cell == TP_TREND_SHOWN ? S_pct(c, rate)
                                               : tp_hidden_text(r, cell == TP_TREND_WITHHELD, c->num, sizeof c->num));
        }
        S_row_end(c);
    }
    S_table_end(c);
}

/* -------------------------------------------------------------- sections */

static const struct {
    tp_section section;
    tp_text_id title;
    void (*build)(S_ctx *c);
} S_sections[] = {
    {TP_SEC_HEADLINE, TX_SEC_HEADLINE, S_headline},
    {TP_SEC_BY_TYPE, TX_SEC_BY_TYPE, S_by_type},
    {TP_SEC_BY_TEAM, TX_SEC_BY_TEAM, S_by_team},
    {TP_SEC_BACON, TX_SEC_BACON, S_bacon_section},
    {TP_SEC_AT_RISK, TX_SEC_AT_RISK, S_at_risk},
    {TP_SEC_CROSSTABS, TX_SEC_CROSSTABS, S_crosstabs},
    {TP_SEC_FUNNEL, TX_SEC_FUNNEL, S_funnel},
    {TP_SEC_FOLLOWUPS, TX_SEC_FOLLOWUPS, S_followups},
    {TP_SEC_REQUESTS, TX_SEC_REQUESTS, S_requests},
    {TP_SEC_CUSTOMERS, TX_SEC_CUSTOMERS, S_customers},
    {TP_SEC_INSIGHTS, TX_SEC_INSIGHTS, S_insights},
    {TP_SEC_TREND, TX_SEC_TREND, S_trend},
    {TP_SEC_TEAM_TREND, TX_SEC_TEAM_TREND, S_team_trend},
    {TP_SEC_PEOPLE, TX_SEC_PEOPLE, S_people},
    {TP_SEC_PROJECTS, TX_SEC_PROJECTS, S_projects},
};

static void S_section(S_ctx *c, tp_section s)
{
    if (s == TP_SEC_PEOPLE && S_min_group_on(c))
        return;
    for (size_t i = 0; i < sizeof S_sections / sizeof S_sections[0]; i++) {
        if (S_sections[i].section != s)
            continue;
        tp_buf_printf(c->out, "## %s\n\n", S_t(c, S_sections[i].title));
        S_sections[i].build(c);
    }
}

static void S_header(S_ctx *c)
{
    const tp_report *r = c->r;
    char start[16], end[16];
    S_puts(c, "# ");
    tp_md_escape(c->out, r->def && r->def->title ? r->def->title : S_t(c, TX_TITLE_DEFAULT));
    S_puts(c, "\n\n");
    if (r->organization) {
        tp_buf_printf(c->out, "**%s:** ", S_t(c, TX_ORGANIZATION));
        tp_md_escape(c->out, r->organization);
        S_puts(c, " \xC2\xB7 ");
    }
    tp_date_format(r->period.start, start);
    tp_date_format(r->period.end, end);
    tp_buf_printf(c->out, "**%s:** %s (%s %s %s)", S_t(c, TX_PERIOD), r->period.label, start,
                  S_t(c, TX_TO), end);
    if (r->generated) {
        /* Our own ISO 8601 text: nothing in it needs escaping. */
        tp_buf_printf(c->out, " \xC2\xB7 **%s:** %s", S_t(c, TX_GENERATED), r->generated);
    }
    S_puts(c, "\n\n");
}

/* What the reader is told before the sections: what --min-group leaves
 * out, said once where the reader starts. */
static void S_preface(S_ctx *c)
{
    if (S_min_group_on(c)) {
        tp_buf_printf(c->out, S_t(c, TX_MD_MIN_GROUP), c->r->opt->min_group, c->r->opt->min_group);
        S_puts(c, "\n\n");
    }
}

tp_status tp_md_preface(const tp_report *r, tp_buf *out)
{
    S_ctx c = {.r = r, .lang = tp_report_lang(r), .out = out};
    S_preface(&c);
    return out->nomem ? TP_ERR_NOMEM : TP_OK;
}

tp_status tp_render_md(const tp_report *r, tp_render_target *t)
{
    S_ctx c = {.r = r, .lang = tp_report_lang(r), .out = t->out};
    S_header(&c);
    S_preface(&c);
    for (size_t i = 0; r->def && i < r->def->nsections; i++)
        S_section(&c, r->def->sections[i]);
    return t->out->nomem ? TP_ERR_NOMEM : TP_OK;
}

tp_status tp_md_section(const tp_report *r, tp_section s, tp_buf *out)
{
    S_ctx c = {.r = r, .lang = tp_report_lang(r), .out = out};
    S_section(&c, s);
    return out->nomem ? TP_ERR_NOMEM : TP_OK;
}

