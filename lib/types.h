/* types.h — the built-in interaction types (SPEC §2). */
#ifndef TP_TYPES_H
#define TP_TYPES_H

#include "model.h"

/* The built-in types, in the SPEC table's order. */
extern const tp_type tp_builtin_types[];
extern const size_t tp_nbuiltin_types;
/* Index of a built-in type id in that table, or -1. */
int tp_builtin_type(const char *id);

#endif
