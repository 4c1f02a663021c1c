/* arena.h — arena marks: what an arena held at one moment, to free back to. */
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

#endif
