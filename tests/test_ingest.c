/* test_ingest.c — the reader and every validation check of SPEC §1. */
#include "date.h"
#include "model.h"
#include "tp_test.h"

#include <math.h>

/* ------------------------------------------------------------- reading */

static void test_anchors_merge_multidoc(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t,
                 "organization: Zoë & 株式会社\n"
                 "people:\n"
                 "  - &base {id: a1, name: João Gonçalves, team: Infra, reports_to: CEO}\n"
                 "  - <<: *base\n"
                 "    id: a2\n"
                 "    team: Apps\n"
                 "  - <<: [{id: x, name: First, role: r1}, {id: y, name: Second, role: r2, focus: strategic}]\n"
                 "---\n"
                 "customers:\n"
                 "  - {id: '007', name: Bond, paying: False}\n"
                 "  - {id: 2026, name: Year}\n"
                 "interactions:\n"
                 "  - {type: customer_meeting, date: 2026-07-01T23:30:00-05:00, people: [a1, a2], customers: [\"007\"], "
                 "hours: 1.5}\n"
                 "  - {type: store_visit, date: '2026-08-02', people: [x], minutes: 45}\n");
    assert_int_equal(t.status, TP_OK);
    assert_int_equal(t.diags.errors, 0);
    tp_model *m = t.model;
    assert_non_null(m);
    assert_string_equal(m->organization, "Zoë & 株式会社");
    assert_int_equal(m->npeople, 3);
    /* by id: a1, a2, x */
    assert_string_equal(m->people[0].name, "João Gonçalves");
    assert_string_equal(m->people[1].id, "a2");
    assert_string_equal(m->people[1].team, "Apps");       /* own key wins */
    assert_string_equal(m->people[1].reports_to, "CEO");  /* merged */
    assert_string_equal(m->people[2].id, "x");            /* earlier merged mapping wins */
    assert_string_equal(m->people[2].role, "r1");
    assert_string_equal(m->people[2].focus, "strategic"); /* later one still fills gaps */
    assert_int_equal(m->ncustomers, 2);
    assert_string_equal(m->customers[0].id, "007");
    assert_false(m->customers[0].paying);
    assert_string_equal(m->customers[1].id, "2026");
    assert_true(m->customers[1].paying);
    assert_int_equal(m->ninteractions, 2);
    assert_int_equal(m->interactions[0].date, tp_date_from_ymd(2026, 7, 1)); /* the written date */
    assert_true(fabs(m->interactions[0].hours - 1.5) < 1e-12);
    assert_true(fabs(m->interactions[1].hours - 0.75) < 1e-12);
    assert_int_equal(m->nteams, 3); /* Apps, Infra, Unassigned */
    assert_string_equal(m->teams[2], "Unassigned");
    tp_test_done(&t);
}

/* The bounds of the sane range are in it (SPEC §1: "above" is an error). */
static void test_range_bounds(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "people:\n  - {id: a, name: A}\nrequests:\n"
                     "  - {date: 2026-01-01, text: t, status: gap, votes: 1000000000}\ninteractions:\n"
                     "  - {type: order_desk, date: 2026-01-01, people: [a], hours: 8784, calls: 1000000000}\n"
                     "  - {type: order_desk, date: 2026-01-02, people: [a], minutes: 527040, leads: 1000000000}\n"
                     "  - {type: order_desk, date: 2026-01-03, people: [a], hours: 8.784000e3}\n"
                     "  - {type: order_desk, date: 2026-01-04, people: [a], hours: 8783.99999999999999999}\n");
    assert_int_equal(t.status, TP_OK);
    assert_int_equal(t.diags.errors, 0);
    assert_int_equal(t.model->ninteractions, 4);
    assert_true(t.model->interactions[0].hours == 8784.0);
    assert_true(t.model->interactions[1].hours == 8784.0);
    assert_int_equal(t.model->interactions[0].extra->calls, 1000000000);
    assert_int_equal(t.model->requests[0].votes, 1000000000);
    tp_test_done(&t);
}

