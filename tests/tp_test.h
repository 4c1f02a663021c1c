/* tp_test.h — helpers for the cmocka tests: read YAML text as a file. */
#ifndef TP_TEST_H
#define TP_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"

typedef struct {
    tp_arena *arena;
    tp_diags diags;
    tp_model *model;
    tp_status status;
    char dir[64];
    char path[96];
} tp_test_run;

/* Writes text to DIR/t.yaml and reads it with tp_read. */
static inline void tp_test_read(tp_test_run *t, const char *text)
{
    memset(t, 0, sizeof *t);
    t->arena = tp_arena_new();
    assert_non_null(t->arena);
    tp_diags_init(&t->diags, t->arena);
    snprintf(t->dir, sizeof t->dir, "/tmp/tptest.XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/t.yaml", t->dir);
    FILE *f = fopen(t->path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    const char *paths[] = {t->path};
    tp_read_options opt = {0};
    t->status = tp_read(t->arena, paths, 1, &opt, &t->diags, &t->model);
    tp_diags_sort(&t->diags);
}

static inline void tp_test_done(tp_test_run *t)
{
    unlink(t->path);
    rmdir(t->dir);
    tp_arena_free(t->arena);
}

/* Asserts that a problem of severity sev at line:col has a message holding needle. */
static inline void tp_test_expect(const tp_test_run *t, tp_severity sev, int line, int col, const char *needle)
{
    for (size_t i = 0; i < t->diags.count; i++) {
        const tp_diag *d = &t->diags.items[i];
        if (d->severity == sev && d->loc.line == line && d->loc.col == col && strstr(d->message, needle))
            return;
    }
    for (size_t i = 0; i < t->diags.count; i++)
        print_message("  got %d:%d: %s\n", t->diags.items[i].loc.line, t->diags.items[i].loc.col,
                      t->diags.items[i].message);
    fail_msg("expected %s at %d:%d containing '%s'", sev == TP_ERROR ? "error" : "warning", line, col, needle);
}

/* Asserts that diags holds a problem of severity sev at line:col with exactly the message want. */
static inline void tp_test_expect_exact(const tp_diags *d, tp_severity sev, int line, int col, const char *want)
{
    for (size_t i = 0; i < d->count; i++) {
        const tp_diag *g = &d->items[i];
        if (g->severity == sev && g->loc.line == line && g->loc.col == col && !strcmp(g->message, want))
            return;
    }
    for (size_t i = 0; i < d->count; i++)
        print_message("  got %d:%d: %s\n", d->items[i].loc.line, d->items[i].loc.col, d->items[i].message);
    fail_msg("expected %s at %d:%d: %s", sev == TP_ERROR ? "error" : "warning", line, col, want);
}

/* Fails, naming what is missing, unless text holds fragment. */
#define TP_TEST_HAS(text, fragment)              \
    do {                                         \
        if (!strstr((text), (fragment)))         \
            fail_msg("missing: %s", (fragment)); \
    } while (0)

#endif
