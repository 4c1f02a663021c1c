/* test_definition.c — report definitions (SPEC §6): title, sections in the
 * order written, every section when none is given, cross-tabs, targets with
 * either bound, and the located errors and warnings the SPEC lists. */
#include "tp_test.h"

#include <math.h>

typedef struct {
    tp_arena *arena;
    tp_diags diags;
    tp_definition *def;
    char path[64];
} S_def;

/* Loads text as a definition file. */
static void S_load(S_def *d, const char *text)
{
    d->arena = tp_arena_new();
    assert_non_null(d->arena);
    tp_diags_init(&d->diags, d->arena);
    strcpy(d->path, "/tmp/tp_def_XXXXXX");
    int fd = mkstemp(d->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    d->def = tp_definition_load(d->arena, d->path, &d->diags);
    unlink(d->path);
}

static void S_free(S_def *d) { tp_arena_free(d->arena); }

/* Whether some problem of severity sev at line:col holds text. */
static bool S_has(const S_def *d, tp_severity sev, int line, int col, const char *text)
{
    for (size_t i = 0; i < d->diags.count; i++) {
        const tp_diag *g = &d->diags.items[i];
        if (g->severity == sev && g->loc.line == line && g->loc.col == col && strstr(g->message, text))
            return true;
    }
    return false;
}

static void test_written(void **state)
{
    (void)state;
    S_def d;
    S_load(&d, "title: Board pack\n"
               "sections: [headline, team_trend, by_team]\n"
               "crosstabs:\n"
               "  - {label: Exec, field: attributes.level, equals: exec}\n"
               "targets:\n"
               "  contact_rate: {min: 0.65}\n"
               "  bacon.median: {max: 2}\n"
               "  regular_rate: {min: 0.2, max: 0.9}\n");
    assert_non_null(d.def);
    assert_false(tp_diags_failed(&d.diags));
    assert_string_equal(d.def->title, "Board pack");
    assert_int_equal(d.def->nsections, 3);
    assert_int_equal(d.def->sections[0], TP_SEC_HEADLINE);
    assert_int_equal(d.def->sections[1], TP_SEC_TEAM_TREND);
    assert_int_equal(d.def->sections[2], TP_SEC_BY_TEAM);
    assert_int_equal(d.def->ncrosstabs, 1);
    assert_string_equal(d.def->crosstabs[0].label, "Exec");
    assert_string_equal(d.def->crosstabs[0].field, "attributes.level");
    assert_string_equal(d.def->crosstabs[0].equals, "exec");
    assert_int_equal(d.def->ntargets, 3); /* in the order written */
    assert_string_equal(d.def->targets[0].kpi, "contact_rate");
    assert_true(d.def->targets[0].min == 0.65 && isnan(d.def->targets[0].max));
    assert_string_equal(d.def->targets[1].kpi, "bacon.median");
    assert_true(isnan(d.def->targets[1].min) && d.def->targets[1].max == 2);
    assert_true(d.def->targets[2].min == 0.2 && d.def->targets[2].max == 0.9);
    S_free(&d);
}

/* Without sections: every section in the built-in order; without crosstabs
 * or targets: none. */
static void test_defaults_of_a_definition(void **state)
{
    (void)state;
    S_def d;
    S_load(&d, "title: Only a title\n");
    assert_non_null(d.def);
    assert_false(tp_diags_failed(&d.diags));
    assert_int_equal(d.def->nsections, TP_SEC_COUNT);
    for (size_t i = 0; i < d.def->nsections; i++)
        assert_int_equal(d.def->sections[i], (tp_section)i);
    assert_int_equal(d.def->ncrosstabs, 0);
    assert_int_equal(d.def->ntargets, 0);
    S_free(&d);
}

/* The built-in default: every section, the survey's two questions in order,
 * and the two targets of SPEC §3. */
static void test_builtin_default(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_definition *def = tp_definition_default(a);
    assert_non_null(def);
    assert_int_equal(def->nsections, TP_SEC_COUNT);
    assert_int_equal(def->ncrosstabs, 2);
    assert_string_equal(def->crosstabs[0].field, "reports_to");
    assert_string_equal(def->crosstabs[0].equals, "CEO");
    assert_string_equal(def->crosstabs[0].label, "Report directly to the CEO");
    assert_string_equal(def->crosstabs[1].field, "focus");
    assert_string_equal(def->crosstabs[1].equals, "strategic");
    assert_string_equal(def->crosstabs[1].label, "Spend most time on strategic work");
    assert_int_equal(def->ntargets, 2);
    tp_arena_free(a);
}

static void test_names_of_sections(void **state)
{
    (void)state;
    const char *names[] = {"headline", "by_type",   "by_team",   "bacon",     "at_risk",
                           "crosstabs", "funnel",   "followups", "requests",  "insights",
                           "customers", "trend",    "team_trend", "people",   "projects"};
    assert_int_equal(sizeof names / sizeof *names, TP_SEC_COUNT);
    for (int s = 0; s < TP_SEC_COUNT; s++)
        assert_string_equal(tp_section_name((tp_section)s), names[s]);
}

/* Unknown top-level keys are errors, x- keys are not; an unknown section is
 * an error at its place; unknown keys in a cross-tab or a target warn. */
static void test_unknown_keys(void **state)
{
    (void)state;
    S_def d;
    S_load(&d, "title: T\n"
               "x-owner: the CIO office\n"
               "section: [headline]\n"
               "sections: [headline, by_teams]\n"
               "crosstabs:\n"
               "  - {label: L, field: focus, equals: strategic, colour: red}\n"
               "targets:\n"
               "  contact_rate: {min: 0.5, note: why}\n");
    assert_true(tp_diags_failed(&d.diags));
    assert_true(S_has(&d, TP_ERROR, 3, 1, "section"));      /* a typo of sections */
    assert_true(S_has(&d, TP_ERROR, 4, 22, "by_teams"));    /* the unknown section */
    assert_true(S_has(&d, TP_WARNING, 6, 49, "colour"));
    assert_true(S_has(&d, TP_WARNING, 8, 28, "note"));
    for (size_t i = 0; i < d.diags.count; i++)
        assert_null(strstr(d.diags.items[i].message, "x-owner"));
    S_free(&d);
}

/* A target on an unknown path, on something that is not a number, or with
 * no bound is an error, located at the target. */
static void test_bad_targets(void **state)
{
    (void)state;
    S_def d;
    S_load(&d, "targets:\n"
               "  contact_rat: {min: 0.5}\n"
               "  organization: {min: 1}\n"
               "  regular_rate: {}\n"
               "  bacon.median: {max: 2}\n");
    assert_true(tp_diags_failed(&d.diags));
    assert_true(S_has(&d, TP_ERROR, 2, 3, "contact_rat"));
    assert_true(S_has(&d, TP_ERROR, 3, 3, "organization"));
    assert_true(S_has(&d, TP_ERROR, 4, 17, "no bound"));
    assert_int_equal(d.diags.errors, 3); /* the good one is not an error */
    S_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written),      cmocka_unit_test(test_defaults_of_a_definition),
        cmocka_unit_test(test_builtin_default), cmocka_unit_test(test_names_of_sections),
        cmocka_unit_test(test_unknown_keys), cmocka_unit_test(test_bad_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
