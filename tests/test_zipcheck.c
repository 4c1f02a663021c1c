/* test_zipcheck.c — tp_xlsx_verify reads a workbook back a block at a
 * time: a sheet that ends with </worksheet> passes, one cut short fails,
 * stored or deflated, small or many blocks long. The zips are built here
 * byte by byte, so each case is exactly the one named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <zlib.h>

#include "zipcheck.h"

#define SHEET "xl/worksheets/sheet1.xml"

static char S_dir[] = "/tmp/tp-zipcheck-XXXXXX"; /* made by main, emptied at the end */

static void S_u16(FILE *f, unsigned v) { fputc(v & 0xFF, f), fputc(v >> 8 & 0xFF, f); }
static void S_u32(FILE *f, unsigned long v) { S_u16(f, v & 0xFFFF), S_u16(f, v >> 16 & 0xFFFF); }

/* A sheet's XML of about n bytes; with whole false, its closing tag is cut. */
static char *S_sheet_xml(size_t n, bool whole, size_t *len)
{
    char *s = malloc(n + 64);
    size_t k = (size_t)sprintf(s, "<worksheet>");
    for (size_t row = 0; k < n; row++)
        k += (size_t)sprintf(s + k, "<row r=\"%zu\"><c><v>%zu</v></c></row>", row + 1, row * 7919 % 10007);
    k += (size_t)sprintf(s + k, whole ? "</worksheet>\n" : "</works");
    *len = k;
    return s;
}

/* Raw deflate of data (what a zip entry of method 8 holds). */
static unsigned char *S_deflate(const char *data, size_t len, size_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len);
    unsigned char *buf = malloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out = z.total_out;
    deflateEnd(&z);
    return buf;
}

/* A zip at path holding a small [Content_Types].xml and the sheet: stored
 * (method 0) or deflated (8); with cut, only the first third of the
 * sheet's compressed data is there (the sizes saying so). */
static const char *S_zip(const char *name, const char *xml, size_t len, int method, bool cut)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    static const char types[] = "<Types/>";
    size_t dlen = len;
    unsigned char *data = method == 8 ? S_deflate(xml, len, &dlen) : (unsigned char *)xml;
    if (cut)
        dlen /= 3;
    struct {
        const char *name;
        const void *data;
        size_t size, raw;
        int method;
        long off;
    } e[2] = {{"[Content_Types].xml", types, sizeof types - 1, sizeof types - 1, 0, 0},
              {SHEET, data, dlen, len, method, 0}};
    for (int i = 0; i < 2; i++) {
        e[i].off = ftell(f);
        S_u32(f, 0x04034b50), S_u16(f, 20), S_u16(f, 0), S_u16(f, (unsigned)e[i].method), S_u32(f, 0);
        S_u32(f, 0), S_u32(f, e[i].size), S_u32(f, e[i].raw);
        S_u16(f, (unsigned)strlen(e[i].name)), S_u16(f, 0);
        fputs(e[i].name, f);
        fwrite(e[i].data, 1, e[i].size, f);
    }
    long cd = ftell(f);
    for (int i = 0; i < 2; i++) {
        S_u32(f, 0x02014b50), S_u16(f, 20), S_u16(f, 20), S_u16(f, 0), S_u16(f, (unsigned)e[i].method);
        S_u32(f, 0), S_u32(f, 0), S_u32(f, e[i].size), S_u32(f, e[i].raw);
        S_u16(f, (unsigned)strlen(e[i].name)), S_u16(f, 0), S_u16(f, 0), S_u16(f, 0), S_u16(f, 0);
        S_u32(f, 0), S_u32(f, (unsigned long)e[i].off);
        fputs(e[i].name, f);
    }
    long end = ftell(f);
    S_u32(f, 0x06054b50), S_u16(f, 0), S_u16(f, 0), S_u16(f, 2), S_u16(f, 2);
    S_u32(f, (unsigned long)(end - cd)), S_u32(f, (unsigned long)cd), S_u16(f, 0);
    fclose(f);
    if (method == 8)
        free(data);
    return path;
}

static void S_expect(const char *name, size_t n, bool whole, int method, bool cut_data, tp_status want)
{
    size_t len;
    char *xml = S_sheet_xml(n, whole, &len);
    const char *path = S_zip(name, xml, len, method, cut_data);
    errno = 0;
    tp_status got = tp_xlsx_verify(path);
    if (got != want)
        print_error("%s: %d, expected %d\n", name, got, want);
    assert_int_equal(got, want);
    if (want != TP_OK)
        assert_int_equal(errno, EIO);
    free(xml);
}

static void test_stored(void **state)
{
    (void)state;
    S_expect("zc-stored-whole.xlsx", 100, true, 0, false, TP_OK);
    S_expect("zc-stored-cut.xlsx", 100, false, 0, false, TP_ERR_OUTPUT);
    S_expect("zc-stored-long.xlsx", 300000, true, 0, false, TP_OK); /* five blocks of 64 KiB */
    S_expect("zc-stored-long-cut.xlsx", 300000, false, 0, false, TP_ERR_OUTPUT);
}

static void test_deflated(void **state)
{
    (void)state;
    S_expect("zc-deflated-whole.xlsx", 100, true, 8, false, TP_OK);
    S_expect("zc-deflated-cut.xlsx", 100, false, 8, false, TP_ERR_OUTPUT);
    /* inflates to many blocks from several read blocks */
    S_expect("zc-deflated-long.xlsx", 3000000, true, 8, false, TP_OK);
    S_expect("zc-deflated-long-cut.xlsx", 3000000, false, 8, false, TP_ERR_OUTPUT);
    /* a compressed stream that stops before its end */
    S_expect("zc-deflated-stream-cut.xlsx", 3000000, true, 8, true, TP_ERR_OUTPUT);
}

static void test_not_a_zip(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/zc-text.xlsx", S_dir);
    FILE *f = fopen(path, "w");
    fputs("not a workbook", f);
    fclose(f);
    assert_int_equal(tp_xlsx_verify(path), TP_ERR_OUTPUT);
    snprintf(path, sizeof path, "%s/zc-no-such-file.xlsx", S_dir);
    assert_int_equal(tp_xlsx_verify(path), TP_ERR_OUTPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored),
        cmocka_unit_test(test_deflated),
        cmocka_unit_test(test_not_a_zip),
    };
    if (!mkdtemp(S_dir))
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? rc : 1;
}
