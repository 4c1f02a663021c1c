/* benchmark.c — compare organisations (SPEC §7): each source is a directory
 * of one organisation's logs or a report.json that `touchpoint report`
 * wrote; directories are read and measured in parallel. */
#include "arena.h"
#include "benchmark.h"
#include "calc.h"
#include "diag.h"
#include "files.h"
#include "kpi.h"
#include "model.h"
#include "parallel.h"
#include "period.h"
#include "sha256.h"
#include "stats.h"
#include "yamlread.h"

#include <errno.h>
#include <dirent.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The benchmark's columns (SPEC §7), each a figure of the one table
 * (tp_kpi_defs, kpi.c) by its path, which says whether it reads as a
 * percentage and whether lower is better. A rate column names the counts
 * it is k of n of (n the sum of up to three); the column of a count
 * (at_risk) is its share of n. */
static const struct {
    const char *key;  /* in benchmark.json */
    const char *kpi;  /* the figure in tp_kpi_defs */
    const char *k;    /* a rate's numerator; NULL for the other columns */
    const char *n[3]; /* its denominator: the sum of these */
} S_COLS[TP_NCOLS] = {
    [TP_COL_CONTACT_RATE] = {"contact_rate", "contact_rate", "with_contact", {"it_staff"}},
    [TP_COL_REGULAR_RATE] = {"regular_rate", "regular_rate", "regular", {"it_staff"}},
    [TP_COL_HOURS_PER_HEAD] = {"contact_hours_per_head", "contact_hours_per_head", NULL, {NULL}},
    [TP_COL_BACON_MEDIAN] = {"bacon_median", "bacon.median", NULL, {NULL}},
    [TP_COL_AT_RISK_SHARE] = {"at_risk_share", "at_risk", "at_risk", {"it_staff"}},
    [TP_COL_ATTESTED_RATE] = {"attested_rate", "attested_rate", "actions_attested", {"actions_done"}},
    [TP_COL_REQUEST_COVERAGE] = {"request_coverage", "requests.coverage", "requests.covered",
                                 {"requests.covered", "requests.planned", "requests.gap"}},
};

const char *tp_bench_column(int col) { return col >= 0 && col < TP_NCOLS ? S_COLS[col].key : "?"; }

static const tp_kpi_def *S_col_def(int col) { return tp_kpi_find(S_COLS[col].kpi); }

bool tp_bench_ratio(int col)
{
    tp_kpi_kind kind = S_col_def(col)->kind;
    return kind == TP_KPI_RATIO || kind == TP_KPI_COUNT; /* a count's column is a share */
}

bool tp_bench_lower_better(int col) { return S_col_def(col)->better < 0; }

const tp_period *tp_benchmark_period(const tp_benchmark *b) { return &b->period; }

size_t tp_benchmark_orgs(const tp_benchmark *b) { return b->norgs; }

/* One source while it is being read. */
typedef struct {
    const char *given; /* the SOURCE as given */
    const char *path;  /* what is read: given, or its report.json */
    bool is_dir;
    tp_arena *arena;   /* a directory's own, adopted when done */
    tp_diags diags;
    tp_model *model;
    tp_status status;
    const char *name;  /* organisation name, or NULL */
    tp_loc name_loc;
    double values[TP_NCOLS];
    long k[TP_NCOLS], n[TP_NCOLS];
} source;

static long S_count(const tp_kpis *k, const char *path) { return (long)tp_kpi_value(k, tp_kpi_find(path)); }

/* A source's columns from its period's figures, read, not worked out
 * again (tp_kpis_rates: null when n is 0): every rate is the k / n given
 * with it, so its value, its interval and its test agree (SPEC §7). */
static void S_values_from_kpis(const tp_kpis *k, source *s)
{
    for (int c = 0; c < TP_NCOLS; c++) {
        const tp_kpi_def *d = S_col_def(c);
        s->values[c] = tp_kpi_value(k, d);
        s->k[c] = s->n[c] = -1;
        if (!S_COLS[c].k)
            continue;
        s->k[c] = S_count(k, S_COLS[c].k);
        s->n[c] = 0;
        for (size_t j = 0; j < 3 && S_COLS[c].n[j]; j++)
            s->n[c] += S_count(k, S_COLS[c].n[j]);
        if (d->kind == TP_KPI_COUNT)
            s->values[c] = tp_rate(s->k[c], s->n[c]);
    }
}

