/* init.c — `touchpoint init DIR`: a starting log repository that validates
 * and reports straight away, with a comment on every field. */
#include "outfile.h"

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const char tp_schema_json[];

const char *tp_schema(void) { return tp_schema_json; }

#define SCHEMA_LINE "# yaml-language-server: $schema=./touchpoint.schema.json\n"

static const char roster[] = SCHEMA_LINE
    "# The roster: who is who. Records of the same kind from every file are pooled,\n"
    "# so people, customers and projects may also live in files of their own.\n"
    "organization: Example Freight\n"
    "people:\n"
    "  - id: mlopes              # unique among people, customers and projects\n"
    "    name: Marta Lopes\n"
    "    team: Office of the CIO  # default: Unassigned\n"
    "    role: CIO\n"
    "    reports_to: CEO          # cross-tabulated by the default report\n"
    "    focus: strategic         # strategic, transformational or functional\n"
    "    attributes: {level: executive, location: Porto}   # anything to cross-tabulate\n"
    "    allocations: [{project: portal, percent: 40}]     # percents sum to at most 100\n"
    "  - id: jsilva\n"
    "    name: João Silva\n"
    "    team: Infrastructure\n"
    "    focus: functional\n"
    "    works_with: [mlopes]     # standing working relationships\n"
    "    allocations: [{project: network, percent: 80}]\n"
    "    joined: 2025-03-01       # counted only while employed (joined and left are inclusive)\n"
    "  - id: awong\n"
    "    name: Amy Wong\n"
    "    team: Service Desk\n"
    "    focus: transformational\n"
    "  - id: rsales\n"
    "    name: Rita Sales\n"
    "    team: Sales\n"
    "    it: false                # a colleague outside IT: in the graph, not in the statistics\n"
    "customers:\n"
    "  - {id: acme, name: ACME Retail, segment: enterprise}       # paying unless paying: false\n"
    "  - {id: zeta, name: Zeta Foods, segment: mid-market, paying: false}   # a prospect\n"
    "projects:\n"
    "  - id: portal\n"
    "    name: Customer portal\n"
    "    serves: {customers: [acme]}          # who benefits: customers, people or teams\n"
    "  - id: network\n"
    "    name: Network refresh\n"
    "    serves: {teams: [Service Desk]}\n";

static const char interactions[] = "# yaml-language-server: $schema=../touchpoint.schema.json\n"
    "# One example of every interaction type. Add yours below, one record each.\n"
    "# type and date and people are required; minutes or hours (not both) give the duration.\n"
    "types:                         # your own types, beside the built-in ones\n"
    "  - {id: hackathon, label: Customer hackathon, contact: customer, anonymous_paying: false}\n"
    "interactions:\n"
    "  - type: customer_meeting\n"
    "    date: 2026-07-07\n"
    "    people: [mlopes, rsales]   # everyone who took part, IT or not\n"
    "    customers: [acme]          # customers met\n"
    "    minutes: 60\n"
    "    title: Quarterly priorities\n"
    "    insights:                  # what was learned: text, or {text, tags}\n"
    "      - Wants invoices by EDI\n"
    "      - {text: Deliveries are late on Mondays, tags: [logistics]}\n"
    "    actions:                   # follow-ups: status open, done or dropped; attested = the customer said it helped\n"
    "      - {text: Pilot EDI invoices, owner: mlopes, status: done, attested: true}\n"
    "      - {text: Share the Monday delivery data, owner: jsilva}\n"
    "  - {type: trade_show_shift, date: 2026-07-09, people: [awong], hours: 4, event: LogiMAT, conversations: 23, customers: [zeta]}\n"
    "  - {type: support_call_listening, date: 2026-07-14, people: [jsilva], hours: 2, calls: 11}   # callers count as paying customers\n"
    "  - {type: quarterly_review, date: 2026-07-21, people: [mlopes], customers: [acme], hours: 1.5}\n"
    "  - {type: store_visit, date: 2026-08-04, people: [jsilva, awong], hours: 3}\n"
    "  - {type: user_group, date: 2026-08-12, people: [awong], minutes: 90}\n"
    "  - {type: online_community, date: 2026-08-19, people: [jsilva], minutes: 30}\n"
    "  - {type: lead_qualification, date: 2026-08-26, people: [rsales, awong], customers: [zeta], minutes: 45, leads: 3}\n"
    "  - {type: order_desk, date: 2026-09-29, people: [jsilva], hours: 6}\n"
    "  - {type: ride_along, date: 2026-09-02, people: [mlopes, rsales], customers: [acme], hours: 5}\n"
    "  - {type: concierge_desk, date: 2026-09-16, people: [awong, rsales], hours: 2}   # internal: not customer contact\n"
    "  - {type: hackathon, date: 2026-09-23, people: [jsilva, mlopes], customers: [acme], hours: 8}\n";

