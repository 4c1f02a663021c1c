/* test_render_xlsx.c — the workbook: render a synthetic report, unzip the
 * parts with unzip(1) and look at the XML. The renderer is reached through
 * its library interface (xlsx.h): tp_render_xlsx_rows, with a small
 * number of rows per sheet, and tp_xlsx_sheet_name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"
#include "escape.h"
#include "kpi.h"
#include "render.h"
#include "report.h"
#include "xlsx.h"
#include "xlsx_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XT_EXCEL_EPOCH 25569 /* Excel's serial number of 1970-01-01 (1900 date system) */

/* Characters of UTF-8 text s. */
static size_t xt_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static char xt_dir[] = "/tmp/tp_xlsx_XXXXXX";

/* ----------------------------------------------------------------- helpers */

/* The member of the zip file, NUL-terminated and malloc'd ("" if absent). */
static char *xt_unzip(const char *xlsx, const char *member)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", xlsx, member);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 2) {
            buf = realloc(buf, cap *= 2);
            assert_non_null(buf);
        }
    }
    pclose(p);
    buf[len] = '\0';
    return buf;
}

/* The element of cell ref ("B8") in sheet XML, malloc'd; NULL when absent. */
static char *xt_cell(const char *xml, const char *ref)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *s = strstr(xml, key);
    if (!s)
        return NULL;
    const char *gt = strchr(s, '>');
    const char *end = gt[-1] == '/' ? gt + 1 : strstr(s, "</c>") + 4;
    return strndup(s, (size_t)(end - s));
}

static bool xt_contains(const char *hay, const char *needle) { return strstr(hay, needle) != NULL; }

/* Renders the fixture with n interactions to DIR/name; returns the path. */
static char *xt_render(const char *name, long min_group, size_t n, size_t per, tp_status want)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", xt_dir, name);
    tp_report_options opt = {.min_group = min_group, .lang = "en"};
    tp_arena *a = tp_arena_new();
    tp_report *r = xf_report(a, &opt, n);
    assert_int_equal(tp_render_xlsx_rows(r, path, per), want);
    tp_arena_free(a);
    return path;
}

/* The cell in column col of Summary's row of the figure key, in buf. */
static const char *xt_kpi_cell(const char *col, const char *key, char *buf)
{
    for (size_t i = 0; i < tp_nkpi_defs; i++)
        if (!strcmp(tp_kpi_defs[i].path, key)) {
            sprintf(buf, "%s%zu", col, 8 + i);
            return buf;
        }
    fail_msg("no figure %s", key);
    return NULL;
}

/* ------------------------------------------------------------------- tests */