/* Appends path to v unless it is NULL or there already. */
static void S_add_path(const char **v, size_t *n, const char *path)
{
    for (size_t i = 0; path && i < *n; i++)
        if (!strcmp(v[i], path))
            return;
    if (path)
        v[(*n)++] = path;
}

/* ---------------------------------------------------------- directories */

typedef struct {
    source *src;
    int file_jobs;
    bool strict;
    tp_date today; /* a date after it is a warning (SPEC §1) */
    tp_period period;
} source_set;

/* Reads directory source i into its own arena. */
static void S_read_dir(void *ctx, size_t i)
{
    source_set *q = ctx;
    source *s = &q->src[i];
    if (!s->is_dir)
        return;
    s->arena = tp_arena_new();
    if (!s->arena) {
        s->status = TP_ERR_NOMEM;
        return;
    }
    tp_diags_init(&s->diags, s->arena);
    tp_read_options ro = {.strict = q->strict, .jobs = q->file_jobs, .skip_notes = true, .today = q->today,
                          .check_future = q->today != TP_DATE_NONE};
    const char *paths[] = {s->path};
    s->status = tp_read(s->arena, paths, 1, &ro, &s->diags, &s->model);
}

/* The period's figures of directory source i. */
static void S_measure_dir(void *ctx, size_t i)
{
    source_set *q = ctx;
    source *s = &q->src[i];
    if (!s->is_dir || !s->model)
        return;
    tp_period_calc calc;
    s->status = tp_calc_period(s->arena, s->model, &q->period, &calc);
    if (s->status != TP_OK)
        return;
    tp_kpis k;
    if ((s->status = tp_calc_kpis(&calc, &k)) != TP_OK)
        return;
    S_values_from_kpis(&k, s);
    s->name = s->model->organization;
}

/* ---------------------------------------------------------- report.json */

