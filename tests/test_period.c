/* test_period.c — dates, the four period forms, previous periods and month counts (SPEC §2). */
#include "date.h"
#include "period.h"
#include "tp_test.h"

static tp_date D(int y, int m, int d) { return tp_date_from_ymd(y, m, d); }

static void test_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(D(1970, 1, 1), 0);
    assert_int_equal(D(2000, 3, 1) - D(2000, 2, 28), 2); /* 2000 is leap */
    assert_int_equal(D(1900, 3, 1) - D(1900, 2, 28), 1); /* 1900 is not */
    assert_int_equal(D(2024, 3, 1) - D(2024, 2, 28), 2);
    assert_int_equal(D(2026, 1, 1) - D(2025, 1, 1), 365);
    assert_int_equal(D(2029, 1, 1) - D(2028, 1, 1), 366);
    /* Every day from 1899 to 2101 round-trips and follows the one before. */
    int y, m, d;
    for (tp_date t = D(1899, 1, 1); t <= D(2101, 12, 31); t++) {
        tp_date_to_ymd(t, &y, &m, &d);
        assert_true(tp_date_valid_ymd(y, m, d));
        assert_int_equal(D(y, m, d), t);
    }
    char buf[16];
    tp_date_format(D(2026, 7, 4), buf);
    assert_string_equal(buf, "2026-07-04");
}

static void test_date_parse(void **state)
{
    (void)state;
    static const char *const good[] = {
        "2026-07-01",          "2026-07-01T09:30",         "2026-07-01t09:30:15", "2026-07-01 09:30:15.123",
        "2026-07-01T23:59:60Z", "2026-07-01T00:00:00+05:30", "2026-07-01T00:00-08:00",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        tp_date t = 0;
        print_message("%s\n", good[i]);
        assert_true(tp_date_parse(good[i], &t));
        assert_int_equal(t, D(2026, 7, 1)); /* the written date, whatever the zone */
    }
    static const char *const bad[] = {
        "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01",   "2026-01-01x",
        "2026-01-01T25:00", "2026-01-01T10:61", "2026-01-01T10", "2026/01/01", "", "2026-01-01T10:00+5",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tp_date t;
        print_message("bad %s\n", bad[i]);
        assert_false(tp_date_parse(bad[i], &t));
    }
    tp_date t;
    assert_true(tp_date_parse("2024-02-29", &t));
    assert_int_equal(t, D(2024, 2, 29));
}

/* Parses s and checks kind, label, start and end. */
static void S_period(const char *s, tp_period_kind kind, const char *label, tp_date start, tp_date end)
{
    tp_period p;
    print_message("%s\n", s);
    assert_true(tp_period_parse(s, &p));
    assert_int_equal(p.kind, kind);
    assert_string_equal(p.label, label);
    assert_int_equal(p.start, start);
    assert_int_equal(p.end, end);
}

