/* files.h — the list of input files of a run. */
#ifndef TP_FILES_H
#define TP_FILES_H

#include "touchpoint.h"

typedef struct {
    const char *path; /* as named in messages ("<stdin>" for -) */
    const char *key;  /* identity: "device:inode", or "-" */
} tp_file;

/* Every file of the paths, sorted bytewise by path, each file once.
 * Unreadable paths are errors in diags. */
tp_status tp_collect_files(tp_arena *a, const char *const *paths, size_t npaths, tp_diags *diags,
                           tp_file **out, size_t *nout);
/* The whole content of f, malloc'd (the caller frees). TP_ERR_INPUT with
 * errno in *err when it cannot be read. */
tp_status tp_read_file(const tp_file *f, char **data, size_t *len, int *err);

/* ------------------------------------------------ a big file in pieces (split.c) */

/* Where the regular file open at fd (size bytes) can be cut into pieces of
 * about piece_bytes that parse alone: the offsets, ascending, in *cuts
 * (malloc'd; none for a file of one document, or UTF-16). */
tp_status tp_split_plan(int fd, int64_t size, size_t piece_bytes, int64_t **cuts, size_t *ncuts);
/* The line breaks in bytes [start, end) of fd, counted as libyaml counts
 * them (LF, CR LF, a lone CR, NEL, LS, PS). TP_ERR_INPUT when the file
 * cannot be read or is shorter. */
tp_status tp_split_lines(int fd, int64_t start, int64_t end, int64_t *lines);
/* Bytes [start, end) of fd, malloc'd with a NUL after them. TP_ERR_INPUT
 * with errno in *err when they cannot be read (or the file got shorter). */
tp_status tp_read_range(int fd, int64_t start, int64_t end, char **data, size_t *len, int *err);

#endif
