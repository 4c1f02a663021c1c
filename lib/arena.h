/* arena.h — allocating in a run's arena, and arena marks: what an arena
 * held at one moment, to free back to. */
#ifndef TP_ARENA_H
#define TP_ARENA_H

#include "touchpoint.h"

/* What an arena held at one moment. */
typedef struct {
    void *head, *next;
    size_t used;
} tp_arena_mark;

tp_arena_mark tp_arena_get_mark(const tp_arena *a);
/* Frees everything allocated in a since m was taken (no tp_arena_adopt
 * into a in between). */
void tp_arena_rewind(tp_arena *a, tp_arena_mark m);

/* ------------------------------------------------- allocating in an arena */

/* Frees everything allocated in a; a stays usable. */
void tp_arena_reset(tp_arena *a);
/* Moves everything allocated in child into a and frees child. */
void tp_arena_adopt(tp_arena *a, tp_arena *child);
/* size bytes aligned for any type, or NULL when out of memory. */
void *tp_alloc(tp_arena *a, size_t size);
/* size bytes at a multiple of align (a power of two no larger than
 * max_align_t's): small arrays of ints cost no padding. */
void *tp_alloc_aligned(tp_arena *a, size_t size, size_t align);
/* Zeroed n * size bytes, or NULL on overflow or out of memory. */
void *tp_calloc(tp_arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..len), byte-aligned, or NULL when out of memory. */
char *tp_strndup(tp_arena *a, const char *s, size_t len);
char *tp_strdup(tp_arena *a, const char *s);

#endif
