/* parallel.c — one loop over n independent items on up to jobs threads. */
#include "parallel.h"

#include <pthread.h>
#include <unistd.h>

typedef struct {
    size_t n, next; /* next is guarded by lock */
    void (*fn)(void *ctx, size_t i);
    void *ctx;
    pthread_mutex_t lock;
} loop;

static void *S_worker(void *arg)
{
    loop *l = arg;
    for (;;) {
        pthread_mutex_lock(&l->lock);
        size_t i = l->next++;
        pthread_mutex_unlock(&l->lock);
        if (i >= l->n)
            return NULL;
        l->fn(l->ctx, i);
    }
}

int tp_jobs(int jobs)
{
    if (jobs > 0)
        return jobs;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

void tp_parallel_for(size_t n, int jobs, void (*fn)(void *ctx, size_t i), void *ctx)
{
    pthread_t threads[64];
    int started = 0;
    jobs = tp_jobs(jobs);
    if (jobs > 64)
        jobs = 64;
    if ((size_t)jobs > n)
        jobs = (int)n;
    loop l = {.n = n, .fn = fn, .ctx = ctx};
    pthread_mutex_init(&l.lock, NULL);
    /* A thread that cannot be started leaves its share to the others. */
    for (int t = 1; t < jobs; t++)
        if (pthread_create(&threads[started], NULL, S_worker, &l) == 0)
            started++;
    S_worker(&l);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&l.lock);
}
