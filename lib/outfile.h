/* outfile.h — the one writer: files published all or nothing in a locked
 * folder (SPEC 4). */
#ifndef TP_OUTFILE_H
#define TP_OUTFILE_H

#include "touchpoint.h"

/* "dir/.name.XXXXXX" for "dir/name" (malloc'd; NULL when out of memory). */
char *tp_temp_name(const char *path);
/* mkdir -p path; false with errno set (ENOTDIR when path is a file). */
bool tp_mkdir_p(const char *path);
/* fsyncs the directory that holds path. */
void tp_sync_dir_of(const char *path);

/* One run's files, published all or nothing (SPEC 4). tp_pub_begin makes
 * dir if missing, waits for the lock on it (flock on the folder itself),
 * removes what a killed run left and makes a private folder (0700) inside
 * it for the temporaries. tp_pub_add writes one file ("report.md",
 * "charts/x.svg") there completely and syncs it; tp_pub_workbook starts a
 * child process that writes a workbook there (render(ctx, name) with that
 * folder as working directory; the library's standard error is read and
 * dropped) and reads it back. tp_pub_commit waits for the workbook, then
 * renames every file into place: a replaced file keeps its permission bits,
 * a new one gets 0666 less the umask. tp_pub_end (always, after any
 * failure too; NULL does nothing) removes the temporaries and unlocks.
 * Failures return TP_ERR_OUTPUT with errno set and *failed naming the
 * path (in arena), or TP_ERR_NOMEM. The tp_pub lives in arena. */
typedef struct tp_pub tp_pub;
tp_status tp_pub_begin(tp_arena *arena, const char *dir, const char **failed, tp_pub **out);
tp_status tp_pub_add(tp_pub *p, const char *name, const void *data, size_t len);
tp_status tp_pub_workbook(tp_pub *p, const char *name, tp_status (*render)(const void *ctx, const char *path),
                          const void *ctx);
tp_status tp_pub_commit(tp_pub *p);
void tp_pub_end(tp_pub *p);
/* tp_write_abandon (touchpoint.h) takes back the private folder of the
 * tp_pub being published. */

/* Writes data atomically to path: a hidden temporary file in the same
 * directory, fsync, rename. TP_ERR_OUTPUT on failure (errno kept). */
tp_status tp_write_file_atomic(const char *path, const void *data, size_t len);

#endif
