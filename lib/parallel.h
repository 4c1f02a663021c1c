/* parallel.h — the worker threads: one loop run on every core. */
#ifndef TP_PARALLEL_H
#define TP_PARALLEL_H

#include <stddef.h>

/* jobs, or the online CPUs when jobs <= 0. */
int tp_jobs(int jobs);
/* Calls fn(ctx, i) for every i < n on up to tp_jobs(jobs) threads (the
 * caller's among them); returns when all are done. fn must not share
 * unguarded state between items. */
void tp_parallel_for(size_t n, int jobs, void (*fn)(void *ctx, size_t i), void *ctx);

#endif
