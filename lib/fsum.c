/* fsum.c — exact sums of doubles (SPEC §3 "Small print": every sum of the
 * report is the correctly rounded value of the exact sum of its terms).
 *
 * A wide fixed-point accumulator: every finite double is an integer
 * multiple of 2^-1074 below 2^1024, so the exact sum of any number of them
 * is an integer multiple of 2^-1074 too, held here in 32-bit digits (int64
 * limbs, so that about 2^29 terms can be added before carries must move).
 * Adding a term touches three limbs and never allocates; only the final
 * rounding looks at the whole number. The result does not depend on the
 * order of the terms. Infinities and NaN, which the logs cannot hold, are
 * summed in plain arithmetic. */
#include "fsum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define S_E0 (-1088)                 /* limb 0's lowest bit is 2^S_E0 (a multiple of 32 below -1074) */
#define S_MASK 0xffffffffLL
#define S_CARRY_EVERY (1u << 29)     /* additions between carries: each adds < 2^33 to a limb */

void tp_fsum_init(tp_fsum *s) { memset(s, 0, sizeof *s); }

/* Moves carries up so that every limb but the top one lies in [0, 2^32). */
static void S_carry(int64_t *limb)
{
    int64_t carry = 0;
    for (int i = 0; i < TP_FSUM_LIMBS - 1; i++) {
        int64_t v = limb[i] + carry;
        int64_t low = v & S_MASK;
        carry = (v - low) / ((int64_t)1 << 32);
        limb[i] = low;
    }
    limb[TP_FSUM_LIMBS - 1] += carry;
}

void tp_fsum_add(tp_fsum *s, double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    int ex = (int)(u >> 52 & 0x7ff);
    uint64_t m = u & ((1ull << 52) - 1);
    if (ex == 0x7ff) {
        s->special += x;
        s->has_special = true;
        return;
    }
    if (ex == 0 && m == 0)
        return;
    /* |x| = m * 2^low: ex - 1075 for normal numbers, -1074 for subnormal ones */
    int low = ex ? ex - 1075 : -1074;
    if (ex)
        m |= 1ull << 52;
    int b = low - S_E0, i = b / 32, off = b % 32;
    int64_t sign = u >> 63 ? -1 : 1;
    uint64_t lo = (m & (uint64_t)S_MASK) << off, hi = (m >> 32) << off; /* each below 2^63 */
    s->limb[i] += sign * (int64_t)(lo & (uint64_t)S_MASK);
    s->limb[i + 1] += sign * (int64_t)((lo >> 32) + (hi & (uint64_t)S_MASK));
    s->limb[i + 2] += sign * (int64_t)(hi >> 32);
    if (++s->adds == S_CARRY_EVERY) {
        S_carry(s->limb);
        s->adds = 0;
    }
}

void tp_fsum_add_sum(tp_fsum *s, const tp_fsum *t)
{
    tp_fsum u = *t;
    S_carry(u.limb);
    S_carry(s->limb);
    for (int i = 0; i < TP_FSUM_LIMBS; i++)
        s->limb[i] += u.limb[i]; /* each below 2^33 now */
    s->adds = 1;
    if (t->has_special) {
        s->special += t->special;
        s->has_special = true;
    }
}

/* Bit k of the non-negative number held in limb (k from 0). */
static unsigned S_bit(const int64_t *limb, int k) { return (unsigned)(limb[k / 32] >> (k % 32)) & 1u; }

/* True when a bit below k is set. */
static bool S_any_below(const int64_t *limb, int k)
{
    for (int i = 0; i < k / 32; i++)
        if (limb[i])
            return true;
    return k % 32 && (limb[k / 32] & ((1LL << (k % 32)) - 1));
}

double tp_fsum_value(const tp_fsum *s)
{
    if (s->has_special)
        return s->special;
    int64_t limb[TP_FSUM_LIMBS];
    memcpy(limb, s->limb, sizeof limb);
    S_carry(limb);
    bool negative = limb[TP_FSUM_LIMBS - 1] < 0;
    if (negative) {
        for (int i = 0; i < TP_FSUM_LIMBS; i++)
            limb[i] = -limb[i];
        S_carry(limb);
    }
    int top = TP_FSUM_LIMBS - 1;
    while (top >= 0 && !limb[top])
        top--;
    if (top < 0)
        return 0.0;
    int t = top * 32 + 63 - __builtin_clzll((unsigned long long)limb[top]); /* the highest set bit */
    /* Keep 53 bits from the top, fewer where the result is subnormal. */
    int keep_from = t - 52 < -1074 - S_E0 ? -1074 - S_E0 : t - 52;
    uint64_t q = 0;
    for (int k = t; k >= keep_from; k--)
        q = q << 1 | S_bit(limb, k);
    if (keep_from > 0 && S_bit(limb, keep_from - 1) && ((q & 1) || S_any_below(limb, keep_from - 1)))
        q++; /* round half to even */
    double v = ldexp((double)q, keep_from + S_E0); /* overflows to infinity past the largest double */
    return negative ? -v : v;
}

double tp_fsum_array(const double *v, size_t n)
{
    if (n <= 1) /* most people's and teams' sums: nothing to round */
        return n ? v[0] + 0.0 : 0.0; /* + 0.0: -0.0 sums to 0.0, as below */
    tp_fsum s;
    tp_fsum_init(&s);
    for (size_t i = 0; i < n; i++)
        tp_fsum_add(&s, v[i]);
    return tp_fsum_value(&s);
}
