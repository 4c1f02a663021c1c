/* strmap.h — a map from strings to ints (open addressing; keys not copied). */
#ifndef TP_STRMAP_H
#define TP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char **keys;
    int *vals;
    uint32_t *tags; /* the top of each key's hash: most probes that miss compare no text */
    size_t cap, count;
} tp_strmap;

/* false when out of memory */
bool tp_strmap_init(tp_strmap *m, size_t hint);
void tp_strmap_free(tp_strmap *m);
/* The value for key, or -1. */
int tp_strmap_get(const tp_strmap *m, const char *key);
/* Sets key (which must outlive the map) to val; false when out of memory. */
bool tp_strmap_put(tp_strmap *m, const char *key, int val);

#endif
