/* zipcheck.c — reads back a written workbook and checks that every sheet is
 * whole. libxlsxwriter streams large sheets through temporary files whose
 * write errors it does not report, so a full disk can leave a valid zip with
 * a sheet cut short inside; such a workbook must never replace a good one. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t S_u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t S_u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* True when the entry's data, inflated, ends with the closing tag. */
static bool S_entry_whole(const unsigned char *data, size_t size, int method, const char *tag)
{
    char tail[64] = "";
    size_t tlen = 0, want = strlen(tag);
    unsigned char out[65536];
    if (method == 0) {
        tlen = size < sizeof tail ? size : sizeof tail;
        memcpy(tail, data + size - tlen, tlen);
    } else if (method == 8) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, -15) != Z_OK)
            return false;
        z.next_in = (unsigned char *)data;
        z.avail_in = (uInt)size;
        int rc;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            rc = inflate(&z, Z_NO_FLUSH);
            size_t got = sizeof out - z.avail_out;
            if (got >= sizeof tail) {
                memcpy(tail, out + got - sizeof tail, sizeof tail);
                tlen = sizeof tail;
            } else if (got) { /* slide the tail along */
                size_t keep = tlen + got > sizeof tail ? sizeof tail - got : tlen;
                memmove(tail, tail + tlen - keep, keep);
                memcpy(tail + keep, out, got);
                tlen = keep + got;
            }
        } while (rc == Z_OK);
        inflateEnd(&z);
        if (rc != Z_STREAM_END)
            return false;
    } else {
        return false;
    }
    while (tlen && (tail[tlen - 1] == '\n' || tail[tlen - 1] == '\r'))
        tlen--;
    return tlen >= want && memcmp(tail + tlen - want, tag, want) == 0;
}

/* Walks the central directory; false at the first sheet that is not whole. */
static bool S_sheets_whole(const unsigned char *z, size_t n)
{
    size_t eocd = n >= 22 ? n - 22 : 0;
    while (eocd > 0 && S_u32(z + eocd) != 0x06054b50)
        eocd--;
    if (n < 22 || S_u32(z + eocd) != 0x06054b50)
        return false;
    size_t entries = S_u16(z + eocd + 10), p = S_u32(z + eocd + 16);
    for (size_t i = 0; i < entries; i++) {
        if (p + 46 > n || S_u32(z + p) != 0x02014b50)
            return false;
        size_t nlen = S_u16(z + p + 28), elen = S_u16(z + p + 30), clen = S_u16(z + p + 32);
        size_t csize = S_u32(z + p + 20), local = S_u32(z + p + 42);
        int method = S_u16(z + p + 10);
        const char *name = (const char *)z + p + 46;
        bool sheet = nlen >= 24 && !strncmp(name, "xl/worksheets/sheet", 19) && !strncmp(name + nlen - 4, ".xml", 4);
        if (sheet) {
            if (local + 30 > n)
                return false;
            size_t data = local + 30 + S_u16(z + local + 26) + S_u16(z + local + 28);
            if (data + csize > n || !S_entry_whole(z + data, csize, method, "</worksheet>"))
                return false;
        }
        p += 46 + nlen + elen + clen;
    }
    return true;
}

tp_status tp_xlsx_verify(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return TP_ERR_OUTPUT;
    unsigned char *z = NULL;
    size_t n = 0, cap = 0;
    tp_status st = TP_OK;
    for (;;) {
        if (n == cap) {
            unsigned char *v = realloc(z, cap = cap ? cap * 2 : 1 << 20);
            if (!v) {
                st = TP_ERR_NOMEM;
                break;
            }
            z = v;
        }
        size_t got = fread(z + n, 1, cap - n, f);
        n += got;
        if (!got)
            break;
    }
    if (st == TP_OK && (ferror(f) || !S_sheets_whole(z, n))) {
        st = TP_ERR_OUTPUT;
        errno = EIO;
    }
    fclose(f);
    free(z);
    return st;
}
