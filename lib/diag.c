/* diag.c — located problems, their order, and "did you mean" suggestions. */
#include "arena.h"
#include "diag.h"
#include "escape.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tp_diags_init(tp_diags *d, tp_arena *a)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->last = SIZE_MAX;
}

/* ------------------------------------------------------------- text */

/* A growing malloc'd string; nomem once an allocation failed. */
typedef struct {
    char *p;
    size_t n, cap;
    bool nomem;
} strbuf;

static void S_put(strbuf *b, const char *s, size_t len)
{
    if (b->nomem)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->nomem = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void S_puts(strbuf *b, const char *s) { S_put(b, s, strlen(s)); }

static void S_hex(strbuf *b, unsigned v)
{
    char x[5];
    snprintf(x, sizeof x, "\\x%02x", v & 0xFF);
    S_put(b, x, 4);
}

/* The bytes of the UTF-8 character at s[0..len), or 0 when it is not one. */
static size_t S_utf8_len(const unsigned char *s, size_t len)
{
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!n || n > len || (n == 2 && s[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

#define S_QUOTED_CHARS 80

/* Writes text s[0..len) as a message shows it (SPEC §1 "Messages"): every C0
 * control (tab included), DEL and C1 code point, and any byte that is not
 * part of a UTF-8 character, as \xHH; with cut, a text of more than
 * S_QUOTED_CHARS characters as its first S_QUOTED_CHARS - 1 and "…", so
 * what is shown is never longer. Reads a character past what it writes. */
static void S_put_text(strbuf *b, const char *s, size_t len, bool cut)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len && u[i];) {
        size_t n = S_utf8_len(u + i, len - i);
        if (cut && chars == S_QUOTED_CHARS - 1) {
            size_t next = i + (n ? n : 1);
            if (next < len && u[next]) { /* more than one character left */
                S_puts(b, "\xE2\x80\xA6");
                return;
            }
        }
        if (n == 0 || u[i] < 0x20 || u[i] == 0x7F) {
            S_hex(b, u[i]);
            n = 1;
        } else if (n == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0) {
            S_hex(b, u[i + 1]); /* U+0080..U+009F */
        } else {
            S_put(b, s + i, n);
        }
        i += n;
        chars++;
    }
}

char *tp_diag_escape(tp_arena *a, const char *s)
{
    strbuf b = {0};
    S_put_text(&b, s, SIZE_MAX, false);
    S_put(&b, "", 0);
    char *out = b.nomem ? NULL : tp_strdup(a, b.p ? b.p : "");
    free(b.p);
    return out;
}

/* vsnprintf, except that every %s is written as S_put_text writes it, cut
 * to S_QUOTED_CHARS characters when it is quoted ('%s'). */
static void S_vformat(strbuf *b, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            S_put(b, p, n);
            p += n;
            continue;
        }
        if (p[1] == '%') {
            S_put(b, "%", 1);
            p += 2;
            continue;
        }
        /* one conversion: %[flags][width][.precision][length]conv */
        const char *start = p++;
        int width = -1, prec = -1;
        while (*p && strchr("-+ #0", *p))
            p++;
        if (*p == '*') {
            width = va_arg(ap, int);
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                prec = va_arg(ap, int);
                p++;
            } else {
                prec = 0;
                while (*p >= '0' && *p <= '9')
                    prec = prec * 10 + (*p++ - '0');
            }
        }
        int lng = 0; /* 1 l, 2 ll, 3 z, 4 j, 5 t, 6 L; h and hh need nothing */
        for (;;) {
            if (*p == 'h')
                p++;
            else if (*p == 'l')
                lng = lng == 1 ? 2 : 1, p++;
            else if (*p == 'z')
                lng = 3, p++;
            else if (*p == 'j')
                lng = 4, p++;
            else if (*p == 't')
                lng = 5, p++;
            else if (*p == 'L')
                lng = 6, p++;
            else
                break;
        }
        char conv = '\0';
        if (*p)
            conv = *p++;
        if (conv == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            size_t max = prec >= 0 ? (size_t)prec : SIZE_MAX;
            bool quoted = b->n > 0 && b->p[b->n - 1] == '\'';
            S_put_text(b, s, max, quoted);
            continue;
        }
        /* Anything else: the conversion on its own, through snprintf. */
        char spec[32], out[512];
        size_t sl = (size_t)(p - start);
        if (sl >= sizeof spec || !conv) {
            S_put(b, start, (size_t)(p - start));
            continue;
        }
        memcpy(spec, start, sl);
        spec[sl] = '\0';
        /* the stars are taken already: put their values into the spec */
        if (width >= 0 || prec >= 0) {
            char fixed[32];
            size_t k = 0;
            for (size_t i = 0; i < sl && k + 12 < sizeof fixed; i++) {
                if (spec[i] == '*') {
                    bool is_prec = i > 0 && spec[i - 1] == '.';
                    k += (size_t)snprintf(fixed + k, sizeof fixed - k, "%d", is_prec ? prec : width);
                } else {
                    fixed[k++] = spec[i];
                }
            }
            fixed[k] = '\0';
            memcpy(spec, fixed, k + 1);
        }
        int n = 0;
        /* The branches differ in the type given to va_arg, which the check
         * does not see: NOLINTBEGIN(bugprone-branch-clone) */
        switch (conv) {
        case 'd': case 'i':
            if (lng == 1) n = snprintf(out, sizeof out, spec, va_arg(ap, long));
            else if (lng == 2) n = snprintf(out, sizeof out, spec, va_arg(ap, long long));
            else if (lng == 3) n = snprintf(out, sizeof out, spec, va_arg(ap, size_t));
            else if (lng == 4) n = snprintf(out, sizeof out, spec, va_arg(ap, intmax_t));
            else if (lng == 5) n = snprintf(out, sizeof out, spec, va_arg(ap, ptrdiff_t));
            else n = snprintf(out, sizeof out, spec, va_arg(ap, int));
            break;
        case 'u': case 'x': case 'X': case 'o':
            if (lng == 1) n = snprintf(out, sizeof out, spec, va_arg(ap, unsigned long));
            else if (lng == 2) n = snprintf(out, sizeof out, spec, va_arg(ap, unsigned long long));
            else if (lng == 3) n = snprintf(out, sizeof out, spec, va_arg(ap, size_t));
            else if (lng == 4) n = snprintf(out, sizeof out, spec, va_arg(ap, uintmax_t));
            else if (lng == 5) n = snprintf(out, sizeof out, spec, va_arg(ap, ptrdiff_t));
            else n = snprintf(out, sizeof out, spec, va_arg(ap, unsigned));
            break;
        case 'c': n = snprintf(out, sizeof out, spec, va_arg(ap, int)); break;
        case 'p': n = snprintf(out, sizeof out, spec, va_arg(ap, void *)); break;
        case 'f': case 'F': case 'g': case 'G': case 'e': case 'E': case 'a': case 'A':
            if (lng == 6) n = snprintf(out, sizeof out, spec, va_arg(ap, long double));
            else n = snprintf(out, sizeof out, spec, va_arg(ap, double));
            break;
        default: S_put(b, spec, sl); continue;
        }
        /* NOLINTEND(bugprone-branch-clone) */
        if (n > 0)
            S_put(b, out, (size_t)n < sizeof out ? (size_t)n : sizeof out - 1);
    }
}

