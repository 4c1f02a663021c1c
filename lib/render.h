/* render.h — private helpers shared by the renderers: escaping, human
 * number formats and the fixed texts of each language.
 *
 * Every function here writes into a caller's buffer (tp_buf or a char
 * array of TP_NUMBUF bytes) and allocates nothing else.
 */
#ifndef TP_RENDER_H
#define TP_RENDER_H

#include "touchpoint.h"

#include <time.h>

/* ------------------------------------------------------------- escaping */

/* Appends s as Markdown inline text that renders (in a paragraph, heading
 * or GFM table cell) to s with white-space runs collapsed and trimmed:
 * every ASCII punctuation character is backslash-escaped, so no text can
 * break a table, start a block, make a link, emphasis, an entity or HTML. */
void tp_md_escape(tp_buf *b, const char *s);
/* Appends s with & < > " ' as character references (HTML and XML) and
 * every character XML 1.0 cannot hold as U+FFFD (see tp_xml_text). */
void tp_xml_escape(tp_buf *b, const char *s);
/* Appends s[0..len) with every character XML 1.0 cannot hold -- a C0
 * control but tab, newline and carriage return, U+FFFE, U+FFFF, a byte
 * that is not UTF-8 (each byte) -- written as U+FFFD; the rest unchanged.
 * Every XML writer (page, charts, workbook) puts log text through it. */
void tp_xml_text(tp_buf *b, const char *s, size_t len);
/* True when XML 1.0 can hold every character of s[0..len). */
bool tp_xml_clean(const char *s, size_t len);

#define TP_ELLIPSIS "\xE2\x80\xA6" /* "…": the end of a cut text */

/* Bytes of the longest prefix of s holding at most max characters (with
 * utf16, as Excel counts: a character beyond the BMP counts two), cut
 * between characters, never inside one; *whole says whether it is all of s. */
size_t tp_utf8_prefix(const char *s, size_t max, bool utf16, bool *whole);
/* Appends s when it has at most max characters, else its first max - 1
 * characters and "…" (max characters in all), cut as tp_utf8_prefix. */
void tp_cut(tp_buf *b, const char *s, size_t max, bool utf16);
/* s ready for a part of a workbook: s itself when XML 1.0 can hold it and
 * it has at most max characters, else the text of tp_xml_text cut as
 * tp_cut, in scratch (overwritten; the caller frees it). NULL when out of
 * memory. libxlsxwriter writes what it is given: every text handed to it
 * goes through here. */
const char *tp_xml_fit(tp_buf *scratch, const char *s, size_t max, bool utf16);
#define TP_XLSX_CELL_CHARS 32767 /* Excel's limit for a cell, in UTF-16 units */
#define TP_XLSX_TITLE_CHARS 255  /* a workbook's title property, cut there */
#define TP_XLSX_NAME_BYTES (31 * 4 + 1)    /* a sheet name of Excel's 31 characters, in UTF-8 */
#define TP_XLSX_ROWS_PER_SHEET (1048576 - 1) /* Excel's rows, less the header */

/* tp_render_xlsx with at most rows_per_sheet interactions per Interactions
 * sheet (TP_XLSX_ROWS_PER_SHEET there; the unit tests split at a few). */
tp_status tp_render_xlsx_rows(const tp_report *r, const char *path, size_t rows_per_sheet);
/* A valid worksheet name made from any text: none of []:*?/\ or a
 * control character (each written "_"), no apostrophe first or last, at
 * most 31 characters (as Excel counts them; a longer name is cut, its
 * last character "…"); "Sheet" when nothing is left. */
void tp_xlsx_sheet_name(const char *in, char out[TP_XLSX_NAME_BYTES]);
/* True for the ASCII white space the escaper collapses. */
bool tp_is_space(int c);

/* Appends s as a JSON string ("null" for NULL): UTF-8 kept, quotes,
 * backslashes and control characters escaped. */
void tp_json_str(tp_buf *b, const char *s);
/* Appends x as the shortest decimal that reads back the same ("null" for NaN). */
void tp_json_num(tp_buf *b, double x);

/* -------------------------------------------------------- number formats */

#define TP_NUMBUF 64
#define TP_DASH "\xE2\x80\x94" /* "—": a null figure */

/* Each writes into buf (TP_NUMBUF bytes) and returns buf. lang is "en" or
 * "pt" (anything else reads as "en"); NaN is shown as the dash. */
