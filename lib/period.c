/* period.c — report periods (SPEC §2): parsing, the previous period, the
 * calendar months a period touches. */
#include "date.h"
#include "model.h"
#include "period.h"

#include <stdio.h>
#include <string.h>

/* The last day of month m of year y. */
static tp_date S_month_end(int y, int m) { return tp_date_from_ymd(y, m + 1, 1) - 1; }

static tp_period S_quarter(int y, int q)
{
    tp_period p = {.kind = TP_PERIOD_QUARTER};
    p.start = tp_date_from_ymd(y, 3 * q - 2, 1);
    p.end = S_month_end(y, 3 * q);
    snprintf(p.label, sizeof p.label, "%04d-Q%d", y, q);
    return p;
}

static tp_period S_year(int y)
{
    tp_period p = {.kind = TP_PERIOD_YEAR};
    p.start = tp_date_from_ymd(y, 1, 1);
    p.end = tp_date_from_ymd(y, 12, 31);
    snprintf(p.label, sizeof p.label, "%04d", y);
    return p;
}

static tp_period S_month(int y, int m)
{
    tp_period p = {.kind = TP_PERIOD_MONTH};
    p.start = tp_date_from_ymd(y, m, 1);
    p.end = S_month_end(y, m);
    snprintf(p.label, sizeof p.label, "%04d-%02d", y, m);
    return p;
}

/* The range start..end (both inclusive), labelled START..END. */
static tp_period S_range(tp_date start, tp_date end)
{
    tp_period p = {.kind = TP_PERIOD_RANGE, .start = start, .end = end};
    char a[11], b[11];
    tp_date_format(start, a);
    tp_date_format(end, b);
    snprintf(p.label, sizeof p.label, "%s..%s", a, b);
    return p;
}

