/* render_html.c — the report as one self-contained HTML page: the Markdown
 * through cmark-gfm (table extension, safe mode: raw HTML never passes),
 * chart images replaced by the charts' inline SVG, headline figures as
 * cards, all placed in the page template. */
#include "buf.h"
#include "definition.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"
#include "render.h"
#include "report.h"

#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

/* The page template templates/report.html, carried by the program (the
 * Makefile generates it); used when the caller gives no template text. */
extern const char tp_template_html[];

/* ------------------------------------------------------------- markdown */

/* cmark-gfm's own allocator prints "[cmark] calloc returned null pointer,
 * aborting" and aborts when memory runs out. This one instead jumps back to
 * the S_blocks that is running on this thread, which frees every block cmark
 * still holds (each is linked in that call's list, behind a header) and
 * returns TP_ERR_NOMEM: one message and exit status 4, from the program. */
typedef union S_cblock {
    struct {
        union S_cblock *prev, *next;
    } l;
    max_align_t align;
} S_cblock;

typedef struct {
    cmark_mem mem;
    S_cblock head; /* of a circular list of the blocks held */
    jmp_buf out;
} S_cmem;

static _Thread_local S_cmem S_cm_state; /* not a local of S_blocks: the jump leaves it as it was changed */
static _Thread_local S_cmem *S_cm;

static void S_clink(S_cblock *b)
{
    S_cblock *h = &S_cm->head;
    b->l.prev = h;
    b->l.next = h->l.next;
    h->l.next->l.prev = b;
    h->l.next = b;
}

static void S_cunlink(S_cblock *b)
{
    b->l.prev->l.next = b->l.next;
    b->l.next->l.prev = b->l.prev;
}

static void *S_ccalloc(size_t n, size_t size)
{
    if (size && n > (SIZE_MAX - sizeof(S_cblock)) / size)
        longjmp(S_cm->out, 1);
    S_cblock *b = calloc(1, sizeof *b + n * size);
    if (!b)
        longjmp(S_cm->out, 1);
    S_clink(b);
    return b + 1;
}

static void *S_crealloc(void *p, size_t size)
{
    if (!p)
        return S_ccalloc(1, size);
    if (size > SIZE_MAX - sizeof(S_cblock))
        longjmp(S_cm->out, 1);
    S_cblock *b = (S_cblock *)p - 1;
    S_cunlink(b);
    S_cblock *nb = realloc(b, sizeof *b + size);
    if (!nb) {
        S_clink(b); /* still held, freed on the way out */
        longjmp(S_cm->out, 1);
    }
    S_clink(nb);
    return nb + 1;
}

static void S_cfree(void *p)
{
    if (!p)
        return;
    S_cblock *b = (S_cblock *)p - 1;
    S_cunlink(b);
    free(b);
}

/* Frees every block still held: after a jump out, or anything cmark kept. */
static void S_cfree_all(S_cmem *m)
{
    S_cblock *b = m->head.l.next;
    while (b != &m->head) {
        S_cblock *next = b->l.next;
        free(b);
        b = next;
    }
    m->head.l.prev = m->head.l.next = &m->head;
}

/* ------------------------------------------------------------ KPI cards */

typedef struct {
    const tp_report *r; /* NULL for a page that is not a report: no cards */
    const tp_page *page;
    const char *lang;
    tp_buf *out;
} S_ctx;

