/* kpi.h — the one table of figures (tp_kpi_defs): rates worked out once,
 * figures set by their entry, and the lists the human formats show first. */
#ifndef TP_KPI_H
#define TP_KPI_H

#include "touchpoint.h"

#define TP_NONE (-1) /* an absent bacon number or median */

enum { TP_CLASS_REGULAR, TP_CLASS_OCCASIONAL, TP_CLASS_NONE };
enum { TP_BUCKET_1, TP_BUCKET_2, TP_BUCKET_3, TP_BUCKET_4PLUS, TP_BUCKET_NONE, TP_NBUCKETS };

/* Headline figures. A double that is NaN is null in JSON. */
typedef struct {
    long it_staff, with_contact, regular, occasional, none;
    double contact_rate, regular_rate;
    double contact_hours, contact_hours_per_head;
    long customers_touched, paying_customers_touched;
    long bacon[TP_NBUCKETS];
    double bacon_share[TP_NBUCKETS]; /* bacon[b] / it_staff (not in report.json) */
    int bacon_median; /* TP_NONE = null */
    double bacon_mean;
    long at_risk;
    double at_risk_share; /* at_risk / it_staff (the benchmark's; not in report.json) */
    long insights, actions, actions_done, actions_attested;
    double done_rate, attested_rate;
    long req_covered, req_planned, req_gap, req_declined;
    double coverage;
    long interactions; /* interactions of any type in the period */
} tp_kpis;

/* The headline figures of tp_kpis by their path in report.json's "kpis"
 * ("contact_rate", "bacon.median", "requests.coverage"): one table that
 * the targets and the renderers read. */
typedef enum { TP_KPI_COUNT, TP_KPI_RATIO, TP_KPI_DEC, TP_KPI_BACON } tp_kpi_kind;

typedef struct {
    const char *path;
    tp_kpi_kind kind;
    int better; /* +1: a rise is better; -1: a rise is worse; 0: neither (SPEC §3) */
    size_t off; /* of the field in tp_kpis */
} tp_kpi_def;

extern const tp_kpi_def tp_kpi_defs[];
extern const size_t tp_nkpi_defs;
/* The figure at path, or NULL when kpis has no number there. */
const tp_kpi_def *tp_kpi_find(const char *path);
/* The figure's value as a double; NaN when it is null. */
double tp_kpi_value(const tp_kpis *k, const tp_kpi_def *d);

/* k of n, NaN (null) when n is 0: every rate of counts (SPEC §5: "a ratio
 * with a zero denominator is null"). */
double tp_rate(long k, long n);
/* Fills the rates of k from its counts (contact, regular, done, attested,
 * coverage, at-risk share, the bacon bucket shares): the one place they
 * are worked out, for a period's figures and for a report.json's. */
void tp_kpis_rates(tp_kpis *k);
/* Sets the figure d of k to v (a count or a bacon number: v whole; NaN: none). */
void tp_kpi_set(tp_kpis *k, const tp_kpi_def *d, double v);

/* The figures the human formats show first, by their path in tp_kpi_defs:
 * the headline table of the Markdown and the page, in its order, and the
 * page's cards. */
extern const char *const tp_kpi_headline[];
extern const size_t tp_nkpi_headline;
extern const char *const tp_kpi_cards[];
extern const size_t tp_nkpi_cards;

#endif
