/* strmap.c — open-addressing map from borrowed strings to ints. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t S_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

bool tp_strmap_init(tp_strmap *m, size_t hint)
{
    size_t cap = 16;
    while (cap < hint * 2)
        cap *= 2;
    m->keys = calloc(cap, sizeof *m->keys);
    m->vals = calloc(cap, sizeof *m->vals);
    m->tags = calloc(cap, sizeof *m->tags);
    m->cap = cap;
    m->count = 0;
    if (!m->keys || !m->vals || !m->tags) {
        tp_strmap_free(m);
        return false;
    }
    return true;
}

void tp_strmap_free(tp_strmap *m)
{
    free(m->keys);
    free(m->vals);
    free(m->tags);
    memset(m, 0, sizeof *m);
}

int tp_strmap_get(const tp_strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    uint64_t h = S_hash(key);
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (m->tags[i] == tag && strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* Doubles the table; false when out of memory. */
static bool S_grow(tp_strmap *m)
{
    tp_strmap bigger;
    if (!tp_strmap_init(&bigger, m->cap))
        return false;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            tp_strmap_put(&bigger, m->keys[i], m->vals[i]);
    tp_strmap_free(m);
    *m = bigger;
    return true;
}

bool tp_strmap_put(tp_strmap *m, const char *key, int val)
{
    if ((m->count + 1) * 2 > m->cap && !S_grow(m))
        return false;
    uint64_t h = S_hash(key);
    uint32_t tag = (uint32_t)(h >> 32);
    size_t i = h & (m->cap - 1);
    for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->tags[i] == tag && strcmp(m->keys[i], key) == 0) {
            m->vals[i] = val;
            return true;
        }
    m->keys[i] = key;
    m->vals[i] = val;
    m->tags[i] = tag;
    m->count++;
    return true;
}
