/* render_html.c — the report as one self-contained HTML page: the Markdown
 * through cmark-gfm (table extension, safe mode: raw HTML never passes),
 * chart images replaced by the charts' inline SVG, headline figures as
 * cards, all placed in the page template. */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

/* The page template templates/report.html, carried by the program (the
 * Makefile generates it); used when the caller gives no template text. */
extern const char tp_template_html[];

/* ------------------------------------------------------------- markdown */

/* The Markdown as HTML by cmark-gfm with the table extension, safe mode. */
static tp_status S_cmark(const char *md, size_t len, tp_buf *out)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (!parser || !table) {
        cmark_parser_free(parser);
        return TP_ERR_NOMEM;
    }
    cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    char *html = doc ? cmark_render_html(doc, CMARK_OPT_DEFAULT,
                                         cmark_parser_get_syntax_extensions(parser))
                     : NULL;
    if (html)
        tp_buf_puts(out, html);
    cmark_get_default_mem_allocator()->free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return html && !out->nomem ? TP_OK : TP_ERR_NOMEM;
}

/* ------------------------------------------------------------ KPI cards */

typedef struct {
    const tp_report *r; /* NULL for a page that is not a report: no cards */
    const tp_page *page;
    const char *lang;
    tp_buf *out;
} S_ctx;

