/* stats.h — medians of bacon numbers, Wilson intervals, Fisher's exact test (stats.c). */
#ifndef TP_STATS_H
#define TP_STATS_H

#include <stddef.h>

/* Median over values where TP_NONE ranks above every number: the lower
 * middle one; TP_NONE when n == 0 or that value is none. Sorts v. */
int tp_median_bacon(int *v, size_t n);
/* 95% Wilson score interval for k of n; lo = hi = NaN when n == 0. */
void tp_wilson(long k, long n, double *lo, double *hi);
/* Two-sided Fisher exact test of [[a, b], [c, d]]. */
double tp_fisher_exact(long a, long b, long c, long d);

#endif
