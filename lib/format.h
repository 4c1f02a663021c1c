/* format.h — numbers as text: the shortest decimal of JSON, and the human
 * formats of the md, html and xlsx (counts, percents, changes, figures of
 * the table in kpi.c). Each writes into a caller's char array of TP_NUMBUF
 * bytes (or tp_buf) and allocates nothing. */
#ifndef TP_FORMAT_H
#define TP_FORMAT_H

#include "buf.h"
#include "kpi.h"

#include <time.h>

/* Shortest decimal that reads back as the same double, locale-free. */
void tp_fmt_double(double x, char *buf, size_t size);
/* Appends x as the shortest decimal that reads back the same ("null" for
 * NaN), as tp_fmt_double writes it: the numbers of report.json. */
void tp_json_num(tp_buf *b, double x);

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

/* A headline figure (tp_kpi_defs) as its kind reads: a count, a percent,
 * one decimal or a bacon number; its change in the same way. */
char *tp_fmt_kpi(char *buf, const char *lang, const tp_kpi_def *d, double v);
char *tp_fmt_kpi_change(char *buf, const char *lang, const tp_kpi_def *d, double now, double before);
/* The decimals a target's row shows (of a percent for a rate): the figure's
 * own (1 for a rate or a decimal, 0 for a count), more where a bound needs
 * them to read as written (a min of 0.7437 shows 74.37%), at most 6. */
int tp_target_decimals(const tp_kpi_def *d, double min, double max);
/* A figure as tp_fmt_kpi writes it, with `decimals` digits (0 to 6). */
char *tp_fmt_kpi_at(char *buf, const char *lang, const tp_kpi_def *d, double v, int decimals);
/* A target's bounds: "≥ 65.0%", "≤ 2", "1 – 3", with tp_target_decimals. */
char *tp_fmt_target_bound(char *buf, const char *lang, const tp_kpi_def *d, double min, double max);

/* Whether the change from before to now, as shown, is better (TX_BETTER),
 * worse (TX_WORSE) or neither (TX_NEUTRAL) by SPEC §3's rule; -1 when it
 * shows no change or a value is null. */
int tp_kpi_judgement(const tp_kpi_def *d, double now, double before);
/* Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ" (a report's generated
 * time), or 0 when s is not that: the workbooks' creation time. */
time_t tp_generated_seconds(const char *s);

#endif
