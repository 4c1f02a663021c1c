/* failalloc.c — allocation failure injection for the OOM test build: the
 * program's own malloc, calloc, realloc, strdup and strndup calls (linked with
 * -Wl,--wrap=...) fail, N from TP_FAIL_ALLOC:
 *   TP_FAIL_ALLOC=N             from the Nth on (every later one fails too);
 *   TP_FAIL_ALLOC=N and TP_FAIL_ONLY=1
 *                               only the Nth: the program goes on with
 *                               memory again, the case where a skipped
 *                               result would show as a wrong figure;
 *   TP_FAIL_ALLOC=0             nothing fails and the count is printed at
 *                               exit; with TP_FAIL_SITES=FILE, the call
 *                               site of each allocation (two return
 *                               addresses, hex) is written to FILE, one
 *                               line per allocation, so that a test can
 *                               fail each site without failing every
 *                               allocation.
 * SQLite tests every allocation this way. */
#include <stdint.h>
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
static int S_only;
static FILE *S_sites;

static void S_report(void)
{
    fprintf(stderr, "failalloc: %ld allocations\n", S_count);
    if (S_sites)
        fclose(S_sites);
}

/* True when this allocation, made from site (a, b), is to fail. */
static int S_fail(void *a, void *b)
{
    if (S_fail_at < 0) {
        const char *e = getenv("TP_FAIL_ALLOC"), *o = getenv("TP_FAIL_ONLY"), *f = getenv("TP_FAIL_SITES");
        S_fail_at = e ? atol(e) : 0;
        S_only = o && *o == '1';
        if (S_fail_at == 0) {
            if (f)
                S_sites = fopen(f, "w");
            atexit(S_report);
        }
    }
    S_count++;
    if (S_sites)
        fprintf(S_sites, "%lx %lx\n", (unsigned long)(uintptr_t)a, (unsigned long)(uintptr_t)b);
    return S_fail_at > 0 && (S_only ? S_count == S_fail_at : S_count >= S_fail_at);
}

/* The caller of the wrapper, and its caller (the build keeps frame pointers). */
#define S_SITE __builtin_extract_return_addr(__builtin_return_address(0)), \
    __builtin_extract_return_addr(__builtin_return_address(1))

void *__wrap_malloc(size_t n) { return S_fail(S_SITE) ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return S_fail(S_SITE) ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return S_fail(S_SITE) ? NULL : __real_realloc(p, n); }

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = S_fail(S_SITE) ? NULL : __real_malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = S_fail(S_SITE) ? NULL : __real_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}