static const char requests[] = SCHEMA_LINE
    "# What customers asked for (an idea-portal export, a QBR wish list).\n"
    "# status: covered, planned, gap or declined.\n"
    "requests:\n"
    "  - {date: 2026-05-02, customer: acme, text: EDI invoices, status: covered, votes: 12}\n"
    "  - {date: 2026-06-10, customer: acme, text: Delivery tracking in the app, status: planned, votes: 30}\n"
    "  - {date: 2026-08-15, customer: zeta, text: Pallet-level temperature data, status: gap}\n"
    "  - {date: 2026-09-01, text: Invoices in Spanish, status: declined}\n";

/* The same files for `init --bare`: the comments and the shape of every
 * record, with no example record that would end up in a real report. */
static const char bare_roster[] = SCHEMA_LINE
    "# The roster: who is who. Records of the same kind from every file are pooled,\n"
    "# so people, customers and projects may also live in files of their own.\n"
    "# organization: Your Organisation\n"
    "people: []\n"
    "# people:\n"
    "#   - id: mlopes              # unique among people, customers and projects\n"
    "#     name: Marta Lopes\n"
    "#     team: Office of the CIO  # default: Unassigned\n"
    "#     role: CIO\n"
    "#     reports_to: CEO          # cross-tabulated by the default report\n"
    "#     focus: strategic         # strategic, transformational or functional\n"
    "#     attributes: {level: executive, location: Porto}   # anything to cross-tabulate\n"
    "#     works_with: [jsilva]     # standing working relationships\n"
    "#     allocations: [{project: portal, percent: 40}]     # percents sum to at most 100\n"
    "#     joined: 2025-03-01       # counted only while employed (joined and left are inclusive)\n"
    "#     it: false                # a colleague outside IT: in the graph, not in the statistics\n"
    "customers: []\n"
    "# customers:\n"
    "#   - {id: acme, name: ACME Retail, segment: enterprise}       # paying unless paying: false\n"
    "projects: []\n"
    "# projects:\n"
    "#   - {id: portal, name: Customer portal, serves: {customers: [acme], teams: [Service Desk]}}\n";

static const char bare_interactions[] = "# yaml-language-server: $schema=../touchpoint.schema.json\n"
    "# Add interactions below, one record each; a file per team per quarter is a good habit.\n"
    "# type and date and people are required; minutes or hours (not both) give the duration.\n"
    "# Built-in types: customer_meeting, trade_show_shift, support_call_listening,\n"
    "# quarterly_review, store_visit, user_group, online_community, lead_qualification,\n"
    "# order_desk, ride_along (customer contact) and concierge_desk (internal).\n"
    "types: []                      # your own: {id, label, contact: customer|internal, anonymous_paying: bool}\n"
    "interactions: []\n"
    "# interactions:\n"
    "#   - type: customer_meeting\n"
    "#     date: 2026-07-07\n"
    "#     people: [mlopes]           # everyone who took part, IT or not\n"
    "#     customers: [acme]          # customers met\n"
    "#     minutes: 60\n"
    "#     insights:                  # what was learned: text, or {text, tags}\n"
    "#       - {text: Deliveries are late on Mondays, tags: [logistics]}\n"
    "#     actions:                   # follow-ups: status open, done or dropped; attested = the customer said it helped\n"
    "#       - {text: Share the Monday delivery data, owner: mlopes, status: open}\n";

static const char bare_requests[] = SCHEMA_LINE
    "# What customers asked for (an idea-portal export, a QBR wish list).\n"
    "# status: covered, planned, gap or declined.\n"
    "requests: []\n"
    "# requests:\n"
    "#   - {date: 2026-05-02, customer: acme, text: EDI invoices, status: covered, votes: 12}\n";

