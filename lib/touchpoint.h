/* touchpoint.h — the public API of libtouchpoint.
 *
 * Ownership, once: every record, string and array reachable from a tp_model
 * or a tp_report lives in the tp_arena it was built in and is freed only by
 * tp_arena_free(); nothing else frees them.
 *
 * Data flows one way: files -> tp_read (YAML events, located nodes) ->
 * tp_model (validated records) -> tp_report_build (metrics for a period, one
 * report structure) -> tp_render_{json,md,html,xlsx} (one format each).
 *
 * The library never prints and never exits: functions that can fail return a
 * tp_status; problems with the input are tp_diag records in a tp_diags list.
 */
#ifndef TOUCHPOINT_H
#define TOUCHPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TP_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum {
    TP_OK = 0,
    TP_ERR_INPUT = 1,  /* the input has errors (see the diags) */
    TP_ERR_USAGE = 2,  /* bad option or argument */
    TP_ERR_OUTPUT = 3, /* an output file could not be written */
    TP_ERR_NOMEM = 4,  /* out of memory */
} tp_status;

/* ----------------------------------------------------------------- arena */

typedef struct tp_arena tp_arena;

/* A new empty arena, or NULL when out of memory. */
tp_arena *tp_arena_new(void);
/* Frees the arena and everything allocated in it; NULL does nothing. */
void tp_arena_free(tp_arena *a);
/* Frees everything allocated in a; a stays usable. */
void tp_arena_reset(tp_arena *a);
/* Moves everything allocated in child into a and frees child. */
void tp_arena_adopt(tp_arena *a, tp_arena *child);
/* size bytes aligned for any type, or NULL when out of memory. */
void *tp_alloc(tp_arena *a, size_t size);
/* Zeroed n * size bytes, or NULL on overflow or out of memory. */
void *tp_calloc(tp_arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..len), or NULL when out of memory. */
char *tp_strndup(tp_arena *a, const char *s, size_t len);
char *tp_strdup(tp_arena *a, const char *s);
/* printf into the arena; NULL when out of memory. */
char *tp_sprintf(tp_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ----------------------------------------------------------- diagnostics */

typedef enum { TP_WARNING, TP_ERROR } tp_severity;

typedef struct {
    const char *file; /* as given on the command line, "<stdin>" for - */
    int line, col;    /* counted from 1; 0 when the whole file is meant */
} tp_loc;

typedef struct {
    tp_loc loc;
    tp_severity severity;
    const char *message;
    tp_loc note_loc;  /* a note: line shown right after the problem, not counted */
    const char *note; /* NULL when there is none */
} tp_diag;

typedef struct {
    tp_arena *arena; /* where messages live */
    tp_diag *items;
    size_t count, cap;
    size_t errors, warnings;
    bool strict;  /* warnings count as errors */
    bool nomem;   /* an allocation failed while recording */
    size_t dropped; /* counted but not kept, past TP_MAX_DIAGS of their severity */
    size_t kept_errors, kept_warnings;
    size_t stopped; /* files whose reading an error stopped: the checks of the whole input wait (SPEC §1) */
    size_t last;    /* the problem recorded last, for tp_diag_note; SIZE_MAX when it was not kept */
    uint64_t *seen; size_t nseen, capseen; /* problems recorded, so that each is told once */
} tp_diags;

/* Errors kept per run, and warnings likewise (so a flood of warnings never
 * hides an error); more are only counted (at most 100 errors are shown). */
#define TP_MAX_DIAGS 10000

void tp_diags_init(tp_diags *d, tp_arena *a);
/* Records a problem; the message is formatted into the arena. Every %s is
 * text from the logs or a file name: its control characters (C0, tab
 * included, DEL, C1) are written as \xHH, and a quoted one ('%s') is cut
 * to 80 characters with "…". The same problem at the same place is
 * recorded once (a template reached through many aliases). */
void tp_diag_add(tp_diags *d, tp_loc loc, tp_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Attaches a note (FILE:LINE:COL: note: ...) to the problem tp_diag_add
 * recorded just before; nothing when that one was only counted or told
 * already. */
void tp_diag_note(tp_diags *d, tp_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The lines of g as standard error shows them, its note included, each
 * ending in a newline, with the file names escaped; malloc'd, NULL when
 * out of memory. */
char *tp_diag_text(const tp_diag *g, bool as_error);
/* s with its control characters written as \xHH (as in messages), in a. */
char *tp_diag_escape(tp_arena *a, const char *s);
/* Adds every problem of src to dst (messages copied into dst's arena). */
void tp_diags_merge(tp_diags *dst, const tp_diags *src);
/* Sorts by file (bytewise), line, column; stable for equal places. */
void tp_diags_sort(tp_diags *d);
/* True when there is an error (or, with strict, a warning). */
bool tp_diags_failed(const tp_diags *d);
/* Levenshtein distance, capped at cap+1. */
size_t tp_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate nearest to word, or NULL when none is close enough. */
const char *tp_suggest(const char *word, const char *const *cands, size_t n);

/* ----------------------------------------------------------------- dates */

/* Dates are day numbers: days since 1970-01-01 (negative before). */
typedef int32_t tp_date;
#define TP_DATE_NONE INT32_MIN

tp_date tp_date_from_ymd(int y, int m, int d);
void tp_date_to_ymd(tp_date t, int *y, int *m, int *d);
bool tp_date_valid_ymd(int y, int m, int d);
/* "YYYY-MM-DD" or a timestamp "YYYY-MM-DD[Tt ]HH:MM[:SS[.f]][Z|±HH:MM]";
 * the written date is used. Returns false when s is not one. */
bool tp_date_parse(const char *s, tp_date *out);
/* Why s is not a date tp_date_parse takes, in words ("September has 30
 * days"), written into buf when it needs the numbers; NULL when it is one. */
const char *tp_date_problem(const char *s, char *buf, size_t size);
/* Writes "YYYY-MM-DD" (buf of at least 11 bytes). */
void tp_date_format(tp_date t, char *buf);

/* --------------------------------------------------------------- periods */

typedef enum { TP_PERIOD_QUARTER, TP_PERIOD_YEAR, TP_PERIOD_MONTH, TP_PERIOD_RANGE } tp_period_kind;

typedef struct {
    tp_period_kind kind;
    tp_date start, end; /* inclusive */
    char label[32];     /* 2026-Q3, 2026, 2026-07, 2026-07-01..2026-09-30 */
} tp_period;

/* Parses 2026-Q3, 2026, 2026-07 or A..B; false when s is none of them
 * (or a range whose end is before its start). */
bool tp_period_parse(const char *s, tp_period *out);
/* The calendar quarter holding day t. */
tp_period tp_period_quarter_of(tp_date t);
/* The period of the same kind just before p (SPEC §2). */
tp_period tp_period_previous(const tp_period *p);
/* M: the number of calendar months p touches. */
int tp_period_months(const tp_period *p);
/* Month index (year*12 + month-1) of day t; contact months are counted with it. */
int tp_month_index(tp_date t);

/* ----------------------------------------------------------------- model */

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
typedef struct {
    const char *organization; /* NULL when no document names one */
    tp_person *people; size_t npeople;
    tp_customer *customers; size_t ncustomers;
    tp_project *projects; size_t nprojects;
    const char **teams; size_t nteams;
    tp_type *types; size_t ntypes;
    tp_interaction **interactions; size_t ninteractions; /* each where its file's arena holds it */
    tp_date *dates; /* dates[i] is interactions[i]->date, side by side for scans by period */
    tp_request *requests; size_t nrequests;
    tp_date first_date, last_date; /* of interactions; TP_DATE_NONE if none */
    const char **files; size_t nfiles; /* every file read, in path order */
} tp_model;

/* Told after each file is read: files done of total, bytes and records so far. */
typedef void (*tp_progress_fn)(void *ctx, size_t files_done, size_t files_total, uint64_t bytes, uint64_t records);

typedef struct {
    bool strict;
    int jobs; /* files read in parallel; <= 0 means online CPUs */
    tp_progress_fn progress; /* may be NULL; called from reading threads, one at a time */
    void *progress_ctx;
    struct tp_read_counts *counts; /* when not NULL, filled with what was read, errors or not */
    tp_date today; /* when check_future: an interaction or request after it is a warning */
    bool check_future;
    /* A file of several documents larger than twice this is read in pieces
     * of about this size cut at document markers, on every core; 0: the
     * default (TP_PIECE_BYTES), SIZE_MAX: every file whole. Results are the
     * same either way. */
    size_t piece_bytes;
    /* Interactions' notes are checked but not kept (tp_interaction_extra.notes
     * NULL): for a run that writes nothing that shows them (only the
     * workbook does), so that long notes cost no memory. */
    bool skip_notes;
} tp_read_options;

#define TP_PIECE_BYTES ((size_t)4 << 20)

/* What a run read: files, and the records of each kind they hold. */
typedef struct tp_read_counts {
    size_t files, people, customers, projects, interactions, requests;
} tp_read_counts;

/* Reads every path (files, directories searched recursively, "-" for
 * standard input) into one validated model allocated in arena. Problems go
 * to diags. Returns TP_OK (check tp_diags_failed), TP_ERR_INPUT when the
 * paths could not be read, or TP_ERR_NOMEM. *out is NULL unless TP_OK and
 * no error was found. */
tp_status tp_read(tp_arena *arena, const char *const *paths, size_t npaths,
                  const tp_read_options *opt, tp_diags *diags, tp_model **out);

/* The latest of dates[0..n) not after today, or (when every one is after
 * it) the latest of all; TP_DATE_NONE when n is 0. today TP_DATE_NONE: the latest. */
tp_date tp_latest_date(const tp_date *dates, size_t n, tp_date today);
/* The default period (SPEC §2): the quarter of tp_latest_date of the
 * model's interactions; false when there is no interaction. */
bool tp_period_default(const tp_model *m, tp_date today, tp_period *out);
/* How many of the model's interactions fall in p. */
size_t tp_period_count(const tp_model *m, const tp_period *p);
/* The UTC date of an ISO 8601 "generated" time; TP_DATE_NONE when s is NULL or not one. */
tp_date tp_today_of(const char *generated);

/* Index of a team name in model->teams, or -1. */
int tp_model_team(const tp_model *m, const char *name);

/* ------------------------------------------------------------ definition */

/* In the built-in order (SPEC §6). A renderer leaves out a section it does
 * not draw. */
typedef enum {
    TP_SEC_HEADLINE, TP_SEC_BY_TYPE, TP_SEC_BY_TEAM, TP_SEC_BACON, TP_SEC_AT_RISK,
    TP_SEC_CROSSTABS, TP_SEC_FUNNEL, TP_SEC_FOLLOWUPS, TP_SEC_REQUESTS, TP_SEC_INSIGHTS,
    TP_SEC_CUSTOMERS, TP_SEC_TREND, TP_SEC_TEAM_TREND, TP_SEC_PEOPLE, TP_SEC_PROJECTS,
    TP_SEC_COUNT
} tp_section;

/* The section's name in definitions ("headline", ...). */
const char *tp_section_name(tp_section s);

typedef struct {
    const char *label;
    const char *field;  /* reports_to, focus, team, role or attributes.NAME */
    const char *equals;
} tp_crosstab_def;

/* A target: a kpis path (tp_kpi_find) and its bounds, NaN when not set. */
typedef struct {
    const char *kpi;
    double min, max;
} tp_target_def;

typedef struct {
    const char *title; /* NULL: "Customer contact report" in the report's language */
    tp_section *sections; size_t nsections;
    tp_crosstab_def *crosstabs; size_t ncrosstabs;
    tp_target_def *targets; size_t ntargets; /* in the order written */
} tp_definition;

/* Reads a report definition from path (NULL: the built-in default,
 * reports/quarterly.yaml). Problems go to diags; NULL on error. */
tp_definition *tp_definition_load(tp_arena *a, const char *path, tp_diags *diags);
/* The built-in default definition. */
tp_definition *tp_definition_default(tp_arena *a);

/* --------------------------------------------------------------- metrics */

#define TP_NONE (-1) /* an absent bacon number or median */

enum { TP_CLASS_REGULAR, TP_CLASS_OCCASIONAL, TP_CLASS_NONE };
enum { TP_BUCKET_1, TP_BUCKET_2, TP_BUCKET_3, TP_BUCKET_4PLUS, TP_BUCKET_NONE, TP_NBUCKETS };

/* Headline figures. A double that is NaN is null in JSON. */
typedef struct {
    long it_staff, with_contact, regular, occasional, none;
    double contact_rate, regular_rate;
    double contact_hours, contact_hours_per_head;
    long customers_touched, paying_customers_touched;
    long bacon[TP_NBUCKETS];
    double bacon_share[TP_NBUCKETS]; /* bacon[b] / it_staff (not in report.json) */
    int bacon_median; /* TP_NONE = null */
    double bacon_mean;
    long at_risk;
    double at_risk_share; /* at_risk / it_staff (the benchmark's; not in report.json) */
    long insights, actions, actions_done, actions_attested;
    double done_rate, attested_rate;
    long req_covered, req_planned, req_gap, req_declined;
    double coverage;
    long interactions; /* interactions of any type in the period */
} tp_kpis;

/* The headline figures of tp_kpis by their path in report.json's "kpis"
 * ("contact_rate", "bacon.median", "requests.coverage"): one table that
 * the targets and the renderers read. */
typedef enum { TP_KPI_COUNT, TP_KPI_RATIO, TP_KPI_DEC, TP_KPI_BACON } tp_kpi_kind;

typedef struct {
    const char *path;
    tp_kpi_kind kind;
    int better; /* +1: a rise is better; -1: a rise is worse; 0: neither (SPEC §3) */
    size_t off; /* of the field in tp_kpis */
} tp_kpi_def;

extern const tp_kpi_def tp_kpi_defs[];
extern const size_t tp_nkpi_defs;
/* The figure at path, or NULL when kpis has no number there. */
const tp_kpi_def *tp_kpi_find(const char *path);
/* The figure's value as a double; NaN when it is null. */
double tp_kpi_value(const tp_kpis *k, const tp_kpi_def *d);

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

typedef struct {
    const char *period; /* NULL: default (latest quarter with an interaction) */
    bool anonymize;
    long min_group; /* 1 = nothing hidden */
    const char *lang; /* "en" or "pt" */
    const char *generated; /* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" */
    int jobs; /* periods computed at once; <= 0 means online CPUs */
} tp_report_options;

/* Everything every renderer reads. */
typedef struct {
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
    tp_request_row *requests; size_t nrequests; /* dated on or before the end of P */
    tp_followup_row *followups; size_t nfollowups; /* open actions of P, oldest first */
    tp_followup_row *awaiting; size_t nawaiting;   /* done, not attested */
    tp_owner_row *by_owner; size_t nby_owner;
    tp_request_row *requests_open; size_t nrequests_open; /* gap or planned, by votes */
    tp_tag_row *tags; size_t ntags;
    tp_target_row *targets; size_t ntargets;
    tp_date today; /* the UTC date of generated (the end of P when there is none) */
    tp_customer_row *untouched; size_t nuntouched; /* paying customers P did not touch, by id */
    tp_segment_row *segments; size_t nsegments;    /* by segment bytewise, NULL last */
    const char **person_label;   /* display id per model person */
    const char **person_name;    /* display name per model person */
    const char **customer_label; /* display id per model customer */
    const char **customer_name;
} tp_report;

/* Computes every figure for the period into a report allocated in arena.
 * Returns TP_OK, TP_ERR_USAGE (opt->period does not parse), TP_ERR_INPUT
 * (no interaction and no period: nothing to report; a message in diags),
 * or TP_ERR_NOMEM. */
tp_status tp_report_build(tp_arena *arena, const tp_model *m, const tp_definition *def,
                          const tp_report_options *opt, tp_diags *diags, tp_report **out);

/* What the human formats show for model team t in trend element k: nothing
 * (no member in scope then), its rate (*rate), or a figure hidden under
 * --min-group: too few members then or in P, or withheld with P's row. */
typedef enum { TP_TREND_EMPTY, TP_TREND_SHOWN, TP_TREND_HIDDEN, TP_TREND_WITHHELD } tp_trend_cell;
tp_trend_cell tp_team_trend_cell(const tp_report *r, size_t k, size_t t, double *rate);

/* ----------------------------------------------------------------- stats */

/* Median over values where TP_NONE ranks above every number: the lower
 * middle one; TP_NONE when n == 0 or that value is none. Sorts v. */
int tp_median_bacon(int *v, size_t n);
/* 95% Wilson score interval for k of n; lo = hi = NaN when n == 0. */
void tp_wilson(long k, long n, double *lo, double *hi);
/* Two-sided Fisher exact test of [[a, b], [c, d]]. */
double tp_fisher_exact(long a, long b, long c, long d);

/* -------------------------------------------------------------- rendering */

/* A growable byte buffer; on allocation failure it sets nomem and stops. */
typedef struct {
    char *data;
    size_t len, cap;
    bool nomem;
} tp_buf;

void tp_buf_init(tp_buf *b);
void tp_buf_free(tp_buf *b);
void tp_buf_put(tp_buf *b, const char *s, size_t n);
void tp_buf_puts(tp_buf *b, const char *s);
void tp_buf_printf(tp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shortest decimal that reads back as the same double, locale-free. */
void tp_fmt_double(double x, char *buf, size_t size);

/* Each renderer writes one format of the report into out (or, for xlsx,
 * a file at path). They return TP_OK, TP_ERR_NOMEM or TP_ERR_OUTPUT. */
tp_status tp_render_json(const tp_report *r, tp_buf *out);
/* GitHub-flavoured Markdown laid out by r->def; charts as charts/NAME.svg. */
tp_status tp_render_md(const tp_report *r, tp_buf *out);
/* The Markdown through cmark-gfm (tables, safe mode) placed in the page
 * template text (placeholders {{title}}, {{period}}, {{generated}},
 * {{body}}, {{lang}}), chart images replaced by the inline SVG. */
tp_status tp_render_html(const tp_report *r, const char *template_text, tp_buf *out);
/* The workbook, written by libxlsxwriter to path (the caller renames it). */
tp_status tp_render_xlsx(const tp_report *r, const char *path);

/* A chart: file name without directory ("bacon.svg") and its SVG text. */
typedef struct {
    const char *name;
    const char *title;
    char *svg;
} tp_chart;

/* The report's charts, allocated in arena. */
tp_status tp_render_charts(tp_arena *arena, const tp_report *r, tp_chart **out, size_t *n);

enum { TP_FMT_MD = 1, TP_FMT_HTML = 2, TP_FMT_XLSX = 4, TP_FMT_JSON = 8, TP_FMT_ALL = 15 };

/* Writes the formats asked for into dir (created if missing), charts/ with
 * md or html, all or nothing (SPEC 4: every file complete under a temporary
 * name first, then renamed in a burst; a lock on dir; modes kept). The
 * workbook is written by a child process. template_dir holds report.html.
 * On failure *failed_path names the file (in arena). */
tp_status tp_write_report(tp_arena *arena, const tp_report *r, const char *dir, unsigned formats,
                          const char *template_dir, const char **failed_path);

/* Writes one format (TP_FMT_JSON or TP_FMT_HTML) of the report to the open
 * descriptor fd (standard output for "-o -"). TP_ERR_OUTPUT with errno set
 * (*failed_path naming the template when it is that which failed). */
tp_status tp_write_report_fd(tp_arena *arena, const tp_report *r, int fd, unsigned format,
                             const char *template_dir, const char **failed_path);

/* Whether users other than this one can write dir (group or others may
 * write it and it is not sticky, or another user owns it): they could then
 * swap files in it; cmd warns. False when dir cannot be examined. */
bool tp_dir_shared(const char *dir);

/* The directory holding the page template report.html: $TOUCHPOINT_TEMPLATES
 * when set, else NULL (the template the program carries). */
const char *tp_template_dir(tp_arena *a);
/* The page template template_dir/report.html, malloc'd and NUL-terminated
 * (NULL, and TP_OK, when template_dir is NULL: the renderer's built-in one).
 * TP_ERR_OUTPUT with errno set when it cannot be read; *path names it. */
tp_status tp_read_template(tp_arena *a, const char *template_dir, char **text, const char **path);

/* Writes data atomically to path: a hidden temporary file in the same
 * directory, fsync, rename. TP_ERR_OUTPUT on failure (errno kept). */
tp_status tp_write_file_atomic(const char *path, const void *data, size_t len);

/* ------------------------------------------------------------- ecosystem */

/* Writes a starting log repository into dir (created; an existing dir must
 * be empty): a roster, one example of every interaction type, requests, a
 * report definition, a README and the JSON Schema; with bare, the same files
 * and comments without example records. TP_ERR_OUTPUT with errno set and
 * *failed naming the path on failure. */
tp_status tp_init_repo(tp_arena *arena, const char *dir, bool bare, const char **failed);
/* The JSON Schema of the log format (draft-07), as text. */
const char *tp_schema(void);

/* -------------------------------------------------------------- benchmark */

enum {
    TP_COL_CONTACT_RATE, TP_COL_REGULAR_RATE, TP_COL_HOURS_PER_HEAD, TP_COL_BACON_MEDIAN,
    TP_COL_AT_RISK_SHARE, TP_COL_ATTESTED_RATE, TP_COL_REQUEST_COVERAGE, TP_NCOLS
};

/* The JSON key of a benchmark column ("contact_rate", ...). */
const char *tp_bench_column(int col);

typedef struct {
    const char *name;   /* display name: a pseudonym when anonymised */
    const char *source; /* as given, or the pseudonym when anonymised */
    bool focus;         /* the organisation given by --focus */
    double values[TP_NCOLS]; /* NaN = null */
    double ranks[TP_NCOLS];  /* NaN = no rank */
    /* A rate column's k of n (contact: with_contact of it_staff, regular,
     * at-risk share: of it_staff, attested: of actions_done, coverage:
     * covered of covered + planned + gap); n is -1 for the other columns. */
    long k[TP_NCOLS], n[TP_NCOLS];
    double ci95[TP_NCOLS][2]; /* Wilson 95% of k of n; NaN where n <= 0 */
} tp_bench_org;

typedef struct {
    const char *period;   /* NULL: the latest quarter holding an interaction in any directory source */
    bool anonymize;
    const char *focus;    /* NULL or an organisation's name */
    const char *lang;
    const char *generated;
    int jobs;             /* organisations processed at once; <= 0: online CPUs */
    bool strict;
} tp_bench_options;

typedef struct {
    const tp_bench_options *opt;
    tp_period period;
    const char *generated;
    tp_bench_org *orgs; size_t norgs; /* sorted by name */
    double peer_median[TP_NCOLS];     /* over the others with --focus; NaN when none has a value */
    double reference_contact_rate;    /* State of the CIO 2016 */
    const tp_bench_org *focus;        /* the --focus organisation, or NULL */
    size_t npeers;                    /* organisations the peer median is over */
    /* With --focus, the two-sided Fisher p-value of the focus organisation
     * against the others pooled, for the contact and the regular rate; NaN
     * in every other column, and in these with no other organisation. */
    double focus_p[TP_NCOLS];
    long peers_k[TP_NCOLS], peers_n[TP_NCOLS]; /* with --focus, the others' k and n pooled */
    double peers_rate[TP_NCOLS];               /* their k / n; NaN where n is 0 */
} tp_benchmark;

/* Reads every source (a directory of logs or a report.json) and compares
 * them for one period. Problems go to diags. TP_OK, TP_ERR_INPUT,
 * TP_ERR_USAGE (bad period) or TP_ERR_NOMEM. */
tp_status tp_benchmark_build(tp_arena *a, const char *const *sources, size_t n, const tp_bench_options *opt,
                             tp_diags *diags, tp_benchmark **out);
tp_status tp_render_bench_json(const tp_benchmark *b, tp_buf *out);
tp_status tp_render_bench_md(const tp_benchmark *b, tp_buf *out);
/* The Markdown as a self-contained page, charts inline (template_text NULL: a built-in one). */
tp_status tp_render_bench_html(const tp_benchmark *b, const char *template_text, tp_buf *out);
/* The workbook, written by libxlsxwriter to path (the caller renames it). */
tp_status tp_render_bench_xlsx(const tp_benchmark *b, const char *path);
/* One chart per column (bench_COLUMN.svg), allocated in arena. */
tp_status tp_render_bench_charts(tp_arena *arena, const tp_benchmark *b, tp_chart **out, size_t *n);
/* Writes benchmark.{md,html,xlsx,json} as asked into dir, all or nothing
 * like tp_write_report (the same writer). */
tp_status tp_write_benchmark(tp_arena *arena, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed_path);

#endif