static void S_card(S_ctx *c, const char *label, const char *value, const char *change, int judgement)
{
    tp_buf_puts(c->out, "<li class=\"kpi\"><span class=\"kpi-label\">");
    tp_xml_escape(c->out, label);
    tp_buf_puts(c->out, "</span><span class=\"kpi-value\">");
    tp_xml_escape(c->out, value);
    tp_buf_puts(c->out, "</span>");
    if (c->r->has_previous) {
        /* better or worse in words as well as colour (SPEC §5) */
        tp_buf_printf(c->out, "<span class=\"kpi-change%s\">",
                      judgement == TX_BETTER ? " better" : judgement == TX_WORSE ? " worse" : "");
        tp_xml_escape(c->out, change);
        if (judgement >= 0)
            tp_buf_printf(c->out, " (%s)", tp_text(c->lang, (tp_text_id)judgement));
        tp_buf_printf(c->out, " %s ", tp_text(c->lang, TX_VS));
        tp_xml_escape(c->out, c->r->previous_period.label);
        tp_buf_puts(c->out, "</span>");
    }
    tp_buf_puts(c->out, "</li>\n");
}

/* The headline figures a reader looks at first (tp_kpi_cards), labelled as everywhere (tp_kpi_label). */
static void S_cards(S_ctx *c)
{
    const tp_kpis *k = &c->r->kpis, *p = &c->r->previous;
    char v[TP_NUMBUF], d[TP_NUMBUF], label[160];
    tp_buf_puts(c->out, "<ul class=\"kpis\">\n");
    for (size_t i = 0; i < tp_nkpi_cards; i++) {
        const tp_kpi_def *def = tp_kpi_find(tp_kpi_cards[i]);
        double now = tp_kpi_value(k, def), before = tp_kpi_value(p, def);
        S_card(c, tp_kpi_label(c->lang, def, label, sizeof label), tp_fmt_kpi(v, c->lang, def, now),
               tp_fmt_kpi_change(d, c->lang, def, now, before), tp_kpi_judgement(def, now, before));
    }
    tp_buf_puts(c->out, "</ul>\n");
}

/* -------------------------------------------------------------- blocks */

/* The chart a block shows, when it is a paragraph holding only the image
 * charts/NAME.svg: *chart is that chart, or NULL when none has the name
 * (the image is then dropped: the page requests no other file). */
static bool S_chart_block(cmark_node *b, const tp_chart *charts, size_t n, const tp_chart **chart)
{
    cmark_node *img = cmark_node_first_child(b);
    if (cmark_node_get_type(b) != CMARK_NODE_PARAGRAPH || !img || cmark_node_next(img) ||
        cmark_node_get_type(img) != CMARK_NODE_IMAGE)
        return false;
    const char *url = cmark_node_get_url(img);
    if (!url || strncmp(url, "charts/", 7) != 0)
        return false;
    *chart = NULL;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(charts[i].name, url + 7))
            *chart = &charts[i];
    return true;
}

/* Printed, a table of more body rows than this may break between rows
 * (its header repeated); a shorter one stays whole on a page, so a long
 * table does not leave most of a page empty before it. */
#define S_WHOLE_ROWS 12

/* The body rows of a table node (its first row is the header). */
static size_t S_rows(cmark_node *table)
{
    size_t n = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r))
        n++;
    return n ? n - 1 : 0;
}

/* Markdown as HTML into c->out by cmark-gfm (table extension, safe mode:
 * raw HTML never passes), block by block, from the tree rather than from
 * the text: a chart image becomes the chart's SVG in a figure, a table is
 * wrapped for horizontal scrolling (and marked "long" past S_WHOLE_ROWS),
 * and in the headline section the first heading is followed by its lead
 * paragraph and the KPI cards. Text from the logs is escaped by cmark. */
