/* render_chain.c — a chain (SPEC §3 "Line of sight, explained") as the
 * human formats show it:
 *
 *   Ravi Singh → Tolga Kaya (works with) → Maria Sales (customer meeting,
 *   14 Jul) → ACME Freight (customer meeting, 14 Jul)
 *
 * The type's label from the type table with its first letter lowercased
 * when it starts a word (not an acronym: "QBR" stays), and the date as day
 * and month, with the year too when the period spans more than one
 * calendar year. */
#include "buf.h"
#include "date.h"
#include "i18n.h"
#include "render.h"
#include "report.h"

#include <string.h>

/* The label with a lowercase first letter, unless it starts an acronym. */
static void S_label(tp_buf *b, const char *label, void (*esc)(tp_buf *, const char *))
{
    tp_buf tmp;
    tp_buf_init(&tmp);
    tp_buf_puts(&tmp, label);
    if (tmp.data && tmp.data[0] >= 'A' && tmp.data[0] <= 'Z' && !(tmp.data[1] >= 'A' && tmp.data[1] <= 'Z'))
        tmp.data[0] = (char)(tmp.data[0] - 'A' + 'a');
    esc(b, tmp.data ? tmp.data : "");
    b->nomem |= tmp.nomem;
    tp_buf_free(&tmp);
}

/* "14 Jul" (or "14 Jul 2026") in the report's language. */
static void S_date(tp_buf *b, const tp_report *r, tp_date d)
{
    const char *months = tp_text(tp_report_lang(r), TX_MONTH_ABBR); /* twelve three-letter names */
    int y, m, day, y0, y1, mm;
    tp_date_to_ymd(d, &y, &m, &day);
    tp_date_to_ymd(r->period.start, &y0, &mm, &mm);
    tp_date_to_ymd(r->period.end, &y1, &mm, &mm);
    tp_buf_printf(b, "%d %.3s", day, strlen(months) >= 47 ? months + 4 * (m - 1) : "");
    if (y0 != y1)
        tp_buf_printf(b, " %d", y);
}

void tp_chain_text(tp_buf *b, const tp_report *r, const tp_chain *ch, void (*esc)(tp_buf *, const char *))
{
    const char *lang = tp_report_lang(r);
    for (size_t i = 0; i < ch->n; i++) {
        const tp_chain_node *n = &ch->nodes[i];
        if (i)
            tp_buf_puts(b, " \xE2\x86\x92 "); /* → */
        if (n->kind == TP_CHAIN_ANONYMOUS)
            tp_buf_puts(b, tp_text(lang, TX_ANONYMOUS_NODE));
        else
            esc(b, n->name);
        if (n->via == TP_CHAIN_VIA_WORKS_WITH) {
            tp_buf_printf(b, " (%s)", tp_text(lang, TX_WORKS_WITH));
        } else if (n->via >= 0) {
            tp_buf_puts(b, " (");
            S_label(b, tp_model_type_label(r, n->via), esc);
            tp_buf_puts(b, ", ");
            S_date(b, r, n->via_date);
            tp_buf_puts(b, ")");
        }
    }
}
