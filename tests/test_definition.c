/* test_definition.c — report definitions (SPEC §6): title, sections in the
 * order written, every section when none is given, cross-tabs, targets with
 * either bound, and the located errors and warnings the SPEC lists. */
#include "definition.h"
#include "diag.h"
#include "tp_test.h"

#include <math.h>

typedef struct {
    tp_arena *arena;
    tp_diags diags;
    tp_definition *def;
    char path[64];
} def_run;

static void S_def(def_run *r, const char *text)
{
    r->arena = tp_arena_new();
    assert_non_null(r->arena);
    tp_diags_init(&r->diags, r->arena);
    snprintf(r->path, sizeof r->path, "/tmp/tpdef.XXXXXX");
    int fd = mkstemp(r->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    r->def = tp_definition_load(r->arena, r->path, &r->diags);
    tp_diags_sort(&r->diags);
}

static void S_def_done(def_run *r)
{
    unlink(r->path);
    tp_arena_free(r->arena);
}

static void test_definition_merge_and_x_keys(void **state)
{
    (void)state;
    def_run r;
    S_def(&r, "x-ceo: &ceo {field: reports_to, equals: CEO}\n"
              "title: Ours\n"
              "sections: [headline, followups, requests, insights, customers, team_trend]\n"
              "crosstabs:\n"
              "  - {<<: *ceo, label: Report to the CEO}\n"
              "  - {<<: *ceo, label: Also, equals: CFO}\n");
    assert_int_equal(r.diags.errors + r.diags.warnings, 0);
    assert_non_null(r.def);
    assert_string_equal(r.def->title, "Ours");
    assert_int_equal(r.def->nsections, 6);
    assert_int_equal(r.def->sections[1], TP_SEC_FOLLOWUPS);
    assert_int_equal(r.def->sections[5], TP_SEC_TEAM_TREND);
    assert_int_equal(r.def->ncrosstabs, 2);
    assert_string_equal(r.def->crosstabs[0].field, "reports_to");
    assert_string_equal(r.def->crosstabs[0].equals, "CEO");
    assert_string_equal(r.def->crosstabs[1].label, "Also");
    assert_string_equal(r.def->crosstabs[1].equals, "CFO"); /* its own key wins */
    S_def_done(&r);
}

/* A definition is one document: a second is an error at its start (not
 * silently dropped); a section listed twice is a warning, shown once; a
 * definition cut short by a syntax error does not say that the logs'
 * whole-input checks wait (they do not: the logs are read). */
static void test_definition_one_document(void **state)
{
    (void)state;
    def_run r;
    S_def(&r, "title: Mine\n---\ntargets: {at_risk: {max: 0}}\n");
    assert_null(r.def);
    assert_int_equal(r.diags.errors, 1);
    assert_int_equal(r.diags.items[0].loc.line, 3);
    assert_string_equal(r.diags.items[0].message, "a report definition is one YAML document (this is a second one)");
    S_def_done(&r);
    S_def(&r, "sections: [headline, bacon, headline]\n");
    assert_non_null(r.def);
    assert_int_equal(r.def->nsections, 2);
    assert_int_equal(r.diags.warnings, 1);
    assert_int_equal(r.diags.items[0].loc.col, 29);
    assert_string_equal(r.diags.items[0].message, "section 'headline' is listed twice (it is shown once, where first listed)");
    S_def_done(&r);
    S_def(&r, "title: [Mine\n");
    assert_null(r.def);
    assert_int_equal(r.diags.errors, 1);
    assert_int_equal(r.diags.stopped, 0);
    S_def_done(&r);
}

/* Without sections: every section, in the built-in order. */
static void test_definition_default_sections(void **state)
{
    (void)state;
    def_run r;
    S_def(&r, "title: Only a title\n");
    assert_non_null(r.def);
    assert_int_equal(r.def->nsections, TP_SEC_COUNT);
    for (int s = 0; s < TP_SEC_COUNT; s++)
        assert_int_equal(r.def->sections[s], s);
    assert_int_equal(r.def->ncrosstabs, 0);
    S_def_done(&r);
}

static void test_definition_problems(void **state)
{
    (void)state;
    def_run r;
    S_def(&r, "title: T\n"
              "titel: x\n"
              "sections: [headline, heddline]\n"
              "crosstabs:\n"
              "  - {label: A, lable: B, field: focus, equals: x}\n"
              "  - {label: A, field: focus, field: team, equals: x}\n"
              "  - {<<: {label: L}, <<: {field: team}, equals: x}\n");
    assert_null(r.def);
    assert_int_equal(r.diags.errors, 5);
    assert_int_equal(r.diags.warnings, 1);
    tp_test_expect_exact(&r.diags, TP_ERROR, 2, 1, "unknown key 'titel' (did you mean 'title'?)");
    tp_test_expect_exact(&r.diags, TP_ERROR, 3, 22, "unknown section 'heddline' (did you mean 'headline'?)");
    tp_test_expect_exact(&r.diags, TP_WARNING, 5, 16, "unknown key 'lable' (did you mean 'label'?)");
    tp_test_expect_exact(&r.diags, TP_ERROR, 6, 30, "duplicate key 'field' (first at line 6, column 16)");
    tp_test_expect_exact(&r.diags, TP_ERROR, 7, 22,
                   "a second merge key '<<' in one mapping (merge several with '<<: [*a, *b]')");
    /* the second merge is left out, so field is missing */
    tp_test_expect_exact(&r.diags, TP_ERROR, 7, 5, "crosstabs: missing required field 'field'");
    S_def_done(&r);
}

/* Whether some problem of severity sev at line:col holds text. */
static bool S_has(const def_run *d, tp_severity sev, int line, int col, const char *text)
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
    def_run d;
    S_def(&d, "title: Board pack\n"
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
    S_def_done(&d);
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
    def_run d;
    S_def(&d, "title: T\n"
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
    S_def_done(&d);
}

/* A target on an unknown path, on something that is not a number, or with
 * no bound is an error, located at the target. */
static void test_bad_targets(void **state)
{
    (void)state;
    def_run d;
    S_def(&d, "targets:\n"
               "  contact_rat: {min: 0.5}\n"
               "  organization: {min: 1}\n"
               "  regular_rate: {}\n"
               "  bacon.median: {max: 2}\n");
    assert_true(tp_diags_failed(&d.diags));
    assert_true(S_has(&d, TP_ERROR, 2, 3, "contact_rat"));
    assert_true(S_has(&d, TP_ERROR, 3, 3, "organization"));
    assert_true(S_has(&d, TP_ERROR, 4, 17, "no bound"));
    assert_int_equal(d.diags.errors, 3); /* the good one is not an error */
    S_def_done(&d);
}

/* A misspelt bound ({mn: 1}) is one problem, an error at the key that
 * says the target is left without a bound, not a warning and an error. */
static void test_target_key_typo(void **state)
{
    (void)state;
    def_run d;
    S_def(&d, "targets:\n  requests.covered: {mn: 1}\n  contact_rate: {min: 0.5, mx: 0.9}\n");
    assert_true(S_has(&d, TP_ERROR, 2, 22, "targets: requests.covered: unknown key 'mn' (did you mean 'min'?), so no bound"));
    assert_true(S_has(&d, TP_WARNING, 3, 28, "targets: unknown key 'mx' (did you mean 'max'?)"));
    assert_int_equal(d.diags.errors, 1);
    assert_int_equal(d.diags.warnings, 1);
    S_def_done(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written),      cmocka_unit_test(test_target_key_typo),      cmocka_unit_test(test_definition_merge_and_x_keys),
        cmocka_unit_test(test_definition_one_document),
        cmocka_unit_test(test_definition_default_sections), cmocka_unit_test(test_definition_problems),
        cmocka_unit_test(test_builtin_default), cmocka_unit_test(test_names_of_sections),
        cmocka_unit_test(test_unknown_keys), cmocka_unit_test(test_bad_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