static bool S_blocks_in(S_ctx *c, cmark_mem *mem, const char *md, size_t len, bool headline, const tp_chart *charts,
                        size_t n)
{
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (!parser || !table)
        return false;
    cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_llist *ext = cmark_parser_get_syntax_extensions(parser);
    bool ok = doc != NULL;
    for (cmark_node *b = doc ? cmark_node_first_child(doc) : NULL; ok && b; b = cmark_node_next(b)) {
        const tp_chart *chart;
        if (S_chart_block(b, charts, n, &chart)) {
            if (chart) {
                tp_buf_puts(c->out, "<figure class=\"chart\">\n");
                tp_buf_puts(c->out, chart->svg);
                tp_buf_puts(c->out, "</figure>");
            }
            tp_buf_puts(c->out, "\n");
            continue;
        }
        char *html = cmark_render_html_with_mem(b, CMARK_OPT_DEFAULT, ext, mem);
        if (!(ok = html != NULL))
            break;
        size_t hlen = strlen(html);
        if (!strcmp(cmark_node_get_type_string(b), "table") && hlen && html[hlen - 1] == '\n') {
            tp_buf_puts(c->out, S_rows(b) > S_WHOLE_ROWS ? "<div class=\"table-wrap long\">" : "<div class=\"table-wrap\">");
            tp_buf_put(c->out, html, hlen - 1);
            tp_buf_puts(c->out, "</div>\n");
        } else {
            tp_buf_put(c->out, html, hlen);
        }
        mem->free(html);
        if (headline && c->r && cmark_node_get_type(b) == CMARK_NODE_HEADING) {
            headline = false; /* the first heading only */
            cmark_node *lead = cmark_node_next(b);
            if (lead && cmark_node_get_type(lead) == CMARK_NODE_PARAGRAPH && !S_chart_block(lead, charts, n, &chart)) {
                char *p = cmark_render_html_with_mem(lead, CMARK_OPT_DEFAULT, ext, mem);
                if (!(ok = p != NULL))
                    break;
                tp_buf_puts(c->out, "<p class=\"lead\">");
                tp_buf_puts(c->out, strncmp(p, "<p>", 3) ? p : p + 3);
                mem->free(p);
                b = lead;
            }
            S_cards(c);
        }
    }
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return ok;
}

static tp_status S_blocks(S_ctx *c, const char *md, size_t len, bool headline, const tp_chart *charts, size_t n)
{
    cmark_gfm_core_extensions_ensure_registered();
    S_cm = &S_cm_state;
    S_cm->mem = (cmark_mem){S_ccalloc, S_crealloc, S_cfree};
    S_cm->head.l.prev = S_cm->head.l.next = &S_cm->head;
    volatile bool ok = false;
    if (setjmp(S_cm->out) == 0)
        ok = S_blocks_in(c, &S_cm->mem, md, len, headline, charts, n);
    S_cfree_all(S_cm);
    S_cm = NULL;
    return ok && !c->out->nomem ? TP_OK : TP_ERR_NOMEM;
}

/* ------------------------------------------------------------- template */

