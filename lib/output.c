/* output.c — writes the formats asked for into the output directory, each
 * file atomically (a hidden temporary beside it, then rename), charts/
 * with md or html. */
#include "files.h"
#include "internal.h"
#include "render.h"

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
    const char *dir;
    const char **failed_path;
} S_out;

/* dir/name in the arena; NULL when out of memory. */
static const char *S_path(S_out *o, const char *name)
{
    return tp_sprintf(o->arena, "%s/%s", o->dir, name);
}

/* Records the path that failed (when st is a failure) and returns st. */
static tp_status S_fail(S_out *o, tp_status st, const char *path)
{
    if (st != TP_OK && o->failed_path)
        *o->failed_path = path ? path : o->dir;
    return st;
}

static tp_status S_write_buf(S_out *o, const char *name, const tp_buf *b, tp_status rendered)
{
    const char *path = S_path(o, name);
    if (!path)
        return TP_ERR_NOMEM;
    if (rendered != TP_OK)
        return S_fail(o, rendered, path);
    return S_fail(o, tp_write_file_atomic(path, b->data ? b->data : "", b->len), path);
}

static tp_status S_charts(S_out *o)
{
    tp_chart *charts;
    size_t n;
    tp_status st = tp_render_charts(o->arena, o->r, &charts, &n);
    const char *cdir = S_path(o, "charts");
    if (st != TP_OK || !cdir)
        return st != TP_OK ? st : TP_ERR_NOMEM;
    if (!tp_mkdir_p(cdir))
        return S_fail(o, TP_ERR_OUTPUT, cdir);
    for (size_t i = 0; i < n && st == TP_OK; i++) {
        const char *path = tp_sprintf(o->arena, "%s/%s", cdir, charts[i].name);
        if (!path)
            return TP_ERR_NOMEM;
        st = S_fail(o, tp_write_file_atomic(path, charts[i].svg, strlen(charts[i].svg)), path);
    }
    return st;
}

static tp_status S_md(S_out *o)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_write_buf(o, "report.md", &b, tp_render_md(o->r, &b));
    tp_buf_free(&b);
    return st;
}

static tp_status S_json(S_out *o)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_status st = S_write_buf(o, "report.json", &b, tp_render_json(o->r, &b));
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

static tp_status S_html(S_out *o, const char *template_dir)
{
    tp_buf page;
    tp_buf_init(&page);
    char *tpl;
    const char *tpath;
    tp_status st = tp_read_template(o->arena, template_dir, &tpl, &tpath);
    if (st != TP_OK)
        st = S_fail(o, st, tpath);
    else
        st = S_write_buf(o, "report.html", &page, tp_render_html(o->r, tpl, &page));
    free(tpl);
    tp_buf_free(&page);
    return st;
}

/* fsync of the file at path; false when it cannot be opened or synced. */
static bool S_sync_file(const char *path)
{
    mode_t um = umask(0);
    umask(um);
    int fd = open(path, O_RDONLY);
    bool ok = fd >= 0 && fchmod(fd, 0666 & ~um) == 0 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* The workbook goes to a hidden temporary in dir, is synced, then renamed. */
static tp_status S_xlsx(S_out *o)
{
    const char *path = S_path(o, "report.xlsx");
    char *tmp = path ? tp_temp_name(path) : NULL;
    if (!tmp)
        return TP_ERR_NOMEM;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return S_fail(o, TP_ERR_OUTPUT, path);
    }
    close(fd);
    tp_status st = tp_render_xlsx(o->r, tmp);
    if (st == TP_OK)
        st = tp_xlsx_verify(tmp);
    if (st == TP_OK && !(S_sync_file(tmp) && rename(tmp, path) == 0))
        st = TP_ERR_OUTPUT;
    if (st == TP_OK)
        tp_sync_dir_of(path);
    else
        unlink(tmp);
    free(tmp);
    return S_fail(o, st, path);
}

tp_status tp_write_report(tp_arena *arena, const tp_report *r, const char *dir, unsigned formats,
                          const char *template_dir, const char **failed_path)
{
    S_out o = {arena, r, dir, failed_path};
    if (failed_path)
        *failed_path = NULL;
    if (!tp_mkdir_p(dir))
        return S_fail(&o, TP_ERR_OUTPUT, dir);
    tp_status st = TP_OK;
    if (formats & (TP_FMT_MD | TP_FMT_HTML))
        st = S_charts(&o);
    if (st == TP_OK && (formats & TP_FMT_MD))
        st = S_md(&o);
    if (st == TP_OK && (formats & TP_FMT_HTML))
        st = S_html(&o, template_dir);
    if (st == TP_OK && (formats & TP_FMT_JSON))
        st = S_json(&o);
    if (st == TP_OK && (formats & TP_FMT_XLSX))
        st = S_xlsx(&o);
    return st;
}