static void test_defaults_and_customs(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "types:\n"
                     "  - {id: zz_hackathon, contact: customer, anonymous_paying: true}\n"
                     "  - {id: aa_lunch, label: Lunch}\n"
                     "people:\n"
                     "  - {id: p, name: P, it: false, attributes: {level: 3, site: Porto}}\n"
                     "interactions:\n"
                     "  - {type: zz_hackathon, date: 2026-01-05, people: [p, p]}\n");
    assert_int_equal(t.diags.errors, 0);
    tp_test_expect(&t, TP_WARNING, 7, 56, "listed twice");
    tp_model *m = t.model;
    assert_int_equal(m->ntypes, 13);
    assert_string_equal(m->types[11].id, "aa_lunch");
    assert_false(m->types[11].contact);
    assert_string_equal(m->types[12].label, "zz_hackathon"); /* label defaults to id */
    assert_true(m->types[12].contact && m->types[12].anonymous_paying);
    assert_false(m->people[0].it);
    assert_string_equal(m->people[0].attrs[0].value, "3");
    assert_int_equal(m->interactions[0].npeople, 1);
    tp_test_done(&t);
}

/* Records are handled as they are read and their nodes freed at once,
 * except where an anchor may still be aliased: anchors on a record, on a
 * list inside one, on a whole section, and a section read twice. */
static void test_records_freed_as_read(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "people:\n"
                     "  - {id: a, name: A}\n"
                     "  - {id: b, name: B}\n"
                     "  - {id: c, name: C}\n"
                     "customers: &clients\n"
                     "  - {id: k1, name: K1}\n"
                     "interactions:\n"
                     "  - &base {type: store_visit, date: 2026-01-05, people: [a], minutes: 30}\n"
                     "  - {type: order_desk, date: 2026-01-06, people: &pair [b, c], title: no anchor here}\n"
                     "  - {type: order_desk, date: 2026-01-07, people: [c], title: nor here, notes: x}\n"
                     "  - <<: *base\n"
                     "    date: 2026-01-08\n"
                     "  - {type: user_group, date: 2026-01-09, people: *pair, customers: [k1]}\n"
                     "  - *base\n"
                     "---\n"
                     "interactions:\n"
                     "  - {type: ride_along, date: 2026-02-01, people: [a, b, c], hours: 2}\n");
    assert_int_equal(t.diags.errors, 0);
    assert_int_equal(t.diags.warnings, 0);
    tp_model *m = t.model;
    assert_int_equal(m->ncustomers, 1);
    assert_int_equal(m->ninteractions, 7);
    static const int npeople[] = {1, 2, 1, 1, 2, 1, 3};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(m->interactions[i].npeople, npeople[i]);
    assert_int_equal(m->interactions[3].date, tp_date_from_ymd(2026, 1, 8)); /* merged, own date wins */
    assert_true(fabs(m->interactions[3].hours - 0.5) < 1e-12);            /* from *base */
    assert_int_equal(m->interactions[5].date, tp_date_from_ymd(2026, 1, 5)); /* *base itself */
    assert_int_equal(m->interactions[4].ncustomers, 1);
    assert_string_equal(m->interactions[1].title, "no anchor here");
    assert_string_equal(m->interactions[2].extra->notes, "x");
    assert_int_equal(m->interactions[6].line, 17);
    tp_test_done(&t);
    /* An anchored section keeps its records listed: read again as requests
     * through the alias, both are there (and are no requests). */
    tp_test_read(&t, "people: [{id: a, name: A}]\n"
                     "interactions: &all\n"
                     "  - {type: order_desk, date: 2026-01-01, people: [a]}\n"
                     "  - {type: order_desk, date: 2026-01-02, people: [a]}\n"
                     "requests: *all\n");
    assert_int_equal(t.diags.errors, 4);
    tp_test_expect(&t, TP_ERROR, 3, 5, "missing required field 'text'");
    tp_test_expect(&t, TP_ERROR, 4, 5, "missing required field 'status'");
    tp_test_done(&t);
}

/* --------------------------------------------------------------- errors */

