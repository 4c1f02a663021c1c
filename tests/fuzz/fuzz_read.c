/* fuzz_read.c — libFuzzer harness: any bytes through the reader and the
 * validator, then, when they are valid logs, through the metrics and the
 * JSON renderer. Nothing may crash, hang, leak or read out of bounds. */
#include "buf.h"
#include "definition.h"
#include "model.h"
#include "render.h"
#include "report.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_arena *a = tp_arena_new();
    if (!a)
        return 0;
    tp_diags d;
    tp_diags_init(&d, a);
    tp_model *m = NULL;
    if (tp_read_text(a, "fuzz.yaml", (const char *)data, size, &d, &m) == TP_OK && m) {
        tp_report_options opt = {.min_group = 1, .lang = "en", .generated = "2026-01-01T00:00:00Z", .jobs = 1};
        if (!m->ninteractions)
            opt.period = "2026-Q3";
        tp_report *r = NULL;
        if (tp_report_build(a, m, tp_definition_default(a), &opt, &d, &r) == TP_OK) {
            tp_buf b;
            tp_buf_init(&b);
            tp_render_target t = {.out = &b};
            tp_render_json(r, &t);
            tp_render_md(r, &t);
            tp_buf_free(&b);
        }
    }
    tp_diags_sort(&d);
    tp_arena_free(a);
    return 0;
}
