/* outfile.c — atomic writes: a hidden temporary beside the target, fsync, rename. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "dir/.name.XXXXXX" for path "dir/name", malloc'd. */
char *tp_temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    const char *base = path + dirlen;
    size_t n = dirlen + 1 + strlen(base) + 8;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return t;
}

/* fsync of the directory holding path, so a rename survives a crash. */
void tp_sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

tp_status tp_write_file_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = tp_temp_name(path);
    if (!tmp)
        return TP_ERR_NOMEM;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return TP_ERR_OUTPUT;
    }
    const char *p = data;
    size_t left = len;
    bool ok = true;
    while (left && ok) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok) {
            p += w;
            left -= (size_t)w;
        }
    }
    mode_t um = umask(0);
    umask(um);
    ok = ok && fchmod(fd, 0666 & ~um) == 0 && fsync(fd) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        errno = e ? e : EIO;
        return TP_ERR_OUTPUT;
    }
    free(tmp);
    tp_sync_dir_of(path);
    return TP_OK;
}
