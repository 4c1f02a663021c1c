/* buf.c — growable byte buffers. */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tp_buf_init(tp_buf *b) { memset(b, 0, sizeof *b); }

void tp_buf_free(tp_buf *b)
{
    free(b->data);
    tp_buf_init(b);
}

/* Makes room for n more bytes plus a NUL; false (and nomem) on failure. */
static bool S_grow(tp_buf *b, size_t n)
{
    if (b->nomem)
        return false;
    if (b->cap - b->len > n)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= n) {
        if (cap > SIZE_MAX / 2) {
            b->nomem = true;
            return false;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->nomem = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void tp_buf_put(tp_buf *b, const char *s, size_t n)
{
    if (!S_grow(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void tp_buf_puts(tp_buf *b, const char *s) { tp_buf_put(b, s, strlen(s)); }

void tp_buf_printf(tp_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        tp_buf_put(b, small, (size_t)n);
        return;
    }
    if (!S_grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
