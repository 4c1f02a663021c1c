/* test_md_escape.c — every Markdown example of the CommonMark and GFM
 * specs, used as a name in the report, must come back from cmark-gfm (table
 * extension) as its own text with white-space runs collapsed and trimmed: in
 * a table cell, in a heading and in a paragraph. The corpora are found
 * through TP_CORPORA (default ../shared/corpora). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "buf.h"
#include "definition.h"
#include "escape.h"
#include "fixture_report.h"
#include "render.h"
#include "report.h"

/* ------------------------------------------------- a minimal JSON reader */

static void S_put_utf8(tp_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    tp_buf_put(b, u, n);
}

/* Decodes the JSON string starting after its opening quote; *end is set
 * after the closing quote. Returns a malloc'd string. */
static char *S_json_string(const char *p, const char **end)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_buf_put(&b, "", 0);
    for (; *p && *p != '"'; p++) {
        if (*p != '\\') {
            tp_buf_put(&b, p, 1);
            continue;
        }
        p++;
        const char *map = strchr("\"\"\\\\//b\bf\fn\nr\rt\t", *p);
        if (*p == 'u') {
            unsigned long cp = strtoul((char[5]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
                unsigned long lo = strtoul((char[5]){p[3], p[4], p[5], p[6], 0}, NULL, 16);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            S_put_utf8(&b, cp);
        } else if (map && (map - "\"\"\\\\//b\bf\fn\nr\rt\t") % 2 == 0) {
            tp_buf_put(&b, map + 1, 1);
        }
    }
    *end = *p ? p + 1 : p;
    return b.data;
}

/* Every "markdown" value of the corpus file name, in order. */
static char **S_corpus(const char *name, size_t *n)
{
    const char *dir = getenv("TP_CORPORA") ? getenv("TP_CORPORA") : "../shared/corpora";
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = fx_read_file(path);
    if (!text)
        return NULL;
    char **v = NULL;
    *n = 0;
    for (const char *p = text; (p = strstr(p, "\"markdown\"")) != NULL;) {
        p = strchr(p + 10, '"');
        if (!p)
            break;
        v = realloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = S_json_string(p + 1, &p);
    }
    free(text);
    return v;
}

/* ------------------------------------------------------ the expectation */

/* s with runs of ASCII white space collapsed to one space and trimmed. */
static char *S_collapse(const char *s)
{
    tp_buf b;
    tp_buf_init(&b);
    tp_buf_put(&b, "", 0);
    bool space = false;
    for (; *s; s++) {
        if (tp_is_space((unsigned char)*s)) {
            space = b.len > 0;
            continue;
        }
        if (space)
            tp_buf_put(&b, " ", 1);
        space = false;
        tp_buf_put(&b, s, 1);
    }
    return b.data;
}

/* The concatenated text of node's descendants; *clean is false when any
 * inline but plain text appears (emphasis, link, HTML, code, break...). */
static void S_text(cmark_node *node, tp_buf *out, bool *clean)
{
    for (cmark_node *ch = cmark_node_first_child(node); ch; ch = cmark_node_next(ch)) {
        if (cmark_node_get_type(ch) == CMARK_NODE_TEXT)
            tp_buf_puts(out, cmark_node_get_literal(ch));
        else
            *clean = false;
    }
}

/* --------------------------------------------------------------- checks */

typedef struct {
    cmark_node *heading3, *org_para, *last_table;
} S_found;

static void S_find(cmark_node *doc, S_found *f)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 3 &&
            !f->heading3)
            f->heading3 = n;
        if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && !f->org_para)
            f->org_para = n;
        if (strcmp(cmark_node_get_type_string(n), "table") == 0)
            f->last_table = n;
    }
    cmark_iter_free(it);
}

/* The first cell of the first body row of a table. */
static cmark_node *S_first_body_cell(cmark_node *table)
{
    cmark_node *row = table ? cmark_node_first_child(table) : NULL;
    row = row ? cmark_node_next(row) : NULL;
    return row ? cmark_node_first_child(row) : NULL;
}

/* Compares the text of node with want; prints the case on a mismatch. */
static bool S_check(cmark_node *node, const char *prefix, const char *suffix, const char *want,
                    size_t example, const char *where)
{
    tp_buf got;
    tp_buf_init(&got);
    tp_buf_put(&got, "", 0);
    bool clean = node != NULL;
    if (node)
        S_text(node, &got, &clean);
    size_t pl = strlen(prefix), sl = strlen(suffix), wl = strlen(want);
    bool ok = clean && got.len == pl + wl + sl && memcmp(got.data, prefix, pl) == 0 &&
              memcmp(got.data + pl, want, wl) == 0 && memcmp(got.data + pl + wl, suffix, sl) == 0;
    if (!ok)
        fprintf(stderr, "example %zu (%s): want [%s] got [%s]%s\n", example, where, want, got.data,
                clean ? "" : " with markup");
    tp_buf_free(&got);
    return ok;
}

