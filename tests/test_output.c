/* test_output.c — tp_write_report: the directory is created, the files
 * asked for are there, no temporary is left behind, failures name a path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_report.h"

static bool S_exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* The number of hidden (temporary) entries in dir. */
static int S_hidden(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void S_rm_rf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_writes_md_html_and_charts(void **state)
{
    (void)state;
    char root[] = "/tmp/tp_output.XXXXXX";
    assert_non_null(mkdtemp(root));
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    const char *dir = tp_sprintf(a, "%s/deep/er/out", root);
    const char *failed = "unset";
    const char *tdir = getenv("TP_TEMPLATES") ? getenv("TP_TEMPLATES") : "templates";
    assert_int_equal(tp_write_report(a, r, dir, TP_FMT_MD | TP_FMT_HTML, tdir, &failed), TP_OK);
    assert_null(failed);
    assert_true(S_exists(dir, "report.md"));
    assert_true(S_exists(dir, "report.html"));
    assert_false(S_exists(dir, "report.json"));
    assert_false(S_exists(dir, "report.xlsx"));
    assert_true(S_exists(dir, "charts/contact_by_team.svg"));
    assert_true(S_exists(dir, "charts/bacon.svg"));
    assert_true(S_exists(dir, "charts/trend.svg"));
    assert_true(S_exists(dir, "charts/funnel.svg"));
    assert_int_equal(S_hidden(dir), 0);
    /* Again over the existing files: replaced in place. */
    assert_int_equal(tp_write_report(a, r, dir, TP_FMT_MD, tdir, &failed), TP_OK);
    assert_int_equal(S_hidden(dir), 0);
    tp_arena_free(a);
    S_rm_rf(root);
}

/* Every format: the workbook goes through its own temporary and rename. */
static void test_writes_every_format(void **state)
{
    (void)state;
    char root[] = "/tmp/tp_output.XXXXXX";
    assert_non_null(mkdtemp(root));
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    const char *failed = NULL;
    const char *tdir = getenv("TP_TEMPLATES") ? getenv("TP_TEMPLATES") : "templates";
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_ALL, tdir, &failed), TP_OK);
    assert_true(S_exists(root, "report.md"));
    assert_true(S_exists(root, "report.html"));
    assert_true(S_exists(root, "report.json"));
    assert_true(S_exists(root, "report.xlsx"));
    assert_true(S_exists(root, "charts/trend.svg"));
    char path[4096], magic[2] = {0};
    snprintf(path, sizeof path, "%s/report.xlsx", root);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fclose(f);
    assert_memory_equal(magic, "PK", 2);
    assert_int_equal(S_hidden(root), 0);
    tp_arena_free(a);
    S_rm_rf(root);
}

static void test_failures_name_a_path(void **state)
{
    (void)state;
    char root[] = "/tmp/tp_output.XXXXXX";
    assert_non_null(mkdtemp(root));
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    const char *file = tp_sprintf(a, "%s/plain", root);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    const char *failed = NULL;
    /* The output directory is a file. */
    assert_int_equal(tp_write_report(a, r, file, TP_FMT_MD, "templates", &failed), TP_ERR_OUTPUT);
    assert_string_equal(failed, file);
    /* The template is missing. */
    const char *dir = tp_sprintf(a, "%s/out", root);
    failed = NULL;
    assert_int_equal(tp_write_report(a, r, dir, TP_FMT_HTML, root, &failed), TP_ERR_OUTPUT);
    assert_non_null(failed);
    assert_non_null(strstr(failed, "report.html"));
    assert_int_equal(S_hidden(dir), 0);
    tp_arena_free(a);
    S_rm_rf(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writes_md_html_and_charts),
        cmocka_unit_test(test_writes_every_format),
        cmocka_unit_test(test_failures_name_a_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
