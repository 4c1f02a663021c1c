/* date.h — calendar dates as day numbers (date.c). */
#ifndef TP_DATE_H
#define TP_DATE_H

#include "touchpoint.h"

tp_date tp_date_from_ymd(int y, int m, int d);
void tp_date_to_ymd(tp_date t, int *y, int *m, int *d);
bool tp_date_valid_ymd(int y, int m, int d);
/* "YYYY-MM-DD" or a timestamp "YYYY-MM-DD[Tt ]HH:MM[:SS[.f]][Z|±HH:MM]";
 * the written date is used. Returns false when s is not one. */
bool tp_date_parse(const char *s, tp_date *out);
/* Why s is not a date tp_date_parse takes, in words ("September has 30
 * days"), written into buf when it needs the numbers; NULL when it is one. */
const char *tp_date_problem(const char *s, char *buf, size_t size);

#endif
