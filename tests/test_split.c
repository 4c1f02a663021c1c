/* test_split.c — where a big file is cut (lib/split.c): cut offsets worked
 * out by hand for the shapes YAML 1.2 §9 allows (markers, directives after
 * "...", "%" lines that are text, CRLF, UTF-16), and line counts checked
 * against libyaml's own marks, NEL, LS, PS and lone CRs included. */
#include "tp_test.h"

#include "split.h"

#include <fcntl.h>
#include <unistd.h>
#include <yaml.h>

/* A temporary file holding s[0..n), open for reading. */
static int S_file(const char *s, size_t n)
{
    char path[] = "/tmp/tp-test-split-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    assert_int_equal(write(fd, s, n), (ssize_t)n);
    return fd;
}

/* The cuts of s (pieces of piece bytes) are want[0..nwant). */
static void S_cuts(const char *s, size_t piece, const int64_t *want, size_t nwant)
{
    int fd = S_file(s, strlen(s));
    int64_t *cuts;
    size_t n;
    assert_int_equal(tp_split_plan(fd, (int64_t)strlen(s), piece, &cuts, &n), TP_OK);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(cuts[i], want[i]);
    free(cuts);
    close(fd);
}

#define CUTS(s, piece, ...)                                                                                    \
    do {                                                                                                       \
        const int64_t w_[] = {__VA_ARGS__};                                                                   \
        S_cuts(s, piece, w_, sizeof w_ / sizeof *w_);                                                          \
    } while (0)

static void test_markers(void **state)
{
    (void)state;
    /* "a: 1\n" is bytes 0-4, "---\n" 5-8, "b: 2\n" 9-13, "---\n" 14-17 */
    CUTS("a: 1\n---\nb: 2\n---\nc: 3\n", 1, 5, 14);
    /* a piece of 10 bytes: the first marker at or after 10 is at 14 */
    CUTS("a: 1\n---\nb: 2\n---\nc: 3\n", 10, 14);
    /* a marker with content or a comment after a space; at the end of the file */
    CUTS("a: 1\n--- {b: 2}\n--- # c\nd: 4\n---", 1, 5, 16, 29);
    /* CRLF lines */
    CUTS("a: 1\r\n---\r\nb: 2\r\n", 1, 6);
    S_cuts("a: 1\n---x\n----\n---\tb\n", 1, NULL, 0); /* not markers (a tab: left whole, to be safe) */
    S_cuts("a: 1\n...\n", 1, NULL, 0);                /* an end marker is no cut */
    S_cuts("a: |\n  ---\n  text\n", 1, NULL, 0);     /* indented: text */
}

static void test_directives(void **state)
{
    (void)state;
    /* "a: 1\n" 0-4, "...\n" 5-8, "%YAML 1.2\n" 9-18, "---\n" 19-22: the directive goes with its document */
    CUTS("a: 1\n...\n%YAML 1.2\n---\nb: 2\n", 1, 9);
    /* a comment between; two directives: the piece starts at the first (9) */
    CUTS("a: 1\n...\n%YAML 1.2\n# c\n%TAG !e! tag:e.com,2000:\n---\nb: !e!x 2\n", 1, 9);
    /* "--- |\n" 0-5, "%text\n" 6-11, "---\n" 12: inside the scalar "%text" is text, not a directive */
    CUTS("--- |\n%text\n---\nb: 1\n", 1, 12);
    /* directives of the first document: nothing before them to cut off */
    S_cuts("%YAML 1.2\n---\na: 1\n", 1, NULL, 0);
    /* a directive with no "..." before it within the piece: no cut there, the next marker is taken */
    CUTS("%YAML 1.2\n---\na: 1\n---\nb: 2\n", 1, 19);
}

static void test_utf16_whole(void **state)
{
    (void)state;
    const char s[] = "\xFF\xFE" "a\0:\0 \0" "1\0\n\0-\0-\0-\0\n\0";
    int fd = S_file(s, sizeof s - 1);
    int64_t *cuts;
    size_t n;
    assert_int_equal(tp_split_plan(fd, (int64_t)(sizeof s - 1), 1, &cuts, &n), TP_OK);
    assert_int_equal(n, 0);
    free(cuts);
    close(fd);
}

/* Every cut is where libyaml starts a document, at a line start, on the
 * line the breaks counted before it give. */
static void S_lines_as_libyaml(const char *s, size_t n, size_t piece)
{
    int fd = S_file(s, n);
    int64_t *cuts;
    size_t ncuts;
    assert_int_equal(tp_split_plan(fd, (int64_t)n, piece, &cuts, &ncuts), TP_OK);
    assert_true(ncuts > 0);
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    size_t c = 0, chars = 0, at = 0; /* libyaml's index counts characters: UTF-8 lead bytes */
    for (;;) {
        yaml_event_t ev;
        assert_true(yaml_parser_parse(&p, &ev));
        for (; c < ncuts && at < (size_t)cuts[c]; at++)
            chars += ((unsigned char)s[at] & 0xC0) != 0x80;
        if (ev.type == YAML_DOCUMENT_START_EVENT && c < ncuts && ev.start_mark.index == chars) {
            int64_t lines;
            assert_int_equal(tp_split_lines(fd, 0, cuts[c], &lines), TP_OK);
            /* the cut is at the start of the marker's line */
            assert_int_equal(lines, (int64_t)ev.start_mark.line);
            assert_int_equal(ev.start_mark.column, 0);
            c++;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (end)
            break;
    }
    assert_int_equal(c, ncuts);
    yaml_parser_delete(&p);
    free(cuts);
    close(fd);
}

static void test_lines(void **state)
{
    (void)state;
    /* LF, CR LF, a lone CR, NEL, LS and PS are each one line for libyaml */
    const char s[] = "a: \"x\ny\r\nz\rw\xC2\x85v\xE2\x80\xA8u\xE2\x80\xA9t\"\n---\nb: 1\n";
    S_lines_as_libyaml(s, sizeof s - 1, 1);
    int fd = S_file(s, sizeof s - 1);
    int64_t lines;
    assert_int_equal(tp_split_lines(fd, 0, (int64_t)(sizeof s - 1), &lines), TP_OK);
    assert_int_equal(lines, 9);
    /* "\xC2\xA9" and "\xE2\x80\x94" (©, —) are no breaks */
    close(fd);
    fd = S_file("\xC2\xA9\xE2\x80\x94\n", 6);
    assert_int_equal(tp_split_lines(fd, 0, 6, &lines), TP_OK);
    assert_int_equal(lines, 1);
    close(fd);
}

/* Many documents whose breaks fall on every offset of the 16-byte steps and
 * across the 1 MiB blocks of the count. */
static void test_lines_long(void **state)
{
    (void)state;
    static const char *const breaks[] = {"\n", "\r\n", "\r", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"};
    size_t cap = 3u << 20, n = 0;
    char *s = malloc(cap + 64);
    assert_non_null(s);
    for (unsigned k = 0; n < cap; k++) {
        n += (size_t)sprintf(s + n, "---\nk%u: \"%.*s", k, 2 * (int)(k % 12), "éééééééééééé");
        const char *b = breaks[k % 6];
        memcpy(s + n, b, strlen(b));
        n += strlen(b);
        n += (size_t)sprintf(s + n, "x—©\"\n");
    }
    S_lines_as_libyaml(s, n, 1000);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markers),     cmocka_unit_test(test_directives), cmocka_unit_test(test_utf16_whole),
        cmocka_unit_test(test_lines),       cmocka_unit_test(test_lines_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
