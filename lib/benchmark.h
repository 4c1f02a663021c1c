/* benchmark.h — organisations compared (benchmark.c, SPEC §7). */
#ifndef TP_BENCHMARK_H
#define TP_BENCHMARK_H

#include "touchpoint.h"

enum {
    TP_COL_CONTACT_RATE, TP_COL_REGULAR_RATE, TP_COL_HOURS_PER_HEAD, TP_COL_BACON_MEDIAN,
    TP_COL_AT_RISK_SHARE, TP_COL_ATTESTED_RATE, TP_COL_REQUEST_COVERAGE, TP_NCOLS
};

/* The JSON key of a benchmark column ("contact_rate", ...). */
const char *tp_bench_column(int col);
/* Whether a lower value of the column is the better one; whether it reads
 * as a percentage (a rate, or a count's share), from its figure in the
 * table of figures. */
bool tp_bench_lower_better(int col);
bool tp_bench_ratio(int col);

typedef struct {
    const char *name;   /* display name: a pseudonym when anonymised */
    const char *source; /* as given, or the pseudonym when anonymised */
    bool focus;         /* the organisation given by --focus */
    double values[TP_NCOLS]; /* NaN = null */
    double ranks[TP_NCOLS];  /* NaN = no rank */
    /* A rate column's k of n (contact: with_contact of it_staff, regular,
     * at-risk share: of it_staff, attested: of actions_done, coverage:
     * covered of covered + planned + gap); n is -1 for the other columns. */
    long k[TP_NCOLS], n[TP_NCOLS];
    double ci95[TP_NCOLS][2]; /* Wilson 95% of k of n; NaN where n <= 0 */
} tp_bench_org;

typedef struct tp_benchmark {
    const tp_bench_options *opt;
    tp_period period;
    const char *generated;
    tp_bench_org *orgs; size_t norgs; /* sorted by name */
    double peer_median[TP_NCOLS];     /* over the others with --focus; NaN when none has a value */
    double reference_contact_rate;    /* State of the CIO 2016 */
    const tp_bench_org *focus;        /* the --focus organisation, or NULL */
    size_t npeers;                    /* organisations the peer median is over */
    /* With --focus, the two-sided Fisher p-value of the focus organisation
     * against the others pooled, for the contact and the regular rate; NaN
     * in every other column, and in these with no other organisation. */
    double focus_p[TP_NCOLS];
    long peers_k[TP_NCOLS], peers_n[TP_NCOLS]; /* with --focus, the others' k and n pooled */
    double peers_rate[TP_NCOLS];               /* their k / n; NaN where n is 0 */
} tp_benchmark;

#endif
