/* test_xmlcheck.c — the fuzz harnesses' XML checker (tests/fuzz/xmlcheck.h)
 * must accept well-formed documents and refuse each way of not being one,
 * or the fuzzing proves nothing. The cases follow the XML 1.0
 * well-formedness constraints; each expected verdict is written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fuzz/xmlcheck.h"

static bool xt_ok(const char *doc)
{
    char err[XC_ERR];
    bool ok = xc_wellformed(doc, strlen(doc), err);
    if (!ok)
        print_message("  refused: %s: %s\n", doc, err);
    return ok;
}

static void test_accepts_well_formed(void **state)
{
    (void)state;
    static const char *const good[] = {
        "<a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a b='1' c=\"2\">t</a>\n",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><title>&lt;&amp;&gt;&quot;&apos;</title></g></svg>",
        "<a>&#233;&#xE9;&#x1F600;\t\n\r</a>",
        "<!-- c --><a><!-- - --><![CDATA[<not a tag> & ]]><?pi data?></a><!-- end -->",
        "<r:a xmlns:r=\"x\" r:b=\"1\"><r:c/></r:a>",
        "<a b=\"&gt;&#39;\">Jo\xC3\xA3o \xE6\xA0\xAA \xF0\x9F\x98\x80 \xEF\xBF\xBD</a>",
        "<\xC3\xA9l\xC3\xA9ment attr-1.x=\"\"/>",
        "\xEF\xBB\xBF<a/>",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(xt_ok(good[i]));
}

static void test_refuses_not_well_formed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",                                /* no root */
        "text",                            /* no root */
        "<a>",                             /* not closed */
        "<a></b>",                         /* end tag does not match */
        "<a><b></a></b>",                  /* overlap */
        "<a/><b/>",                        /* two roots */
        "<a/>tail",                        /* text after the root */
        "<a b=1/>",                        /* unquoted */
        "<a b=\"1\" b=\"2\"/>",            /* repeated attribute */
        "<a b=\"1\"c=\"2\"/>",             /* no space between attributes */
        "<a b=\"<\"/>",                    /* '<' in a value */
        "<a>&nbsp;</a>",                   /* entity not declared */
        "<a>& </a>",                       /* bare ampersand */
        "<a>&#1;</a>",                     /* reference to a control */
        "<a>&#xFFFE;</a>",                 /* reference to U+FFFE */
        "<a>&#x110000;</a>",               /* past U+10FFFF */
        "<a>\x01</a>",                     /* C0 control */
        "<a>\x1b[31m</a>",                 /* ESC */
        "<a>\xEF\xBF\xBE</a>",             /* U+FFFE */
        "<a>\xEF\xBF\xBF</a>",             /* U+FFFF */
        "<a>\xF0\x9F\x98</a>",             /* an emoji cut inside */
        "<a>\xC3</a>",                     /* cut é */
        "<a>\xC0\xAF</a>",                 /* overlong */
        "<a>\xED\xA0\x80</a>",             /* surrogate */
        "<a b=\"\x02\"/>",                 /* control in a value */
        "<a>]]></a>",                      /* "]]>" in text */
        "<a><!-- a -- b --></a>",          /* "--" in a comment */
        "<a><![CDATA[x</a>",               /* unclosed CDATA */
        "<a/><?xml version=\"1.0\"?>",     /* declaration not first */
        "<1a/>",                           /* bad name */
        "<a><script>x</script",            /* unclosed end tag */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[XC_ERR];
        if (xc_wellformed(bad[i], strlen(bad[i]), err))
            fail_msg("accepted: case %zu", i);
        assert_true(err[0] != '\0');
    }
    char err[XC_ERR];
    assert_false(xc_wellformed("<a>x\0y</a>", 10, err)); /* a NUL inside */
}