static const char definition[] =
    "# A report definition: touchpoint report -d .touchpoint/report.yaml .\n"
    "# (It lives in a hidden folder so that reading the logs skips it.)\n"
    "title: Customer contact report\n"
    "sections: [headline, by_type, by_team, bacon, at_risk, crosstabs, funnel, requests, trend, people, projects]\n"
    "crosstabs:\n"
    "  - {label: Report directly to the CEO, field: reports_to, equals: CEO}\n"
    "  - {label: Spend most time on strategic work, field: focus, equals: strategic}\n"
    "  - {label: Based in Porto, field: attributes.location, equals: Porto}\n";

static const char readme[] =
    "# Customer contact logs\n\n"
    "These files are read by touchpoint: every `*.yaml` below this folder, in\n"
    "order of path. Keep the roster in `roster.yaml`; add interactions to\n"
    "`interactions/` (a file per team per quarter is a good habit) and requests to\n"
    "`requests.yaml`.\n\n"
    "- Check your changes: `touchpoint validate .` — every problem is shown at\n"
    "  `FILE:LINE:COLUMN` with a suggestion.\n"
    "- Write the report of the latest quarter: `touchpoint report .` (or `-p 2026-Q3`);\n"
    "  `-d .touchpoint/report.yaml` chooses its sections and cross-tabulations.\n"
    "- Editors with the YAML language server check fields as you type, from\n"
    "  `touchpoint.schema.json` (the first line of each file points at it).\n\n"
    "An interaction needs a `type`, a `date` and the `people` who took part;\n"
    "list the `customers` met, and `minutes` or `hours`. Insights are what you\n"
    "learned; actions are follow-ups (`status: done`, and `attested: true` when the\n"
    "customer confirmed it helped).\n";

typedef struct {
    const char *name;
    const char *text;
} file;

static bool S_empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* What tp_init_repo made so far, taken back after a failure: files, then
 * its subfolders, then dir if it made it (dir was empty before), so a
 * retry after freeing space starts clean. errno is kept. */
static void S_undo(const char *dir, bool made_dir, const char *const *made, size_t nmade)
{
    int e = errno;
    while (nmade > 0)
        remove(made[--nmade]); /* a file, or a folder emptied before */
    if (made_dir)
        remove(dir);
    errno = e;
}

tp_status tp_init_repo(tp_arena *a, const char *dir, bool bare, const char **failed)
{
    tp_status st = TP_OK;
    const file files[] = {
        {"roster.yaml", bare ? bare_roster : roster},
        {bare ? "interactions/log.yaml" : "interactions/2026-q3.yaml", bare ? bare_interactions : interactions},
        {"requests.yaml", bare ? bare_requests : requests},
        {".touchpoint/report.yaml", definition},
        {"README.md", readme},
        {"touchpoint.schema.json", tp_schema_json},
    };
    *failed = dir;
    bool made_dir = mkdir(dir, 0777) == 0;
    if (!made_dir && !(errno == EEXIST && S_empty_dir(dir))) {
        if (errno == EEXIST)
            errno = ENOTEMPTY;
        return TP_ERR_OUTPUT;
    }
    static const char *const subdirs[] = {"interactions", ".touchpoint"};
    enum { NFILES = sizeof files / sizeof *files };
    const char *made[2 + NFILES]; /* in the order made */
    size_t nmade = 0;
    for (size_t i = 0; i < 2 && st == TP_OK; i++) {
        const char *sub = tp_sprintf(a, "%s/%s", dir, subdirs[i]);
        if (!sub) {
            st = TP_ERR_NOMEM;
        } else if (mkdir(sub, 0777) != 0) { /* dir was empty: it cannot be there already */
            *failed = sub;
            st = TP_ERR_OUTPUT;
        } else {
            made[nmade++] = sub;
        }
    }
    for (size_t i = 0; i < NFILES && st == TP_OK; i++) {
        const char *path = tp_sprintf(a, "%s/%s", dir, files[i].name);
        if (!path) {
            st = TP_ERR_NOMEM;
        } else if ((st = tp_write_file_atomic(path, files[i].text, strlen(files[i].text))) != TP_OK) {
            *failed = path;
        } else {
            made[nmade++] = path;
        }
    }
    if (st != TP_OK) {
        S_undo(dir, made_dir, made, nmade);
        return st;
    }
    *failed = NULL;
    return TP_OK;
}
