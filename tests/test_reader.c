/* test_reader.c — the YAML reader's rules (SPEC §1). Definitions, read by
 * the same reader, are tested in test_definition.c; problems in
 * test_diag.c. */
#include "model.h"
#include "tp_test.h"

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
    tp_test_expect_exact(&t.diags, TP_ERROR, 4, 14,
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
    tp_test_expect_exact(&t.diags, TP_ERROR, 3, 3, "duplicate key 'team' (first at line 2, column 3)");
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
    tp_test_expect_exact(&t.diags, TP_ERROR, 2, 10,
                   "a merge key '<<' takes a mapping or a list of mappings, found a scalar");
    tp_test_expect_exact(&t.diags, TP_ERROR, 3, 22, "a merge key '<<' takes mappings, found a sequence");
    tp_test_done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_rules),
        cmocka_unit_test(test_second_merge_key),
        cmocka_unit_test(test_repeated_key_in_template),
        cmocka_unit_test(test_merge_wrong_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
