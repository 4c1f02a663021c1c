/* files.c — which files a run reads: paths, directories, standard input. */
#include "arena.h"
#include "diag.h"
#include "files.h"
#include "strmap.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    tp_arena *arena;
    tp_diags *diags;
    tp_file *v;
    size_t n, cap;
    tp_strmap dirs; /* directories already walked, by device and inode */
    bool nomem;
} collector;

static bool S_push(collector *c, const char *path, const char *key)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        tp_file *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->nomem = true;
            return false;
        }
        c->v = v;
        c->cap = cap;
    }
    char *p = tp_strdup(c->arena, path);
    char *k = key ? tp_strdup(c->arena, key) : p;
    if (!p || !k) {
        c->nomem = true;
        return false;
    }
    c->v[c->n++] = (tp_file){p, k};
    return true;
}

static bool S_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* A name that ends in .yaml or .yml in another letter case (notes.YAML):
 * not read, as SPEC §1 names the files, but said, since a busy person
 * would not guess why a file's records are missing. */
static bool S_yaml_name_other_case(const char *name)
{
    size_t n = strlen(name);
    return !S_yaml_name(name) &&
           ((n > 5 && !strcasecmp(name + n - 5, ".yaml")) || (n > 4 && !strcasecmp(name + n - 4, ".yml")));
}

/* The identity of a file: its device and inode, so one file reached twice
 * (a symlink, a hard link, a path named twice) is read once (SPEC §1). */
