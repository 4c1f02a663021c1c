/* output.c — writes the formats asked for into the output directory, all
 * or nothing (tp_pub in outfile.c), charts/ with md or html; or one format
 * to a descriptor. */
#include "buf.h"
#include "files.h"
#include "outfile.h"
#include "render.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    tp_arena *arena;
    const tp_report *r;
    tp_pub *pub;
    const char **failed_path;
} S_out;

/* Adds b as name when it rendered; returns the status. */
static tp_status S_add_buf(S_out *o, const char *name, const tp_buf *b, tp_status rendered)
{
    if (rendered != TP_OK)
        return rendered;
    return tp_pub_add(o->pub, name, b->data ? b->data : "", b->len);
}

static tp_status S_charts(S_out *o)
{
    tp_chart *charts;
    size_t n;
    tp_status st = tp_render_charts(o->arena, o->r, &charts, &n);
    for (size_t i = 0; i < n && st == TP_OK; i++) {
        const char *name = tp_sprintf(o->arena, "charts/%s", charts[i].name);
        st = name ? tp_pub_add(o->pub, name, charts[i].svg, strlen(charts[i].svg)) : TP_ERR_NOMEM;
    }
    return st;
}

static tp_status S_md(S_out *o)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_add_buf(o, "report.md", &b, tp_render_md(o->r, &b));
    tp_buf_free(&b);
    return st;
}

static tp_status S_json(S_out *o)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_add_buf(o, "report.json", &b, tp_render_json(o->r, &b));
    tp_buf_free(&b);
    return st;
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

/* The page into b; a template that cannot be read is named in *failed. */
static tp_status S_render_html(S_out *o, const char *template_dir, tp_buf *b)
{
    char *tpl;
    const char *tpath;
    tp_status st = tp_read_template(o->arena, template_dir, &tpl, &tpath);
    if (st != TP_OK && o->failed_path && tpath)
        *o->failed_path = tpath;
    if (st == TP_OK)
        st = tp_render_html(o->r, tpl, b);
    free(tpl);
    return st;
}

static tp_status S_html(S_out *o, const char *template_dir)
{
    tp_buf page;
    tp_buf_init(&page);
    tp_status st = S_render_html(o, template_dir, &page);
    if (st == TP_OK)
        st = tp_pub_add(o->pub, "report.html", page.data ? page.data : "", page.len);
    tp_buf_free(&page);
    return st;
}

static tp_status S_render_xlsx(const void *r, const char *path) { return tp_render_xlsx(r, path); }

tp_status tp_write_report(tp_arena *arena, const tp_report *r, const char *dir, unsigned formats,
                          const char *template_dir, const char **failed_path)
{
    S_out o = {arena, r, NULL, failed_path};
    if (failed_path)
        *failed_path = NULL;
    tp_status st = tp_pub_begin(arena, dir, failed_path, &o.pub);
    /* the workbook first: its child process works beside the other formats */
    if (st == TP_OK && (formats & TP_FMT_XLSX))
        st = tp_pub_workbook(o.pub, "report.xlsx", S_render_xlsx, r);
    if (st == TP_OK && (formats & (TP_FMT_MD | TP_FMT_HTML)))
        st = S_charts(&o);
    if (st == TP_OK && (formats & TP_FMT_MD))
        st = S_md(&o);
    if (st == TP_OK && (formats & TP_FMT_HTML))
        st = S_html(&o, template_dir);
    if (st == TP_OK && (formats & TP_FMT_JSON))
        st = S_json(&o);
    if (st == TP_OK)
        st = tp_pub_commit(o.pub);
    tp_pub_end(o.pub);
    return st;
}

tp_status tp_write_report_fd(tp_arena *arena, const tp_report *r, int fd, unsigned format,
                             const char *template_dir, const char **failed_path)
{
    S_out o = {arena, r, NULL, failed_path};
    if (failed_path)
        *failed_path = NULL;
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = format == TP_FMT_HTML ? S_render_html(&o, template_dir, &b) : tp_render_json(r, &b);
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