char *tp_fmt_count(char *buf, const char *lang, long n);       /* 12,345 */
char *tp_fmt_dec1(char *buf, const char *lang, double x);      /* 1,312.5 */
char *tp_fmt_pct(char *buf, const char *lang, double ratio);   /* 65.0% */
/* A change of a ratio in percentage points: "▲ 5.0 pp", "▼ 1.2 pp", "= 0.0 pp". */
char *tp_fmt_pp(char *buf, const char *lang, double now, double before);
/* A change of a count or decimal: "▲ 3", "▼ 1.5", "= 0" (decimals: 1 digit). */
char *tp_fmt_delta(char *buf, const char *lang, double now, double before, bool decimals);
/* A bacon number, or the dash for TP_NONE. */
char *tp_fmt_bacon(char *buf, int bacon);
/* A p-value: "0.412", "< 0.001"; the dash for NaN. */
char *tp_fmt_p(char *buf, const char *lang, double p);

/* The figures the human formats show first, by their path in tp_kpi_defs
 * (kpi.c): the headline table of the Markdown and the page, in its order,
 * and the page's cards. */
extern const char *const tp_kpi_headline[];
extern const size_t tp_nkpi_headline;
extern const char *const tp_kpi_cards[];
extern const size_t tp_nkpi_cards;

/* A headline figure (tp_kpi_defs) as its kind reads: a count, a percent,
 * one decimal or a bacon number; its change in the same way. */
char *tp_fmt_kpi(char *buf, const char *lang, const tp_kpi_def *d, double v);
char *tp_fmt_kpi_change(char *buf, const char *lang, const tp_kpi_def *d, double now, double before);
/* A target's bounds: "≥ 65.0%", "≤ 2", "1 – 3". */
char *tp_fmt_target_bound(char *buf, const char *lang, const tp_kpi_def *d, double min, double max);

/* ------------------------------------------------------------ fixed texts */

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
    TX_PEOPLE_LEFT_OUT,
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

/* Appends chain ch as the human formats show it ("Ravi Singh → Tolga Kaya
 * (works with) → ACME Freight (customer meeting, 14 Jul)"); names and type
 * labels, text from the logs, go through esc (tp_md_escape, or tp_buf_puts
 * for plain text). */
void tp_chain_text(tp_buf *b, const tp_report *r, const tp_chain *ch, void (*esc)(tp_buf *, const char *));

/* Whether the change from before to now, as shown, is better (TX_BETTER),
 * worse (TX_WORSE) or neither (TX_NEUTRAL) by SPEC §3's rule; -1 when it
 * shows no change or a value is null. */
int tp_kpi_judgement(const tp_kpi_def *d, double now, double before);
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

/* Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ" (a report's generated
 * time), or 0 when s is not that: the workbooks' creation time. */
time_t tp_generated_seconds(const char *s);

/* ------------------------------------------------------------------ pages */

/* What the page template shows around the body. */
typedef struct {
    const char *title, *organization; /* organization may be NULL */
    const tp_period *period;
    const char *generated, *lang;
} tp_page;

/* Markdown md[0..len) as one self-contained page in template_text (NULL:
 * a built-in one): cmark-gfm with tables in safe mode, each
 * ![...](charts/NAME.svg) replaced by that chart's SVG, and with r given,
 * the headline cards of a report. */
tp_status tp_html_page(const tp_page *page, const tp_report *r, const char *md, size_t len, const tp_chart *charts,
                       size_t ncharts, const char *template_text, tp_buf *out);

/* ---------------------------------------------------------------- charts */

/* Chart file names (without ".svg"), shared by svg.c and the Markdown. */
#define TP_CHART_BY_TEAM "contact_by_team"
#define TP_CHART_BACON "bacon"
#define TP_CHART_TREND "trend"
#define TP_CHART_FUNNEL "funnel"
#define TP_CHART_TEAM_TREND "team_trend"

/* ------------------------------------------------------------- markdown */

/* One section of the report as Markdown (without the title block, which
 * the HTML page shows its own way), appended to out; nothing for a section
 * the Markdown leaves out. TP_OK or TP_ERR_NOMEM. */
tp_status tp_md_section(const tp_report *r, tp_section s, tp_buf *out);

/* A benchmark column's heading in lang; whether a lower value is the
 * better one; whether it is a rate, shown as a percentage (render_bench.c). */
const char *tp_bench_label(int col, const char *lang);
bool tp_bench_lower_better(int col);
bool tp_bench_ratio(int col);

#endif