/* True when s[0..n) are all decimal digits; their value goes to *out. */
static bool S_number(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* A plain "YYYY-MM-DD" of exactly len characters; timestamps are refused. */
static bool S_plain_date(const char *s, size_t len, tp_date *out)
{
    char buf[11];
    if (len != 10)
        return false;
    memcpy(buf, s, 10);
    buf[10] = '\0';
    return tp_date_parse(buf, out);
}

/* "A..B" with A <= B. */
static bool S_parse_range(const char *s, const char *dots, tp_period *out)
{
    tp_date a, b;
    if (!S_plain_date(s, (size_t)(dots - s), &a) || !S_plain_date(dots + 2, strlen(dots + 2), &b) ||
        b < a)
        return false;
    *out = S_range(a, b);
    return true;
}

bool tp_period_parse(const char *s, tp_period *out)
{
    if (!s)
        return false;
    const char *dots = strstr(s, "..");
    if (dots)
        return S_parse_range(s, dots, out);
    size_t len = strlen(s);
    int y, n;
    if (len < 4 || !S_number(s, 4, &y))
        return false;
    if (len == 4) {
        *out = S_year(y);
        return true;
    }
    if (s[4] != '-')
        return false;
    if (len == 7 && (s[5] == 'Q' || s[5] == 'q') && S_number(s + 6, 1, &n) && n >= 1 && n <= 4) {
        *out = S_quarter(y, n);
        return true;
    }
    if (len == 7 && S_number(s + 5, 2, &n) && n >= 1 && n <= 12) {
        *out = S_month(y, n);
        return true;
    }
    return false;
}

/* Whether s[0..10) is shaped YYYY-MM-DD, digits and dashes only: a day
 * that may not exist, safe to repeat in a message. */
static bool S_day_shaped(const char *s)
{
    int v;
    return s[4] == '-' && s[7] == '-' && S_number(s, 4, &v) && S_number(s + 5, 2, &v) && S_number(s + 8, 2, &v);
}

/* Why the start or end (which) of a range, n characters at s, is not a
 * plain day; NULL when it is one. The text written is never repeated: it
 * may hold anything. */
static const char *S_day_problem(const char *s, size_t n, const char *which, char *buf, size_t size)
{
    char day[11], why[80];
    tp_date t;
    if (n == 10 && S_plain_date(s, n, &t))
        return NULL;
    char stamp[41];
    if (n > 10 && n < sizeof stamp && S_plain_date(s, 10, &t)) { /* a timestamp only if it is one */
        memcpy(stamp, s, n);
        stamp[n] = '\0';
    } else {
        stamp[0] = '\0';
    }
    if (stamp[0] && tp_date_parse(stamp, &t))
        snprintf(buf, size, "its %s is a time: a range is of days, YYYY-MM-DD", which);
    else if (n != 10 || !S_day_shaped(s))
        snprintf(buf, size, "its %s is not a day written YYYY-MM-DD", which);
    else {
        memcpy(day, s, 10);
        day[10] = '\0';
        const char *p = tp_date_problem(day, why, sizeof why);
        if (strcmp(which, "day") == 0) /* the period is the day: it need not be named again */
            snprintf(buf, size, "%s", p);
        else
            snprintf(buf, size, "%s: %s", day, p);
    }
    return buf;
}

const char *tp_period_problem(const char *s, char *buf, size_t size)
{
    tp_period p;
    if (tp_period_parse(s, &p))
        return NULL;
    const char *forms = "expected " TP_PERIOD_FORMS;
    if (!s || !*s)
        return forms;
    const char *dots = strstr(s, "..");
    size_t len = strlen(s);
    int y, n;
    if (dots) {
        const char *b = dots + 2;
        size_t na = (size_t)(dots - s), nb = strlen(b);
        if (!na || !nb)
            return na ? "the range has no end (write FROM..TO)" : "the range has no start (write FROM..TO)";
        const char *why = S_day_problem(s, na, "start", buf, size);
        if (!why)
            why = S_day_problem(b, nb, "end", buf, size);
        if (!why) /* both days, so the end is before the start */
            snprintf(buf, size, "it ends on %.10s, before it starts on %.10s", b, s);
        return buf;
    }
    if (len == 10 && S_day_shaped(s)) {
        tp_date t;
        if (S_plain_date(s, len, &t))
            snprintf(buf, size, "one day is the range %s..%s", s, s);
        else
            S_day_problem(s, len, "day", buf, size);
        return buf;
    }
    if (len == 7 && s[4] == '-' && S_number(s, 4, &y)) {
        if ((s[5] == 'Q' || s[5] == 'q') && S_number(s + 6, 1, &n)) {
            snprintf(buf, size, "there is no quarter %d (quarters run from Q1 to Q4)", n);
            return buf;
        }
        if (S_number(s + 5, 2, &n)) {
            snprintf(buf, size, "there is no month %02d (months run from 01 to 12)", n);
            return buf;
        }
    }
    return forms;
}

tp_period tp_period_quarter_of(tp_date t)
{
    int y, m, d;
    tp_date_to_ymd(t, &y, &m, &d);
    return S_quarter(y, (m - 1) / 3 + 1);
}

tp_period tp_period_previous(const tp_period *p)
{
    int y, m, d;
    tp_date_to_ymd(p->start, &y, &m, &d);
    switch (p->kind) {
    case TP_PERIOD_QUARTER:
        return m <= 3 ? S_quarter(y - 1, 4) : S_quarter(y, (m - 1) / 3);
    case TP_PERIOD_YEAR:
        return S_year(y - 1);
    case TP_PERIOD_MONTH:
        return m == 1 ? S_month(y - 1, 12) : S_month(y, m - 1);
    case TP_PERIOD_RANGE:
        break;
    }
    return S_range(p->start - (p->end - p->start + 1), p->start - 1);
}

int tp_period_months(const tp_period *p)
{
    return tp_month_index(p->end) - tp_month_index(p->start) + 1;
}

int tp_month_index(tp_date t)
{
    int y, m, d;
    tp_date_to_ymd(t, &y, &m, &d);
    return y * 12 + m - 1;
}

tp_date tp_latest_date(const tp_date *dates, size_t n, tp_date today)
{
    tp_date past = TP_DATE_NONE, any = TP_DATE_NONE;
    for (size_t i = 0; i < n; i++) {
        if (any == TP_DATE_NONE || dates[i] > any)
            any = dates[i];
        if ((today == TP_DATE_NONE || dates[i] <= today) && (past == TP_DATE_NONE || dates[i] > past))
            past = dates[i];
    }
    return past != TP_DATE_NONE ? past : any;
}

bool tp_period_default(const tp_model *m, tp_date today, tp_period *out)
{
    tp_date d = tp_latest_date(m->dates, m->ninteractions, today);
    if (d == TP_DATE_NONE)
        return false;
    *out = tp_period_quarter_of(d);
    return true;
}

size_t tp_period_count(const tp_model *m, const tp_period *p)
{
    size_t n = 0;
    for (size_t i = 0; i < m->ninteractions; i++)
        n += m->dates[i] >= p->start && m->dates[i] <= p->end;
    return n;
}

tp_date tp_today_of(const char *generated)
{
    tp_date t;
    return generated && tp_date_parse(generated, &t) ? t : TP_DATE_NONE;
}