/* Whether s is a JSON number (RFC 8259: no NaN, no Infinity, no hex). */
static bool S_json_number(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return false;
    if (*p == '.') {
        if (!(*++p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p += p[1] == '+' || p[1] == '-' ? 2 : 1;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* A number at a path of keys; NaN for null; false when missing, not a
 * number as JSON writes one, or too large for a double (1e999). */
static bool S_num(const tp_node *root, double *out, const char *k1, const char *k2, const char *k3)
{
    const tp_node *n = tp_node_get(root, k1);
    if (k2)
        n = tp_node_get(n, k2);
    if (k3)
        n = tp_node_get(n, k3);
    if (!n)
        return false;
    if (n->kind == TP_NODE_NULL) {
        *out = NAN;
        return true;
    }
    if (n->kind != TP_NODE_SCALAR || !n->plain || !S_json_number(n->str))
        return false;
    *out = strtod(n->str, NULL);
    return isfinite(*out);
}

/* The number at kpis.PATH ("requests.gap": kpis, requests, gap), as S_num. */
static bool S_kpi_num(const tp_node *root, const char *path, double *out)
{
    char group[32];
    const char *dot = strchr(path, '.');
    if (!dot)
        return S_num(root, out, "kpis", path, NULL);
    snprintf(group, sizeof group, "%.*s", (int)(dot - path), path);
    return S_num(root, out, "kpis", group, dot + 1);
}

static tp_loc S_at(const char *file, const tp_node *n) { return (tp_loc){file, n ? n->line : 0, n ? n->col : 0}; }

/* Reads a report.json's figures; its period label goes to *label. */
static void S_read_json(tp_arena *a, source *s, tp_diags *diags, const char **label, const tp_node **label_node)
{
    tp_file f = {s->path, s->path};
    char *data;
    size_t len;
    int err;
    tp_status st = tp_read_file(&f, &data, &len, &err);
    if (st != TP_OK) {
        if (st == TP_ERR_NOMEM)
            diags->nomem = true;
        else
            tp_diag_add(diags, (tp_loc){s->path, 0, 0}, TP_ERROR, "cannot read: %s", strerror(err));
        return;
    }
    tp_node **docs;
    size_t ndocs;
    size_t errors = diags->errors;
    st = tp_yaml_parse(a, s->path, data, len, diags, &docs, &ndocs);
    free(data);
    if (st != TP_OK) {
        diags->nomem = true;
        return;
    }
    if (diags->errors != errors)
        return;
    const tp_node *root = ndocs ? docs[0] : NULL;
    const tp_node *schema = tp_node_get(root, "schema");
    if (!schema || !schema->str || strcmp(schema->str, "touchpoint/report-v1") != 0) {
        tp_diag_add(diags, S_at(s->path, schema ? schema : root), TP_ERROR,
                    "not a touchpoint report (expected schema touchpoint/report-v1%s%s)", schema && schema->str ? ", found " : "",
                    schema && schema->str ? schema->str : "");
        return;
    }
    const tp_node *org = tp_node_get(root, "organization");
    if (org && org->kind == TP_NODE_SCALAR) {
        s->name = org->str;
        s->name_loc = S_at(s->path, org);
    }
    /* Its period, whole: a label that parses, and the start and end that
     * label means (a report.json edited by hand must not pass for another). */
    const tp_node *pn = tp_node_get(root, "period");
    *label_node = tp_node_get(pn, "label");
    *label = *label_node && (*label_node)->kind == TP_NODE_SCALAR ? (*label_node)->str : NULL;
    const tp_node *start = tp_node_get(pn, "start"), *end = tp_node_get(pn, "end");
    tp_period lp;
    bool holds = *label && tp_period_parse(*label, &lp) && start && start->str && end && end->str;
    if (holds) {
        char ws[16], we[16];
        tp_date_format(lp.start, ws);
        tp_date_format(lp.end, we);
        holds = !strcmp(start->str, ws) && !strcmp(end->str, we);
    }
    if (!holds) {
        tp_diag_add(diags, S_at(s->path, pn ? pn : root), TP_ERROR,
                    "report's period is missing or does not hold together (expected label, start and end, such as "
                    "2026-Q3, 2026-07-01 and 2026-09-30)");
        *label = NULL;
        return;
    }
    /* The counts behind every rate column (each rate's n, then its k), so a
     * report.json source has intervals and tests too, then the figures of
     * the columns that are not rates. */
    const char *counts[4 * TP_NCOLS], *others[TP_NCOLS];
    size_t ncounts = 0, nothers = 0;
    for (int c = 0; c < TP_NCOLS; c++) {
        for (size_t j = 0; j < 3 && S_COLS[c].k; j++)
            S_add_path(counts, &ncounts, S_COLS[c].n[j]);
        S_add_path(counts, &ncounts, S_COLS[c].k);
        if (!S_COLS[c].k)
            others[nothers++] = S_COLS[c].kpi;
    }
    tp_kpis k = {0};
    for (size_t i = 0; i < ncounts; i++) {
        double v;
        if (!S_kpi_num(root, counts[i], &v) || !(v >= 0 && v <= 1e15 && v == floor(v))) {
            tp_diag_add(diags, S_at(s->path, root), TP_ERROR, "report is missing kpis.%s, or it is not a count",
                        counts[i]);
            return;
        }
        tp_kpi_set(&k, tp_kpi_find(counts[i]), v);
    }
    for (size_t i = 0; i < nothers; i++) {
        double v;
        bool whole = tp_kpi_find(others[i])->kind == TP_KPI_BACON; /* a median of whole numbers (SPEC §3) */
        if (!S_kpi_num(root, others[i], &v) || !(isnan(v) || (v >= 0 && (!whole || v == floor(v))))) {
            tp_diag_add(diags, S_at(s->path, root), TP_ERROR, "report is missing kpis.%s, or it is not %s", others[i],
                        whole ? "a whole number ≥ 0 or null" : "a number ≥ 0 or null");
            return;
        }
        tp_kpi_set(&k, tp_kpi_find(others[i]), v);
    }
    if (k.with_contact > k.it_staff || k.regular > k.with_contact || k.at_risk > k.it_staff ||
        k.actions_attested > k.actions_done) {
        tp_diag_add(diags, S_at(s->path, root), TP_ERROR,
                    "report's kpis do not add up (with_contact, regular and at_risk are at most it_staff, "
                    "actions_attested at most actions_done)");
        return;
    }
    tp_kpis_rates(&k); /* from the counts read, as a report worked them out */
    S_values_from_kpis(&k, s);
}

/* ------------------------------------------------------ ranks and medians */

static int S_cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static tp_status S_ranks(tp_benchmark *b)
{
    double *v = malloc((b->norgs ? b->norgs : 1) * sizeof *v);
    if (!v)
        return TP_ERR_NOMEM;
    for (int c = 0; c < TP_NCOLS; c++) {
        size_t count = 0;
        for (size_t i = 0; i < b->norgs; i++)
            if (!isnan(b->orgs[i].values[c]))
                v[count++] = b->orgs[i].values[c];
        for (size_t i = 0; i < b->norgs; i++) {
            double x = b->orgs[i].values[c];
            b->orgs[i].ranks[c] = NAN;
            if (isnan(x))
                continue;
            size_t below = 0, equal = 0;
            for (size_t j = 0; j < count; j++) {
                below += v[j] < x;
                equal += v[j] == x;
            }
            b->orgs[i].ranks[c] = 100.0 * ((double)below + 0.5 * (double)equal) / (double)count;
        }
    }
    free(v);
    return TP_OK;
}

/* The ordinary median (the mean of the two middle values when their number
 * is even) per column, over every organisation but the focus one. */
static tp_status S_peer_median(tp_benchmark *b)
{
    double *v = malloc((b->norgs ? b->norgs : 1) * sizeof *v);
    if (!v)
        return TP_ERR_NOMEM;
    b->npeers = 0;
    for (size_t i = 0; i < b->norgs; i++)
        b->npeers += !b->orgs[i].focus;
    for (int c = 0; c < TP_NCOLS; c++) {
        size_t count = 0;
        for (size_t i = 0; i < b->norgs; i++)
            if (!b->orgs[i].focus && !isnan(b->orgs[i].values[c]))
                v[count++] = b->orgs[i].values[c];
        b->peer_median[c] = NAN;
        if (count) {
            qsort(v, count, sizeof *v, S_cmp_double);
            b->peer_median[c] = count % 2 ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
        }
    }
    free(v);
    return TP_OK;
}

/* Each rate's Wilson interval, and with --focus the Fisher test of the
 * focus organisation against the others pooled (contact and regular rate). */
static void S_intervals_and_tests(tp_benchmark *b)
{
    for (size_t i = 0; i < b->norgs; i++)
        for (int c = 0; c < TP_NCOLS; c++) {
            tp_bench_org *o = &b->orgs[i];
            o->ci95[c][0] = o->ci95[c][1] = NAN;
            if (o->n[c] > 0)
                tp_wilson(o->k[c], o->n[c], &o->ci95[c][0], &o->ci95[c][1]);
        }
    for (int c = 0; c < TP_NCOLS; c++) {
        b->focus_p[c] = NAN;
        b->peers_k[c] = b->peers_n[c] = 0;
        for (size_t i = 0; i < b->norgs; i++)
            if (!b->orgs[i].focus && b->orgs[i].n[c] > 0) {
                b->peers_k[c] += b->orgs[i].k[c];
                b->peers_n[c] += b->orgs[i].n[c];
            }
        b->peers_rate[c] = tp_rate(b->peers_k[c], b->peers_n[c]);
    }
    const tp_bench_org *f = b->focus;
    if (!f || !b->npeers)
        return;
    static const int tested[] = {TP_COL_CONTACT_RATE, TP_COL_REGULAR_RATE};
    for (size_t t = 0; t < sizeof tested / sizeof *tested; t++) {
        int c = tested[t];
        long k = b->peers_k[c], n = b->peers_n[c];
        b->focus_p[c] = tp_fisher_exact(f->k[c], f->n[c] - f->k[c], k, n - k);
    }
}

/* "A".."Z", "AA", ...: bijective base 26. */
static void S_letters(size_t i, char *out)
{
    char tmp[16];
    int n = 0;
    for (size_t x = i + 1; x > 0; x = (x - 1) / 26)
        tmp[n++] = (char)('A' + (x - 1) % 26);
    for (int k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    out[n] = '\0';
}

typedef struct {
    char hash[65];
    size_t org;
} hashed;

static int S_cmp_hashed(const void *x, const void *y) { return strcmp(((const hashed *)x)->hash, ((const hashed *)y)->hash); }

static tp_status S_anonymize(tp_arena *a, tp_benchmark *b)
{
    hashed *h = malloc((b->norgs ? b->norgs : 1) * sizeof *h);
    if (!h)
        return TP_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < b->norgs; i++)
        if (!b->orgs[i].focus) {
            tp_sha256_hex(b->orgs[i].name, strlen(b->orgs[i].name), h[n].hash);
            h[n++].org = i;
        }
    qsort(h, n, sizeof *h, S_cmp_hashed);
    for (size_t k = 0; k < n; k++) {
        char letters[16];
        S_letters(k, letters);
        tp_bench_org *o = &b->orgs[h[k].org];
        o->name = o->source = tp_sprintf(a, "Organization %s", letters);
        if (!o->name) {
            free(h);
            return TP_ERR_NOMEM;
        }
    }
    free(h);
    return TP_OK;
}

static int S_cmp_org(const void *x, const void *y)
{
    return strcmp(((const tp_bench_org *)x)->name, ((const tp_bench_org *)y)->name);
}

/* ------------------------------------------------------------- building */

static const char *S_base_name(tp_arena *a, const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    return tp_strndup(a, path + start, len - start);
}

/* What a directory holds: log files (as the reader finds them) and files
 * named report.json, at its top or below. */
typedef struct {
    bool logs, top_report, deeper_report, nomem;
} S_holdings;

static void S_survey(const char *dir, int depth, S_holdings *h)
{
    DIR *d = depth <= 64 ? opendir(dir) : NULL;
    if (!d)
        return; /* the reader says why, if it matters */
    struct dirent *e;
    while (!h->nomem && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        if (!path) {
            h->nomem = true;
            break;
        }
        snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        size_t nl = strlen(e->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            S_survey(path, depth + 1, h);
        else if ((nl > 5 && !strcmp(e->d_name + nl - 5, ".yaml")) || (nl > 4 && !strcmp(e->d_name + nl - 4, ".yml")))
            h->logs = true;
        else if (!strcmp(e->d_name, "report.json"))
            *(depth ? &h->deeper_report : &h->top_report) = true;
        free(path);
    }
    closedir(d);
}

/* "DIR/" followed by "*": how to name each organisation of a folder of several. */
static const char *S_each(tp_arena *a, const char *dir)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    return tp_sprintf(a, "%.*s/*", (int)len, dir);
}

/* Each source is a directory of logs or a report.json; a directory holding
 * no log file but a report.json at its top is read as that report.json. */
static tp_status S_classify(tp_arena *a, source *src, size_t n, tp_diags *diags)
{
    for (size_t i = 0; i < n; i++) {
        source *s = &src[i];
        struct stat st;
        if (stat(s->path, &st) != 0) {
            tp_diag_add(diags, (tp_loc){s->path, 0, 0}, TP_ERROR, "cannot read: %s", strerror(errno));
            s->status = TP_ERR_INPUT;
            continue;
        }
        s->is_dir = S_ISDIR(st.st_mode);
        if (!s->is_dir)
            continue;
        S_holdings h = {0};
        S_survey(s->path, 0, &h);
        const char *each = S_each(a, s->given);
        if (h.nomem || !each)
            return TP_ERR_NOMEM;
        tp_loc at = {s->given, 0, 0};
        if (h.logs && h.top_report && !h.deeper_report) { /* a report written into its own logs' folder */
            const char *sep = s->given[strlen(s->given) - 1] == '/' ? "" : "/";
            tp_diag_add(diags, at, TP_ERROR,
                        "holds logs and a report.json beside them (a report written into its logs' folder?): "
                        "move the report.json out to compare the logs, or give %s%sreport.json",
                        s->given, sep);
        } else if (h.logs && (h.top_report || h.deeper_report)) {
            tp_diag_add(diags, at, TP_ERROR,
                        "holds logs and report.json files; each organisation is a SOURCE of its own, e.g. %s", each);
        } else if (!h.logs && h.top_report) {
            s->is_dir = false;
            s->path = tp_sprintf(a, "%s%sreport.json", s->given, s->given[strlen(s->given) - 1] == '/' ? "" : "/");
            if (!s->path)
                return TP_ERR_NOMEM;
            continue;
        } else if (!h.logs && h.deeper_report) {
            tp_diag_add(diags, at, TP_ERROR,
                        "holds report.json files below its top and no log file; each organisation is a SOURCE of its "
                        "own, e.g. %s",
                        each);
        } else if (!h.logs) {
            tp_diag_add(diags, at, TP_ERROR, "holds no log file (*.yaml, *.yml) and no report.json");
        } else {
            continue;
        }
        s->is_dir = false;
        s->status = TP_ERR_INPUT;
    }
    return TP_OK;
}

/* The period: -p, else the latest quarter holding an interaction in any directory source, else the first report's. */
static tp_status S_period(const tp_bench_options *opt, source *src, size_t n, const char **labels, tp_diags *diags,
                          tp_period *p)
{
    if (opt->period) {
        if (tp_period_parse(opt->period, p))
            return TP_OK;
        char why[96];
        tp_diag_add(diags, (tp_loc){"--period", 0, 0}, TP_ERROR, "invalid period '%s': %s", opt->period,
                    tp_period_problem(opt->period, why, sizeof why));
        return TP_ERR_USAGE;
    }
    /* The default of SPEC §2 over every directory source: the latest
     * interaction date not after today, else the latest of all. */
    tp_date today = tp_today_of(opt->generated), past = TP_DATE_NONE, last = TP_DATE_NONE;
    for (size_t i = 0; i < n; i++) {
        const tp_model *m = src[i].model;
        if (!m || !m->ninteractions)
            continue;
        tp_date a = tp_latest_date(m->dates, m->ninteractions, today), b = m->last_date;
        if (today == TP_DATE_NONE || a <= today)
            past = past == TP_DATE_NONE || a > past ? a : past;
        last = last == TP_DATE_NONE || b > last ? b : last;
    }
    if (past != TP_DATE_NONE)
        last = past;
    if (last != TP_DATE_NONE) {
        *p = tp_period_quarter_of(last);
        return TP_OK;
    }
    for (size_t i = 0; i < n; i++)
        if (labels[i] && tp_period_parse(labels[i], p))
            return TP_OK;
    tp_diag_add(diags, (tp_loc){NULL, 0, 0}, TP_ERROR, "nothing to compare: no source holds an interaction");
    return TP_ERR_INPUT;
}

/* Whether two paths name the same file or folder (a glob and a path). */
static bool S_same_source(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static void S_check_names(source *src, size_t n, tp_diags *diags)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++) {
            if (!src[i].name || !src[j].name || strcmp(src[i].name, src[j].name) != 0)
                continue;
            tp_loc at = src[i].name_loc.file ? src[i].name_loc : (tp_loc){src[i].path, 0, 0};
            if (S_same_source(src[i].path, src[j].path))
                tp_diag_add(diags, (tp_loc){src[i].path, 0, 0}, TP_ERROR,
                            "the same source as %s, given twice (give it once)", src[j].given);
            else
                tp_diag_add(diags, at, TP_ERROR, "organization '%s' is also the organisation of %s", src[i].name,
                            src[j].given);
        }
}

tp_status tp_benchmark_build(tp_arena *a, const char *const *sources, size_t n, const tp_bench_options *opt,
                             tp_diags *diags, tp_benchmark **out)
{
    *out = NULL;
    source *src = tp_calloc(a, n ? n : 1, sizeof *src);
    const char **labels = tp_calloc(a, n ? n : 1, sizeof *labels);
    const tp_node **label_nodes = tp_calloc(a, n ? n : 1, sizeof *label_nodes);
    tp_benchmark *b = tp_calloc(a, 1, sizeof *b);
    if (!src || !labels || !label_nodes || !b)
        return TP_ERR_NOMEM;
    tp_status st;
    for (size_t i = 0; i < n; i++)
        src[i].given = src[i].path = sources[i];
    if ((st = S_classify(a, src, n, diags)) != TP_OK)
        return st;
    int jobs = tp_jobs(opt->jobs);
    size_t ndirs = 0;
    for (size_t i = 0; i < n; i++)
        ndirs += src[i].is_dir;
    /* Organisations in parallel; a lone one reads its files in parallel instead. */
    source_set q = {.src = src, .strict = opt->strict, .today = tp_today_of(opt->generated)};
    q.file_jobs = ndirs ? (jobs + (int)ndirs - 1) / (int)ndirs : 1;
    tp_parallel_for(n, jobs, S_read_dir, &q);
    for (size_t i = 0; i < n; i++) {
        source *s = &src[i];
        if (s->is_dir) {
            if (s->arena)
                tp_diags_merge(diags, &s->diags);
            if (s->status == TP_ERR_NOMEM || !s->arena || s->diags.nomem)
                st = TP_ERR_NOMEM;
        } else if (s->status == TP_OK) {
            S_read_json(a, s, diags, &labels[i], &label_nodes[i]);
        }
    }
    if (st == TP_OK && diags->nomem)
        st = TP_ERR_NOMEM;
    if (st == TP_OK && !tp_diags_failed(diags))
        st = S_period(opt, src, n, labels, diags, &b->period);
    if (st == TP_OK && !tp_diags_failed(diags)) {
        q.period = b->period;
        tp_parallel_for(n, jobs, S_measure_dir, &q);
        for (size_t i = 0; i < n; i++) {
            if (src[i].is_dir && src[i].status == TP_ERR_NOMEM)
                st = TP_ERR_NOMEM;
            if (!src[i].is_dir && labels[i] && strcmp(labels[i], b->period.label) != 0)
                tp_diag_add(diags, S_at(src[i].path, label_nodes[i]), TP_ERROR,
                            "report of period %s, not %s: every source must be of the same period", labels[i],
                            b->period.label);
            if (src[i].is_dir && src[i].status == TP_OK && !tp_period_count(src[i].model, &b->period))
                tp_diag_add(diags, (tp_loc){src[i].path, 0, 0}, TP_WARNING, "no interaction in %s",
                            b->period.label); /* compared, honestly empty, with a word (SPEC §2) */
            if (src[i].status == TP_OK && src[i].n[TP_COL_CONTACT_RATE] == 0)
                tp_diag_add(diags, (tp_loc){src[i].path, 0, 0}, TP_ERROR,
                            "no IT staff in %s: an organisation without IT staff in the period has no rate to compare",
                            b->period.label);
            if (!src[i].name)
                src[i].name = S_base_name(a, src[i].given);
            if (!src[i].name)
                st = TP_ERR_NOMEM;
        }
        S_check_names(src, n, diags);
    }
    for (size_t i = 0; i < n; i++)
        tp_arena_adopt(a, src[i].arena); /* names and messages live there */
    if (st != TP_OK)
        return st;
    if (tp_diags_failed(diags))
        return TP_ERR_INPUT;
    b->opt = opt;
    b->generated = opt->generated;
    b->reference_contact_rate = 0.65;
    b->orgs = tp_calloc(a, n ? n : 1, sizeof *b->orgs);
    if (!b->orgs)
        return TP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        tp_bench_org *o = &b->orgs[b->norgs++];
        o->name = src[i].name;
        o->source = src[i].given;
        o->focus = opt->focus && !strcmp(opt->focus, src[i].name);
        memcpy(o->values, src[i].values, sizeof o->values);
        memcpy(o->k, src[i].k, sizeof o->k);
        memcpy(o->n, src[i].n, sizeof o->n);
    }
    bool found = !opt->focus;
    for (size_t i = 0; i < b->norgs; i++)
        found |= b->orgs[i].focus;
    if (!found) {
        tp_diag_add(diags, (tp_loc){"--focus", 0, 0}, TP_ERROR, "no organisation is named '%s'", opt->focus);
        return TP_ERR_USAGE;
    }
    if ((st = S_ranks(b)) != TP_OK || (st = S_peer_median(b)) != TP_OK)
        return st;
    if (opt->anonymize && (st = S_anonymize(a, b)) != TP_OK)
        return st;
    qsort(b->orgs, b->norgs, sizeof *b->orgs, S_cmp_org);
    for (size_t i = 0; i < b->norgs; i++)
        if (b->orgs[i].focus)
            b->focus = &b->orgs[i];
    S_intervals_and_tests(b);
    *out = b;
    return TP_OK;
}
