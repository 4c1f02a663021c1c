/* date.c — calendar dates as day numbers (days since 1970-01-01), proleptic
 * Gregorian; parsing of dates and timestamps as SPEC §1 writes them. */
#include "date.h"

#include <stdio.h>

/* Beyond this many years either way a day number no longer fits tp_date. */
#define S_YEAR_LIMIT 5000000

static bool S_leap(long long y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static int S_month_days(long long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && S_leap(y) ? 29 : days[m - 1];
}

/* Floor division, for carrying months into years when m is out of range. */
static long long S_floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Howard Hinnant's days_from_civil for y-m-d with 1 <= m <= 12. */
static long long S_days_from_civil(long long y, long long m, long long d)
{
    y -= m <= 2;
    long long era = S_floor_div(y, 400);
    long long yoe = y - era * 400;                               /* [0, 399] */
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* The day number of y-m-d. Out-of-range months carry into the year and
 * out-of-range days count on from the first of the month, so (2026, 13, 1)
 * is 2027-01-01 and (2026, 3, 0) is 2026-02-28. */
tp_date tp_date_from_ymd(int y, int m, int d)
{
    long long mm = (long long)m - 1;
    long long yy = (long long)y + S_floor_div(mm, 12);
    mm -= S_floor_div(mm, 12) * 12;
    return (tp_date)(S_days_from_civil(yy, mm + 1, 1) + (long long)d - 1);
}

/* Howard Hinnant's civil_from_days. */
void tp_date_to_ymd(tp_date t, int *y, int *m, int *d)
{
    long long z = (long long)t + 719468;
    long long era = S_floor_div(z, 146097);
    long long doe = z - era * 146097;                                   /* [0, 146096] */
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
    long long mp = (5 * doy + 2) / 153;                                 /* [0, 11] */
    long long mon = mp < 10 ? mp + 3 : mp - 9;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)mon;
    *y = (int)(yoe + era * 400 + (mon <= 2));
}

bool tp_date_valid_ymd(int y, int m, int d)
{
    if (y < -S_YEAR_LIMIT || y > S_YEAR_LIMIT || m < 1 || m > 12)
        return false;
    return d >= 1 && d <= S_month_days(y, m);
}

/* Reads n decimal digits at *p into *out and advances *p; false if any of
 * them is not a digit. */
static bool S_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* Two digits at *p no greater than max, then advances. */
static bool S_field(const char **p, int max)
{
    int v;
    return S_digits(p, 2, &v) && v <= max;
}

/* Consumes the character c at *p if it is there. */
static bool S_eat(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* ":SS[.fraction]", optional as a whole. */
static bool S_seconds(const char **p)
{
    if (!S_eat(p, ':'))
        return true;
    if (!S_field(p, 60))
        return false;
    if (!S_eat(p, '.'))
        return true;
    const char *start = *p;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return *p != start;
}

/* The time after the date: "HH:MM[:SS[.f]][Z|±HH:MM]" up to the end of s. */
static bool S_time(const char *p)
{
    if (!S_field(&p, 23) || !S_eat(&p, ':') || !S_field(&p, 59) || !S_seconds(&p))
        return false;
    if (S_eat(&p, 'Z'))
        return *p == '\0';
    if (S_eat(&p, '+') || S_eat(&p, '-')) {
        if (!S_field(&p, 23) || !S_eat(&p, ':') || !S_field(&p, 59))
            return false;
    }
    return *p == '\0';
}

/* "YYYY-MM-DD" at *p, a real calendar date; advances past it. */
static bool S_date(const char **p, tp_date *out)
{
    int y, m, d;
    if (!S_digits(p, 4, &y) || !S_eat(p, '-') || !S_digits(p, 2, &m) || !S_eat(p, '-') ||
        !S_digits(p, 2, &d) || !tp_date_valid_ymd(y, m, d))
        return false;
    *out = tp_date_from_ymd(y, m, d);
    return true;
}

bool tp_date_parse(const char *s, tp_date *out)
{
    tp_date t;
    if (!s || !S_date(&s, &t))
        return false;
    if (*s != '\0') {
        if (*s != 'T' && *s != 't' && *s != ' ')
            return false;
        if (!S_time(s + 1))
            return false;
    }
    *out = t;
    return true;
}

/* Years outside 0000-9999 do not fit the 10 characters: they are written
 * as question marks ("YYYY-MM-DD" with every letter and digit a "?")
 * rather than silently wrong. */
void tp_date_format(tp_date t, char *buf)
{
    int y, m, d;
    tp_date_to_ymd(t, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(buf, 11, "%s", "\?\?\?\?-\?\?-\?\?");
        return;
    }
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

const char *tp_date_problem(const char *s, char *buf, size_t size)
{
    static const char *const months[12] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
    tp_date t;
    if (tp_date_parse(s, &t))
        return NULL;
    const char *p = s;
    int y, m, d;
    if (!s || !S_digits(&p, 4, &y) || !S_eat(&p, '-') || !S_digits(&p, 2, &m) || !S_eat(&p, '-') ||
        !S_digits(&p, 2, &d))
        return "expected YYYY-MM-DD";
    if (m < 1 || m > 12)
        snprintf(buf, size, "there is no month %02d (months run from 01 to 12)", m);
    else if (d < 1)
        snprintf(buf, size, "there is no day 00 (days start at 01)");
    else if (d > S_month_days(y, m) && m == 2 && d == 29)
        snprintf(buf, size, "%04d is not a leap year: February has 28 days", y);
    else if (d > S_month_days(y, m) && m == 2)
        snprintf(buf, size, "February %04d has %d days", y, S_month_days(y, m));
    else if (d > S_month_days(y, m))
        snprintf(buf, size, "%s has %d days", months[m - 1], S_month_days(y, m));
    else
        return "a time of day is written HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM] after the date and 'T' or a space";
    return buf;
}