static void test_period_forms(void **state)
{
    (void)state;
    S_period("2026-Q1", TP_PERIOD_QUARTER, "2026-Q1", D(2026, 1, 1), D(2026, 3, 31));
    S_period("2026-Q3", TP_PERIOD_QUARTER, "2026-Q3", D(2026, 7, 1), D(2026, 9, 30));
    S_period("2026-Q4", TP_PERIOD_QUARTER, "2026-Q4", D(2026, 10, 1), D(2026, 12, 31));
    S_period("2026-q3", TP_PERIOD_QUARTER, "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)); /* any letter case */
    S_period("2026", TP_PERIOD_YEAR, "2026", D(2026, 1, 1), D(2026, 12, 31));
    S_period("2024-02", TP_PERIOD_MONTH, "2024-02", D(2024, 2, 1), D(2024, 2, 29));
    S_period("2026-02", TP_PERIOD_MONTH, "2026-02", D(2026, 2, 1), D(2026, 2, 28));
    S_period("2026-07-01..2026-09-30", TP_PERIOD_RANGE, "2026-07-01..2026-09-30", D(2026, 7, 1), D(2026, 9, 30));
    S_period("2024-02-29..2024-02-29", TP_PERIOD_RANGE, "2024-02-29..2024-02-29", D(2024, 2, 29), D(2024, 2, 29));
    static const char *const bad[] = {"2026-Q0", "2026-Q5", "2026-q0", "2026-x3", "2026-00", "2026-13", "26", "2026-09-30..2026-07-01",
                                      "2026-07-01..", "..2026-07-01", "2026-02-30..2026-03-01", "Q3-2026", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tp_period p;
        print_message("bad %s\n", bad[i]);
        assert_false(tp_period_parse(bad[i], &p));
    }
}

/* Why a busy person's period is refused, worked out by hand (the text
 * after "invalid period 'S': "); a valid one has no problem. */
static void test_period_problems(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"2026-02-30..2026-03-31", "2026-02-30: February 2026 has 28 days"},
        {"2025-02-29..2025-03-01", "2025-02-29: 2025 is not a leap year: February has 28 days"},
        {"2026-01-01..2026-04-31", "2026-04-31: April has 30 days"},
        {"2026-13-01..2026-12-31", "2026-13-01: there is no month 13 (months run from 01 to 12)"},
        {"2026-01-00..2026-01-31", "2026-01-00: there is no day 00 (days start at 01)"},
        {"2026-03-01..2026-02-01", "it ends on 2026-02-01, before it starts on 2026-03-01"},
        {"2026-1-5..2026-2-1", "its start is not a day written YYYY-MM-DD"},
        {"2026-01-05..2026-2-1", "its end is not a day written YYYY-MM-DD"},
        {"2026-01-01..2026-03-31T10:00", "its end is a time: a range is of days, YYYY-MM-DD"},
        {"2026-07-01x..2026-09-30", "its start is not a day written YYYY-MM-DD"}, /* not a time either */
        {"2026-07-01 ..2026-09-30", "its start is not a day written YYYY-MM-DD"},
        {"2026-01-01..2026-02-01..2026-03-01", "its end is not a day written YYYY-MM-DD"},
        {"2026-07-01..", "the range has no end (write FROM..TO)"},
        {"..2026-07-01", "the range has no start (write FROM..TO)"},
        {"2026-02-14", "one day is the range 2026-02-14..2026-02-14"},
        {"2026-02-30", "February 2026 has 28 days"},
        {"2026-Q5", "there is no quarter 5 (quarters run from Q1 to Q4)"},
        {"2026-q0", "there is no quarter 0 (quarters run from Q1 to Q4)"},
        {"2026-13", "there is no month 13 (months run from 01 to 12)"},
        {"2026-00", "there is no month 00 (months run from 01 to 12)"},
        /* none of the forms; the text written is never repeated (it may hold anything) */
        {"Q3-2026", "expected " TP_PERIOD_FORMS},
        {"2026-0\x1b-30", "expected " TP_PERIOD_FORMS},
        {"", "expected " TP_PERIOD_FORMS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[96];
        print_message("%s\n", cases[i][0]);
        const char *why = tp_period_problem(cases[i][0], buf, sizeof buf);
        assert_non_null(why);
        assert_string_equal(why, cases[i][1]);
    }
    char buf[96];
    assert_null(tp_period_problem("2026-Q3", buf, sizeof buf));
    assert_null(tp_period_problem("2024-02-29..2024-02-29", buf, sizeof buf));
    assert_null(tp_period_problem("2026", buf, sizeof buf));
}

/* The previous period of s has label want. */
static void S_previous(const char *s, const char *want)
{
    tp_period p, q;
    assert_true(tp_period_parse(s, &p));
    q = tp_period_previous(&p);
    print_message("%s -> %s\n", s, q.label);
    assert_string_equal(q.label, want);
    assert_int_equal(q.kind, p.kind);
    assert_int_equal(q.end, p.start - 1);
}

