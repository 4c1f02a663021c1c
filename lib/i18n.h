/* i18n.h — the one text table (English, Portuguese): every fixed text of
 * the human formats by id, and the labels a reader sees (figures, types,
 * cross-tabs, hidden cells) in the run's language. */
#ifndef TP_I18N_H
#define TP_I18N_H

#include "benchmark.h"
#include "kpi.h"
#include "report.h"

typedef enum {
    TX_TITLE_DEFAULT, TX_PERIOD, TX_GENERATED, TX_ORGANIZATION, TX_TO,
    TX_SEC_HEADLINE, TX_SEC_BY_TYPE, TX_SEC_BY_TEAM, TX_SEC_BACON, TX_SEC_AT_RISK,
    TX_SEC_CROSSTABS, TX_SEC_FUNNEL, TX_SEC_REQUESTS, TX_SEC_TREND, TX_SEC_PEOPLE,
    TX_SEC_PROJECTS,
    TX_FIGURE, TX_THIS_PERIOD, TX_PREVIOUS, TX_CHANGE, TX_NO_PREVIOUS,
    TX_IT_STAFF, TX_WITH_CONTACT, TX_CONTACT_RATE, TX_REGULAR, TX_OCCASIONAL, TX_NO_CONTACT,
    TX_REGULAR_RATE, TX_CONTACT_HOURS, TX_HOURS_PER_HEAD, TX_CUSTOMERS_TOUCHED,
    TX_PAYING_TOUCHED, TX_BACON_MEDIAN, TX_BACON_MEAN, TX_AT_RISK, TX_INTERACTIONS,
    TX_INSIGHTS, TX_ACTIONS, TX_ACTIONS_DONE, TX_ACTIONS_ATTESTED, TX_DONE_RATE,
    TX_ATTESTED_RATE, TX_COVERAGE,
    TX_TYPE, TX_HOURS, TX_PEOPLE, TX_NO_INTERACTIONS,
    TX_TEAM, TX_HEADCOUNT, TX_FEWER_THAN, TX_WITHHELD,
    TX_BUCKET, TX_SHARE, TX_NONE_BUCKET, TX_TEAM_MEDIANS, TX_DISTANT_PROJECTS,
    TX_NO_DISTANT_PROJECTS, TX_PROJECT, TX_BACON,
    TX_PERSON, TX_DISTANT_SHARE, TX_NO_AT_RISK, TX_AT_RISK_LEAD,
    TX_CONTACT_CLASS, TX_N, TX_K_MATCHING, TX_CI95, TX_ALL, TX_P_VALUE, TX_NO_CROSSTABS,
    TX_STAGE, TX_COUNT, TX_RATE,
    TX_STATUS, TX_REQUESTS, TX_COVERED, TX_PLANNED, TX_GAP, TX_DECLINED,
    TX_PERIOD_COL, TX_YES, TX_NO, TX_NO_PEOPLE, TX_NO_PROJECTS, TX_NO_TEAMS,
    TX_CHART_BY_TEAM, TX_CHART_BACON, TX_CHART_TREND, TX_CHART_FUNNEL,
    TX_CHART_BY_TEAM_DESC, TX_CHART_BACON_DESC, TX_CHART_TREND_DESC, TX_CHART_FUNNEL_DESC,
    TX_NO_DATA, TX_FOOTER, TX_VS, TX_LEAD, TX_MEDIAN_BACON_SHORT, TX_WITH_CONTACT_SHORT,
    TX_AT_RISK_COL,
    /* benchmark (render_bench*.c): sample sizes, intervals, the focus test */
    TX_BENCH_INTERVALS, TX_BENCH_FOCUS_SEC, TX_BENCH_FOCUS_LEAD, TX_BENCH_FOCUS_LINE,
    TX_BENCH_WITHIN_CHANCE, TX_BENCH_BEYOND_CHANCE, TX_BENCH_NO_PEERS, TX_BENCH_PEERS,
    TX_BENCH_N_STAFF, TX_BENCH_N_DONE, TX_BENCH_N_REQUESTS, TX_BENCH_LOW, TX_BENCH_HIGH,
    TX_BENCH_INTERVALS_SHEET, TX_BENCH_P_VALUE, TX_BENCH_VERDICT, TX_BENCH_CHARTS_SHEET,
    TX_BENCH_FOCUS_MARK,
    /* line of sight (chains, customers nobody met, team trend) */
    TX_SEC_CUSTOMERS, TX_SEC_TEAM_TREND, TX_LINE_OF_SIGHT, TX_WORKS_WITH, TX_ANONYMOUS_NODE,
    TX_MONTH_ABBR, TX_UNTOUCHED, TX_NO_UNTOUCHED, TX_MORE_IN_WORKBOOK, TX_COVERAGE_BY_SEGMENT,
    TX_SEGMENT, TX_PAYING, TX_TOUCHED, TX_NO_SEGMENT, TX_NO_PAYING, TX_CUSTOMER, TX_TEAM_TREND_LEAD,
    TX_CHART_TEAM_TREND, TX_CHART_TEAM_TREND_DESC, TX_TEAM_TREND_MORE,
    /* what to act on (follow-ups, requests, tags, targets) */
    TX_SEC_FOLLOWUPS, TX_SEC_INSIGHTS, TX_TARGETS, TX_TARGET, TX_MET, TX_NOT_MET, TX_NO_VALUE, TX_BETTER, TX_WORSE, TX_NEUTRAL, TX_FOLLOWUPS_LEAD, TX_BY_OWNER, TX_OLDEST_OPEN, TX_AWAITING, TX_OPEN_REQUESTS, TX_NO_FOLLOWUPS, TX_NO_AWAITING, TX_NO_OPEN_REQUESTS, TX_NO_TAGS, TX_OWNER, TX_NO_OWNER, TX_OPEN, TX_OLDEST_DAYS, TX_AGE_DAYS, TX_DATE, TX_CUSTOMERS, TX_FOLLOWUP, TX_VOTES, TX_REQUEST, TX_TAG, TX_MORE_ROWS, TX_LIST, TX_AWAITING_SHORT, TX_OPEN_SHORT, TX_INTERACTION_ID, TX_TEXT, TX_MIN, TX_MAX, TX_VALUE, TX_JUDGEMENT, TX_AT_LEAST, TX_AT_MOST,
    /* the report workbook: sheet names, column headings, values and notes */
    TX_SHEET_SUMMARY, TX_SHEET_TEAMS, TX_SHEET_PEOPLE, TX_SHEET_INTERACTIONS, TX_SHEET_CROSSTABS,
    TX_SHEET_TREND, TX_SHEET_PROJECTS, TX_SHEET_REQUESTS, TX_SHEET_CUSTOMERS, TX_SHEET_FOLLOWUPS,
    TX_SHEET_TAGS,
    TX_H_ID, TX_H_NAME, TX_H_CONTACT_CLASS, TX_H_CONTACT_MONTHS, TX_H_BACON, TX_H_DISTANT_SHARE,
    TX_H_CALLS, TX_H_CONVERSATIONS, TX_H_LEADS, TX_H_DONE, TX_H_ATTESTED, TX_H_TITLE, TX_H_NOTES,
    TX_H_EVENT, TX_H_FILE, TX_H_LINE, TX_H_CROSSTAB, TX_H_FIELD, TX_H_EQUALS, TX_H_CLASS,
    TX_H_PERCENT, TX_H_N, TX_H_K, TX_H_CI_LOW, TX_H_CI_HIGH, TX_H_P_VALUE, TX_H_START, TX_H_END,
    TX_H_REGULAR_RATE, TX_H_TOUCHED, TX_H_OWNER_NAME, TX_H_KEY,
    TX_V_REGULAR, TX_V_OCCASIONAL, TX_V_NONE, TX_V_ALL,
    TX_V_COVERED, TX_V_PLANNED, TX_V_GAP, TX_V_DECLINED,
    TX_PERIOD_START, TX_PERIOD_END, TX_PREVIOUS_PERIOD, TX_NOTE_MORE_SHEETS, TX_NOTE_MIN_GROUP,
    TX_PEOPLE_LEFT_OUT, TX_MD_MIN_GROUP, TX_NAMES_LEFT_OUT, TX_NO_LINE_OF_SIGHT,
    /* the benchmark's own texts */
    TX_BENCH_TITLE, TX_BENCH_WORKBOOK_TITLE, TX_BENCH_LOWER_NOTE, TX_BENCH_VALUES, TX_BENCH_ORG,
    TX_BENCH_SOURCE, TX_BENCH_PEER_MEDIAN, TX_BENCH_RANK_SEC, TX_BENCH_RANK_LEAD, TX_BENCH_STANDS,
    TX_BENCH_REFERENCE, TX_BENCH_REFERENCE_SHORT, TX_BENCH_CHART_DESC, TX_BENCH_LOWER_HERE,
    TX_BENCH_DOTTED_REFERENCE, TX_BENCH_LOWER_PAREN, TX_BENCH_NO_VALUE, TX_BENCH_VALUES_SHEET,
    TX_BENCH_RANKS_SHEET, TX_AT_RISK_SHARE,
    /* the built-in interaction types (SPEC §2), in the order of tp_builtin_types */
    TX_BT_CUSTOMER_MEETING, TX_BT_TRADE_SHOW_SHIFT, TX_BT_SUPPORT_CALL_LISTENING, TX_BT_QUARTERLY_REVIEW,
    TX_BT_STORE_VISIT, TX_BT_USER_GROUP, TX_BT_ONLINE_COMMUNITY, TX_BT_LEAD_QUALIFICATION, TX_BT_ORDER_DESK,
    TX_BT_RIDE_ALONG, TX_BT_CONCIERGE_DESK,
    /* the built-in definition's cross-tabs (SPEC §6) */
    TX_XT_CEO, TX_XT_STRATEGIC,
    TX_COUNT_
} tp_text_id;

