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

#endif