static void S_card(S_ctx *c, tp_text_id label, const char *value, const char *change, int judgement)
{
    tp_buf_puts(c->out, "<li class=\"kpi\"><span class=\"kpi-label\">");
    tp_xml_escape(c->out, tp_text(c->lang, label));
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

/* The headline figures a reader looks at first, by their path in tp_kpi_defs. */
static void S_cards(S_ctx *c)
{
    static const struct {
        tp_text_id label;
        const char *path;
    } cards[] = {
        {TX_CONTACT_RATE, "contact_rate"}, {TX_REGULAR_RATE, "regular_rate"},
        {TX_HOURS_PER_HEAD, "contact_hours_per_head"}, {TX_BACON_MEDIAN, "bacon.median"},
        {TX_AT_RISK, "at_risk"}, {TX_ATTESTED_RATE, "attested_rate"},
    };
    const tp_kpis *k = &c->r->kpis, *p = &c->r->previous;
    char v[TP_NUMBUF], d[TP_NUMBUF];
    tp_buf_puts(c->out, "<ul class=\"kpis\">\n");
    for (size_t i = 0; i < sizeof cards / sizeof *cards; i++) {
        const tp_kpi_def *def = tp_kpi_find(cards[i].path);
        double now = tp_kpi_value(k, def), before = tp_kpi_value(p, def);
        S_card(c, cards[i].label, tp_fmt_kpi(v, c->lang, def, now),
               tp_fmt_kpi_change(d, c->lang, def, now, before), tp_kpi_judgement(def, now, before));
    }
    tp_buf_puts(c->out, "</ul>\n");
}

/* ------------------------------------------------------ post-processing */

static bool S_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* At p, `<p><img src="charts/NAME.svg" alt="..." /></p>` (the <p> and </p>
 * optional): writes the chart's SVG in a figure and returns the end of
 * what it replaced, or NULL when p is not such an image. An image of an
 * unknown chart is dropped: the page requests no other file. */
static const char *S_chart(const char *p, const tp_chart *charts, size_t n, tp_buf *out)
{
    const char *img = S_starts(p, "<p><img src=\"charts/") ? p + 3 : p;
    if (!S_starts(img, "<img src=\"charts/"))
        return NULL;
    const char *name = img + strlen("<img src=\"charts/");
    const char *quote = strchr(name, '"'), *end = strstr(name, "/>");
    if (!quote || !end)
        return NULL;
    end += 2;
    if (img != p && S_starts(end, "</p>"))
        end += 4;
    for (size_t i = 0; i < n; i++) {
        if (strlen(charts[i].name) == (size_t)(quote - name) &&
            memcmp(charts[i].name, name, (size_t)(quote - name)) == 0) {
            tp_buf_puts(out, "<figure class=\"chart\">\n");
            tp_buf_puts(out, charts[i].svg);
            tp_buf_puts(out, "</figure>");
        }
    }
    return end;
}

/* After the headline heading (written here): its lead paragraph, then the
 * cards. Returns where copying goes on. */
static const char *S_headline(S_ctx *c, const char *p, const char *heading)
{
    tp_buf_puts(c->out, heading);
    const char *end = S_starts(p, "<p>") ? strstr(p, "</p>\n") : NULL;
    if (end) {
        end += 5;
        tp_buf_puts(c->out, "<p class=\"lead\">");
        tp_buf_put(c->out, p + 3, (size_t)(end - p - 3));
        p = end;
    }
    S_cards(c);
    return p;
}

/* Copies html to out with charts inlined, tables wrapped for horizontal
 * scrolling and the KPI cards after the headline heading. Text from the
 * logs is escaped by cmark, so every '<' here starts one of its tags. */
static void S_post(S_ctx *c, const char *html, const tp_chart *charts, size_t n)
{
    tp_buf head;
    tp_buf_init(&head);
    if (c->r)
        tp_buf_printf(&head, "<h2>%s</h2>\n", tp_text(c->lang, TX_SEC_HEADLINE));
    for (const char *p = html; *p;) {
        const char *next;
        if (*p != '<') {
            size_t run = strcspn(p, "<");
            tp_buf_put(c->out, p, run);
            p += run;
        } else if ((next = S_chart(p, charts, n, c->out)) != NULL) {
            p = next;
        } else if (S_starts(p, "<table>")) {
            tp_buf_puts(c->out, "<div class=\"table-wrap\"><table>");
            p += 7;
        } else if (S_starts(p, "</table>")) {
            tp_buf_puts(c->out, "</table></div>");
            p += 8;
        } else if (head.data && S_starts(p, head.data)) {
            p = S_headline(c, p + head.len, head.data);
        } else {
            tp_buf_put(c->out, p++, 1);
        }
    }
    c->out->nomem |= head.nomem;
    tp_buf_free(&head);
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

tp_status tp_html_page(const tp_page *page, const tp_report *r, const char *md, size_t len, const tp_chart *charts,
                       size_t ncharts, const char *template_text, tp_buf *out)
{
    tp_buf html, body;
    tp_buf_init(&html);
    tp_buf_init(&body);
    S_ctx c = {.r = r, .page = page, .lang = page->lang, .out = &body};
    tp_status st = S_cmark(md ? md : "", len, &html);
    if (st == TP_OK) {
        S_post(&c, html.data ? html.data : "", charts, ncharts);
        c.out = &html;
        html.len = 0;
        S_fill(&c, template_text ? template_text : tp_template_html, &body);
        /* cmark passes control characters through: the whole page, once. */
        tp_xml_text(out, html.data ? html.data : "", html.len);
        st = out->nomem || body.nomem || html.nomem ? TP_ERR_NOMEM : TP_OK;
    }
    tp_buf_free(&html);
    tp_buf_free(&body);
    return st;
}

tp_status tp_render_html(const tp_report *r, const char *template_text, tp_buf *out)
{
    tp_arena *a = tp_arena_new();
    tp_buf md;
    tp_buf_init(&md);
    tp_chart *charts = NULL;
    size_t ncharts = 0;
    const char *lang = tp_report_lang(r);
    tp_page page = {
        .title = r->def && r->def->title ? r->def->title : tp_text(lang, TX_TITLE_DEFAULT),
        .organization = r->organization,
        .period = &r->period,
        .generated = r->generated,
        .lang = lang,
    };
    tp_status st = a ? tp_md_render(r, &md, false) : TP_ERR_NOMEM;
    if (st == TP_OK)
        st = tp_render_charts(a, r, &charts, &ncharts);
    if (st == TP_OK)
        st = tp_html_page(&page, r, md.data, md.len, charts, ncharts, template_text, out);
    tp_buf_free(&md);
    tp_arena_free(a);
    return st;
}
