/* buf.h — growable byte buffers (buf.c). */
#ifndef TP_BUF_H
#define TP_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable byte buffer; on allocation failure it sets nomem and stops. */
typedef struct {
    char *data;
    size_t len, cap;
    bool nomem;
} tp_buf;

void tp_buf_init(tp_buf *b);
void tp_buf_free(tp_buf *b);
void tp_buf_put(tp_buf *b, const char *s, size_t n);
void tp_buf_puts(tp_buf *b, const char *s);
void tp_buf_printf(tp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
