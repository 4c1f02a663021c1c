/* period.h — report periods: parsing, the previous one, months, the
 * default period (period.c). */
#ifndef TP_PERIOD_H
#define TP_PERIOD_H

#include "model.h"

/* tp_period_parse (touchpoint.h) parses 2026-Q3, 2026, 2026-07 or A..B;
 * false when s is none of them (or a range whose end is before its start). */
/* The calendar quarter holding day t. */
tp_period tp_period_quarter_of(tp_date t);
/* The period of the same kind just before p (SPEC §2). */
tp_period tp_period_previous(const tp_period *p);
/* M: the number of calendar months p touches. */
int tp_period_months(const tp_period *p);
/* Month index (year*12 + month-1) of day t; contact months are counted with it. */
int tp_month_index(tp_date t);
/* The latest of dates[0..n) not after today, or (when every one is after
 * it) the latest of all; TP_DATE_NONE when n is 0. today TP_DATE_NONE: the latest. */
tp_date tp_latest_date(const tp_date *dates, size_t n, tp_date today);
/* The default period (SPEC §2): the quarter of tp_latest_date of the
 * model's interactions; false when there is no interaction. */
bool tp_period_default(const tp_model *m, tp_date today, tp_period *out);

#endif