typedef struct {
    const char *yaml;
    tp_severity sev;
    int line, col;
    const char *needle;
} bad_case;

static const bad_case bad_cases[] = {
    {"people: [ {id: a\n", TP_ERROR, 2, 1, "YAML syntax"},
    {"- just a list\n", TP_ERROR, 1, 1, "must be a mapping"},
    {"people:\n  - {id: a, name: [x]}\n", TP_ERROR, 2, 19, "name: expected text, found a list"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: a}\n", TP_ERROR, 4,
     50, "people: expected a list of person ids, found the text 'a'"},
    {"people:\n  - {id: a, name: A, works_with: [{b: c}]}\n", TP_ERROR, 2, 35,
     "works_with: expected a person id, found a mapping"},
    {"people:\n  - pcosta\n", TP_ERROR, 2, 5, "people: expected a person (a mapping with id, name, ...), found the text 'pcosta'"},
    {"people: {a: b}\n", TP_ERROR, 1, 9, "people: expected a list of people, found a mapping"},
    {"people:\n  - {id: a, name: A, it: [true]}\n", TP_ERROR, 2, 26, "it: expected true or false, found a list"},
    {"people:\n  - {id: a, name: A, joined: 2026-09-31}\n", TP_ERROR, 2, 30,
     "invalid date '2026-09-31': September has 30 days"},
    {"people:\n  - {id: a, name: A, joined: 2026-13-01}\n", TP_ERROR, 2, 30,
     "invalid date '2026-13-01': there is no month 13"},
    {"people:\n  - {id: a, name: A, joined: 2026-07-00}\n", TP_ERROR, 2, 30, "invalid date '2026-07-00': there is no day 00"},
    {"people:\n  - {id: a, name: A, joined: 2028-02-30}\n", TP_ERROR, 2, 30,
     "invalid date '2028-02-30': February 2028 has 29 days"},
    {"people:\n  - {id: a, name: A, joined: 26-1-1}\n", TP_ERROR, 2, 30, "invalid date '26-1-1': expected YYYY-MM-DD"},
    {"people:\n  - {id: a, name: A, joined: '2026-07-01T25:00'}\n", TP_ERROR, 2, 30, "a time of day is written HH:MM"},
    {"people:\n  - {id: a, name: A, attributes: {level: [1]}}\n", TP_ERROR, 2, 42,
     "attributes: expected one value (text, number or boolean) for 'level', found a list"},
    {"people:\n  - {id: a}\n", TP_ERROR, 2, 5, "missing required field 'name'"},
    {"people:\n  - {id: a, nmae: A}\n", TP_ERROR, 2, 13,
     "unknown key 'nmae' (did you mean 'name'?), so the required field 'name' is missing"},
    /* a typo in a template merged in warns at the template; each record lacks the field at its own place */
    {"x-t: &t {nmae: B}\npeople:\n  - {<<: *t, id: a}\n", TP_ERROR, 3, 5, "missing required field 'name'"},
    {"x-t: &t {nmae: B}\npeople:\n  - {<<: *t, id: a, name: A}\n", TP_WARNING, 1, 10, "unknown key 'nmae' (did you mean 'name'?)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, dat: 2026-01-01, people: [a]}\n", TP_ERROR, 4,
     24, "unknown key 'dat' (did you mean 'date'?), so the required field 'date' is missing"},
    {"people:\n  - {id: a, name: A}\ncustomers:\n  - {id: a, name: B}\n", TP_ERROR, 4, 10, "duplicate id 'a'"},
    {"customers:\n  - {id: a, name: B}\npeople:\n  - {id: x, name: X}\n  - {name: A, id: a}\n", TP_ERROR, 5, 19,
     "duplicate id 'a'"},
    {"people:\n  - {id: jdoe, name: J}\ninteractions:\n  - {type: customer_meeting, date: 2026-01-01, people: [jdoo]}\n",
     TP_ERROR, 4, 57, "unknown person 'jdoo' (did you mean 'jdoe'?)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: custmer_meeting, date: 2026-01-01, people: [a]}\n",
     TP_ERROR, 4, 12, "did you mean 'customer_meeting'?"},
    {"people:\n  - {id: a, name: A, joined: 2026-02-30}\n", TP_ERROR, 2, 30, "invalid date '2026-02-30': February 2026 has 28 days"},
    {"people:\n  - {id: a, name: A, joined: 2026-02-29}\n", TP_ERROR, 2, 30,
     "invalid date '2026-02-29': 2026 is not a leap year: February has 28 days"},
    {"people:\n  - {id: a, name: A, joined: 2026-03-01, left: 2026-02-01}\n", TP_ERROR, 2, 48, "before 'joined'"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], minutes: -5}\n",
     TP_ERROR, 4, 64, "must not be negative"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: abc}\n",
     TP_ERROR, 4, 62, "'abc' is not a number"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: '2'}\n",
     TP_ERROR, 4, 62, "without quotes"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: !!int 2}\n",
     TP_ERROR, 4, 62, "'2' is not a number (numbers are written without a tag)"},
    {"people:\n  - {id: a, name: A, it: !!bool true}\n", TP_ERROR, 2, 26,
     "'true' is tagged, not a boolean (write true or false without a tag)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: 0x1F}\n",
     TP_ERROR, 4, 62, "not a number"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: .inf}\n",
     TP_ERROR, 4, 62, "not a number"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], minutes: 5, "
     "hours: 1}\n",
     TP_ERROR, 4, 67, "'minutes' and 'hours' both given"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], calls: 2.5}\n",
     TP_ERROR, 4, 62, "whole number"},
    /* the sane range (SPEC §1): a leap year of hours or minutes, a billion */
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], hours: 8784.5}\n",
     TP_ERROR, 4, 62, "'hours' is out of range: '8784.5' is above 8,784 (a leap year)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], "
     "hours: 8784.0000000000001}\n",
     TP_ERROR, 4, 62, "'hours' is out of range: '8784.0000000000001' is above 8,784"}, /* a double rounds it to 8784 */
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], minutes: 527041}\n",
     TP_ERROR, 4, 64, "'minutes' is out of range: '527041' is above 527,040 (a leap year)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], minutes: 1e30}\n",
     TP_ERROR, 4, 64, "'minutes' is out of range"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], "
     "conversations: 1000000001}\n",
     TP_ERROR, 4, 70, "'conversations' is out of range: '1000000001' is above 1,000,000,000"},
    {"requests:\n  - {date: 2026-01-01, text: t, status: gap, votes: 10000000000}\n", TP_ERROR, 2, 53,
     "'votes' is out of range"},
    {"projects:\n  - {id: p, name: P}\n  - {id: q, name: Q}\npeople:\n  - id: a\n    name: A\n    allocations:\n"
     "      - {project: p, percent: 60}\n      - {project: q, percent: 41}\n",
     TP_ERROR, 8, 7, "allocations sum to 101% (more than 100.5%)"},
    {"projects:\n  - {id: p, name: P}\npeople:\n  - id: a\n    name: A\n    allocations:\n"
     "      - {project: p, percent: 10}\n      - {project: p, percent: 10}\n",
     TP_ERROR, 8, 19, "allocated twice"},
    {"organization: A\n---\norganization: B\n", TP_ERROR, 3, 15, "organization 'B' differs from 'A'"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], actions: "
     "[{text: t, status: finished}]}\n",
     TP_ERROR, 4, 83, "invalid status 'finished'"},
    {"types:\n  - {id: x, contact: external}\n", TP_ERROR, 2, 22, "invalid contact 'external'"},
    {"types:\n  - {id: store_visit}\n", TP_ERROR, 2, 10, "clashes with a built-in type"},
    {"people:\n  - {id: a, name: A, it: yes}\n", TP_ERROR, 2, 26, "'yes' is not a boolean"},
    {"people:\n  - {id: a, name: A, it: 'true'}\n", TP_ERROR, 2, 26, "quoted string, not a boolean"},
    {"people:\n  - {id: a, name: A, id: b}\n", TP_ERROR, 2, 22, "duplicate key 'id'"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: []}\n", TP_ERROR, 4,
     50, "at least one person"},
    {"requests:\n  - {date: 2026-01-01, text: t, status: maybe}\n", TP_ERROR, 2, 41, "invalid status 'maybe'"},
    {"requests:\n  - {date: 2026-01-01, text: t, status: gap, customer: acmee}\ncustomers:\n  - {id: acme, name: A}\n",
     TP_ERROR, 2, 56, "unknown customer 'acmee' (did you mean 'acme'?)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], minuts: 5}\n",
     TP_WARNING, 4, 55, "unknown key 'minuts' (did you mean 'minutes'?)"},
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a], id: x}\n"
     "  - {type: order_desk, date: 2026-01-01, people: [a], id: x}\n",
     TP_ERROR, 5, 59, "duplicate interaction id 'x'"},
    {"a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
     "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
     TP_ERROR, 7, 16, "aliases expand past"},
    {"people:\n  - {id: a, name: \"\xff\"}\n", TP_ERROR, 2, 20, "not UTF-8 text (byte 0xFF): save the file as UTF-8"},
    {"people: *nope\n", TP_ERROR, 1, 9, "undefined alias"},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        tp_test_run t;
        tp_test_read(&t, c->yaml);
        print_message("case %zu: %s\n", i, c->needle);
        assert_int_equal(t.status, TP_OK);
        tp_test_expect(&t, c->sev, c->line, c->col, c->needle);
        if (c->sev == TP_ERROR)
            assert_null(t.model);
        else
            assert_non_null(t.model);
        tp_test_done(&t);
    }
}

