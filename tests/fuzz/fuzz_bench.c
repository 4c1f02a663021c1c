/* fuzz_bench.c — libFuzzer harness for the benchmark's report.json reader:
 * fuzzed bytes as a report.json (beside a second, fixed one, a peer),
 * compared, and when they read, the benchmark rendered in every format and
 * checked as fuzz_render.c checks a report: the charts and every workbook
 * part well-formed XML, the page free of anything from the input, the JSON
 * valid. The language, --anonymize and --focus come from the input's bytes. */
#include "benchmark.h"
#include "buf.h"
#include "fuzz_check.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A peer every input is compared with. */
static const char S_peer[] =
    "{\"schema\": \"touchpoint/report-v1\", \"organization\": \"Peer\", \"period\": {\"label\": \"2026-Q3\"},\n"
    " \"kpis\": {\"it_staff\": 4, \"with_contact\": 2, \"regular\": 1, \"contact_rate\": 0.5, \"regular_rate\": 0.25,\n"
    "  \"contact_hours_per_head\": 1.5, \"bacon\": {\"median\": 2}, \"at_risk\": 1, \"actions_done\": 2,\n"
    "  \"actions_attested\": 1, \"requests\": {\"coverage\": 0.5, \"covered\": 1, \"planned\": 1, \"gap\": 0}}}\n";

static bool S_write(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fc_setup();
    static bool peer_written;
    if (!peer_written)
        peer_written = S_write(fc_path("peer.json"), S_peer, sizeof S_peer - 1);
    char input[128], peer[128];
    snprintf(input, sizeof input, "%s", fc_path("report.json"));
    snprintf(peer, sizeof peer, "%s", fc_path("peer.json"));
    if (!S_write(input, data, size))
        return 0;
    tp_arena *a = tp_arena_new();
    if (!a)
        return 0;
    tp_diags d;
    tp_diags_init(&d, a);
    unsigned mode = fc_mode(data, size);
    tp_bench_options opt = {.anonymize = (mode & 1) != 0, .lang = mode & 2 ? "pt" : "en",
                            .focus = mode & 4 ? "Peer" : NULL, .generated = "2026-01-01T00:00:00Z", .jobs = 1};
    const char *sources[] = {input, peer};
    tp_benchmark *b = NULL;
    if (tp_benchmark_build(a, sources, mode & 8 ? 1 : 2, &opt, &d, &b) == TP_OK && b) {
        tp_buf out;
        tp_buf_init(&out);
        tp_render_target t = {.out = &out, .arena = a};
        tp_render_bench_json(b, &t);
        fc_json("benchmark.json", out.data, out.len);
        out.len = 0;
        tp_render_bench_md(b, &t);
        out.len = 0;
        if (tp_render_bench_html(b, &t) == TP_OK)
            fc_page("benchmark.html", out.data, out.len);
        tp_buf_free(&out);
        if (tp_render_bench_charts(b, &t) == TP_OK)
            fc_charts(t.charts, t.ncharts);
        t.path = fc_path("benchmark.xlsx");
        if (tp_render_bench_xlsx(b, &t) == TP_OK)
            fc_workbook(fc_path("benchmark.xlsx"));
    }
    tp_diags_sort(&d);
    tp_arena_free(a);
    return 0;
}
