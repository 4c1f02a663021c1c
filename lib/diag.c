/* diag.c — located problems, their order, and "did you mean" suggestions. */
#include "touchpoint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tp_diags_init(tp_diags *d, tp_arena *a)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
}

/* fmt and ap formatted into d's arena; NULL (d->nomem set) when out of memory. */
static char *S_vformat(tp_diags *d, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n < 0 ? NULL : tp_alloc(d->arena, (size_t)n + 1);
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    else
        d->nomem = true;
    va_end(again);
    return msg;
}

void tp_diag_add(tp_diags *d, tp_loc loc, tp_severity sev, const char *fmt, ...)
{
    /* Past TP_MAX_DIAGS problems of a severity they are counted, not kept: a
     * hostile file with millions of bad records must not cost memory per
     * record. */
    d->last_kept = false;
    if ((sev == TP_ERROR ? d->kept_errors : d->kept_warnings) >= TP_MAX_DIAGS) {
        if (sev == TP_ERROR)
            d->errors++;
        else
            d->warnings++;
        d->dropped++;
        return;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        tp_diag *items = tp_alloc(d->arena, cap * sizeof *items);
        if (!items) {
            d->nomem = true;
            return;
        }
        if (d->count)
            memcpy(items, d->items, d->count * sizeof *items);
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = S_vformat(d, fmt, ap);
    va_end(ap);
    if (!msg)
        return;
    d->items[d->count++] = (tp_diag){loc, sev, msg, NULL, {0}};
    if (sev == TP_ERROR)
        d->errors++, d->kept_errors++;
    else
        d->warnings++, d->kept_warnings++;
    d->last_kept = true;
}

void tp_diag_note(tp_diags *d, tp_loc loc, const char *fmt, ...)
{
    if (!d->last_kept || !d->count)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = S_vformat(d, fmt, ap);
    va_end(ap);
    if (!msg)
        return;
    d->items[d->count - 1].note = msg;
    d->items[d->count - 1].note_loc = loc;
}

void tp_diags_merge(tp_diags *dst, const tp_diags *src)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < src->count; i++) {
        const tp_diag *g = &src->items[i];
        tp_diag_add(dst, g->loc, g->severity, "%s", g->message);
        if (g->note)
            tp_diag_note(dst, g->note_loc, "%s", g->note);
        errors += g->severity == TP_ERROR;
        warnings += g->severity != TP_ERROR;
    }
    /* what src only counted */
    dst->errors += src->errors - errors;
    dst->warnings += src->warnings - warnings;
    dst->dropped += src->dropped;
    dst->stopped += src->stopped;
    dst->nomem |= src->nomem;
}

static int S_cmp_loc(const tp_loc *a, const tp_loc *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

/* Insertion-merge sort keeps equal places in the order they were found. */
static void S_msort(tp_diag *v, tp_diag *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    S_msort(v, tmp, h);
    S_msort(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = S_cmp_loc(&v[j].loc, &v[i].loc) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void tp_diags_sort(tp_diags *d)
{
    if (d->count < 2)
        return;
    tp_diag *tmp = malloc(d->count * sizeof *tmp);
    if (!tmp) {
        d->nomem = true;
        return;
    }
    S_msort(d->items, tmp, d->count);
    free(tmp);
}

bool tp_diags_failed(const tp_diags *d) { return d->errors > 0 || (d->strict && d->warnings > 0); }

size_t tp_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb ? la - lb > cap : lb - la > cap)
        return cap + 1;
    if (lb > 64)
        return cap + 1; /* ids longer than that are not typos worth guessing */
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            if (up + 1 < v)
                v = up + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb] > cap ? cap + 1 : row[lb];
}

const char *tp_suggest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word);
    size_t cap = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t bestd = cap + 1;
    for (size_t i = 0; i < n; i++) {
        size_t dist = tp_edit_distance(word, cands[i], cap);
        if (dist < bestd || (dist == bestd && best && strcmp(cands[i], best) < 0)) {
            bestd = dist;
            best = cands[i];
        }
    }
    return bestd <= cap ? best : NULL;
}
