/* test_fsum.c — the exact accumulator against hand-worked sums (the values
 * Python's math.fsum gives) and against exact 128-bit integer sums. */
#include "tp_test.h"

#include "fsum.h"

#include <math.h>

__extension__ typedef __int128 S_i128;

static double S_sum(const double *v, size_t n) { return tp_fsum_array(v, n); }

static void test_hand_worked(void **state)
{
    (void)state;
    double a[] = {0.1, 0.2, 0.3};
    assert_true(0.1 + 0.2 + 0.3 != 0.6); /* what plain addition gives: 0.6000000000000001 */
    assert_true(S_sum(a, 3) == 0.6);
    double b[] = {1e100, 1.0, -1e100};
    assert_true(S_sum(b, 3) == 1.0);
    double c[10];
    for (int i = 0; i < 10; i++)
        c[i] = 0.1;
    assert_true(S_sum(c, 10) == 1.0); /* plain: 0.9999999999999999 */
    double d[] = {-0.5, 0.25};
    assert_true(S_sum(d, 2) == -0.25);
    assert_true(S_sum(NULL, 0) == 0.0);
    double e[] = {1e308, 1e308};
    assert_true(isinf(S_sum(e, 2)) && S_sum(e, 2) > 0);
    double f[] = {1e308, 1e308, -1e308};
    assert_true(S_sum(f, 3) == 1e308); /* the exact sum, though a running sum overflows */
    double g[] = {5e-324, 5e-324, 1e-323};
    assert_true(S_sum(g, 3) == 2e-323); /* subnormals are exact */
    double h[] = {2.5, -2.5, 7.0, -7.0};
    assert_true(S_sum(h, 4) == 0.0);
    double inf[] = {1.0, INFINITY};
    assert_true(isinf(S_sum(inf, 2)));
}

/* Halfway cases round to even; a bit further down decides otherwise. */
static void test_rounding(void **state)
{
    (void)state;
    double ulp = ldexp(1, -52), half = ldexp(1, -53);
    double a[] = {1.0, half};
    assert_true(S_sum(a, 2) == 1.0);
    double b[] = {1.0, half, ldexp(1, -100)};
    assert_true(S_sum(b, 3) == 1.0 + ulp);
    double c[] = {1.0 + ulp, half};
    assert_true(S_sum(c, 2) == 1.0 + 2 * ulp);
    double d[] = {1.0, half, -ldexp(1, -100)};
    assert_true(S_sum(d, 3) == 1.0);
    double e[] = {-1.0, -half, -ldexp(1, -100)};
    assert_true(S_sum(e, 3) == -1.0 - ulp);
    /* three files holding 0.3, 0.2 and 0.1 hours, in every order */
    double p[6][3] = {{0.3, 0.2, 0.1}, {0.3, 0.1, 0.2}, {0.2, 0.3, 0.1},
                      {0.2, 0.1, 0.3}, {0.1, 0.3, 0.2}, {0.1, 0.2, 0.3}};
    for (int i = 0; i < 6; i++)
        assert_true(S_sum(p[i], 3) == 0.6);
}

/* A simple deterministic generator (xorshift64). */
static uint64_t S_next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Terms k * 2^-40 with |k| < 2^53 (exact doubles) sum exactly in 128 bits; the compiler's
 * conversion of that integer to double is correctly rounded. */
static void test_against_integers(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull;
    for (int round = 0; round < 200; round++) {
        enum { N = 300 };
        double v[N];
        S_i128 exact = 0;
        int bits = 1 + (int)(S_next(&x) % 53);
        for (int i = 0; i < N; i++) {
            int64_t k = (int64_t)(S_next(&x) >> (64 - bits));
            if (S_next(&x) & 1)
                k = -k;
            v[i] = ldexp((double)k, -40);
            exact += k;
        }
        double want = ldexp((double)exact, -40);
        assert_true(S_sum(v, N) == want);
        for (int i = N - 1; i > 0; i--) { /* any order: the same */
            int j = (int)(S_next(&x) % (uint64_t)(i + 1));
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        assert_true(S_sum(v, N) == want);
    }
}

/* Past the point where carries are moved, and sums of sums. */
static void test_many_terms(void **state)
{
    (void)state;
    tp_fsum s, t;
    tp_fsum_init(&s);
    long n = (1L << 29) + 1000;
    for (long i = 0; i < n; i++)
        tp_fsum_add(&s, i & 1 ? -0.75 : 1.0); /* limbs move both ways */
    /* (n/2) * 1.0 - (n/2) * 0.75 = n/8 */
    assert_true(tp_fsum_value(&s) == (double)n / 8);
    tp_fsum_init(&t);
    tp_fsum_add(&t, 0.1);
    tp_fsum_add(&t, 0.2);
    tp_fsum_add_sum(&t, &s);
    tp_fsum_init(&s);
    tp_fsum_add(&s, 0.3);
    tp_fsum_add_sum(&t, &s);
    /* n/8 + 0.6 where 0.1 + 0.2 + 0.3 is the exact sum of the three doubles */
    double w[] = {(double)n / 8, 0.1, 0.2, 0.3};
    assert_true(tp_fsum_value(&t) == S_sum(w, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_worked),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_against_integers),
        cmocka_unit_test(test_many_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
