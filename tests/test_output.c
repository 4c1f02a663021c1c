/* test_output.c — tp_write_report: the directory is created, the files
 * asked for are there, no temporary is left behind, failures name a path;
 * all or nothing, modes kept, a symlinked charts/ refused, what a killed
 * run left removed; one format to a descriptor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_report.h"
#include "report.h"

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


/* A scratch folder and the fixture report, for the tests of whole runs. */
typedef struct {
    char root[32];
    tp_arena *a;
    tp_report *r;
} S_fix;

static int S_setup(void **state)
{
    S_fix *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    strcpy(fx->root, "/tmp/tp_output.XXXXXX");
    assert_non_null(mkdtemp(fx->root));
    assert_non_null(fx->a = tp_arena_new());
    fx->r = fixture_report(fx->a);
    *state = fx;
    return 0;
}

static int S_teardown(void **state)
{
    S_fix *fx = *state;
    tp_arena_free(fx->a);
    S_rm_rf(fx->root);
    free(fx);
    return 0;
}

static const char *S_tdir(void) { return getenv("TP_TEMPLATES") ? getenv("TP_TEMPLATES") : "templates"; }

static mode_t S_mode(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(lstat(path, &st), 0);
    return st.st_mode & 07777;
}

/* The whole file at dir/name, malloc'd (NULL when missing). */
static char *S_slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (int c; (c = fgetc(f)) != EOF;) {
        if (n + 1 >= cap)
            assert_non_null(buf = realloc(buf, cap = cap ? 2 * cap : 4096));
        buf[n++] = (char)c;
    }
    fclose(f);
    if (!buf)
        assert_non_null(buf = malloc(1));
    *len = n;
    return buf;
}

static void S_touch(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A replaced file keeps its permission bits; a new one gets 0666 less the
 * umask (and charts/ 0777 less the umask). */
static void test_modes(void **state)
{
    S_fix *fx = *state;
    const char *root = fx->root;
    tp_arena *a = fx->a;
    tp_report *r = fx->r;
    const char *failed = NULL;
    mode_t old = umask(022);
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_MD | TP_FMT_JSON | TP_FMT_XLSX, S_tdir(), &failed), TP_OK);
    assert_int_equal(S_mode(root, "report.md"), 0644);
    assert_int_equal(S_mode(root, "report.xlsx"), 0644);
    assert_int_equal(S_mode(root, "charts/bacon.svg"), 0644);
    char path[4096];
    snprintf(path, sizeof path, "%s/report.md", root);
    assert_int_equal(chmod(path, 0640), 0);
    snprintf(path, sizeof path, "%s/report.xlsx", root);
    assert_int_equal(chmod(path, 0600), 0);
    snprintf(path, sizeof path, "%s/charts/bacon.svg", root);
    assert_int_equal(chmod(path, 0604), 0);
    umask(077);
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_ALL, S_tdir(), &failed), TP_OK);
    assert_int_equal(S_mode(root, "report.md"), 0640);   /* kept */
    assert_int_equal(S_mode(root, "report.xlsx"), 0600); /* kept */
    assert_int_equal(S_mode(root, "charts/bacon.svg"), 0604);
    assert_int_equal(S_mode(root, "report.json"), 0644);  /* replaced, kept */
    assert_int_equal(S_mode(root, "report.html"), 0600);  /* new: 0666 & ~077 */
    const char *fresh = tp_sprintf(a, "%s/fresh", root);
    assert_int_equal(tp_write_report(a, r, fresh, TP_FMT_MD, S_tdir(), &failed), TP_OK);
    assert_int_equal(S_mode(fresh, "report.md"), 0600);
    assert_int_equal(S_mode(fresh, "charts"), 0700);
    umask(old);
    assert_int_equal(S_hidden(root), 0);
}

/* A symlinked charts/ is never followed: the run fails naming it, writes
 * nothing there and nothing else either. */
static void test_charts_symlink_refused(void **state)
{
    S_fix *fx = *state;
    const char *root = fx->root;
    tp_arena *a = fx->a;
    tp_report *r = fx->r;
    const char *out = tp_sprintf(a, "%s/out", root), *elsewhere = tp_sprintf(a, "%s/elsewhere", root);
    assert_int_equal(mkdir(out, 0755), 0);
    assert_int_equal(mkdir(elsewhere, 0755), 0);
    assert_int_equal(symlink(elsewhere, tp_sprintf(a, "%s/charts", out)), 0);
    const char *failed = NULL;
    assert_int_equal(tp_write_report(a, r, out, TP_FMT_MD | TP_FMT_JSON, S_tdir(), &failed), TP_ERR_OUTPUT);
    assert_non_null(failed);
    assert_string_equal(failed, tp_sprintf(a, "%s/charts", out));
    DIR *d = opendir(elsewhere);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    assert_int_equal(n, 0);
    assert_false(S_exists(out, "report.json")); /* all or nothing */
    assert_false(S_exists(out, "report.md"));
    assert_int_equal(S_hidden(out), 0);
}

/* A failure before the renames leaves the previous files as they were (here
 * report.json is a directory, found before anything is renamed); a file
 * this run does not write is left alone. */