/* SPEC §1: when an error stops the reading of a file, the records read
 * before it are checked as usual and the record it cuts short is not. Each
 * case lists every problem expected, worked out by hand: libyaml reads
 * ahead (a token, a block of the encoding), and a record a mistake ends
 * early must not give a "missing field" of its own. */
typedef struct {
    const char *yaml;
    size_t n;
    struct {
        int line, col;
        const char *needle;
    } want[3];
} stop_case;

#define S_REC "  - {type: order_desk, date: 2026-01-01, people: [a], "
static const stop_case stop_cases[] = {
    /* a line indented one space short ends the record on it: cut short */
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - type: order_desk\n   date: 2026-01-01\n    people: [a]\n",
     1, {{5, 4, "did not find expected '-' indicator"}}},
    /* a line holding only a tab after a whole record: the record is checked */
    {"people:\n  - {id: a, name: A}\ninteractions:\n" S_REC "minutes: x}\n\t\n", 2,
     {{4, 64, "'x' is not a number"}, {5, 1, "found character that cannot start any token"}}},
    /* a byte that is not UTF-8 on the line after a record: the record is checked */
    {"people:\n  - {id: a, name: A}\ninteractions:\n" S_REC "minutes: x}\n" S_REC "title: \"caf\xe9\"}\n", 2,
     {{4, 64, "'x' is not a number"}, {5, 66, "not UTF-8 text (byte 0xE9)"}}},
    /* a quoted text never closed cuts short the record it starts in, not the one before */
    {"people:\n  - {id: a, name: A}\ninteractions:\n" S_REC "minutes: x}\n" S_REC "title: \"open}\n" S_REC
     "minutes: y}\n",
     2, {{4, 64, "'x' is not a number"}, {7, 1, "found unexpected end of stream"}}},
    /* a block record ended by the next one, whose line holds a byte that is not UTF-8: checked */
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - type: order_desk\n    date: 2026-01-01\n    people: [a]\n"
     "    minutes: x\n  - title: \"caf\xe9\"\n",
     2, {{7, 14, "'x' is not a number"}, {8, 16, "not UTF-8 text (byte 0xE9)"}}},
    /* documents libyaml's read-ahead held back: their records and their own checks (a misspelt section) */
    {"organization: O\npeople:\n  - {id: a, name: A}\n---\ninteraction:\n  - {type: order_desk, date: 2026-01-01, "
     "people: [a]}\n---\ninteractions:\n" S_REC "minutes: x}\n---\ninteractions:\n" S_REC "title: \"caf\xe9\"}\n",
     3,
     {{5, 1, "unknown section 'interaction' (did you mean 'interactions'?)"},
      {9, 64, "'x' is not a number"},
      {12, 66, "not UTF-8 text (byte 0xE9)"}}},
    /* a block record ended by the next one is checked; the one a flow sequence never closed is not */
    {"people:\n  - {id: a, name: A}\ninteractions:\n  - type: order_desk\n    date: 2026-01-01\n    people: [a]\n"
     "    minutes: x\n  - type: order_desk\n    date: [\n",
     2, {{7, 14, "'x' is not a number"}, {10, 1, "did not find expected node content"}}},
};
#undef S_REC