/* -------------------------------------------------------------- recording */

/* Distinct problems remembered for "reported once"; past this, problems
 * are no longer told apart (a hostile input costs no more memory). */
#define S_MAX_SEEN (1u << 18)

static uint64_t S_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static uint64_t S_problem_hash(tp_loc loc, tp_severity sev, const char *msg)
{
    uint64_t h = 14695981039346656037ull;
    const char *f = loc.file ? loc.file : "";
    h = S_hash(h, f, strlen(f) + 1);
    h = S_hash(h, &loc.line, sizeof loc.line);
    h = S_hash(h, &loc.col, sizeof loc.col);
    h = S_hash(h, &sev, sizeof sev);
    h = S_hash(h, msg, strlen(msg));
    return h ? h : 1;
}

/* Whether the same problem (place, severity and message) was recorded
 * before; remembers it when not. */
static bool S_seen(tp_diags *d, uint64_t h)
{
    if (d->nseen >= S_MAX_SEEN)
        return false;
    if (2 * (d->nseen + 1) > d->capseen) {
        size_t cap = d->capseen ? d->capseen * 2 : 256;
        uint64_t *t = tp_calloc(d->arena, cap, sizeof *t);
        if (!t) {
            d->nomem = true;
            return false;
        }
        for (size_t i = 0; i < d->capseen; i++)
            if (d->seen[i]) {
                size_t j = d->seen[i] & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = d->seen[i];
            }
        d->seen = t;
        d->capseen = cap;
    }
    size_t j = h & (d->capseen - 1);
    for (; d->seen[j]; j = (j + 1) & (d->capseen - 1))
        if (d->seen[j] == h)
            return true;
    d->seen[j] = h;
    d->nseen++;
    return false;
}

