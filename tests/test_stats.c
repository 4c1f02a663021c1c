/* test_stats.c — medians, Wilson intervals and Fisher's exact test against
 * published values (R's fisher.test and prop.test(correct = FALSE)) and
 * exact rational computations (Python fractions with math.comb). */
#include "kpi.h"
#include "stats.h"
#include "tp_test.h"

#include <math.h>

/* Relative tolerance 1e-9, the checker's. */
static void S_near(double got, double want)
{
    if (fabs(got - want) > 1e-9 * fabs(want) + 1e-15)
        fail_msg("got %.17g, want %.17g", got, want);
}

static void test_median(void **state)
{
    (void)state;
    int a[] = {3, 1, 2};
    assert_int_equal(tp_median_bacon(a, 3), 2);
    int b[] = {4, 1, 3, 2}; /* even: the lower middle */
    assert_int_equal(tp_median_bacon(b, 4), 2);
    int c[] = {TP_NONE, 1, TP_NONE}; /* none sorts above every number */
    assert_int_equal(tp_median_bacon(c, 3), TP_NONE);
    int d[] = {TP_NONE, 1, 5, TP_NONE}; /* [1, 5, none, none]: index 1 */
    assert_int_equal(tp_median_bacon(d, 4), 5);
    int e[] = {TP_NONE, 2};
    assert_int_equal(tp_median_bacon(e, 2), 2);
    assert_int_equal(tp_median_bacon(NULL, 0), TP_NONE);
}

static void test_wilson(void **state)
{
    (void)state;
    static const struct {
        long k, n;
        double lo, hi;
    } cases[] = {
        /* R: prop.test(6, 11, correct = FALSE)$conf.int -> 0.2800915 0.7872873 */
        {6, 11, 0.280091537409322, 0.7872872837754024},
        {0, 10, 0.0, 0.2775327998628892},
        {10, 10, 0.7224672001371107, 0.9999999999999999},
        {81, 263, 0.2552885198782742, 0.36620957698280004},
        {1, 3, 0.06149194472039621, 0.7923403991979522},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double lo, hi;
        tp_wilson(cases[i].k, cases[i].n, &lo, &hi);
        S_near(lo, cases[i].lo);
        S_near(hi, cases[i].hi);
    }
    double lo, hi;
    tp_wilson(0, 0, &lo, &hi);
    assert_true(isnan(lo) && isnan(hi));
}

static void test_fisher(void **state)
{
    (void)state;
    static const struct {
        long a, b, c, d;
        double p;
    } cases[] = {
        {3, 1, 1, 3, 0.4857142857142857},         /* Fisher's lady tasting tea; R: 0.4857 */
        {1, 9, 11, 3, 0.0027594561852200836},     /* R: fisher.test -> 0.002759 */
        {10, 0, 0, 10, 1.082508822446903e-05},
        {0, 5, 5, 0, 0.007936507936507936},
        {6, 5, 5, 6, 1.0},                        /* ties with the observed table count */
        {2, 7, 8, 2, 0.023014137565221155},
        {500, 1500, 700, 1300, 6.074382000789661e-12}, /* exact rationals: no overflow at n = 4000 */
        {1234, 4321, 1500, 4000, 7.547112541597498e-10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        S_near(tp_fisher_exact(cases[i].a, cases[i].b, cases[i].c, cases[i].d), cases[i].p);
    /* An empty margin gives 1. */
    S_near(tp_fisher_exact(0, 0, 3, 4), 1.0);
    S_near(tp_fisher_exact(2, 0, 3, 0), 1.0);
    S_near(tp_fisher_exact(0, 0, 0, 0), 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_fisher),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
