/* xlsx.h — what the two workbooks (render_xlsx.c, render_bench_xlsx.c)
 * share: Excel's limits and sheet names. */
#ifndef TP_XLSX_H
#define TP_XLSX_H

#include "report.h"

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

#endif