/* The figure's label in lang, in buf ("Contact rate", "Requests: Gap"). */
const char *tp_kpi_label(const char *lang, const tp_kpi_def *d, char *buf, size_t size);

/* The fixed text id in lang ("en", "pt"; anything else reads as "en"). */
const char *tp_text(const char *lang, tp_text_id id);
/* The language of the report's options ("en" by default). */
const char *tp_report_lang(const tp_report *r);
/* The language of the benchmark's options ("en" by default). */
const char *tp_bench_lang(const tp_benchmark *bm);
/* A type's label as a reader sees it: a built-in type's (by its id, which
 * no custom type may take) in the report's language, a custom type's label
 * as declared (report.json keeps the SPEC's English labels); the same for
 * type index type of the report's model. */
const char *tp_type_label(const tp_report *r, const char *id, const char *label);
const char *tp_model_type_label(const tp_report *r, int type);
/* A cross-tab's label as a reader sees it: the built-in definition's two
 * (SPEC §6: label, field and equals as there) in the report's language,
 * any other as the definition writes it. */
const char *tp_crosstab_label(const tp_report *r, const tp_crosstab_row *ct);
/* What a hidden team row or cross-tab cell shows in place of its figures:
 * "fewer than N", or "withheld" (formatted into buf of size n). */
const char *tp_hidden_text(const tp_report *r, bool withheld, char *buf, size_t n);

#endif