static void S_add_file(collector *c, const char *path, const struct stat *st)
{
    char key[48];
    snprintf(key, sizeof key, "%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
    S_push(c, path, key);
}

/* Whether dir (with st) is walked for the first time; a directory reached
 * again, through a symlink to itself or to an ancestor, is walked once. */
static bool S_first_visit(collector *c, const struct stat *st)
{
    char *key = tp_sprintf(c->arena, "%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
    if (!key) {
        c->nomem = true;
        return false;
    }
    if (tp_strmap_get(&c->dirs, key) >= 0)
        return false;
    if (!tp_strmap_put(&c->dirs, key, 1)) {
        c->nomem = true;
        return false;
    }
    return true;
}

static int S_cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void S_walk(collector *c, const char *dir, const struct stat *dst, int depth)
{
    if (depth > 64) { /* before the visit: a shallower path to it may come later */
        tp_diag_add(c->diags, (tp_loc){dir, 0, 0}, TP_WARNING, "directories nested too deep; skipped");
        return;
    }
    if (!S_first_visit(c, dst))
        return;
    DIR *d = opendir(dir);
    if (!d) {
        tp_diag_add(c->diags, (tp_loc){dir, 0, 0}, TP_ERROR, "cannot read directory: %s", strerror(errno));
        return;
    }
    /* The entries in name order, so which path reaches a directory first
     * (and so names its files in messages) does not depend on the file system. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while (!c->nomem && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **v = realloc(names, ncap * sizeof *v);
            if (!v) {
                c->nomem = true;
                break;
            }
            names = v;
            cap = ncap;
        }
        if (!(names[n++] = tp_sprintf(c->arena, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name)))
            c->nomem = true;
    }
    closedir(d);
    if (!c->nomem && n)
        qsort(names, n, sizeof *names, S_cmp_name);
    for (size_t i = 0; i < n && !c->nomem; i++) {
        const char *path = names[i];
        const char *base = strrchr(path, '/') + 1;
        struct stat st;
        if (stat(path, &st) != 0) {
            if (S_yaml_name(base))
                tp_diag_add(c->diags, (tp_loc){path, 0, 0}, TP_WARNING, "skipped: %s", strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode))
            S_walk(c, path, &st, depth + 1);
        else if (S_yaml_name(base)) {
            if (S_ISREG(st.st_mode))
                S_add_file(c, path, &st);
            else
                tp_diag_add(c->diags, (tp_loc){path, 0, 0}, TP_WARNING, "skipped: not a regular file");
        } else if (S_yaml_name_other_case(base) && S_ISREG(st.st_mode)) {
            tp_diag_add(c->diags, (tp_loc){path, 0, 0}, TP_WARNING,
                        "skipped: only names ending in .yaml or .yml, in small letters, are read");
        }
    }
    free(names);
}

/* Standard input first, then the files bytewise by path (SPEC §1). */
static int S_cmp_path(const void *a, const void *b)
{
    const tp_file *x = a, *y = b;
    bool xs = !strcmp(x->key, "-"), ys = !strcmp(y->key, "-");
    if (xs != ys)
        return xs ? -1 : 1;
    return strcmp(x->path, y->path);
}

tp_status tp_collect_files(tp_arena *a, const char *const *paths, size_t npaths, tp_diags *diags,
                           tp_file **out, size_t *nout)
{
    collector c = {.arena = a, .diags = diags};
    /* The paths in byte order: which path reaches a directory first (and
     * so names its files, and orders the input) never depends on the order
     * of the arguments (SPEC §1). */
    const char **order = malloc((npaths ? npaths : 1) * sizeof *order);
    if (!order || !tp_strmap_init(&c.dirs, 16)) {
        free(order);
        return TP_ERR_NOMEM;
    }
    if (npaths)
        memcpy(order, paths, npaths * sizeof *order);
    if (npaths)
        qsort(order, npaths, sizeof *order, S_cmp_name);
    for (size_t i = 0; i < npaths && !c.nomem; i++) {
        const char *p = order[i];
        struct stat st;
        if (!strcmp(p, "-"))
            S_push(&c, TP_STDIN_NAME, "-");
        else if (stat(p, &st) != 0)
            tp_diag_add(diags, (tp_loc){p, 0, 0}, TP_ERROR, "cannot read: %s", strerror(errno));
        else if (S_ISDIR(st.st_mode))
            S_walk(&c, p, &st, 0);
        else
            S_add_file(&c, p, &st);
    }
    free(order);
    tp_strmap_free(&c.dirs);
    if (c.nomem) {
        free(c.v);
        return TP_ERR_NOMEM;
    }
    if (c.n)
        qsort(c.v, c.n, sizeof *c.v, S_cmp_path);
    /* A file reached twice is read once: drop later duplicates by identity. */
    size_t kept = 0;
    tp_strmap seen;
    if (!tp_strmap_init(&seen, c.n)) {
        free(c.v);
        return TP_ERR_NOMEM;
    }
    for (size_t i = 0; i < c.n; i++) {
        if (tp_strmap_get(&seen, c.v[i].key) >= 0)
            continue;
        if (!tp_strmap_put(&seen, c.v[i].key, (int)kept)) {
            tp_strmap_free(&seen);
            free(c.v);
            return TP_ERR_NOMEM;
        }
        c.v[kept++] = c.v[i];
    }
    tp_strmap_free(&seen);
    *out = tp_alloc(a, (kept ? kept : 1) * sizeof **out);
    if (!*out) {
        free(c.v);
        return TP_ERR_NOMEM;
    }
    if (kept)
        memcpy(*out, c.v, kept * sizeof **out);
    *nout = kept;
    free(c.v);
    return TP_OK;
}

tp_status tp_read_file(const tp_file *f, char **data, size_t *len, int *err)
{
    FILE *fp = strcmp(f->key, "-") ? fopen(f->path, "rb") : stdin;
    *data = NULL;
    *len = 0;
    *err = 0;
    if (!fp) {
        *err = errno;
        return TP_ERR_INPUT;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    tp_status st = buf ? TP_OK : TP_ERR_NOMEM;
    while (st == TP_OK) {
        if (n == cap) {
            char *b2 = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!b2) {
                st = TP_ERR_NOMEM;
                break;
            }
            buf = b2;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) {
                *err = errno ? errno : EIO;
                st = TP_ERR_INPUT;
            }
            break;
        }
    }
    if (fp != stdin)
        fclose(fp);
    if (st != TP_OK) {
        free(buf);
        return st;
    }
    *data = buf;
    *len = n;
    return TP_OK;
}
