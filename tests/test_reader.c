/* test_reader.c — the YAML reader's rules (SPEC §1), report definitions
 * read by the same reader (SPEC §6), and how problems are recorded. */
#include "tp_test.h"

/* Asserts that a problem of severity sev at line:col has exactly the message want. */
static void S_expect_exact(const tp_diags *d, tp_severity sev, int line, int col, const char *want)
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

/* ----------------------------------------------------------- merge keys */

static void test_merge_rules(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "x-a: &a {team: A, role: ra, focus: fa}\n"
                     "x-b: &b {team: B, role: rb, reports_to: CEO}\n"
                     "people:\n"
                     "  - {<<: [*a, *b], id: p1, name: One}\n"
                     "  - {<<: [*b, *a], id: p2, name: Two, role: own}\n");
    assert_int_equal(t.status, TP_OK);
    assert_int_equal(t.diags.errors, 0);
    tp_model *m = t.model;
    assert_non_null(m);
    assert_int_equal(m->npeople, 2);
    assert_string_equal(m->people[0].team, "A"); /* the earlier merged mapping wins */
    assert_string_equal(m->people[0].role, "ra");
    assert_string_equal(m->people[0].reports_to, "CEO"); /* a later one fills gaps */
    assert_string_equal(m->people[1].team, "B");
    assert_string_equal(m->people[1].role, "own"); /* the mapping's own key wins */
    assert_string_equal(m->people[1].focus, "fa");
    tp_test_done(&t);
}

static void test_second_merge_key(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "x-a: &a {team: A}\n"
                     "x-b: &b {role: B}\n"
                     "people:\n"
                     "  - {<<: *a, <<: *b, id: p1, name: One}\n");
    assert_int_equal(t.diags.errors, 1);
    S_expect_exact(&t.diags, TP_ERROR, 4, 14,
                   "a second merge key '<<' in one mapping (merge several with '<<: [*a, *b]')");
    tp_test_done(&t);
}

/* A key repeated inside a template is an error once, at the template,
 * however many records merge it. */
static void test_repeated_key_in_template(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "x-t: &t\n"
                     "  team: A\n"
                     "  team: B\n"
                     "people:\n"
                     "  - {<<: *t, id: p1, name: One}\n"
                     "  - {<<: *t, id: p2, name: Two}\n"
                     "  - {<<: *t, id: p3, name: Three}\n");
    assert_int_equal(t.diags.errors, 1);
    S_expect_exact(&t.diags, TP_ERROR, 3, 3, "duplicate key 'team' (first at line 2, column 3)");
    tp_test_done(&t);
}

static void test_merge_wrong_kind(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "people:\n"
                     "  - {<<: text, id: p1, name: One}\n"
                     "  - {<<: [{team: A}, [x]], id: p2, name: Two}\n");
    assert_int_equal(t.diags.errors, 2);
    S_expect_exact(&t.diags, TP_ERROR, 2, 10,
                   "a merge key '<<' takes a mapping or a list of mappings, found a scalar");
    S_expect_exact(&t.diags, TP_ERROR, 3, 22, "a merge key '<<' takes mappings, found a sequence");
    tp_test_done(&t);
}

/* ---------------------------------------------------------- definitions */

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
    S_expect_exact(&r.diags, TP_ERROR, 2, 1, "unknown key 'titel' (did you mean 'title'?)");
    S_expect_exact(&r.diags, TP_ERROR, 3, 22, "unknown section 'heddline' (did you mean 'headline'?)");
    S_expect_exact(&r.diags, TP_WARNING, 5, 16, "unknown key 'lable' (did you mean 'label'?)");
    S_expect_exact(&r.diags, TP_ERROR, 6, 30, "duplicate key 'field' (first at line 6, column 16)");
    S_expect_exact(&r.diags, TP_ERROR, 7, 22,
                   "a second merge key '<<' in one mapping (merge several with '<<: [*a, *b]')");
    /* the second merge is left out, so field is missing */
    S_expect_exact(&r.diags, TP_ERROR, 7, 5, "crosstabs: missing required field 'field'");
    S_def_done(&r);
}

/* ---------------------------------------------------------- diagnostics */

static void test_diag_escape_cut_once_note(void **state)
{
    (void)state;
    tp_arena *a = tp_arena_new();
    tp_diags d;
    tp_diags_init(&d, a);
    tp_loc at = {"f\x1b.yaml", 3, 4};
    char long_id[200 + 1];
    memset(long_id, 0, sizeof long_id);
    for (int i = 0; i < 100; i++)
        memcpy(long_id + 2 * i, "\xC3\xA9", 2); /* 100 × é */
    tp_diag_add(&d, at, TP_ERROR, "unknown person '%s'", long_id);
    tp_diag_add(&d, at, TP_ERROR, "unknown person '%s'", long_id); /* the same: told once */
    tp_diag_add(&d, at, TP_WARNING, "text '%s' and %s, %d", "a\tb\x7f" "c\xC2\x85" "d\n", "not\x01quoted", 7);
    tp_diag_add(&d, (tp_loc){"g.yaml", 9, 1}, TP_ERROR, "duplicate id '%s'", "acme");
    tp_diag_note(&d, (tp_loc){"g.yaml", 2, 5}, "'%s' is first defined here", "acme");
    tp_diag_add(&d, (tp_loc){"g.yaml", 9, 1}, TP_ERROR, "duplicate id '%s'", "acme");
    tp_diag_note(&d, (tp_loc){"g.yaml", 1, 1}, "not attached: the problem was told already");
    tp_diags_sort(&d);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.count, 3);
    char want[400] = "unknown person '";
    for (int i = 0; i < 80; i++)
        strcat(want, "\xC3\xA9");
    strcat(want, "\xE2\x80\xA6'");
    S_expect_exact(&d, TP_ERROR, 3, 4, want);
    S_expect_exact(&d, TP_WARNING, 3, 4, "text 'a\\x09b\\x7fc\\x85d\\x0a' and not\\x01quoted, 7");
    char *text = tp_diag_text(&d.items[1], false); /* after the error at the same place */
    assert_non_null(text);
    assert_string_equal(text, "f\\x1b.yaml:3:4: warning: text 'a\\x09b\\x7fc\\x85d\\x0a' and not\\x01quoted, 7\n");
    free(text);
    text = tp_diag_text(&d.items[2], true);
    assert_string_equal(text, "g.yaml:9:1: error: duplicate id 'acme'\ng.yaml:2:5: note: 'acme' is first defined here\n");
    free(text);
    /* merged problems keep their notes and stay told once */
    tp_diags all;
    tp_diags_init(&all, a);
    tp_diags_merge(&all, &d);
    tp_diags_merge(&all, &d);
    assert_int_equal(all.count, 3);
    assert_int_equal(all.errors, 2);
    assert_string_equal(all.items[2].note, "'acme' is first defined here");
    tp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_rules),
        cmocka_unit_test(test_second_merge_key),
        cmocka_unit_test(test_repeated_key_in_template),
        cmocka_unit_test(test_merge_wrong_kind),
        cmocka_unit_test(test_definition_merge_and_x_keys),
        cmocka_unit_test(test_definition_default_sections),
        cmocka_unit_test(test_definition_problems),
        cmocka_unit_test(test_diag_escape_cut_once_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
