/* touchpoint.h — the public API of libtouchpoint: what a program needs to
 * read logs, build a report or a benchmark and write them (cmd/ uses
 * nothing else; the library's modules have private headers of their own).
 *
 * Ownership, once: everything the functions of this header allocate lives
 * in the tp_arena they are given and is freed only by tp_arena_free(), but
 * for the two texts said to be malloc'd (tp_diag_text, tp_read_template),
 * which the caller frees.
 *
 * Data flows one way: files -> tp_read (YAML events, located nodes) ->
 * tp_model (validated records) -> tp_report_build (metrics for a period, one
 * report structure) -> tp_write_report (one renderer per format).
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
    unsigned lost;  /* kinds whose ids an error lost, so their references went unchecked: 1 people,
                     * 2 customers, 4 projects, 8 types */
    size_t last;    /* the problem recorded last, for tp_diag_note; SIZE_MAX when it was not kept */
    uint64_t *seen; size_t nseen, capseen; /* problems recorded, so that each is told once */
} tp_diags;

void tp_diags_init(tp_diags *d, tp_arena *a);
/* The lines of g as standard error shows them, its note included, each
 * ending in a newline, with the file names escaped; malloc'd, NULL when
 * out of memory. */
char *tp_diag_text(const tp_diag *g, bool as_error);
/* s with its control characters (C0, DEL, C1) and bytes that are not UTF-8
 * written as \xHH, as messages write names, in a; NULL when out of memory. */
char *tp_diag_escape(tp_arena *a, const char *s);
/* Sorts by file (bytewise), line, column; stable for equal places. */
void tp_diags_sort(tp_diags *d);

/* ----------------------------------------------------------------- dates */

/* Dates are day numbers: days since 1970-01-01 (negative before). */
typedef int32_t tp_date;
#define TP_DATE_NONE INT32_MIN

/* Writes "YYYY-MM-DD" (buf of at least 11 bytes). */
void tp_date_format(tp_date t, char *buf);

/* --------------------------------------------------------------- periods */

typedef enum { TP_PERIOD_QUARTER, TP_PERIOD_YEAR, TP_PERIOD_MONTH, TP_PERIOD_RANGE } tp_period_kind;

typedef struct {
    tp_period_kind kind;
    tp_date start, end; /* inclusive */
    char label[32];     /* 2026-Q3, 2026, 2026-07, 2026-07-01..2026-09-30 */
} tp_period;

/* The forms a period is written in, as messages and the usage say them. */
#define TP_PERIOD_FORMS "2026-Q3, 2026, 2026-07 or 2026-07-01..2026-09-30"

/* Parses a period as written after --period (any letter case); false when
 * it is none of TP_PERIOD_FORMS, names no real day, or is a range whose end
 * is before its start. */
bool tp_period_parse(const char *s, tp_period *out);
/* Why s is not a period, for a message after "invalid period 's': " (the
 * day, month or quarter that does not exist, the end before the start, a
 * single day or a timestamp where a range of days is meant, else the forms
 * expected); buf (of size bytes, 96 is enough) may hold it. NULL when
 * tp_period_parse accepts s. */
const char *tp_period_problem(const char *s, char *buf, size_t size);

/* ----------------------------------------------------------------- model */

/* The validated logs (model.h). */
typedef struct tp_model tp_model;

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

/* How many of the model's interactions fall in p. */
size_t tp_period_count(const tp_model *m, const tp_period *p);
/* The UTC date of an ISO 8601 "generated" time; TP_DATE_NONE when s is NULL or not one. */
tp_date tp_today_of(const char *generated);
/* The number of interactions in the model, of every period. */
size_t tp_model_interactions(const tp_model *m);

/* ------------------------------------------------------------ definition */

/* What a report shows and in which order (definition.h). */
typedef struct tp_definition tp_definition;

/* Reads a report definition from path (NULL: the built-in default,
 * reports/quarterly.yaml). Problems go to diags; NULL on error. */
tp_definition *tp_definition_load(tp_arena *a, const char *path, tp_diags *diags);

/* ---------------------------------------------------------------- report */

typedef struct {
    const char *period; /* NULL: default (latest quarter with an interaction) */
    bool anonymize;
    long min_group; /* 1 = nothing hidden */
    const char *lang; /* "en" or "pt" */
    const char *generated; /* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" */
    int jobs; /* periods computed at once; <= 0 means online CPUs */
    /* P's interactions are not listed (tp_report.interactions empty): for a
     * run that writes no workbook, the one format that shows them, so that
     * a busy quarter's rows cost no memory. */
    bool skip_interaction_rows;
} tp_report_options;

/* Everything every renderer reads (report.h). */
typedef struct tp_report tp_report;

/* Computes every figure for the period into a report allocated in arena.
 * Returns TP_OK, TP_ERR_USAGE (opt->period does not parse), TP_ERR_INPUT
 * (no interaction and no period: nothing to report; a message in diags),
 * or TP_ERR_NOMEM. */
tp_status tp_report_build(tp_arena *arena, const tp_model *m, const tp_definition *def,
                          const tp_report_options *opt, tp_diags *diags, tp_report **out);
/* The report's period, and how many interactions fall in it. */
const tp_period *tp_report_period(const tp_report *r);
long tp_report_interactions(const tp_report *r);

/* ---------------------------------------------------------------- output */

enum { TP_FMT_MD = 1, TP_FMT_HTML = 2, TP_FMT_XLSX = 4, TP_FMT_JSON = 8, TP_FMT_ALL = 15 };

/* The flag of a format by its name ("md", "html", "xlsx", "json"), from
 * the writer's one table of formats; 0 for any other name. */
unsigned tp_format_flag(const char *name);

/* Writes the formats asked for into dir (created if missing), charts/ with
 * md or html, all or nothing (SPEC 4: every file complete under a temporary
 * name first, then renamed in a burst; a lock on dir; modes kept). The
 * workbook is written by a child process. template_dir holds report.html.
 * On failure *failed_path names the file (in arena). */
tp_status tp_write_report(tp_arena *arena, const tp_report *r, const char *dir, unsigned formats,
                          const char *template_dir, const char **failed_path);

/* For a handler of a signal that ends the process (SIGINT, SIGTERM): takes
 * back the temporary folder of the report or benchmark being written, if
 * any, and stops its workbook, so nothing of the run is left in the output
 * folder; what was published before stays. Async-signal-safe. */
void tp_write_abandon(void);

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

typedef struct {
    const char *period;   /* NULL: the latest quarter holding an interaction in any directory source */
    bool anonymize;
    const char *focus;    /* NULL or an organisation's name */
    const char *lang;
    const char *generated;
    int jobs;             /* organisations processed at once; <= 0: online CPUs */
    bool strict;
} tp_bench_options;

/* The organisations compared for one period (benchmark.h). */
typedef struct tp_benchmark tp_benchmark;

/* Reads every source (a directory of logs or a report.json) and compares
 * them for one period. Problems go to diags. TP_OK, TP_ERR_INPUT,
 * TP_ERR_USAGE (bad period) or TP_ERR_NOMEM. */
tp_status tp_benchmark_build(tp_arena *a, const char *const *sources, size_t n, const tp_bench_options *opt,
                             tp_diags *diags, tp_benchmark **out);
/* The benchmark's period, and how many organisations it compares. */
const tp_period *tp_benchmark_period(const tp_benchmark *b);
size_t tp_benchmark_orgs(const tp_benchmark *b);
/* Writes benchmark.{md,html,xlsx,json} as asked into dir, all or nothing
 * like tp_write_report (the same writer). */
tp_status tp_write_benchmark(tp_arena *arena, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed_path);

#endif