static void test_stopped_reading(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof stop_cases / sizeof *stop_cases; i++) {
        const stop_case *c = &stop_cases[i];
        tp_test_run t;
        tp_test_read(&t, c->yaml);
        print_message("case %zu\n", i);
        assert_int_equal(t.status, TP_OK);
        for (size_t k = 0; k < c->n; k++)
            tp_test_expect(&t, TP_ERROR, c->want[k].line, c->want[k].col, c->want[k].needle);
        if (t.diags.count != c->n) {
            for (size_t k = 0; k < t.diags.count; k++)
                print_message("  got %d:%d: %s\n", t.diags.items[k].loc.line, t.diags.items[k].loc.col,
                              t.diags.items[k].message);
            fail_msg("case %zu: %zu problems, %zu expected", i, t.diags.count, c->n);
        }
        assert_null(t.model);
        tp_test_done(&t);
    }
}

/* A quoted text never closed is found at the end of the file: a note
 * points where it opens. */
static void test_unclosed_note(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "organization: O\npeople:\n  - {id: a, name: \"A}\n  - {id: b, name: B}\n");
    tp_test_expect(&t, TP_ERROR, 5, 1, "found unexpected end of stream while scanning a quoted scalar");
    assert_int_equal(t.diags.count, 1);
    assert_string_equal(t.diags.items[0].note, "the quoted text starts here");
    assert_int_equal(t.diags.items[0].note_loc.line, 3);
    assert_int_equal(t.diags.items[0].note_loc.col, 19);
    tp_test_done(&t);
}

