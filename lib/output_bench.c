/* output_bench.c — writes benchmark.{json,md,html,xlsx} into the output directory, each atomically. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef tp_status (*render_fn)(const tp_benchmark *, tp_buf *);

static tp_status S_one(tp_arena *a, const tp_benchmark *b, const char *dir, const char *name, render_fn fn,
                       const char **failed)
{
    tp_buf buf;
    tp_buf_init(&buf);
    tp_status st = fn(b, &buf);
    const char *path = tp_sprintf(a, "%s/%s", dir, name);
    if (st == TP_OK && !path)
        st = TP_ERR_NOMEM;
    if (st == TP_OK) {
        st = tp_write_file_atomic(path, buf.data ? buf.data : "", buf.len);
        if (st != TP_OK && failed)
            *failed = path;
    }
    tp_buf_free(&buf);
    return st;
}

/* Writes the charts into dir/charts. */
static tp_status S_charts(tp_arena *a, const tp_benchmark *b, const char *dir, const char **failed)
{
    tp_chart *charts;
    size_t n;
    tp_status st = tp_render_bench_charts(a, b, &charts, &n);
    const char *cdir = tp_sprintf(a, "%s/charts", dir);
    if (st != TP_OK || !cdir)
        return st != TP_OK ? st : TP_ERR_NOMEM;
    if (!tp_mkdir_p(cdir)) {
        if (failed)
            *failed = cdir;
        return TP_ERR_OUTPUT;
    }
    for (size_t i = 0; i < n && st == TP_OK; i++) {
        const char *path = tp_sprintf(a, "%s/%s", cdir, charts[i].name);
        st = path ? tp_write_file_atomic(path, charts[i].svg, strlen(charts[i].svg)) : TP_ERR_NOMEM;
        if (st == TP_ERR_OUTPUT && failed)
            *failed = path;
    }
    return st;
}

static tp_status S_html(tp_arena *a, const tp_benchmark *b, const char *dir, const char *template_dir,
                        const char **failed)
{
    char *tpl;
    const char *tpath;
    tp_status st = tp_read_template(a, template_dir, &tpl, &tpath);
    if (st != TP_OK) {
        if (failed)
            *failed = tpath;
        return st;
    }
    tp_buf buf;
    tp_buf_init(&buf);
    st = tp_render_bench_html(b, tpl, &buf);
    const char *path = tp_sprintf(a, "%s/benchmark.html", dir);
    if (st == TP_OK && !path)
        st = TP_ERR_NOMEM;
    if (st == TP_OK && (st = tp_write_file_atomic(path, buf.data ? buf.data : "", buf.len)) != TP_OK && failed)
        *failed = path;
    tp_buf_free(&buf);
    free(tpl);
    return st;
}

static tp_status S_xlsx(tp_arena *a, const tp_benchmark *b, const char *dir, const char **failed)
{
    const char *path = tp_sprintf(a, "%s/benchmark.xlsx", dir);
    char *tmp = path ? tp_temp_name(path) : NULL;
    if (!tmp)
        return TP_ERR_NOMEM;
    int fd = mkstemp(tmp);
    tp_status st = fd < 0 ? TP_ERR_OUTPUT : TP_OK;
    if (fd >= 0)
        close(fd);
    if (st == TP_OK)
        st = tp_render_bench_xlsx(b, tmp);
    if (st == TP_OK && rename(tmp, path) != 0)
        st = TP_ERR_OUTPUT;
    if (st == TP_OK)
        tp_sync_dir_of(path);
    else if (fd >= 0)
        unlink(tmp);
    if (st == TP_ERR_OUTPUT && failed)
        *failed = path;
    free(tmp);
    return st;
}

tp_status tp_write_benchmark(tp_arena *a, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed)
{
    if (failed)
        *failed = dir;
    if (!tp_mkdir_p(dir))
        return TP_ERR_OUTPUT;
    if (failed)
        *failed = NULL;
    tp_status st = TP_OK;
    if (formats & (TP_FMT_MD | TP_FMT_HTML))
        st = S_charts(a, b, dir, failed);
    if (st == TP_OK && (formats & TP_FMT_MD))
        st = S_one(a, b, dir, "benchmark.md", tp_render_bench_md, failed);
    if (st == TP_OK && (formats & TP_FMT_HTML))
        st = S_html(a, b, dir, template_dir, failed);
    if (st == TP_OK && (formats & TP_FMT_JSON))
        st = S_one(a, b, dir, "benchmark.json", tp_render_bench_json, failed);
    if (st == TP_OK && (formats & TP_FMT_XLSX))
        st = S_xlsx(a, b, dir, failed);
    return st;
}
