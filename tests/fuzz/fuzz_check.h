/* fuzz_check.h — what the render and benchmark harnesses check of each
 * output, on top of xmlcheck.h: a failed check prints the reason and the
 * text around it, then aborts, so libFuzzer keeps the input. Also a strict
 * JSON syntax check (RFC 8259) and a private temporary folder for files. */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include "buf.h"
#include "render.h"
#include "xmlcheck.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fc_dir[64];

/* A folder of this process's own for the workbooks, removed at exit. */
static void fc_cleanup(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fc_dir);
    if (fc_dir[0] && system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fc_dir);
}

static void fc_setup(void)
{
    if (fc_dir[0])
        return;
    snprintf(fc_dir, sizeof fc_dir, "/tmp/tp_fuzz_XXXXXX");
    if (!mkdtemp(fc_dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(fc_cleanup);
}

/* dir/name (one static buffer). */
static const char *fc_path(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", fc_dir, name);
    return path;
}

/* Options chosen by the input's bytes: the same seeds reach every mode. */
static unsigned fc_mode(const uint8_t *data, size_t size)
{
    unsigned sum = 0;
    for (size_t i = 0; i < size; i++)
        sum += data[i];
    return sum;
}

static void fc_abort(const char *what, const char *err, const char *text, size_t len)
{
    fprintf(stderr, "\nfuzz: %s: %s\n", what, err);
    size_t at = 0;
    const char *byte = strstr(err, "at byte ");
    if (byte)
        at = (size_t)strtoull(byte + 8, NULL, 10);
    size_t from = at > 200 ? at - 200 : 0, to = at + 200 < len ? at + 200 : len;
    if (text && from < to) {
        fprintf(stderr, "--- bytes %zu..%zu:\n", from, to);
        fwrite(text + from, 1, to - from, stderr);
        fprintf(stderr, "\n---\n");
    }
    abort();
}

static void fc_xml(const char *what, const char *text, size_t len)
{
    char err[XC_ERR];
    if (!xc_wellformed(text, len, err))
        fc_abort(what, err, text, len);
}

/* Every chart is well-formed XML. */
static void fc_charts(const tp_chart *charts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fc_xml(charts[i].name, charts[i].svg, strlen(charts[i].svg));
}

static void fc_page(const char *what, const char *text, size_t len)
{
    char err[XC_ERR];
    if (!xc_page(text, len, err))
        fc_abort(what, err, text, len);
}

static bool fc_part(const char *name, const char *data, size_t size, void *ctx)
{
    size_t n = strlen(name);
    (void)ctx;
    if ((n > 4 && !strcmp(name + n - 4, ".xml")) || (n > 5 && !strcmp(name + n - 5, ".rels")))
        fc_xml(name, data, size);
    return true;
}

/* Every .xml and .rels part of the workbook at path is well-formed. */
static void fc_workbook(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fc_abort(path, "cannot open the workbook", NULL, 0);
    tp_buf b;
    tp_buf_init(&b);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        tp_buf_put(&b, chunk, got);
    fclose(f);
    char err[XC_ERR];
    if (b.nomem || !xc_zip_each((const unsigned char *)b.data, b.len, err, fc_part, NULL))
        fc_abort(path, b.nomem ? "out of memory" : err, NULL, 0);
    tp_buf_free(&b);
}

/* ----------------------------------------------------------------- JSON */

static bool fc_json_value(xc_in *x, int depth);

static void fc_json_space(xc_in *x) { xc_skip_space(x); }

static bool fc_json_string(xc_in *x)
{
    x->i++; /* '"' */
    while (x->i < x->n && x->s[x->i] != '"') {
        unsigned char c = x->s[x->i];
        if (c < 0x20)
            return xc_fail(x, "a raw control character in a string");
        if (c == '\\') {
            x->i++;
            if (x->i >= x->n)
                break;
            if (x->s[x->i] == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (x->i + (size_t)k >= x->n || !strchr("0123456789abcdefABCDEF", x->s[x->i + (size_t)k]) ||
                        !x->s[x->i + (size_t)k])
                        return xc_fail(x, "a bad \\u escape");
                x->i += 5;
            } else if (x->s[x->i] && strchr("\"\\/bfnrt", x->s[x->i])) {
                x->i++;
            } else {
                return xc_fail(x, "a bad escape");
            }
            continue;
        }
        /* Any UTF-8 but a raw control; U+FFFE and U+FFFF are legal JSON. */
        unsigned char b0 = c;
        size_t len = b0 < 0x80 ? 1 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3
                   : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
        if (!len || x->i + len > x->n)
            return xc_fail(x, "not UTF-8");
        for (size_t k = 1; k < len; k++)
            if ((x->s[x->i + k] & 0xC0) != 0x80)
                return xc_fail(x, "not UTF-8");
        x->i += len;
    }
    if (x->i >= x->n)
        return xc_fail(x, "an unclosed string");
    x->i++;
    return true;
}

static bool fc_json_number(xc_in *x)
{
    size_t start = x->i;
    if (xc_at(x, "-"))
        x->i++;
    if (xc_at(x, "0"))
        x->i++;
    else if (x->i < x->n && x->s[x->i] >= '1' && x->s[x->i] <= '9')
        while (x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9')
            x->i++;
    else
        return xc_fail(x, "a value expected");
    if (xc_at(x, ".")) {
        x->i++;
        size_t d = x->i;
        while (x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9')
            x->i++;
        if (x->i == d)
            return xc_fail(x, "digits expected after '.'");
    }
    if (x->i < x->n && (x->s[x->i] == 'e' || x->s[x->i] == 'E')) {
        x->i++;
        if (x->i < x->n && (x->s[x->i] == '+' || x->s[x->i] == '-'))
            x->i++;
        size_t d = x->i;
        while (x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9')
            x->i++;
        if (x->i == d)
            return xc_fail(x, "digits expected in an exponent");
    }
    return x->i > start;
}

/* Members of an object or items of an array, after the opening bracket. */
static bool fc_json_items(xc_in *x, int depth, bool object, char close)
{
    fc_json_space(x);
    if (x->i < x->n && x->s[x->i] == close) {
        x->i++;
        return true;
    }
    for (;;) {
        fc_json_space(x);
        if (object) {
            if (!xc_at(x, "\""))
                return xc_fail(x, "a key expected");
            if (!fc_json_string(x))
                return false;
            fc_json_space(x);
            if (!xc_at(x, ":"))
                return xc_fail(x, "':' expected");
            x->i++;
        }
        if (!fc_json_value(x, depth + 1))
            return false;
        fc_json_space(x);
        if (x->i < x->n && x->s[x->i] == ',') {
            x->i++;
            continue;
        }
        if (x->i < x->n && x->s[x->i] == close) {
            x->i++;
            return true;
        }
        return xc_fail(x, "',' or a closing bracket expected");
    }
}

static bool fc_json_value(xc_in *x, int depth)
{
    if (depth > 100)
        return xc_fail(x, "nested deeper than 100");
    fc_json_space(x);
    if (x->i >= x->n)
        return xc_fail(x, "a value expected");
    switch (x->s[x->i]) {
    case '{': x->i++; return fc_json_items(x, depth, true, '}');
    case '[': x->i++; return fc_json_items(x, depth, false, ']');
    case '"': return fc_json_string(x);
    case 't': if (xc_at(x, "true")) { x->i += 4; return true; } break;
    case 'f': if (xc_at(x, "false")) { x->i += 5; return true; } break;
    case 'n': if (xc_at(x, "null")) { x->i += 4; return true; } break;
    default: return fc_json_number(x);
    }
    return xc_fail(x, "a value expected");
}

/* text[0..len) is one JSON value and nothing else but white space. */
static void fc_json(const char *what, const char *text, size_t len)
{
    char err[XC_ERR] = "";
    xc_in x = {(const unsigned char *)text, len, 0, err};
    bool ok = text && fc_json_value(&x, 0);
    if (ok) {
        fc_json_space(&x);
        ok = x.i == x.n ? true : xc_fail(&x, "content after the value");
    }
    if (!ok)
        fc_abort(what, err[0] ? err : "no JSON", text, len);
}

#endif
