/* split.c — where a big file can be cut into pieces that parse alone.
 *
 * A line that starts with "---" followed by a space or the end of the line
 * can only be a document marker (YAML 1.2 §9.1.2: a marker inside a quoted
 * or plain scalar is an error, and it ends a block scalar), so the text
 * from such a line on parses alone as it does within the whole file, with
 * two things carried across: the directives ("%YAML", "%TAG") that precede
 * the marker travel with it, and the lines before it, counted as libyaml
 * counts them, place what the piece reports. The rest (the alias budget, a
 * syntax error) is the reader's to check on the whole (model.c). */
#include "split.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S_BLOCK 65536 /* bytes read at a time while looking for a marker */
#define S_BACK 65536  /* how far back the directives before a marker are looked for */

tp_status tp_read_range(int fd, int64_t start, int64_t end, char **data, size_t *len, int *err)
{
    size_t n = (size_t)(end - start);
    char *buf = malloc(n + 1);
    *data = NULL;
    *len = 0;
    *err = 0;
    if (!buf)
        return TP_ERR_NOMEM;
    for (size_t got = 0; got < n;) {
        ssize_t r = pread(fd, buf + got, n - got, (off_t)(start + (int64_t)got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            *err = r < 0 ? errno : EIO; /* cut short: the file changed under us */
            free(buf);
            return TP_ERR_INPUT;
        }
        got += (size_t)r;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return TP_OK;
}

/* Reads up to n bytes at off; the count read, or -1. */
static ssize_t S_pread(int fd, char *buf, size_t n, int64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, buf + got, n - got, (off_t)(off + (int64_t)got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Whether the line at s[0..n) (no break) is a marker made of c ("---", "..."). */
static bool S_marker(const char *s, size_t n, char c)
{
    return n >= 3 && s[0] == c && s[1] == c && s[2] == c && (n == 3 || s[3] == ' ' || s[3] == '\r');
}

typedef enum { S_LINE_BLANK, S_LINE_DIRECTIVE, S_LINE_END, S_LINE_OTHER } line_kind;

/* What the line s[0..n) is outside a document: blank or a comment, a
 * directive, the document end marker, or anything else. */
static line_kind S_kind(const char *s, size_t n)
{
    if (n && s[0] == '%')
        return S_LINE_DIRECTIVE;
    if (S_marker(s, n, '.'))
        return S_LINE_END;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    return i == n || s[i] == '#' ? S_LINE_BLANK : S_LINE_OTHER;
}

/* Where the piece that starts with the marker line at off must start: off
 * itself, or the first of the directives before it (those after a "..."
 * line). -1 when it cannot be told within S_BACK bytes or floor: no cut. */
static int64_t S_piece_start(int fd, int64_t off, int64_t floor)
{
    int64_t from = off - S_BACK > floor ? off - S_BACK : floor;
    size_t n = (size_t)(off - from);
    if (n == 0)
        return -1;
    char *buf = malloc(n);
    if (!buf || S_pread(fd, buf, n, from) != (ssize_t)n) {
        free(buf);
        return -1;
    }
    /* Lines before the marker, last first: buf[0..end) ends with a break. */
    int64_t first_directive = -1;
    size_t end = n - 1;
    int64_t start = -1;
    for (;;) {
        size_t b = end;
        while (b > 0 && buf[b - 1] != '\n')
            b--;
        if (b == 0 && from > floor) /* the line may start before the window */
            break;
        line_kind k = S_kind(buf + b, end - b);
        if (k == S_LINE_DIRECTIVE) {
            first_directive = from + (int64_t)b;
        } else if (k == S_LINE_END) {
            start = first_directive >= 0 ? first_directive : off;
            break;
        } else if (k == S_LINE_OTHER) {
            start = off; /* inside a document: a "%" line there is text, not a directive */
            break;
        }
        if (b == 0) /* the start of the file (or of the piece before): directives with no "..." before */
            break;
        end = b - 1;
    }
    free(buf);
    if (start < 0 && first_directive < 0)
        start = off; /* only blank lines and comments before the marker */
    return start;
}

/* The first place at or after off where a piece can start, or -1. */
static int64_t S_next_cut(int fd, int64_t off, int64_t size, int64_t floor)
{
    char *buf = malloc(S_BLOCK + 5);
    if (!buf)
        return -1;
    int64_t found = -1;
    /* A line starts at p when the byte before it is a line feed. */
    for (int64_t p = off - 1; p < size && found < 0; p += S_BLOCK) {
        ssize_t n = S_pread(fd, buf, S_BLOCK + 5, p);
        if (n <= 0)
            break;
        size_t limit = n < S_BLOCK ? (size_t)n : S_BLOCK;
        for (const char *q = buf; found < 0 && (q = memchr(q, '\n', limit - (size_t)(q - buf)));) {
            q++;
            size_t rest = (size_t)(buf + n - q), line = 0;
            while (line < rest && line < 4 && q[line] != '\n')
                line++;
            int64_t at = p + (q - buf);
            if (S_marker(q, line, '-')) /* S_BLOCK + 5 bytes: 4 of the line are there unless it is the last */
                found = S_piece_start(fd, at, floor);
        }
    }
    free(buf);
    return found;
}

tp_status tp_split_plan(int fd, int64_t size, size_t piece_bytes, int64_t **cuts, size_t *ncuts)
{
    *cuts = NULL;
    *ncuts = 0;
    unsigned char bom[2];
    if (S_pread(fd, (char *)bom, 2, 0) == 2 && ((bom[0] == 0xFE && bom[1] == 0xFF) || (bom[0] == 0xFF && bom[1] == 0xFE)))
        return TP_OK; /* UTF-16: read whole */
    size_t cap = 0, n = 0;
    int64_t *v = NULL, last = 0;
    for (int64_t target = (int64_t)piece_bytes; target < size; target = last + (int64_t)piece_bytes) {
        int64_t c = S_next_cut(fd, target, size, last);
        if (c <= last)
            break;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            int64_t *nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                free(v);
                return TP_ERR_NOMEM;
            }
            v = nv;
            cap = nc;
        }
        v[n++] = last = c;
    }
    *cuts = v;
    *ncuts = n;
    return TP_OK;
}

/* The line breaks other than LF in buf[i..e) (have bytes are there):
 * a CR not before a LF, NEL (C2 85), LS (E2 80 A8) and PS (E2 80 A9). */
static int64_t S_other_breaks(const unsigned char *buf, size_t i, size_t e, size_t have)
{
    int64_t n = 0;
    for (; i < e; i++) {
        /* buf[0..have) was filled by pread, which the analyzer does not follow:
         * NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
        if (buf[i] == '\r')
            n += i + 1 >= have || buf[i + 1] != '\n';
        else if (buf[i] == 0xC2)
            n += i + 1 < have && buf[i + 1] == 0x85;
        else if (buf[i] == 0xE2)
            n += i + 2 < have && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9);
    }
    return n;
}

typedef unsigned char v16 __attribute__((vector_size(16)));

/* The line breaks in buf[0..want), libyaml's way; have >= want bytes are there. */
static int64_t S_breaks(const unsigned char *buf, size_t want, size_t have)
{
    int64_t count = 0;
    size_t i = 0;
    v16 lf, cr, c2, e2;
    memset(&lf, '\n', 16);
    memset(&cr, '\r', 16);
    memset(&c2, 0xC2, 16);
    memset(&e2, 0xE2, 16);
    while (i + 16 <= want) {
        v16 acc = {0}; /* line feeds per lane, for up to 255 steps */
        for (int k = 0; k < 255 && i + 16 <= want; k++, i += 16) {
            v16 x;
            memcpy(&x, buf + i, 16);
            acc -= (v16)(x == lf);
            v16 rare = (v16)((x == cr) | (x == c2) | (x == e2));
            uint64_t any[2];
            memcpy(any, &rare, 16);
            if (any[0] | any[1])
                count += S_other_breaks(buf, i, i + 16, have);
        }
        for (int l = 0; l < 16; l++)
            count += acc[l];
    }
    for (; i < want; i++)
        count += buf[i] == '\n';
    return count + S_other_breaks(buf, want - (want % 16), want, have);
}

tp_status tp_split_lines(int fd, int64_t start, int64_t end, int64_t *lines)
{
    enum { N = 1 << 20 };
    unsigned char *buf = malloc(N + 2);
    if (!buf)
        return TP_ERR_NOMEM;
    int64_t count = 0;
    tp_status st = TP_OK;
    for (int64_t off = start; off < end;) {
        size_t want = end - off < N ? (size_t)(end - off) : N;
        ssize_t have = S_pread(fd, (char *)buf, want + 2, off); /* two more: a break's last bytes */
        if (have < (ssize_t)want) {
            st = TP_ERR_INPUT;
            break;
        }
        count += S_breaks(buf, want, (size_t)have);
        off += (int64_t)want;
    }
    free(buf);
    *lines = count;
    return st;
}
