/* model.h — the validated model: how it is read. */
#ifndef TP_MODEL_H
#define TP_MODEL_H

#include "touchpoint.h"

/* tp_read for one in-memory text named name (for the fuzzer and tests). */
tp_status tp_read_text(tp_arena *arena, const char *name, const char *data, size_t len, tp_diags *diags,
                       tp_model **out);

#endif
