/* split.h — a big file in pieces that parse alone (split.c). */
#ifndef TP_SPLIT_H
#define TP_SPLIT_H

#include "touchpoint.h"

#include <stdint.h>

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