/* A person whose id a customer took first is a duplicate, once: its uses
 * as a person are not "unknown person" errors besides (SPEC §1: a record
 * with errors still defines its id). */
static void test_duplicate_other_kind(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "customers:\n  - {id: jg, name: JG Transport}\npeople:\n  - {id: jg, name: J G}\n"
                     "interactions:\n  - {type: order_desk, date: 2026-01-01, people: [jg], customers: [jg]}\n"
                     "  - {type: order_desk, date: 2026-01-02, people: [jg]}\n");
    tp_test_expect(&t, TP_ERROR, 4, 10, "duplicate id 'jg'");
    assert_int_equal(t.diags.count, 1);
    assert_null(t.model);
    tp_test_done(&t);
}

/* A request or an interaction with errors of its own still has its ids
 * checked, so that one run shows every problem. */
static void test_broken_records_refs(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "people:\n  - {id: a, name: A}\ncustomers:\n  - {id: acme, name: A}\nrequests:\n"
                     "  - {date: 2026-01-01, text: t, status: open, customer: acmee}\ninteractions:\n"
                     "  - {date: 2026-01-01, people: [aa]}\n");
    tp_test_expect(&t, TP_ERROR, 6, 41, "invalid status 'open'");
    tp_test_expect(&t, TP_ERROR, 6, 57, "unknown customer 'acmee' (did you mean 'acme'?)");
    tp_test_expect(&t, TP_ERROR, 8, 5, "missing required field 'type'");
    tp_test_expect(&t, TP_ERROR, 8, 33, "unknown person 'aa' (did you mean 'a'?)");
    assert_int_equal(t.diags.count, 4);
    tp_test_done(&t);
}

