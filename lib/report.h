/* report.h — the report structure (report.c): every figure of one period,
 * computed once, that every renderer reads. */
#ifndef TP_REPORT_H
#define TP_REPORT_H

#include "definition.h"
#include "kpi.h"
#include "model.h"

typedef struct {
    int type; /* index into model->types */
    const char *id, *label;
    long interactions;
    double hours;
    long people;
} tp_type_row;

typedef struct {
    const char *team;
    long headcount, with_contact, regular;
    double contact_rate; /* with_contact / headcount (tp_rate: NaN when headcount is 0) */
    double contact_hours;
    int bacon_median; /* TP_NONE = null */
    bool hidden;      /* figures not shown in md, html, xlsx (--min-group) */
    bool withheld;    /* hidden only so that another hidden row cannot be worked out */
} tp_team_row;

/* A chain (SPEC §3 "Line of sight, explained"): the nodes of one shortest
 * path to a paying node, the start first. */
typedef enum { TP_CHAIN_CUSTOMER, TP_CHAIN_ANONYMOUS, TP_CHAIN_PERSON } tp_chain_kind;

#define TP_CHAIN_VIA_NONE (-1)       /* the first node */
#define TP_CHAIN_VIA_WORKS_WITH (-2) /* linked by works_with alone */

typedef struct {
    tp_chain_kind kind;
    int index;             /* into model->people or model->customers; -1 for the anonymous node */
    const char *id, *name; /* display (anonymised when asked); NULL for the anonymous node */
    int via;               /* index into model->types of the interaction linking it to the node
                            * before, or TP_CHAIN_VIA_NONE / TP_CHAIN_VIA_WORKS_WITH */
    tp_date via_date;      /* that interaction's date; TP_DATE_NONE otherwise */
} tp_chain_node;

typedef struct {
    tp_chain_node *nodes;
    size_t n; /* 0: null, no line of sight */
} tp_chain;

typedef struct {
    int person; /* index into model->people */
    const char *id, *name, *team; /* display (anonymised when asked) */
    int contact_class;
    int contact_months;
    long interactions;
    double contact_hours;
    int bacon; /* TP_NONE = no line of sight */
    double distant_share; /* percent of the allocations to distant projects (report.json's) */
    double distant_ratio; /* the same as a ratio, distant_share / 100: what the human formats show */
    bool at_risk;
    tp_chain chain;
} tp_person_row;

typedef struct {
    int project;
    const char *id, *name;
    int bacon; /* TP_NONE */
    bool distant; /* bacon 4+ or none (SPEC §3): its allocations count to the distant share */
    long people;
    tp_chain chain; /* of the served node nearest a paying one */
} tp_project_row;

/* A paying customer no interaction of P names. */
typedef struct {
    int customer;          /* index into model->customers */
    const char *id, *name; /* display */
    const char *segment;   /* NULL when absent */
} tp_customer_row;

/* Paying customers of one segment, and how many of them P touched. */
typedef struct {
    const char *segment; /* NULL: those without a segment */
    long paying, touched;
    double share;
} tp_segment_row;

typedef struct {
    long n, k;
    double pct, lo, hi; /* NaN when n == 0 */
    bool hidden;        /* figures not shown in md, html, xlsx (--min-group) */
    bool withheld;      /* hidden only so that another hidden cell cannot be worked out */
} tp_cell;

enum { TP_CELL_REGULAR, TP_CELL_OCCASIONAL, TP_CELL_NONE, TP_CELL_ALL, TP_NCELLS };

typedef struct {
    const char *label, *field, *equals;
    tp_cell cells[TP_NCELLS];
    double p_value; /* NaN when S is empty */
} tp_crosstab_row;

typedef struct {
    tp_period period;
    tp_kpis kpis;
    /* Per model team: members in this element's S (0: the team has none
     * there, and no rate) and their contact rate. */
    long *team_headcount;
    double *team_rate;
} tp_trend_point;

/* One interaction of P as the workbook lists it. Strings are display text;
 * free text and file are NULL when anonymised. */
typedef struct {
    const tp_interaction *rec;
    const char *type_label;
    const char *people;    /* display names joined with ", " */
    const char *customers; /* display names joined with ", " */
    const char *title, *notes, *event;
    const char *file;
    int line;
} tp_interaction_row;

typedef struct {
    const tp_request *rec;
    const char *customer; /* display name, NULL when absent */
    const char *id;       /* NULL when absent or anonymised */
    const char *text;     /* NULL when anonymised */
} tp_request_row;

/* An action of P on a follow-up list (SPEC §3 "What to act on"). */
typedef struct {
    const tp_interaction *rec;
    const tp_action *action;
    const char *interaction; /* the interaction's id; NULL when it has none or when anonymised */
    const char *text;        /* NULL when anonymised */
    long age_days;
} tp_followup_row;

typedef struct {
    int owner; /* index into model->people, -1 for the follow-ups without one */
    long open, oldest_age_days;
} tp_owner_row;

typedef struct {
    const char *tag;
    long insights, customers;
} tp_tag_row;

typedef struct {
    const char *kpi;
    double min, max; /* NaN when not set */
    double value;    /* NaN when null */
    int met;         /* 1 met, 0 not met, -1 null (no value) */
} tp_target_row;

/* Everything every renderer reads. */
typedef struct tp_report {
    const tp_model *model;
    const tp_definition *def;
    const tp_report_options *opt;
    const char *organization; /* NULL = null */
    const char *generated;
    tp_period period;
    tp_kpis kpis;
    bool has_previous;
    tp_period previous_period;
    tp_kpis previous;
    tp_trend_point *trend; size_t ntrend; /* oldest first, P last */
    tp_type_row *by_type; size_t nby_type;
    tp_team_row *by_team; size_t nby_team;
    const tp_team_row **team_row; /* per model team: its row of by_team, or NULL */
    tp_person_row *people; size_t npeople;   /* S, by id */
    tp_project_row *projects; size_t nprojects;
    tp_crosstab_row *crosstabs; size_t ncrosstabs;
    tp_interaction_row *interactions; size_t ninteractions;
    tp_request_row *requests; size_t nrequests; /* dated on or before the end of P: the open ones first */
    tp_followup_row *followups; size_t nfollowups; /* open actions of P, oldest first */
    tp_followup_row *awaiting; size_t nawaiting;   /* done, not attested */
    tp_owner_row *by_owner; size_t nby_owner;
    tp_request_row *requests_open; size_t nrequests_open; /* gap or planned, by votes: the first of requests */
    tp_tag_row *tags; size_t ntags;
    tp_target_row *targets; size_t ntargets;
    tp_date today; /* the UTC date of generated (the end of P when there is none) */
    tp_date age_at; /* the day follow-ups' ages count to: the end of P or today, whichever is earlier */
    tp_customer_row *untouched; size_t nuntouched; /* paying customers P did not touch, by id */
    tp_segment_row *segments; size_t nsegments;    /* by segment bytewise, NULL last */
    const char **person_label;   /* display id per model person */
    const char **person_name;    /* display name per model person */
    const char **customer_label; /* display id per model customer */
    const char **customer_name;
} tp_report;

/* What the human formats show for model team t in trend element k: nothing
 * (no member in scope then), its rate (*rate), or a figure hidden under
 * --min-group: too few members then or in P, or withheld with P's row. */
typedef enum { TP_TREND_EMPTY, TP_TREND_SHOWN, TP_TREND_HIDDEN, TP_TREND_WITHHELD } tp_trend_cell;
tp_trend_cell tp_team_trend_cell(const tp_report *r, size_t k, size_t t, double *rate);

#endif