static void test_sheet_names_in_order(void **state)
{
    (void)state;
    char *wb = xt_unzip(xt_render("names.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK), "xl/workbook.xml");
    static const char *const names[] = {"Summary",    "Teams", "People",   "Interactions",
                                        "Cross-tabs", "Trend", "Projects", "Requests"};
    const char *at = wb;
    for (size_t i = 0; i < 8; i++) {
        char key[64];
        snprintf(key, sizeof key, "<sheet name=\"%s\"", names[i]);
        at = strstr(at, key);
        assert_non_null(at);
    }
    assert_false(xt_contains(wb, "Interactions (2)"));
    free(wb);
}

static void test_hostile_text_is_a_string(void **state)
{
    (void)state;
    const char *path = xt_render("hostile.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK);
    char *xml = xt_unzip(path, "xl/worksheets/sheet4.xml");
    static const char *const cells[][2] = {
        {"M2", "=1+2"}, {"M3", "+SUM(A1:A2)"}, {"M4", "-3"}, {"M5", "@cmd"}};
    for (size_t i = 0; i < 4; i++) {
        char *c = xt_cell(xml, cells[i][0]);
        assert_non_null(c);
        assert_true(xt_contains(c, "t=\"inlineStr\""));
        assert_true(xt_contains(c, cells[i][1]));
        free(c);
    }
    char *c = xt_cell(xml, "M6"); /* shown as written; a control character, which XML cannot hold, as U+FFFD */
    assert_true(xt_contains(c, "<t>Plain _x005F_x0041_ \xEF\xBF\xBD</t>"));
    free(c);
    free(xml);
    for (int s = 1; s <= 8; s++) {
        char member[64];
        snprintf(member, sizeof member, "xl/worksheets/sheet%d.xml", s);
        xml = xt_unzip(path, member);
        assert_true(strlen(xml) > 0);
        assert_false(xt_contains(xml, "<f>"));
        assert_false(xt_contains(xml, "<f "));
        free(xml);
    }
}

static void test_numbers_are_numbers(void **state)
{
    (void)state;
    const char *path = xt_render("numbers.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK);
    char *xml = xt_unzip(path, "xl/worksheets/sheet1.xml"), ref[16];
    char *c = xt_cell(xml, xt_kpi_cell("B", "it_staff", ref));
    assert_non_null(c);
    assert_false(xt_contains(c, "t=\""));
    assert_true(xt_contains(c, "<v>40</v>"));
    free(c);
    c = xt_cell(xml, xt_kpi_cell("B", "contact_rate", ref));
    assert_true(xt_contains(c, "<v>0.65</v>") && xt_contains(c, " s=\""));
    free(c);
    c = xt_cell(xml, xt_kpi_cell("D", "contact_hours", ref)); /* change */
    assert_true(xt_contains(c, "<v>156.25</v>"));
    free(c);
    c = xt_cell(xml, "B4"); /* period start 2026-07-01 as an Excel date */
    assert_true(xt_contains(c, "<v>46204</v>"));
    free(c);
    assert_null(xt_cell(xml, xt_kpi_cell("B", "attested_rate", ref))); /* null */
    assert_true(xt_contains(xml, "<t>Northwind Logistics</t>"));
    c = xt_cell(xml, xt_kpi_cell("E", "bacon.median", ref)); /* the key column */
    assert_true(xt_contains(c, "<t>bacon.median</t>"));
    free(c);
    c = xt_cell(xml, xt_kpi_cell("A", "it_staff", ref));
    assert_true(xt_contains(c, "<t>IT staff in scope</t>"));
    free(c);
    free(xml);
    char *styles = xt_unzip(path, "xl/styles.xml");
    assert_true(xt_contains(styles, "formatCode=\"0.0%\""));
    assert_true(xt_contains(styles, "formatCode=\"#,##0.0\""));
    assert_true(xt_contains(styles, "formatCode=\"yyyy-mm-dd\""));
    free(styles);
    xml = xt_unzip(path, "xl/worksheets/sheet4.xml");
    assert_null(xt_cell(xml, "F3")); /* calls absent */
    c = xt_cell(xml, "F2");
    assert_true(xt_contains(c, "<v>7</v>"));
    free(c);
    c = xt_cell(xml, "K2"); /* actions done */
    assert_true(xt_contains(c, "<v>1</v>"));
    free(c);
    assert_true(xt_contains(xml, "Jo\xC3\xA3o Gon\xC3\xA7" "alves"));
    assert_true(xt_contains(xml, "state=\"frozen\""));
    assert_true(xt_contains(xml, "<autoFilter ref=\"A1:Q6\"/>"));
    assert_true(xt_contains(xml, "<cols>"));
    free(xml);
}

static void test_long_text_is_cut(void **state)
{
    (void)state;
    char *xml = xt_unzip(xt_render("long.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK),
                         "xl/worksheets/sheet4.xml");
    char *c = xt_cell(xml, "N3");
    assert_non_null(c);
    const char *t = strstr(c, "<t>") + 3;
    char *end = strstr(t, "</t>");
    *end = '\0';
    assert_int_equal(xt_utf8_len(t), TP_XLSX_CELL_CHARS);
    assert_string_equal(end - 3, "\xE2\x80\xA6");
    free(c);
    free(xml);
}

/* The text of cell ref in the Interactions sheet's XML, malloc'd. */
static char *xt_text(const char *xml, const char *ref)
{
    char *c = xt_cell(xml, ref);
    assert_non_null(c);
    const char *t = strstr(c, "<t>");
    assert_non_null(t);
    t += 3;
    char *out = strndup(t, (size_t)(strstr(t, "</t>") - t));
    free(c);
    return out;
}

/* Text at Excel's limit and just past it, and characters on either side
 * of the renderer's quick pass (plain text) and its careful one. */
static void test_text_at_the_edges(void **state)
{
    (void)state;
    enum { N = 8 };
    tp_report_options opt = {.min_group = 1, .lang = "en"};
    tp_arena *a = tp_arena_new();
    tp_report *r = xf_report(a, &opt, N);
    char *full = tp_calloc(a, TP_XLSX_CELL_CHARS + 2, 1);
    memset(full, 'a', TP_XLSX_CELL_CHARS + 1);
    char *fits = tp_strndup(a, full, TP_XLSX_CELL_CHARS);
    static const char *const texts[N - 2][2] = {
        {"\xEF\xBF\xBEx", "\xEF\xBF\xBDx"},                               /* U+FFFE: not XML */
        {"snake_case _x0041_", "snake_case _x005F_x0041_"},                /* '_': the careful pass */
        {"\xED\x9F\xBF \xE0\xA4\x85 \xEF\xBC\xA1", "\xED\x9F\xBF \xE0\xA4\x85 \xEF\xBC\xA1"}, /* ED, E0, EF */
        {"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"}, /* 2, 3, 4 bytes */
        {"tab\there \x7F", "tab\there \x7F"},                              /* tab and DEL: XML holds them */
        {"bad \xC3 byte", "bad \xEF\xBF\xBD byte"},                        /* not UTF-8 */
    };
    r->interactions[0].notes = fits;
    r->interactions[1].notes = full;
    for (int i = 0; i < N - 2; i++)
        r->interactions[i + 2].notes = texts[i][0];
    char path[256];
    snprintf(path, sizeof path, "%s/edges.xlsx", xt_dir);
    assert_int_equal(tp_render_xlsx_rows(r, path, TP_XLSX_ROWS_PER_SHEET), TP_OK);
    char *xml = xt_unzip(path, "xl/worksheets/sheet4.xml");
    char *t = xt_text(xml, "N2");
    assert_string_equal(t, fits); /* 32,767 characters: whole */
    free(t);
    t = xt_text(xml, "N3");
    assert_int_equal(xt_utf8_len(t), TP_XLSX_CELL_CHARS); /* one more: cut, ending in an ellipsis */
    assert_string_equal(t + strlen(t) - 3, "\xE2\x80\xA6");
    free(t);
    for (int i = 0; i < N - 2; i++) {
        char ref[8];
        snprintf(ref, sizeof ref, "N%d", i + 4);
        t = xt_text(xml, ref);
        assert_string_equal(t, texts[i][1]);
        free(t);
    }
    free(xml);
    tp_arena_free(a);
}

static void test_fit_counts_utf16_units(void **state)
{
    (void)state;
    tp_buf text; /* what the renderer fits every text through */
    tp_buf_init(&text);
    const char *shortx = "short";
    assert_ptr_equal(tp_xml_fit(&text, shortx, TP_XLSX_CELL_CHARS, true), shortx);
    size_t n = 20000; /* emoji: two UTF-16 units each */
    char *s = malloc(4 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 4 * i, "\xF0\x9F\x98\x80", 4);
    s[4 * n] = '\0';
    const char *f = tp_xml_fit(&text, s, TP_XLSX_CELL_CHARS, true);
    assert_ptr_equal(f, text.data);
    assert_int_equal(xt_utf8_len(f), 16383 + 1); /* 32766 units, then "…" */
    assert_string_equal(f + strlen(f) - 3, "\xE2\x80\xA6");
    free(s);
    tp_buf_free(&text);
}

static void test_sheet_name_sanitiser(void **state)
{
    (void)state;
    char out[TP_XLSX_NAME_BYTES];
    tp_xlsx_sheet_name("a[b]:c*d?e/f\\g", out);
    assert_string_equal(out, "a_b__c_d_e_f_g");
    tp_xlsx_sheet_name("'quoted'", out);
    assert_string_equal(out, "quoted");
    tp_xlsx_sheet_name("", out);
    assert_string_equal(out, "Sheet");
    tp_xlsx_sheet_name("''", out);
    assert_string_equal(out, "Sheet");
    char longname[100];
    memset(longname, 'x', 40);
    longname[40] = '\0';
    tp_xlsx_sheet_name(longname, out); /* 30 characters, then "…" */
    assert_string_equal(out, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xE2\x80\xA6");
    char accents[100] = "";
    for (int i = 0; i < 40; i++)
        strcat(accents, "\xC3\xA9");
    tp_xlsx_sheet_name(accents, out);
    assert_int_equal(xt_utf8_len(out), 31);
    assert_int_equal(strlen(out), 60 + 3);
    assert_string_equal(out + 60, "\xE2\x80\xA6");
    char emoji[200] = ""; /* two UTF-16 units each: 15 fit beside the "…" */
    for (int i = 0; i < 20; i++)
        strcat(emoji, "\xF0\x9F\x98\x80");
    tp_xlsx_sheet_name(emoji, out);
    assert_int_equal(strlen(out), 15 * 4 + 3);
    assert_string_equal(out + 60, "\xE2\x80\xA6");
    tp_xlsx_sheet_name("a\x1b" "b\xEF\xBF\xBE" "c", out); /* a control and U+FFFE */
    assert_string_equal(out, "a_b\xEF\xBF\xBD" "c");
}

static void test_min_group_hides(void **state)
{
    (void)state;
    const char *path = xt_render("hidden.xlsx", 3, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK);
    char *people = xt_unzip(path, "xl/worksheets/sheet3.xml");
    assert_true(xt_contains(people, "People are left out"));
    assert_false(xt_contains(people, "<t>Id</t>"));
    assert_false(xt_contains(people, "jdoe"));
    free(people);
    char *teams = xt_unzip(path, "xl/worksheets/sheet2.xml");
    char *c = xt_cell(teams, "B3");
    assert_true(xt_contains(c, "fewer than 3"));
    free(c);
    assert_null(xt_cell(teams, "C3"));
    c = xt_cell(teams, "B2");
    assert_true(xt_contains(c, "<v>9</v>"));
    free(c);
    free(teams);
    char *ct = xt_unzip(path, "xl/worksheets/sheet5.xml");
    c = xt_cell(ct, "E4"); /* the "none" cell, n = 0 */
    assert_true(xt_contains(c, "fewer than 3"));
    free(c);
    assert_null(xt_cell(ct, "F4"));
    free(ct);
}

static void test_interactions_continue_on_more_sheets(void **state)
{
    (void)state;
    const char *path = xt_render("split.xlsx", 1, 5, 2, TP_OK);
    char *wb = xt_unzip(path, "xl/workbook.xml");
    const char *a = strstr(wb, "name=\"Interactions\"");
    const char *b = strstr(wb, "name=\"Interactions (2)\"");
    const char *c3 = strstr(wb, "name=\"Interactions (3)\"");
    const char *d = strstr(wb, "name=\"Cross-tabs\"");
    assert_true(a && b && c3 && d && a < b && b < c3 && c3 < d);
    free(wb);
    char *s6 = xt_unzip(path, "xl/worksheets/sheet6.xml"); /* Interactions (3) */
    char *c = xt_cell(s6, "A2");
    char want[32];
    snprintf(want, sizeof want, "<v>%d</v>", XF_D20260701 + 4 + XT_EXCEL_EPOCH);
    assert_true(xt_contains(c, want));
    free(c);
    assert_null(xt_cell(s6, "A3"));
    free(s6);
    char *sum = xt_unzip(path, "xl/worksheets/sheet1.xml");
    assert_true(xt_contains(sum, "Interactions (3)"));
    free(sum);
}

/* --lang pt: every sheet named in Portuguese, and every place that names
 * one follows -- the split Interactions sheets, the Summary's note naming
 * them, the charts' data ranges, the printed header rows. */
static void test_portuguese_sheet_names(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/pt.xlsx", xt_dir);
    tp_report_options opt = {.min_group = 1, .lang = "pt"};
    tp_arena *a = tp_arena_new();
    assert_int_equal(tp_render_xlsx_rows(xf_report(a, &opt, 5), path, 2), TP_OK);
    tp_arena_free(a);
    char *wb = xt_unzip(path, "xl/workbook.xml");
    static const char *const names[] = {"Resumo", "Equipas", "Pessoas", "Intera\xC3\xA7\xC3\xB5" "es",
                                        "Intera\xC3\xA7\xC3\xB5" "es (2)", "Intera\xC3\xA7\xC3\xB5" "es (3)",
                                        "Tabelas cruzadas", "Tend\xC3\xAA" "ncia", "Projetos", "Pedidos",
                                        "Clientes", "Seguimentos", "Etiquetas"};
    const char *at = wb;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char key[64];
        snprintf(key, sizeof key, "<sheet name=\"%s\"", names[i]);
        at = strstr(at, key);
        assert_non_null(at);
    }
    assert_false(xt_contains(wb, "Summary") || xt_contains(wb, "Interactions") || xt_contains(wb, "Trend"));
    assert_true(xt_contains(wb, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"4\">"
                                "'Intera\xC3\xA7\xC3\xB5" "es (2)'!$1:$1</definedName>"));
    free(wb);
    static const char *const parts[][3] = { /* part, a text it holds, one it does not */
        {"xl/worksheets/sheet1.xml", "Nota: as intera\xC3\xA7\xC3\xB5" "es continuam nas folhas Intera\xC3\xA7\xC3\xB5"
                                     "es (2) a Intera\xC3\xA7\xC3\xB5" "es (3).", "Period start"},
        {"xl/worksheets/sheet1.xml", "<t>Chave</t>", "<t>Key</t>"},
        {"xl/worksheets/sheet1.xml", "<t>In\xC3\xAD" "cio do per\xC3\xAD" "odo</t>", "Note:"},
        {"xl/worksheets/sheet2.xml", "<t>Efetivo</t>", "Headcount"},
        {"xl/worksheets/sheet3.xml", "<t>Meses com contacto</t>", "Contact months"},
        {"xl/worksheets/sheet3.xml", "<t>regular</t>", "Contact class"},
        {"xl/worksheets/sheet4.xml", "<t>Reuni\xC3\xA3o com cliente</t>", "Customer meeting"},
        {"xl/worksheets/sheet7.xml", "<t>Reportam diretamente ao CEO</t>", "Report directly"},
        {"xl/worksheets/sheet7.xml", "<t>ocasional</t>", "occasional"},
        {"xl/charts/chart1.xml", "<c:f>Resumo!$B$", "Summary"},
        {"xl/charts/chart3.xml", "<c:f>'Tend\xC3\xAA" "ncia'!$D$2", "Trend"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        char *xml = xt_unzip(path, parts[i][0]);
        if (!xt_contains(xml, parts[i][1]) || xt_contains(xml, parts[i][2]))
            fail_msg("%s: %s, not %s", parts[i][0], parts[i][1], parts[i][2]);
        free(xml);
    }
}

/* Excel's real limit: 1,048,575 interactions below the header, then the
 * next sheet. Slow (a 45 MB workbook), so only with TP_SLOW_TESTS=1, which
 * make check sets outside the sanitizer run. */
static void test_row_limit(void **state)
{
    (void)state;
    const char *slow = getenv("TP_SLOW_TESTS");
    if (!slow || strcmp(slow, "1") != 0)
        skip();
    const char *path = xt_render("limit.xlsx", 1, TP_XLSX_ROWS_PER_SHEET + 1, TP_XLSX_ROWS_PER_SHEET, TP_OK);
    char *wb = xt_unzip(path, "xl/workbook.xml");
    assert_true(xt_contains(wb, "<sheet name=\"Interactions (2)\" sheetId=\"5\""));
    free(wb);
    char *s4 = xt_unzip(path, "xl/worksheets/sheet4.xml");
    assert_true(xt_contains(s4, "<autoFilter ref=\"A1:Q1048576\"/>"));
    assert_true(xt_contains(s4, "<row r=\"1048576\""));
    free(s4);
    char *s5 = xt_unzip(path, "xl/worksheets/sheet5.xml");
    assert_true(xt_contains(s5, "<row r=\"2\"") && !xt_contains(s5, "<row r=\"3\""));
    free(s5);
}

static void test_charts_reference_cells(void **state)
{
    (void)state;
    const char *path = xt_render("charts.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK);
    char *c1 = xt_unzip(path, "xl/charts/chart1.xml");
    assert_true(xt_contains(c1, "<c:barChart>") && xt_contains(c1, "Summary!$B$"));
    char *c2 = xt_unzip(path, "xl/charts/chart2.xml");
    assert_true(xt_contains(c2, "<c:barDir val=\"bar\"/>"));
    char *c3 = xt_unzip(path, "xl/charts/chart3.xml");
    assert_true(xt_contains(c3, "<c:lineChart>") && xt_contains(c3, "Trend!$D$2:$D$3"));
    assert_true(xt_contains(c3, "Trend!$E$2:$E$3"));
    char *dr = xt_unzip(path, "xl/drawings/drawing1.xml");
    assert_true(xt_contains(dr, "descr=\"Bars: IT staff by steps from a paying customer"));
    char *sum = xt_unzip(path, "xl/worksheets/sheet1.xml");
    assert_true(xt_contains(sum, "orientation=\"landscape\""));
    assert_true(xt_contains(sum, "fitToPage=\"1\""));
    free(c1);
    free(c2);
    free(c3);
    free(dr);
    free(sum);
}

/* Slurps a whole file; *len its size. */
static char *xt_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void test_reproducible(void **state)
{
    (void)state;
    size_t n1, n2;
    char *one = xt_slurp(xt_render("one.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK), &n1);
    sleep(2); /* a later second must not show */
    char *two = xt_slurp(xt_render("two.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK), &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(one, two, n1);
    free(one);
    free(two);
    char *core = xt_unzip(xt_render("core.xlsx", 1, 5, TP_XLSX_ROWS_PER_SHEET, TP_OK), "docProps/core.xml");
    assert_true(xt_contains(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z"));
    free(core);
}

static void test_unwritable_path_fails(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_arena *a = tp_arena_new();
    tp_report *r = xf_report(a, &opt, 3);
    assert_int_equal(tp_render_xlsx(r, &(tp_render_target){.path = "/nonexistent-dir/x/report.xlsx"}), TP_ERR_OUTPUT);
    tp_arena_free(a);
}

static void test_empty_report(void **state)
{
    (void)state;
    tp_report_options opt = {.min_group = 1};
    tp_report r = {.opt = &opt, .period = xf_period("2026", 20454, 20818)};
    char path[256];
    snprintf(path, sizeof path, "%s/empty.xlsx", xt_dir);
    assert_int_equal(tp_render_xlsx(&r, &(tp_render_target){.path = path}), TP_OK);
    char *wb = xt_unzip(path, "xl/workbook.xml");
    assert_true(xt_contains(wb, "name=\"Requests\""));
    free(wb);
}

static int xt_setup(void **state)
{
    (void)state;
    return mkdtemp(xt_dir) ? 0 : -1;
}

static int xt_teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", xt_dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_names_in_order),
        cmocka_unit_test(test_hostile_text_is_a_string),
        cmocka_unit_test(test_numbers_are_numbers),
        cmocka_unit_test(test_long_text_is_cut),
        cmocka_unit_test(test_fit_counts_utf16_units),
        cmocka_unit_test(test_text_at_the_edges),
        cmocka_unit_test(test_sheet_name_sanitiser),
        cmocka_unit_test(test_min_group_hides),
        cmocka_unit_test(test_interactions_continue_on_more_sheets),
        cmocka_unit_test(test_portuguese_sheet_names),
        cmocka_unit_test(test_row_limit),
        cmocka_unit_test(test_charts_reference_cells),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_unwritable_path_fails),
        cmocka_unit_test(test_empty_report),
    };
    return cmocka_run_group_tests(tests, xt_setup, xt_teardown);
}
