/* zipcheck.c — reads back a written workbook and checks that every sheet is
 * whole. libxlsxwriter streams large sheets through temporary files whose
 * write errors it does not report, so a full disk can leave a valid zip with
 * a sheet cut short inside; such a workbook must never replace a good one. */
#include "zipcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static uint32_t S_u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t S_u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Reads exactly n bytes at off; false at an error or the end of the file. */
static bool S_pread(int fd, void *buf, size_t n, off_t off)
{
    while (n) {
        ssize_t got = pread(fd, buf, n, off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        buf = (char *)buf + got;
        n -= (size_t)got;
        off += got;
    }
    return true;
}

/* Keeps the last sizeof tail bytes seen of a stream. */
typedef struct {
    char b[64];
    size_t n;
} tail;

static void S_tail_add(tail *t, const unsigned char *p, size_t got)
{
    if (got >= sizeof t->b) {
        memcpy(t->b, p + got - sizeof t->b, sizeof t->b);
        t->n = sizeof t->b;
    } else if (got) {
        size_t keep = t->n + got > sizeof t->b ? sizeof t->b - got : t->n;
        memmove(t->b, t->b + t->n - keep, keep);
        memcpy(t->b + keep, p, got);
        t->n = keep + got;
    }
}

/* Whether the entry's data (size bytes at off), inflated, ends with the
 * closing tag: TP_OK, TP_ERR_OUTPUT when it does not, TP_ERR_NOMEM. Read and
 * inflated a block at a time: memory stays small whatever the sheet's size. */
static tp_status S_entry_whole(int fd, off_t off, size_t size, int method, const char *tag)
{
    static const size_t block = 65536;
    unsigned char *in = malloc(2 * block);
    if (!in)
        return TP_ERR_NOMEM;
    unsigned char *out = in + block;
    tail t = {.n = 0};
    bool ok = method == 0 || method == 8;
    z_stream z;
    memset(&z, 0, sizeof z);
    int zrc = method == 8 ? inflateInit2(&z, -15) : Z_OK;
    if (zrc != Z_OK) {
        free(in);
        return zrc == Z_MEM_ERROR ? TP_ERR_NOMEM : TP_ERR_OUTPUT;
    }
    int rc = Z_OK;
    for (size_t done = 0; ok && done < size;) {
        size_t n = size - done < block ? size - done : block;
        if (!S_pread(fd, in, n, off + (off_t)done)) {
            ok = false;
            break;
        }
        done += n;
        if (method == 0) {
            S_tail_add(&t, in, n);
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)n;
        do {
            z.next_out = out;
            z.avail_out = (uInt)block;
            rc = inflate(&z, Z_NO_FLUSH);
            S_tail_add(&t, out, block - z.avail_out);
        } while (rc == Z_OK && z.avail_out == 0);
        if (rc == Z_MEM_ERROR) {
            inflateEnd(&z);
            free(in);
            return TP_ERR_NOMEM;
        }
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            ok = false;
        if (rc == Z_STREAM_END)
            break;
    }
    if (method == 8) {
        ok = ok && rc == Z_STREAM_END;
        inflateEnd(&z);
    }
    free(in);
    const char *b = t.b;
    size_t n = t.n, want = strlen(tag);
    while (n && (b[n - 1] == '\n' || b[n - 1] == '\r'))
        n--;
    return ok && n >= want && memcmp(b + n - want, tag, want) == 0 ? TP_OK : TP_ERR_OUTPUT;
}

/* Finds the central directory from the end of the file and checks every
 * sheet it lists: TP_ERR_OUTPUT at the first one that is not whole. */
static tp_status S_sheets_whole(int fd, off_t size)
{
    unsigned char end[22 + 65535];
    size_t tl = size < (off_t)sizeof end ? (size_t)size : sizeof end;
    if (tl < 22 || !S_pread(fd, end, tl, size - (off_t)tl))
        return TP_ERR_OUTPUT;
    size_t eocd = tl - 22;
    while (eocd > 0 && S_u32(end + eocd) != 0x06054b50)
        eocd--;
    if (S_u32(end + eocd) != 0x06054b50)
        return TP_ERR_OUTPUT;
    size_t entries = S_u16(end + eocd + 10), cdsize = S_u32(end + eocd + 12);
    off_t cdoff = S_u32(end + eocd + 16);
    if (cdoff + (off_t)cdsize > size)
        return TP_ERR_OUTPUT;
    unsigned char *cd = malloc(cdsize ? cdsize : 1);
    if (!cd)
        return TP_ERR_NOMEM;
    if (!S_pread(fd, cd, cdsize, cdoff)) {
        free(cd);
        return TP_ERR_OUTPUT;
    }
    tp_status st = TP_OK;
    size_t p = 0;
    for (size_t i = 0; st == TP_OK && i < entries; i++) {
        if (p + 46 > cdsize || S_u32(cd + p) != 0x02014b50) {
            st = TP_ERR_OUTPUT;
            break;
        }
        size_t nlen = S_u16(cd + p + 28), elen = S_u16(cd + p + 30), clen = S_u16(cd + p + 32);
        size_t csize = S_u32(cd + p + 20);
        off_t local = S_u32(cd + p + 42);
        int method = S_u16(cd + p + 10);
        const char *name = (const char *)cd + p + 46;
        if (p + 46 + nlen > cdsize) {
            st = TP_ERR_OUTPUT;
            break;
        }
        bool sheet = nlen >= 24 && !strncmp(name, "xl/worksheets/sheet", 19) && !strncmp(name + nlen - 4, ".xml", 4);
        if (sheet) {
            unsigned char lh[30];
            if (!S_pread(fd, lh, sizeof lh, local) || S_u32(lh) != 0x04034b50) {
                st = TP_ERR_OUTPUT;
                break;
            }
            off_t data = local + 30 + S_u16(lh + 26) + S_u16(lh + 28);
            st = data + (off_t)csize <= size ? S_entry_whole(fd, data, csize, method, "</worksheet>") : TP_ERR_OUTPUT;
        }
        p += 46 + nlen + elen + clen;
    }
    free(cd);
    return st;
}

tp_status tp_xlsx_verify_fd(int fd)
{
    struct stat sb;
    tp_status st = fstat(fd, &sb) == 0 ? S_sheets_whole(fd, sb.st_size) : TP_ERR_OUTPUT;
    if (st == TP_ERR_OUTPUT)
        errno = EIO;
    return st;
}

tp_status tp_xlsx_verify(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return TP_ERR_OUTPUT;
    tp_status st = tp_xlsx_verify_fd(fd);
    int e = errno;
    close(fd);
    errno = e;
    return st;
}