/* A duplicate is the later copy; a note points at the first. */
static void test_duplicate_note(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "customers:\n  - {id: a, name: B}\npeople:\n  - {id: x, name: X}\n  - {name: A, id: a}\n"
                     "types:\n  - {id: t1}\n  - {id: t1}\norganization: O\n---\norganization: P\n");
    tp_test_expect(&t, TP_ERROR, 5, 19, "duplicate id 'a'");
    tp_test_expect(&t, TP_ERROR, 8, 10, "duplicate type 't1'");
    tp_test_expect(&t, TP_ERROR, 11, 15, "organization 'P' differs from 'O'");
    int notes = 0;
    for (size_t i = 0; i < t.diags.count; i++) {
        const tp_diag *g = &t.diags.items[i];
        if (g->loc.line == 5) {
            assert_string_equal(g->note, "'a' is first defined here");
            assert_int_equal(g->note_loc.line, 2);
            assert_int_equal(g->note_loc.col, 10);
            notes++;
        } else if (g->loc.line == 8) {
            assert_string_equal(g->note, "'t1' is first declared here");
            assert_int_equal(g->note_loc.line, 7);
            notes++;
        } else if (g->loc.line == 11) {
            assert_string_equal(g->note, "'O' is named here first");
            assert_int_equal(g->note_loc.line, 9);
            notes++;
        }
    }
    assert_int_equal(notes, 3);
    assert_int_equal(t.diags.errors, 3); /* notes are not problems */
    tp_test_done(&t);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    char *text = malloc(20000);
    assert_non_null(text);
    size_t n = 0;
    for (int i = 0; i < 5000; i++)
        text[n++] = '[';
    text[n] = '\0';
    tp_test_run t;
    tp_test_read(&t, text);
    tp_test_expect(&t, TP_ERROR, 1, 201, "nesting deeper than 200 levels");
    tp_test_done(&t);
    free(text);
}

/* A top-level key starting with x- holds anything (templates); another unknown one is an error. */
static void test_x_sections(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "x-templates:\n"
                     "  meeting: &m {type: customer_meeting, date: 2026-07-01}\n"
                     "  junk: [1, {a: b}]\n"
                     "people:\n"
                     "  - {id: a, name: A}\n"
                     "interactions:\n"
                     "  - {<<: *m, people: [a]}\n");
    assert_int_equal(t.diags.errors, 0);
    assert_int_equal(t.diags.warnings, 0);
    assert_non_null(t.model);
    assert_int_equal(t.model->ninteractions, 1);
    tp_test_done(&t);
    tp_test_read(&t, "people:\n  - {id: a, name: A}\nxtemplates: 1\npeeple: []\n");
    tp_test_expect(&t, TP_ERROR, 3, 1, "unknown section 'xtemplates'");
    tp_test_expect(&t, TP_ERROR, 4, 1, "unknown section 'peeple' (did you mean 'people'?)");
    assert_null(t.model);
    tp_test_done(&t);
}

static void test_strict_and_empty(void **state)
{
    (void)state;
    tp_test_run t;
    tp_test_read(&t, "# only a comment\n");
    assert_int_equal(t.diags.errors, 0);
    assert_non_null(t.model);
    assert_int_equal(t.model->ninteractions, 0);
    tp_test_done(&t);
    tp_test_read(&t, "\xEF\xBB\xBFpeople:\r\n  - {id: a, name: A}\r\n");
    assert_int_equal(t.diags.errors, 0);
    assert_int_equal(t.model->npeople, 1);
    tp_test_done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchors_merge_multidoc),
        cmocka_unit_test(test_defaults_and_customs),
        cmocka_unit_test(test_range_bounds),
        cmocka_unit_test(test_records_freed_as_read),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_stopped_reading),
        cmocka_unit_test(test_unclosed_note),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_strict_and_empty),
        cmocka_unit_test(test_x_sections),
        cmocka_unit_test(test_duplicate_note),
        cmocka_unit_test(test_duplicate_other_kind),
        cmocka_unit_test(test_broken_records_refs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
