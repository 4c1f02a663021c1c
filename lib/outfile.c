/* outfile.c — atomic writes: a hidden temporary beside the target, fsync, rename. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* fsync of the directory holding path, so a rename survives a crash.
 * It allocates nothing: a rename already done must not fail for memory. */
void tp_sync_dir_of(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    if (n >= sizeof dir)
        return;
    memcpy(dir, path, n);
    strcpy(dir + n, ".");
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

bool tp_mkdir_p(const char *path)
{
    char p[PATH_MAX];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof p) {
        errno = len ? ENAMETOOLONG : ENOENT;
        return false;
    }
    memcpy(p, path, len + 1);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            return false;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        return false;
    struct stat st;
    if (stat(p, &st) != 0)
        return false;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return false;
    }
    return true;
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