static void test_previous(void **state)
{
    (void)state;
    S_previous("2026-Q3", "2026-Q2");
    S_previous("2026-Q1", "2025-Q4");
    S_previous("2026", "2025");
    S_previous("2026-07", "2026-06");
    S_previous("2026-01", "2025-12");
    S_previous("2024-03", "2024-02");
    /* A range: the equally long range ending the day before, never a quarter. */
    S_previous("2026-07-01..2026-09-30", "2026-03-31..2026-06-30"); /* 92 days */
    S_previous("2026-01-01..2026-01-31", "2025-12-01..2025-12-31");
    S_previous("2024-03-01..2024-03-31", "2024-01-30..2024-02-29");
    S_previous("2024-03-01..2024-03-01", "2024-02-29..2024-02-29");
    /* Eight quarters back across two year boundaries. */
    tp_period p;
    assert_true(tp_period_parse("2026-Q2", &p));
    for (int i = 0; i < 7; i++)
        p = tp_period_previous(&p);
    assert_string_equal(p.label, "2024-Q3");
}

static void test_months_and_quarter_of(void **state)
{
    (void)state;
    tp_period p;
    assert_true(tp_period_parse("2026-Q3", &p));
    assert_int_equal(tp_period_months(&p), 3);
    assert_true(tp_period_parse("2026", &p));
    assert_int_equal(tp_period_months(&p), 12);
    assert_true(tp_period_parse("2026-07", &p));
    assert_int_equal(tp_period_months(&p), 1);
    assert_true(tp_period_parse("2026-01-31..2026-02-01", &p));
    assert_int_equal(tp_period_months(&p), 2);
    assert_true(tp_period_parse("2025-12-15..2026-01-14", &p));
    assert_int_equal(tp_period_months(&p), 2);
    assert_true(tp_period_parse("2026-03-05..2026-03-20", &p));
    assert_int_equal(tp_period_months(&p), 1);
    assert_int_equal(tp_month_index(D(2026, 1, 31)) + 1, tp_month_index(D(2026, 2, 1)));
    assert_int_equal(tp_month_index(D(2025, 12, 31)) + 1, tp_month_index(D(2026, 1, 1)));
    assert_string_equal(tp_period_quarter_of(D(2026, 9, 30)).label, "2026-Q3");
    assert_string_equal(tp_period_quarter_of(D(2026, 10, 1)).label, "2026-Q4");
    assert_string_equal(tp_period_quarter_of(D(2024, 2, 29)).label, "2024-Q1");
}

/* The default period's date: the latest not after today, else the latest (SPEC §2). */
static void test_latest_date(void **state)
{
    (void)state;
    tp_date d[] = {tp_date_from_ymd(2026, 5, 1), tp_date_from_ymd(2062, 7, 14), tp_date_from_ymd(2026, 9, 21)};
    assert_int_equal(tp_latest_date(d, 3, tp_date_from_ymd(2026, 9, 21)), d[2]); /* today itself counts */
    assert_int_equal(tp_latest_date(d, 3, tp_date_from_ymd(2026, 9, 20)), d[0]);
    assert_int_equal(tp_latest_date(d, 3, tp_date_from_ymd(2001, 1, 1)), d[1]); /* every one after today */
    assert_int_equal(tp_latest_date(d, 3, TP_DATE_NONE), d[1]);
    assert_int_equal(tp_latest_date(d, 0, TP_DATE_NONE), TP_DATE_NONE);
    assert_int_equal(tp_today_of("2026-09-21T23:59:59Z"), d[2]);
    assert_int_equal(tp_today_of(NULL), TP_DATE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_period_forms),
        cmocka_unit_test(test_period_problems),
        cmocka_unit_test(test_previous),
        cmocka_unit_test(test_months_and_quarter_of),
        cmocka_unit_test(test_latest_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