/* Past TP_MAX_DIAGS problems of a severity they are counted, not kept: a
 * hostile file with millions of bad records must not cost memory per
 * record. They are still told apart (formatted and looked up in the seen
 * table) while it has room, so a template's problem reached through many
 * aliases counts once among them too. */
static bool S_count_only(tp_diags *d, tp_severity sev)
{
    if ((sev == TP_ERROR ? d->kept_errors : d->kept_warnings) < TP_MAX_DIAGS)
        return false;
    if (sev == TP_ERROR)
        d->errors++;
    else
        d->warnings++;
    d->dropped++;
    d->last = SIZE_MAX;
    return true;
}

/* Records a formatted problem (msg is copied) with its note, if any. */
static void S_record(tp_diags *d, tp_loc loc, tp_severity sev, const char *msg, const tp_diag *note_from)
{
    d->last = SIZE_MAX;
    if (S_seen(d, S_problem_hash(loc, sev, msg)))
        return; /* reported once: a template reached through many aliases */
    if (S_count_only(d, sev))
        return;
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
    char *m = tp_strdup(d->arena, msg);
    if (!m) {
        d->nomem = true;
        return;
    }
    tp_diag g = {loc, sev, m, {NULL, 0, 0}, NULL};
    if (note_from && note_from->note) {
        g.note_loc = note_from->note_loc;
        if (!(g.note = tp_strdup(d->arena, note_from->note))) {
            d->nomem = true;
            return;
        }
    }
    d->last = d->count;
    d->items[d->count++] = g;
    if (sev == TP_ERROR)
        d->errors++, d->kept_errors++;
    else
        d->warnings++, d->kept_warnings++;
}

bool tp_diags_only_counted(const tp_diags *d, tp_severity sev)
{
    return d->nseen >= S_MAX_SEEN && (sev == TP_ERROR ? d->kept_errors : d->kept_warnings) >= TP_MAX_DIAGS;
}

void tp_diag_add(tp_diags *d, tp_loc loc, tp_severity sev, const char *fmt, ...)
{
    if (tp_diags_only_counted(d, sev) && S_count_only(d, sev))
        return; /* neither kept nor told apart any more: not formatted */
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    S_vformat(&b, fmt, ap);
    va_end(ap);
    S_put(&b, "", 0);
    if (b.nomem) {
        free(b.p);
        d->nomem = true;
        d->last = SIZE_MAX;
        return;
    }
    S_record(d, loc, sev, b.p, NULL);
    free(b.p);
}

void tp_diag_note(tp_diags *d, tp_loc loc, const char *fmt, ...)
{
    if (d->last >= d->count)
        return; /* its problem was only counted, or told already */
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    S_vformat(&b, fmt, ap);
    va_end(ap);
    S_put(&b, "", 0);
    char *m = b.nomem ? NULL : tp_strdup(d->arena, b.p);
    free(b.p);
    if (!m) {
        d->nomem = true;
        return;
    }
    d->items[d->last].note_loc = loc;
    d->items[d->last].note = m;
}