static void test_page_check(void **state)
{
    (void)state;
    char err[XC_ERR];
    const char *ok = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><style>a>b{}</style></head>"
                     "<body><p>R&amp;D &lt;script&gt;</p><figure class=\"chart\"><svg xmlns=\"x\"><text x=\"1\">a</text>"
                     "</svg></figure></body></html>";
    assert_true(xc_page(ok, strlen(ok), err));
    static const char *const bad[] = {
        "<p><script>alert(1)</script></p>",          /* element from the input */
        "<p><img src=\"x\"></p>",                    /* element from the input */
        "<p class=\"a\" onerror=\"alert(1)\">x</p>", /* attribute from the input */
        "<svg onload=\"x\"><g/></svg>",              /* attribute inside a chart */
        "<p>a\x1b[31m</p>",                          /* ESC */
        "<p>\xEF\xBF\xBF</p>",                       /* U+FFFF */
        "<figure><svg><text>a</svg></figure>",       /* inline svg not well-formed */
        "<p>\xE2\x80</p>",                           /* cut character */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (xc_page(bad[i], strlen(bad[i]), err))
            fail_msg("page accepted: case %zu", i);
}

/* A zip of one stored and one deflated member, built here with zlib. */
typedef struct {
    int parts;
    char names[2][32];
    char data[2][32];
} xt_seen;

static bool xt_part(const char *name, const char *data, size_t size, void *ctx)
{
    xt_seen *s = ctx;
    snprintf(s->names[s->parts], 32, "%.31s", name);
    snprintf(s->data[s->parts], 32, "%.*s", (int)size, data);
    s->parts++;
    return true;
}

static size_t xt_put_entry(unsigned char *z, size_t at, unsigned char *cd, size_t *cdlen, const char *name,
                           const unsigned char *data, size_t csize, size_t usize, int method)
{
    unsigned char lh[30] = {0x50, 0x4b, 0x03, 0x04};
    size_t nlen = strlen(name);
    lh[8] = (unsigned char)method;
    lh[18] = (unsigned char)csize, lh[22] = (unsigned char)usize, lh[26] = (unsigned char)nlen;
    memcpy(z + at, lh, 30);
    memcpy(z + at + 30, name, nlen);
    memcpy(z + at + 30 + nlen, data, csize);
    unsigned char *c = cd + *cdlen;
    memset(c, 0, 46);
    c[0] = 0x50, c[1] = 0x4b, c[2] = 0x01, c[3] = 0x02;
    c[10] = (unsigned char)method;
    c[20] = (unsigned char)csize, c[24] = (unsigned char)usize, c[28] = (unsigned char)nlen;
    c[42] = (unsigned char)at, c[43] = (unsigned char)(at >> 8);
    memcpy(c + 46, name, nlen);
    *cdlen += 46 + nlen;
    return at + 30 + nlen + csize;
}

static void test_zip_parts(void **state)
{
    (void)state;
    unsigned char z[1024] = {0}, cd[512], def[64];
    size_t cdlen = 0, at = 0;
    const char *text = "<a>deflated</a>";
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)(uintptr_t)text, zs.avail_in = (uInt)strlen(text);
    zs.next_out = def, zs.avail_out = sizeof def;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t dlen = zs.total_out;
    deflateEnd(&zs);
    at = xt_put_entry(z, at, cd, &cdlen, "stored.xml", (const unsigned char *)"<b/>", 4, 4, 0);
    at = xt_put_entry(z, at, cd, &cdlen, "x/deflated.xml", def, dlen, strlen(text), 8);
    memcpy(z + at, cd, cdlen);
    unsigned char *e = z + at + cdlen;
    e[0] = 0x50, e[1] = 0x4b, e[2] = 0x05, e[3] = 0x06, e[10] = 2, e[12] = (unsigned char)cdlen;
    e[16] = (unsigned char)at, e[17] = (unsigned char)(at >> 8);
    size_t n = at + cdlen + 22;
    xt_seen seen = {0};
    char err[XC_ERR];
    assert_true(xc_zip_each(z, n, err, xt_part, &seen));
    assert_int_equal(seen.parts, 2);
    assert_string_equal(seen.names[0], "stored.xml");
    assert_string_equal(seen.data[0], "<b/>");
    assert_string_equal(seen.names[1], "x/deflated.xml");
    assert_string_equal(seen.data[1], text);
    z[at + cdlen - 46 - 14 + 24] = 99; /* the deflated member claims a wrong size */
    memset(&seen, 0, sizeof seen);
    assert_false(xc_zip_each(z, n, err, xt_part, &seen));
    assert_false(xc_zip_each(z, 10, err, xt_part, &seen)); /* cut short: no directory */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_well_formed),
        cmocka_unit_test(test_refuses_not_well_formed),
        cmocka_unit_test(test_page_check),
        cmocka_unit_test(test_zip_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