static cmark_node *S_parse(const char *md, size_t len, bool autolink)
{
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    if (autolink)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("autolink"));
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    return doc;
}

/* One name through the renderer: a project (table cell), a cross-tab label
 * (heading) and the organisation (paragraph). */
static bool S_one(const char *name, size_t example, bool autolink)
{
    static const tp_section secs[] = {TP_SEC_CROSSTABS, TP_SEC_PROJECTS};
    tp_arena *a = tp_arena_new();
    tp_report *r = fixture_report(a);
    ((tp_definition *)r->def)->sections = (tp_section *)secs;
    ((tp_definition *)r->def)->nsections = 2;
    r->organization = name;
    r->crosstabs[0].label = name;
    r->projects[0].name = name;
    r->nprojects = 1;
    tp_buf md;
    tp_buf_init(&md);
    tp_render_md(r, &(tp_render_target){.out = &md});
    cmark_node *doc = S_parse(md.data, md.len, autolink);
    S_found f = {0};
    S_find(doc, &f);
    char *want = S_collapse(name);
    bool ok = S_check(S_first_body_cell(f.last_table), "", "", want, example, "table cell");
    ok = S_check(f.heading3, "", "", want, example, "heading") && ok;
    /* The header paragraph holds bold labels: check the text around it. */
    cmark_node *org = f.org_para ? cmark_node_next(cmark_node_first_child(f.org_para)) : NULL;
    tp_buf rest;
    tp_buf_init(&rest);
    bool clean = org && cmark_node_get_type(org) == CMARK_NODE_TEXT;
    for (cmark_node *n = org; clean && n && cmark_node_get_type(n) == CMARK_NODE_TEXT;
         n = cmark_node_next(n))
        tp_buf_puts(&rest, cmark_node_get_literal(n));
    char *para_want = tp_sprintf(a, " %s \xC2\xB7 ", want);
    if (!clean || !rest.data || strcmp(rest.data, para_want) != 0) {
        fprintf(stderr, "example %zu (paragraph): want [%s] got [%s]\n", example, para_want,
                rest.data ? rest.data : "");
        ok = false;
    }
    tp_buf_free(&rest);
    free(want);
    cmark_node_free(doc);
    tp_buf_free(&md);
    tp_arena_free(a);
    return ok;
}

static void S_corpus_test(const char *name, size_t count, bool autolink)
{
    size_t n = 0, failed = 0, skipped = 0;
    char **v = S_corpus(name, &n);
    if (!v) {
        fprintf(stderr, "corpus %s not found: set TP_CORPORA\n", name);
        fail();
    }
    assert_int_equal(n, count);
    for (size_t i = 0; i < n; i++) {
        /* GitHub's autolink extension links e-mail addresses whatever the
         * escaping (it reads the text after escapes are undone): a known
         * limitation there; our HTML does not use that extension. */
        if (autolink && strchr(v[i], '@'))
            skipped++;
        else
            failed += !S_one(v[i], i + 1, autolink);
        free(v[i]);
    }
    free(v);
    fprintf(stderr, "%s%s: %zu of %zu names came back unchanged, %zu skipped\n", name,
            autolink ? " (with autolink)" : "", n - failed - skipped, n - skipped, skipped);
    assert_int_equal(failed, 0);
}

static void test_corpus_table(void **state)
{
    (void)state;
    S_corpus_test("commonmark-spec-tests.json", 655, false);
}

static void test_corpus_autolink(void **state)
{
    (void)state;
    S_corpus_test("commonmark-spec-tests.json", 655, true);
}

/* The GFM spec's examples: tables, strikethrough, task lists, autolinks. */
static void test_gfm_corpus(void **state)
{
    (void)state;
    S_corpus_test("gfm-spec-tests.json", 671, false);
}

static void test_hand_picked(void **state)
{
    (void)state;
    static const char *const names[] = {
        "&amp;", "a\\", "\\", "  lead and trail  ", "1. list", "- item", "# h", "a | b",
        "<script>alert(1)</script>", "[x](http://e.vil)", "www.example.com", "a@b.example",
        "http://x.example", "*em* _em_ **b**", "`code`", "~~del~~", "a\n\n\tb", "|", "---",
        "===", ">", "&#x26;", "&copy;",
        "Zo\xC3\xAB \xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE",
        "[^1]", "![i](x.png)", "<http://a>", "a  \nb", "\\|", "\\\\|", "x\\", ":---|---:"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_true(S_one(names[i], i + 1, strchr(names[i], '@') == NULL));
}

int main(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_picked),
        cmocka_unit_test(test_corpus_table),
        cmocka_unit_test(test_corpus_autolink),
        cmocka_unit_test(test_gfm_corpus),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed;
}