static void test_all_or_nothing(void **state)
{
    S_fix *fx = *state;
    const char *root = fx->root;
    tp_arena *a = fx->a;
    tp_report *r = fx->r;
    S_touch(root, "report.md", "yesterday's page\n");
    S_touch(root, "report.html", "yesterday's html\n");
    assert_int_equal(mkdir(tp_sprintf(a, "%s/report.json", root), 0755), 0);
    const char *failed = NULL;
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_MD | TP_FMT_JSON | TP_FMT_XLSX, S_tdir(), &failed),
                     TP_ERR_OUTPUT);
    assert_int_equal(errno, EISDIR);
    assert_string_equal(failed, tp_sprintf(a, "%s/report.json", root));
    size_t len;
    char *md = S_slurp(root, "report.md", &len);
    assert_non_null(md);
    assert_int_equal(len, strlen("yesterday's page\n"));
    free(md);
    assert_false(S_exists(root, "report.xlsx"));
    assert_false(S_exists(root, "charts/bacon.svg"));
    assert_int_equal(S_hidden(root), 0);
    /* Only md now: written; report.html, not asked for, stays. */
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_MD, S_tdir(), &failed), TP_OK);
    char *html = S_slurp(root, "report.html", &len);
    assert_non_null(html);
    assert_int_equal(len, strlen("yesterday's html\n"));
    free(html);
    assert_true(S_exists(root, "charts/bacon.svg"));
}

/* What a killed run left (its private folder, an older version's hidden
 * temporaries) is removed under the lock; other hidden files stay. */
static void test_leftovers_removed(void **state)
{
    S_fix *fx = *state;
    const char *root = fx->root;
    tp_arena *a = fx->a;
    tp_report *r = fx->r;
    const char *priv = tp_sprintf(a, "%s/.touchpoint-Ab12cD", root);
    assert_int_equal(mkdir(priv, 0700), 0);
    S_touch(priv, "report.xlsx", "half a workbook");
    S_touch(priv, "charts-bacon.svg", "<svg");
    S_touch(root, ".report.xlsx.Q1w2E3", "an older version's temporary");
    S_touch(root, ".keep", "not ours");
    assert_int_equal(mkdir(tp_sprintf(a, "%s/charts", root), 0755), 0);
    S_touch(root, "charts/.trend.svg.zZ9yY8", "<svg");
    const char *failed = NULL;
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_JSON, S_tdir(), &failed), TP_OK);
    struct stat st;
    assert_int_not_equal(stat(priv, &st), 0);
    assert_false(S_exists(root, ".report.xlsx.Q1w2E3"));
    assert_false(S_exists(root, "charts/.trend.svg.zZ9yY8"));
    assert_true(S_exists(root, ".keep"));
    assert_int_equal(S_hidden(root), 1);
}

/* One format to a descriptor: the same bytes as the file. */
static void test_to_fd(void **state)
{
    S_fix *fx = *state;
    const char *root = fx->root;
    tp_arena *a = fx->a;
    tp_report *r = fx->r;
    const char *failed = NULL;
    assert_int_equal(tp_write_report(a, r, root, TP_FMT_JSON | TP_FMT_HTML, S_tdir(), &failed), TP_OK);
    static const struct {
        unsigned fmt;
        const char *file;
    } cases[] = {{TP_FMT_JSON, "report.json"}, {TP_FMT_HTML, "report.html"}};
    for (size_t i = 0; i < 2; i++) {
        const char *path = tp_sprintf(a, "%s/stream", root);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        assert_int_equal(tp_write_report_fd(a, r, fd, cases[i].fmt, S_tdir(), &failed), TP_OK);
        close(fd);
        size_t n1, n2;
        char *want = S_slurp(root, cases[i].file, &n1), *got = S_slurp(root, "stream", &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(want, got, n1);
        free(want);
        free(got);
    }
    /* a closed descriptor: an output error */
    assert_int_equal(tp_write_report_fd(a, r, 1000, TP_FMT_JSON, S_tdir(), &failed), TP_ERR_OUTPUT);
}

/* Folders other users can write: group or others writable and not sticky. */
static void test_dir_shared(void **state)
{
    (void)state;
    char root[] = "/tmp/tp_output.XXXXXX";
    assert_non_null(mkdtemp(root));
    static const struct {
        mode_t mode;
        bool shared;
    } cases[] = {{0700, false}, {0755, false}, {0775, true}, {0777, true}, {01777, false}, {0757, true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(chmod(root, cases[i].mode), 0);
        assert_int_equal(tp_dir_shared(root), cases[i].shared);
    }
    assert_false(tp_dir_shared("/nonexistent/folder"));
    S_rm_rf(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writes_md_html_and_charts),
        cmocka_unit_test(test_writes_every_format),
        cmocka_unit_test(test_failures_name_a_path),
        cmocka_unit_test_setup_teardown(test_modes, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_charts_symlink_refused, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_all_or_nothing, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_leftovers_removed, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_to_fd, S_setup, S_teardown),
        cmocka_unit_test(test_dir_shared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
