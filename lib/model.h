/* model.h — the validated model (model.c): people, customers, projects,
 * types, interactions and requests, and how one text is read into it. */
#ifndef TP_MODEL_H
#define TP_MODEL_H

#include "touchpoint.h"

typedef struct {
    const char *name;  /* attribute name */
    const char *value; /* scalar text as written */
} tp_attr;

typedef struct {
    int project; /* index into model->projects */
    double percent; /* micro / 1e6, correctly rounded */
    int64_t micro;  /* the percent exactly as written, in millionths (SPEC §1: sums are exact) */
} tp_allocation;

typedef struct {
    const char *id, *name;
    const char *team;       /* never NULL: "Unassigned" by default */
    int team_index;         /* index into model->teams */
    const char *role;       /* NULL when absent */
    const char *reports_to; /* NULL when absent */
    const char *focus;      /* NULL when absent */
    const char *it_text;    /* "true"/"false" as written, NULL when absent */
    bool it;
    tp_attr *attrs;
    size_t nattrs;
    int *works_with; /* indexes into model->people, duplicates removed */
    size_t nworks_with;
    tp_allocation *allocs;
    size_t nallocs;
    tp_date joined, left; /* TP_DATE_NONE when absent */
    tp_loc loc;
} tp_person;

typedef struct {
    const char *id, *name;
    bool paying;
    const char *segment; /* NULL when absent */
    tp_loc loc;
} tp_customer;

typedef struct {
    const char *id, *name;
    int *serves_customers; size_t nserves_customers;
    int *serves_people; size_t nserves_people;
    int *serves_teams; size_t nserves_teams; /* indexes into model->teams; may name teams nobody has */
    tp_loc loc;
} tp_project;

typedef struct {
    const char *id;    /* built-in or custom id */
    const char *label;
    bool contact;        /* contact: customer */
    bool anonymous_paying;
    bool builtin;
    tp_loc loc;          /* of a custom declaration */
} tp_type;

#define TP_COUNT_NONE (-1)

/* The seldom-given fields of an interaction. */
typedef struct {
    const char *id, *notes, *event;         /* NULL when absent */
    int id_line, id_col;                    /* where id is written */
    int64_t calls, conversations, leads;    /* TP_COUNT_NONE when absent */
} tp_interaction_extra;

typedef enum { TP_ACTION_OPEN, TP_ACTION_DONE, TP_ACTION_DROPPED } tp_action_status;

/* A follow-up of an interaction. */
typedef struct {
    const char *text;
    int owner;        /* index into model->people, -1 when none */
    uint8_t status;   /* tp_action_status */
    bool attested;
} tp_action;

/* What an interaction's actions and tagged insights say, for the lists to
 * act on (SPEC §3), in one allocation: the header, then the interaction's
 * nactions actions, then ntags tag pointers: the distinct tags of each
 * tagged insight in turn, each insight's ended by NULL. */
typedef struct {
    uint32_t done, attested; /* actions done; done and attested */
    uint32_t ntags;
    uint32_t unused_;
    tp_action actions[];
} tp_interaction_acts;

/* The tag list that follows the actions of a (see tp_interaction_acts). */
static inline const char *const *tp_acts_tags(const tp_interaction_acts *a, uint32_t nactions)
{
    return (const char *const *)(const void *)(a->actions + nactions);
}

/* One interaction, kept small: a million of them are read at once.
 * Insights are kept as a count and their tags; actions whole (for the
 * follow-up lists), both only on interactions that have them. */
typedef struct {
    tp_date date;
    int type;                            /* index into model->types */
    int *people, *customers;             /* indexes, duplicates removed */
    uint32_t npeople, ncustomers;
    double hours;                        /* duration in hours, 0 when absent */
    const char *title;                   /* NULL when absent */
    const tp_interaction_extra *extra;   /* NULL when none of its fields is given */
    uint32_t ninsights, nactions;
    const tp_interaction_acts *acts;     /* NULL when it has no action and no tagged insight */
    uint32_t file;                       /* index into model->files */
    int line;                            /* where the record starts */
} tp_interaction;

typedef enum { TP_REQ_COVERED, TP_REQ_PLANNED, TP_REQ_GAP, TP_REQ_DECLINED } tp_request_status;

typedef struct {
    tp_date date;
    const char *text;
    int customer; /* -1 when absent */
    tp_request_status status;
    int64_t votes; /* TP_COUNT_NONE when absent */
    const char *id;
    tp_loc loc;
} tp_request;

/* The validated logs. Arrays are in a fixed order: people, customers and
 * projects by id (bytewise); teams by name (bytewise); types built-in in
 * SPEC order then custom by id; interactions and requests in input order
 * (files sorted by path, then position). */
typedef struct tp_model {
    const char *organization; /* NULL when no document names one */
    tp_person *people; size_t npeople;
    tp_customer *customers; size_t ncustomers;
    tp_project *projects; size_t nprojects;
    const char **teams; size_t nteams;
    tp_type *types; size_t ntypes;
    tp_interaction *interactions; size_t ninteractions;
    tp_date *dates; /* dates[i] is interactions[i].date, side by side for scans by period */
    tp_request *requests; size_t nrequests;
    tp_date first_date, last_date; /* of interactions; TP_DATE_NONE if none */
    const char **files; size_t nfiles; /* every file read, in path order */
} tp_model;

/* Index of a team name in model->teams, or -1. */
int tp_model_team(const tp_model *m, const char *name);

/* tp_read for one in-memory text named name (for the fuzzer and tests). */
tp_status tp_read_text(tp_arena *arena, const char *name, const char *data, size_t len, tp_diags *diags,
                       tp_model **out);

#endif