/* "YYYY-MM-DD HH:MM UTC" from "YYYY-MM-DDTHH:MM:SSZ"; else as given. */
static void S_when(tp_buf *b, const char *iso)
{
    if (iso && strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
        tp_buf_printf(b, "%.10s %.5s UTC", iso, iso + 11);
    else
        tp_xml_escape(b, iso ? iso : "");
}

/* The value of one placeholder; false when name is not one. */
static bool S_var(S_ctx *c, const char *name, size_t len, const tp_buf *body)
{
    const tp_page *pg = c->page;
    char start[16], end[16];
#define S_IS(lit) (len == sizeof(lit) - 1 && memcmp(name, lit, len) == 0)
    if (S_IS("body")) {
        tp_buf_put(c->out, body->data ? body->data : "", body->len);
    } else if (S_IS("title")) {
        tp_xml_escape(c->out, pg->title);
    } else if (S_IS("organization")) {
        tp_xml_escape(c->out, pg->organization ? pg->organization : "");
    } else if (S_IS("period")) {
        tp_date_format(pg->period->start, start);
        tp_date_format(pg->period->end, end);
        tp_xml_escape(c->out, pg->period->label);
        tp_buf_printf(c->out, " (%s %s %s)", start, tp_text(c->lang, TX_TO), end);
    } else if (S_IS("generated")) {
        tp_buf_printf(c->out, "%s ", tp_text(c->lang, TX_GENERATED));
        S_when(c->out, pg->generated);
    } else if (S_IS("lang")) {
        tp_xml_escape(c->out, c->lang);
    } else if (S_IS("footer")) {
        tp_buf_printf(c->out, "%s %s", tp_text(c->lang, TX_FOOTER), TP_VERSION);
    } else {
        return false;
    }
    return true;
#undef S_IS
}

static void S_fill(S_ctx *c, const char *tpl, const tp_buf *body)
{
    for (const char *p = tpl; *p;) {
        const char *open = strstr(p, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!close) {
            tp_buf_puts(c->out, p);
            return;
        }
        tp_buf_put(c->out, p, (size_t)(open - p));
        if (!S_var(c, open + 2, (size_t)(close - open - 2), body))
            tp_buf_put(c->out, open, (size_t)(close + 2 - open));
        p = close + 2;
    }
}

/* ----------------------------------------------------------------- page */

/* The page: the body in the template, control characters that cmark
 * passes through made safe on the whole page, once. */
static tp_status S_page(S_ctx *c, const tp_buf *body, const char *template_text, tp_buf *out)
{
    tp_buf html, *prev = c->out;
    tp_buf_init(&html);
    c->out = &html;
    S_fill(c, template_text ? template_text : tp_template_html, body);
    c->out = prev; /* not left pointing at html */
    tp_xml_text(out, html.data ? html.data : "", html.len);
    tp_status st = out->nomem || body->nomem || html.nomem ? TP_ERR_NOMEM : TP_OK;
    tp_buf_free(&html);
    return st;
}

tp_status tp_html_page(const tp_page *page, const tp_report *r, const char *md, size_t len, const tp_chart *charts,
                       size_t ncharts, const char *template_text, tp_buf *out)
{
    tp_buf body;
    tp_buf_init(&body);
    S_ctx c = {.r = r, .page = page, .lang = page->lang, .out = &body};
    tp_status st = S_blocks(&c, md ? md : "", len, r != NULL, charts, ncharts);
    if (st == TP_OK)
        st = S_page(&c, &body, template_text, out);
    tp_buf_free(&body);
    return st;
}

/* The report's page, one section at a time: the Markdown and the cmark tree
 * of one section are all that is held beside the page (a table of 100,000
 * teams once held the whole report's tree, 1.2 GB). */
tp_status tp_render_html(const tp_report *r, tp_render_target *t)
{
    tp_buf md, body;
    tp_buf_init(&md);
    tp_buf_init(&body);
    tp_render_target ct = {.arena = tp_arena_new()};
    const char *lang = tp_report_lang(r);
    tp_page page = {
        .title = r->def && r->def->title ? r->def->title : tp_text(lang, TX_TITLE_DEFAULT),
        .organization = r->organization,
        .period = &r->period,
        .generated = r->generated,
        .lang = lang,
    };
    S_ctx c = {.r = r, .page = &page, .lang = lang, .out = &body};
    tp_status st = ct.arena ? tp_render_charts(r, &ct) : TP_ERR_NOMEM;
    if (st == TP_OK)
        st = tp_md_preface(r, &md);
    if (st == TP_OK && md.len)
        st = S_blocks(&c, md.data, md.len, false, ct.charts, ct.ncharts);
    for (size_t i = 0; st == TP_OK && r->def && i < r->def->nsections; i++) {
        md.len = 0;
        st = tp_md_section(r, r->def->sections[i], &md);
        if (st == TP_OK)
            st = S_blocks(&c, md.data ? md.data : "", md.len, r->def->sections[i] == TP_SEC_HEADLINE, ct.charts,
                          ct.ncharts);
    }
    if (st == TP_OK)
        st = S_page(&c, &body, t->template_text, t->out);
    tp_buf_free(&md);
    tp_buf_free(&body);
    tp_arena_free(ct.arena);
    return st;
}