void tp_diags_merge(tp_diags *dst, const tp_diags *src)
{
    for (size_t i = 0; i < src->count; i++) {
        const tp_diag *g = &src->items[i];
        S_record(dst, g->loc, g->severity, g->message, g);
    }
    dst->last = SIZE_MAX;
    /* what src only counted */
    dst->errors += src->errors - src->kept_errors;
    dst->warnings += src->warnings - src->kept_warnings;
    dst->dropped += src->dropped;
    dst->stopped += src->stopped;
    dst->lost |= src->lost;
    dst->nomem |= src->nomem;
}

/* One line "FILE:LINE:COL: SEV: MESSAGE\n" (or without the place). */
static void S_line(strbuf *b, tp_loc loc, const char *sev, const char *msg)
{
    char num[32];
    if (!loc.file) {
        S_puts(b, "touchpoint");
    } else {
        S_put_text(b, loc.file, SIZE_MAX, false);
        if (loc.line > 0) {
            snprintf(num, sizeof num, ":%d:%d", loc.line, loc.col);
            S_puts(b, num);
        }
    }
    S_puts(b, ": ");
    S_puts(b, sev);
    S_puts(b, ": ");
    S_puts(b, msg);
    S_puts(b, "\n");
}

char *tp_diag_text(const tp_diag *g, bool as_error)
{
    strbuf b = {0};
    S_line(&b, g->loc, as_error ? "error" : "warning", g->message);
    if (g->note)
        S_line(&b, g->note_loc, "note", g->note);
    if (b.nomem) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* Problems by place: standard input first, as it is read (SPEC §1), then
 * files bytewise by path, then line and column. */
static int S_cmp_loc(const tp_loc *a, const tp_loc *b)
{
    bool as = a->file && !strcmp(a->file, TP_STDIN_NAME), bs = b->file && !strcmp(b->file, TP_STDIN_NAME);
    if (as != bs)
        return as ? -1 : 1;
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
    d->last = SIZE_MAX;
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

/* Whether a and b differ at most in the case of ASCII letters. */
static bool S_same_ascii_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x != y && !(x < 0x80 && y < 0x80 && (x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
            return false;
    }
    return !*a && !*b;
}

/* The code point of the character at *p, which it passes: tp_utf8_char's,
 * or U+FFFD for one byte that starts none (the reader lets none through). */
static uint32_t S_code_point(const unsigned char **p)
{
    uint32_t cp = 0xFFFD;
    size_t n = tp_utf8_char(*p, SIZE_MAX, &cp);
    *p += n ? n : 1;
    return n ? cp : 0xFFFD;
}

/* The first code point past ASCII of a that b does not hold, or 0. */
static uint32_t S_foreign(const char *a, const char *b)
{
    for (const unsigned char *p = (const unsigned char *)a; *p;) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        uint32_t cp = S_code_point(&p);
        bool held = false;
        for (const unsigned char *q = (const unsigned char *)b; *q && !held;) {
            if (*q < 0x80)
                q++;
            else
                held = S_code_point(&q) == cp;
        }
        if (!held)
            return cp;
    }
    return 0;
}

const char *tp_suggest_hidden(const char *word, const char *s, char *buf, size_t size)
{
    uint32_t cp = S_foreign(word, s);
    if (cp) {
        snprintf(buf, size, "this one holds U+%04lX, a character that one does not", (unsigned long)cp);
        return buf;
    }
    if ((cp = S_foreign(s, word))) {
        snprintf(buf, size, "that one holds U+%04lX, a character this one does not", (unsigned long)cp);
        return buf;
    }
    return NULL;
}

const char *tp_suggest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word);
    size_t cap = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t bestd = cap + 1;
    for (size_t i = 0; i < n; i++) /* the same word in other letter case first (ID for id) */
        if (S_same_ascii_case(word, cands[i]) && strcmp(word, cands[i]) != 0)
            return cands[i];
    for (size_t i = 0; i < n; i++) {
        size_t dist = tp_edit_distance(word, cands[i], cap);
        if (dist < bestd || (dist == bestd && best && strcmp(cands[i], best) < 0)) {
            bestd = dist;
            best = cands[i];
        }
    }
    return bestd <= cap ? best : NULL;
}
