/* fsum.h — exact sums of doubles, correctly rounded once. */
#ifndef TP_FSUM_H
#define TP_FSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An exact sum of doubles (fsum.c): the terms are added without rounding,
 * in any order, and tp_fsum_value gives the correctly rounded result. */
#define TP_FSUM_LIMBS 70
typedef struct {
    int64_t limb[TP_FSUM_LIMBS]; /* 32-bit digits of the sum in units of 2^-1088 */
    uint32_t adds;               /* additions since carries last moved */
    bool has_special;            /* an infinity or NaN was added */
    double special;              /* their plain sum */
} tp_fsum;

void tp_fsum_init(tp_fsum *s);
void tp_fsum_add(tp_fsum *s, double x);
/* Adds the terms held in t to s. */
void tp_fsum_add_sum(tp_fsum *s, const tp_fsum *t);
/* The exact sum so far, rounded to nearest (ties to even); 0.0 for none. */
double tp_fsum_value(const tp_fsum *s);
/* The correctly rounded sum of v[0..n). */
double tp_fsum_array(const double *v, size_t n);

#endif
