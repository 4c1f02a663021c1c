/* output.c — writes a report or a benchmark: one table of formats, each
 * with its file and its renderer, gone through in one loop for both. The
 * files are published all or nothing (tp_pub in outfile.c), charts/ with
 * md or html; or one format goes to a descriptor. */
#include "benchmark.h"
#include "buf.h"
#include "files.h"
#include "outfile.h"
#include "render.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One format: the -f flags that ask for it, its name (the file's
 * extension; NULL for the charts, which md and html both show) and its
 * renderer for each kind of document. The workbook comes first: its child
 * process works beside the other formats. */
typedef struct {
    unsigned flags;
    const char *name;
    tp_status (*report)(const tp_report *, tp_render_target *);
    tp_status (*bench)(const tp_benchmark *, tp_render_target *);
} S_format;

static const S_format S_formats[] = {
    {TP_FMT_XLSX, "xlsx", tp_render_xlsx, tp_render_bench_xlsx},
    {TP_FMT_MD | TP_FMT_HTML, NULL, tp_render_charts, tp_render_bench_charts},
    {TP_FMT_MD, "md", tp_render_md, tp_render_bench_md},
    {TP_FMT_HTML, "html", tp_render_html, tp_render_bench_html},
    {TP_FMT_JSON, "json", tp_render_json, tp_render_bench_json},
};
#define S_NFORMATS (sizeof S_formats / sizeof S_formats[0])

unsigned tp_format_flag(const char *name)
{
    for (size_t i = 0; i < S_NFORMATS; i++)
        if (S_formats[i].name && !strcmp(S_formats[i].name, name))
            return S_formats[i].flags;
    return 0;
}

/* What is written: a report or a benchmark, and the stem of its files. */
typedef struct {
    const tp_report *r;
    const tp_benchmark *b;
    const char *stem;
} S_doc;

/* One format of a document, while it is written. */
typedef struct {
    const S_doc *doc;
    const S_format *f;
    tp_arena *arena;
    const char **failed;
} S_job;

static tp_status S_render(const S_doc *d, const S_format *f, tp_render_target *t)
{
    return d->r ? f->report(d->r, t) : f->bench(d->b, t);
}

tp_status tp_read_template(tp_arena *a, const char *template_dir, char **text, const char **path)
{
    *text = NULL;
    *path = NULL;
    if (!template_dir)
        return TP_OK;
    if (!(*path = tp_sprintf(a, "%s/report.html", template_dir)))
        return TP_ERR_NOMEM;
    tp_file f = {*path, *path};
    size_t len;
    int err;
    tp_status st = tp_read_file(&f, text, &len, &err);
    if (st == TP_ERR_INPUT) {
        errno = err;
        return TP_ERR_OUTPUT;
    }
    if (st == TP_OK) {
        char *z = realloc(*text, len + 1); /* NUL-terminated for the renderer */
        if (!z) {
            free(*text);
            *text = NULL;
            return TP_ERR_NOMEM;
        }
        z[len] = '\0';
        *text = z;
    }
    return st;
}

/* A text format into out; the page reads its template first (one that
 * cannot be read is named in *failed). */
static tp_status S_text(const S_job *j, const char *template_dir, tp_buf *out)
{
    tp_render_target t = {.out = out};
    char *tpl = NULL;
    if (j->f->flags == TP_FMT_HTML) {
        const char *tpath;
        tp_status st = tp_read_template(j->arena, template_dir, &tpl, &tpath);
        if (st != TP_OK) {
            if (j->failed && tpath)
                *j->failed = tpath;
            return st;
        }
        t.template_text = tpl;
    }
    tp_status st = S_render(j->doc, j->f, &t);
    free(tpl);
    return st;
}

/* The workbook, in the child process tp_pub_workbook starts. */
static tp_status S_workbook(const void *ctx, const char *path)
{
    const S_job *j = ctx;
    tp_render_target t = {.path = path};
    return S_render(j->doc, j->f, &t);
}

static tp_status S_charts(const S_job *j, tp_pub *p)
{
    tp_render_target t = {.arena = j->arena};
    tp_status st = S_render(j->doc, j->f, &t);
    for (size_t i = 0; i < t.ncharts && st == TP_OK; i++) {
        const char *name = tp_sprintf(j->arena, "charts/%s", t.charts[i].name);
        st = name ? tp_pub_add(p, name, t.charts[i].svg, strlen(t.charts[i].svg)) : TP_ERR_NOMEM;
    }
    return st;
}

static tp_status S_one(const S_job *j, tp_pub *p, const char *template_dir)
{
    const char *name = j->f->name ? tp_sprintf(j->arena, "%s.%s", j->doc->stem, j->f->name) : NULL;
    if (j->f->name && !name)
        return TP_ERR_NOMEM;
    if (!j->f->name)
        return S_charts(j, p);
    if (j->f->flags == TP_FMT_XLSX)
        return tp_pub_workbook(p, name, S_workbook, j);
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_text(j, template_dir, &b);
    if (st == TP_OK)
        st = tp_pub_add(p, name, b.data ? b.data : "", b.len);
    tp_buf_free(&b);
    return st;
}

/* Every format asked for, in the table's order, then all published at once. */
static tp_status S_write(tp_arena *arena, const S_doc *d, const char *dir, unsigned formats,
                         const char *template_dir, const char **failed)
{
    if (failed)
        *failed = NULL;
    S_job jobs[S_NFORMATS]; /* live until the commit: the workbook's child reads its job */
    tp_pub *p;
    tp_status st = tp_pub_begin(arena, dir, failed, &p);
    for (size_t i = 0; i < S_NFORMATS && st == TP_OK; i++) {
        jobs[i] = (S_job){d, &S_formats[i], arena, failed};
        if (formats & S_formats[i].flags)
            st = S_one(&jobs[i], p, template_dir);
    }
    if (st == TP_OK)
        st = tp_pub_commit(p);
    tp_pub_end(p);
    return st;
}

tp_status tp_write_report(tp_arena *arena, const tp_report *r, const char *dir, unsigned formats,
                          const char *template_dir, const char **failed_path)
{
    S_doc d = {.r = r, .stem = "report"};
    return S_write(arena, &d, dir, formats, template_dir, failed_path);
}

tp_status tp_write_benchmark(tp_arena *arena, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed_path)
{
    S_doc d = {.b = b, .stem = "benchmark"};
    return S_write(arena, &d, dir, formats, template_dir, failed_path);
}

tp_status tp_write_report_fd(tp_arena *arena, const tp_report *r, int fd, unsigned format,
                             const char *template_dir, const char **failed_path)
{
    if (failed_path)
        *failed_path = NULL;
    S_doc d = {.r = r, .stem = "report"};
    const S_format *f = NULL; /* the page, or else report.json */
    for (size_t i = 0; i < S_NFORMATS; i++)
        if (S_formats[i].flags == (format == TP_FMT_HTML ? TP_FMT_HTML : TP_FMT_JSON))
            f = &S_formats[i];
    S_job j = {&d, f, arena, failed_path};
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_text(&j, template_dir, &b);
    const char *s = b.data;
    for (size_t left = b.len; st == TP_OK && left;) {
        ssize_t w = write(fd, s, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            st = TP_ERR_OUTPUT;
        else
            s += w, left -= (size_t)w;
    }
    tp_buf_free(&b);
    return st;
}
