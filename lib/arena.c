/* arena.c — per-run memory: everything read lives until the run ends. */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TP_ARENA_BLOCK (64 * 1024)
/* An arena's first block is small and each next one twice the last, up to
 * TP_ARENA_BLOCK: a run over 50,000 small files keeps 50,000 arenas. */
#define TP_ARENA_FIRST 1024

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
} block;

struct tp_arena {
    block *head;
    size_t grow; /* the size of the next regular block; 0 before the first */
};

tp_arena *tp_arena_new(void) { return calloc(1, sizeof(tp_arena)); }

void tp_arena_free(tp_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void tp_arena_reset(tp_arena *a)
{
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
    a->grow = 0;
}

tp_arena_mark tp_arena_get_mark(const tp_arena *a)
{
    return (tp_arena_mark){a->head, a->head ? a->head->next : NULL, a->head ? a->head->used : 0};
}

/* Blocks taken since the mark are in front of the marked head (new heads)
 * or right behind it (large requests go behind the head of their time). */
void tp_arena_rewind(tp_arena *a, tp_arena_mark m)
{
    block *b = a->head;
    while (b != m.head) {
        block *next = b->next;
        free(b);
        b = next;
    }
    if (b) {
        for (block *x = b->next, *next; x != m.next; x = next) {
            next = x->next;
            free(x);
        }
        b->next = m.next;
        b->used = m.used;
    }
    a->head = b;
}

void tp_arena_adopt(tp_arena *a, tp_arena *child)
{
    if (!child)
        return;
    block **tail = &child->head;
    while (*tail)
        tail = &(*tail)->next;
    /* The child's blocks go behind the parent's, which keeps the parent's
     * current block (the head) the one new allocations come from. */
    if (a->head) {
        *tail = a->head->next;
        a->head->next = child->head;
    } else {
        a->head = child->head;
    }
    free(child);
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t), or NULL when out of memory. */
static void *S_alloc(tp_arena *a, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0; /* a block's data is aligned for any type */
    if (!b || at > b->size || b->size - at < size) {
        /* Large requests get a block of their own behind the current one,
         * so the current block's free space is not wasted. */
        bool large = size > TP_ARENA_BLOCK / 4;
        size_t bsize = size;
        if (!large) {
            bsize = a->grow ? a->grow : TP_ARENA_FIRST;
            while (bsize < size)
                bsize *= 2;
        }
        if (bsize > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = malloc(sizeof(block) + bsize);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = bsize;
        if (!large)
            a->grow = bsize < TP_ARENA_BLOCK ? bsize * 2 : TP_ARENA_BLOCK;
        if (b && large) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        at = 0;
    }
    b->used = at + size;
    return b->data + at;
}

void *tp_alloc(tp_arena *a, size_t size) { return S_alloc(a, size, _Alignof(max_align_t)); }

void *tp_alloc_aligned(tp_arena *a, size_t size, size_t align) { return S_alloc(a, size, align); }

void *tp_calloc(tp_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = tp_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *tp_strndup(tp_arena *a, const char *s, size_t len)
{
    char *p = len == SIZE_MAX ? NULL : S_alloc(a, len + 1, 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *tp_strdup(tp_arena *a, const char *s) { return tp_strndup(a, s, strlen(s)); }

char *tp_sprintf(tp_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = S_alloc(a, (size_t)n + 1, 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
