/* failalloc.c — allocation failure injection for the OOM test build: the
 * program's own malloc, calloc, realloc, strdup and strndup calls (linked with
 * -Wl,--wrap=...) fail from the Nth on, N from TP_FAIL_ALLOC; with
 * TP_FAIL_ALLOC=0 nothing fails and the count is printed at exit. SQLite
 * tests every allocation this way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long S_count, S_fail_at = -1;

static void S_report(void) { fprintf(stderr, "failalloc: %ld allocations\n", S_count); }

/* True when this allocation is to fail. */
static int S_fail(void)
{
    if (S_fail_at < 0) {
        const char *e = getenv("TP_FAIL_ALLOC");
        S_fail_at = e ? atol(e) : 0;
        if (S_fail_at == 0)
            atexit(S_report);
    }
    S_count++;
    return S_fail_at > 0 && S_count >= S_fail_at;
}

void *__wrap_malloc(size_t n) { return S_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return S_fail() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return S_fail() ? NULL : __real_realloc(p, n); }

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = __wrap_malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = __wrap_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}
