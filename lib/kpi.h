/* kpi.h — the one table of figures (tp_kpi_defs): rates worked out once,
 * figures set by their entry, and the lists the human formats show first. */
#ifndef TP_KPI_H
#define TP_KPI_H

#include "touchpoint.h"

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
