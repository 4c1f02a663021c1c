/* output_bench.c — writes benchmark.{json,md,html,xlsx} into the output
 * directory with the report's writer (tp_pub: all or nothing, the workbook
 * read back and synced, modes kept). */
#include "benchmark.h"
#include "buf.h"
#include "outfile.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef tp_status (*render_fn)(const tp_benchmark *, tp_buf *);

static tp_status S_one(tp_pub *p, const tp_benchmark *b, const char *name, render_fn fn)
{
    tp_buf buf;
    tp_buf_init(&buf);
    tp_status st = fn(b, &buf);
    if (st == TP_OK)
        st = tp_pub_add(p, name, buf.data ? buf.data : "", buf.len);
    tp_buf_free(&buf);
    return st;
}

static tp_status S_charts(tp_arena *a, tp_pub *p, const tp_benchmark *b)
{
    tp_chart *charts;
    size_t n;
    tp_status st = tp_render_bench_charts(a, b, &charts, &n);
    for (size_t i = 0; i < n && st == TP_OK; i++) {
        const char *name = tp_sprintf(a, "charts/%s", charts[i].name);
        st = name ? tp_pub_add(p, name, charts[i].svg, strlen(charts[i].svg)) : TP_ERR_NOMEM;
    }
    return st;
}

static tp_status S_html(tp_arena *a, tp_pub *p, const tp_benchmark *b, const char *template_dir, const char **failed)
{
    char *tpl;
    const char *tpath;
    tp_status st = tp_read_template(a, template_dir, &tpl, &tpath);
    if (st != TP_OK) {
        if (failed && tpath)
            *failed = tpath;
        return st;
    }
    tp_buf buf;
    tp_buf_init(&buf);
    st = tp_render_bench_html(b, tpl, &buf);
    if (st == TP_OK)
        st = tp_pub_add(p, "benchmark.html", buf.data ? buf.data : "", buf.len);
    tp_buf_free(&buf);
    free(tpl);
    return st;
}

static tp_status S_render_xlsx(const void *b, const char *path) { return tp_render_bench_xlsx(b, path); }

tp_status tp_write_benchmark(tp_arena *a, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed)
{
    if (failed)
        *failed = NULL;
    tp_pub *p;
    tp_status st = tp_pub_begin(a, dir, failed, &p);
    if (st == TP_OK && (formats & TP_FMT_XLSX))
        st = tp_pub_workbook(p, "benchmark.xlsx", S_render_xlsx, b);
    if (st == TP_OK && (formats & (TP_FMT_MD | TP_FMT_HTML)))
        st = S_charts(a, p, b);
    if (st == TP_OK && (formats & TP_FMT_MD))
        st = S_one(p, b, "benchmark.md", tp_render_bench_md);
    if (st == TP_OK && (formats & TP_FMT_HTML))
        st = S_html(a, p, b, template_dir, failed);
    if (st == TP_OK && (formats & TP_FMT_JSON))
        st = S_one(p, b, "benchmark.json", tp_render_bench_json);
    if (st == TP_OK)
        st = tp_pub_commit(p);
    tp_pub_end(p);
    return st;
}
