/* fuzz_render.c — libFuzzer harness for what a reader sees: fuzzed logs,
 * when valid, rendered in every format (Markdown, JSON, the page with its
 * template and inline charts, the charts, the workbook in a temporary
 * folder), and checked: every SVG and every part of the workbook is
 * well-formed XML, and the page holds only characters XML can hold and
 * only elements and attributes touchpoint writes itself (none from the
 * input: no <script>, no onerror=). A failed check aborts with the reason.
 *
 * The language, --min-group and --anonymize come from the input's bytes
 * (their sum), so every mode is reached from the same seeds. */
#include "buf.h"
#include "definition.h"
#include "diag.h"
#include "fuzz_check.h"
#include "model.h"
#include "render.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fc_setup();
    tp_arena *a = tp_arena_new();
    if (!a)
        return 0;
    tp_diags d;
    tp_diags_init(&d, a);
    tp_model *m = NULL;
    unsigned mode = fc_mode(data, size);
    if (tp_read_text(a, "fuzz.yaml", (const char *)data, size, &d, &m) == TP_OK && m && !tp_diags_failed(&d)) {
        tp_report_options opt = {.min_group = mode & 1 ? 2 : 1, .lang = mode & 2 ? "pt" : "en",
                                 .anonymize = (mode & 4) != 0, .generated = "2026-01-01T00:00:00Z", .jobs = 1};
        if (!m->ninteractions)
            opt.period = "2026-Q3";
        tp_report *r = NULL;
        if (tp_report_build(a, m, tp_definition_default(a), &opt, &d, &r) == TP_OK) {
            tp_buf b;
            tp_buf_init(&b);
            tp_render_target t = {.out = &b, .arena = a};
            tp_render_json(r, &t);
            fc_json("report.json", b.data, b.len);
            b.len = 0;
            tp_render_md(r, &t);
            b.len = 0;
            if (tp_render_html(r, &t) == TP_OK)
                fc_page("report.html", b.data, b.len);
            tp_buf_free(&b);
            if (tp_render_charts(r, &t) == TP_OK)
                fc_charts(t.charts, t.ncharts);
            t.path = fc_path("report.xlsx");
            if (tp_render_xlsx(r, &t) == TP_OK)
                fc_workbook(fc_path("report.xlsx"));
        }
    }
    tp_diags_sort(&d);
    tp_arena_free(a);
    return 0;
}
