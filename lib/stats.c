/* stats.c — the statistics of SPEC §3 "Small print": the bacon median, the
 * Wilson score interval and Fisher's exact test. */
#include "kpi.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>

/* Sort key of a bacon number: none ranks above every number. */
static long long S_bacon_key(int v) { return v == TP_NONE ? (long long)INT32_MAX + 1 : v; }

static int S_cmp_bacon(const void *pa, const void *pb)
{
    long long a = S_bacon_key(*(const int *)pa), b = S_bacon_key(*(const int *)pb);
    return (a > b) - (a < b);
}

int tp_median_bacon(int *v, size_t n)
{
    if (n == 0)
        return TP_NONE;
    qsort(v, n, sizeof *v, S_cmp_bacon);
    return v[(n - 1) / 2];
}

#define S_Z 1.959963984540054

/* The formula exactly as SPEC §3 writes it, without clamping: at k = 0
 * the lower bound may come out as a rounding error's width below 0, as it
 * does for any implementation that follows the same formula. */
void tp_wilson(long k, long n, double *lo, double *hi)
{
    if (n <= 0) {
        *lo = *hi = NAN;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = S_Z * S_Z;
    double denom = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / denom;
    double half = S_Z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
    *lo = centre - half;
    *hi = centre + half;
}

/* The 2x2 tables with the margins of [[a, b], [c, d]], indexed by their
 * top-left cell x in [lo, hi]. */
typedef struct {
    long lo, hi;
    double r1, c1, d0; /* first row sum, first column sum, d - a */
} S_tables;

/* log(P(x + 1) / P(x)) for the hypergeometric probabilities P: one table
 * to the next moves one unit from b and c to a and d. */
static double S_log_step(const S_tables *t, long x)
{
    double xx = (double)x;
    return log(((t->r1 - xx) * (t->c1 - xx)) / ((xx + 1) * (t->d0 + xx + 1)));
}

/* The log-probability of the observed table x = a and the largest one,
 * both relative to the table x = lo. */
static void S_scan(const S_tables *t, long a, double *lobs, double *lmax)
{
    double l = 0;
    *lobs = *lmax = 0;
    for (long x = t->lo;; x++) {
        if (x == a)
            *lobs = l;
        *lmax = fmax(*lmax, l);
        if (x == t->hi)
            return;
        l += S_log_step(t, x);
    }
}

/* Fisher's exact test, two-sided: the tables no more probable than the
 * observed one (with a relative slack of 1e-7). Log-probabilities come from
 * the ratio of consecutive tables, relative to the table x = lo, so no
 * factorial is ever formed; they are exponentiated only after subtracting
 * the observed one (for the included tables, all at most about as probable
 * as it) or the largest (for the total), so nothing overflows. */
double tp_fisher_exact(long a, long b, long c, long d)
{
    if (a < 0 || b < 0 || c < 0 || d < 0)
        return NAN;
    if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        return 1.0;
    S_tables t = {.r1 = (double)(a + b), .c1 = (double)(a + c), .d0 = (double)(d - a)};
    t.lo = a > d ? a - d : 0;
    t.hi = b < c ? a + b : a + c;

    double lobs, lmax;
    S_scan(&t, a, &lobs, &lmax);
    double cut = lobs + log1p(1e-7), all = 0, some = 0, l = 0;
    for (long x = t.lo;; x++) {
        all += exp(l - lmax);
        if (l <= cut)
            some += exp(l - lobs);
        if (x == t.hi)
            break;
        l += S_log_step(&t, x);
    }
    return fmin(1.0, some / all * exp(lobs - lmax));
}
