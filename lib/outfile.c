/* outfile.c — atomic writes: one file (a hidden temporary beside the target,
 * fsync, rename) and a whole run (tp_pub: every file complete first, then
 * renamed in a burst, under a lock on the output folder). */
#include "arena.h"
#include "outfile.h"
#include "zipcheck.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/random.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <sys/wait.h>
#include <time.h>
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
    memcpy(dir + n, ".", 2);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The folders a run made, as lengths of prefixes of its path, shallowest
 * first (a path names at most PATH_MAX / 2 of them). */
typedef struct {
    size_t len[PATH_MAX / 2];
    size_t n;
} S_made;

/* mkdir -p of path; made (unless NULL) gets the folders it made, for
 * S_unmake_dirs. */
static bool S_mkdir_p(const char *path, S_made *made)
{
    char p[PATH_MAX];
    size_t len = strlen(path);
    if (made)
        made->n = 0;
    if (len == 0 || len >= sizeof p) {
        errno = len ? ENAMETOOLONG : ENOENT;
        return false;
    }
    memcpy(p, path, len + 1);
    for (char *s = p + 1;; s++) {
        if (*s && *s != '/')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) == 0) {
            if (made && made->n < sizeof made->len / sizeof *made->len)
                made->len[made->n++] = (size_t)(s - p);
        } else if (errno != EEXIST) {
            return false;
        }
        if (!c)
            break;
        *s = c;
    }
    struct stat st;
    if (stat(p, &st) != 0)
        return false;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return false;
    }
    return true;
}

bool tp_mkdir_p(const char *path) { return S_mkdir_p(path, NULL); }

/* Removes the folders of path a run made (S_mkdir_p), the deepest first,
 * each only when empty: a run that publishes nothing leaves no new folder
 * behind, and never one that was there before. errno is kept. */
static void S_unmake_dirs(const char *path, const S_made *made)
{
    char p[PATH_MAX];
    size_t len = strlen(path);
    if (!made || len >= sizeof p)
        return;
    int err = errno;
    for (size_t i = made->n; i-- > 0;) {
        memcpy(p, path, made->len[i]);
        p[made->len[i]] = '\0';
        if (rmdir(p) != 0)
            break; /* not empty: what is above it stays too */
    }
    errno = err;
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

/* ------------------------------------------------------------- one run
 *
 * Every file of a run is written completely into a private folder inside
 * the output folder (mode 0700, made here, checked to be ours), through
 * descriptors only; when all are synced they are renamed into place in a
 * burst. Nothing is ever reopened by a name that goes through the output
 * folder, which another user may be able to write. */

#define S_PRIVATE_PREFIX ".touchpoint-"
#define S_PRIVATE_LEN (sizeof S_PRIVATE_PREFIX - 1 + 6)

typedef struct S_entry {
    struct S_entry *next;
    const char *name; /* as published: "report.md", "charts/bacon.svg" */
    const char *tmp;  /* in the private folder */
    dev_t dev;
    ino_t ino;
    int placed;       /* in the burst: S_PLACED_* */
} S_entry;

/* How an entry went into place: not yet; as a new name; exchanged with
 * the file it replaces (which waits under tmp, to be put back or
 * removed); over it, where the file system cannot exchange. */
enum { S_PLACED_NOT, S_PLACED_NEW, S_PLACED_SWAPPED, S_PLACED_OVER };

struct tp_pub {
    tp_arena *arena;
    const char *dir;
    const char **failed;
    mode_t umask;
    int dirfd, privfd, chartsfd; /* -1 when not open */
    bool charts_missing;         /* charts/ is made at the commit */
    bool charts_made, committed; /* charts/ made by this run; every file published */
    S_made *made;                /* the folders of dir this run made (S_mkdir_p) */
    char privname[S_PRIVATE_LEN + 1];
    S_entry *entries, **last;
    /* the workbook being written by a child process */
    const char *wb_name, *wb_tmp;
    pid_t wb_pid;
    int wb_pipe;  /* its standard error, read and dropped */
    int *wb_shared; /* {status, errno} written by the child */
};

/* The run being published in this process, for tp_write_abandon; set once
 * its private folder exists, cleared when it ends (and in the child). */
static tp_pub *volatile S_current;

/* Signals held back (in this thread: the library's other threads have
 * ended by the time it writes) while the run's state changes under
 * tp_write_abandon's eyes: a fork, the renames, the cleanup. */
static void S_hold_signals(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, old);
}

static void S_release_signals(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

/* Records the failing path (dir/name, or dir) and errno; returns st. */
static tp_status S_pub_fail(tp_pub *p, tp_status st, const char *name)
{
    int e = errno;
    if (st != TP_OK && p->failed) {
        const char *path = name ? tp_sprintf(p->arena, "%s/%s", p->dir, name) : p->dir;
        *p->failed = path ? path : p->dir;
    }
    errno = e;
    return st;
}

static bool S_write_all(int fd, const void *data, size_t len)
{
    const char *s = data;
    while (len) {
        ssize_t w = write(fd, s, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        s += w;
        len -= (size_t)w;
    }
    return true;
}

/* Six letters and digits from the kernel's random source (or the clock). */
static void S_random6(char *out)
{
    static const char al[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char r[6];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        unsigned long v = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
        for (size_t i = 0; i < sizeof r; i++, v = v * 6364136223846793005UL + 1442695040888963407UL)
            r[i] = (unsigned char)(v >> 33);
    }
    for (size_t i = 0; i < sizeof r; i++)
        out[i] = al[r[i] % (sizeof al - 1)];
}

/* A directory entry at dirfd, opened without following a symlink, that is
 * ours; -1 otherwise. */
static int S_open_own_dir(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_uid != geteuid())) {
        close(fd);
        errno = EPERM;
        fd = -1;
    }
    return fd;
}

/* Whether name is "PREFIX" followed by six letters or digits. */
static bool S_private_name(const char *name)
{
    if (strncmp(name, S_PRIVATE_PREFIX, sizeof S_PRIVATE_PREFIX - 1) != 0 || strlen(name) != S_PRIVATE_LEN)
        return false;
    for (const char *s = name + sizeof S_PRIVATE_PREFIX - 1; *s; s++)
        if (!isalnum((unsigned char)*s))
            return false;
    return true;
}

/* Whether name is an earlier version's temporary: ".report.*.XXXXXX",
 * ".benchmark.*.XXXXXX" (or, in charts/, ".*.svg.XXXXXX"). */
static bool S_legacy_name(const char *name, bool charts)
{
    size_t n = strlen(name);
    if (n < 9 || name[0] != '.' || name[n - 7] != '.')
        return false;
    if (charts)
        return n > 12 && !memcmp(name + n - 11, ".svg", 4);
    return !strncmp(name, ".report.", 8) || !strncmp(name, ".benchmark.", 11);
}

/* A listing of the folder open as fd (which stays open); NULL on failure. */
static DIR *S_list(int fd)
{
    int dup_fd = dup(fd);
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    if (!d && dup_fd >= 0)
        close(dup_fd);
    return d;
}

/* Removes the files in the folder open as fd (a private folder: flat, no
 * subfolders); best effort. fd stays open. On Linux it makes system calls
 * only and allocates nothing (getdents64, where readdir may allocate), so
 * tp_write_abandon can call it from a signal handler; unlinking while
 * listing may skip names, so the folder is listed again until a pass
 * removes nothing. */
static void S_empty_dir(int fd)
{
#ifdef __linux__
    for (int pass = 0; pass < 8; pass++) {
        char buf[4096];
        long n, removed = 0;
        lseek(fd, 0, SEEK_SET);
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            for (long off = 0; off < n;) {
                const char *name = buf + off + 19; /* d_ino 8, d_off 8, d_reclen 2, d_type 1 */
                unsigned short reclen;
                memcpy(&reclen, buf + off + 16, sizeof reclen);
                if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && unlinkat(fd, name, 0) == 0)
                    removed++;
                off += reclen;
            }
        if (!removed)
            break;
    }
#else
    DIR *d = S_list(fd);
    if (!d)
        return;
    for (struct dirent *f; (f = readdir(d)) != NULL;)
        if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0)
            unlinkat(fd, f->d_name, 0);
    closedir(d);
#endif
}

/* Stops the workbook's child pid and reaps it (async-signal-safe). */
static void S_kill_child(pid_t pid)
{
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
}

void tp_write_abandon(void)
{
    tp_pub *p = S_current;
    if (!p || p->privfd < 0)
        return;
    S_current = NULL;
    /* The workbook's temporaries are in the folder too: its child is
     * stopped while it runs (waitpid says 0: still ours, so its pid is not
     * someone else's); one that has ended is reaped by that waitpid. */
    if (p->wb_pid > 0 && waitpid(p->wb_pid, NULL, WNOHANG) == 0)
        S_kill_child(p->wb_pid);
    S_empty_dir(p->privfd);
    unlinkat(p->dirfd, p->privname, AT_REMOVEDIR);
}


/* Removes the temporaries a killed run left in dirfd: its private folders
 * (whatever they hold, one level) and an earlier version's hidden files.
 * Only what this user owns; best effort (nothing here is a failure). */
static void S_remove_leftovers(int dirfd, bool charts)
{
    DIR *d = S_list(dirfd);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        struct stat st;
        if (S_legacy_name(e->d_name, charts)) {
            if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                st.st_uid == geteuid())
                unlinkat(dirfd, e->d_name, 0);
            continue;
        }
        if (charts || !S_private_name(e->d_name))
            continue;
        int fd = S_open_own_dir(dirfd, e->d_name);
        /* only a folder as S_make_private makes one (group and others
         * shut out): a user's folder of that name stays */
        if (fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 077) == 0) {
            S_empty_dir(fd);
            close(fd);
            unlinkat(dirfd, e->d_name, AT_REMOVEDIR);
        } else if (fd >= 0) {
            close(fd);
        }
    }
    closedir(d);
}

/* Makes the run's private folder in the output folder. */
static bool S_make_private(tp_pub *p)
{
    memcpy(p->privname, S_PRIVATE_PREFIX, sizeof S_PRIVATE_PREFIX - 1);
    p->privname[S_PRIVATE_LEN] = '\0';
    for (int tries = 0; tries < 100; tries++) {
        S_random6(p->privname + sizeof S_PRIVATE_PREFIX - 1);
        if (mkdirat(p->dirfd, p->privname, 0700) != 0) {
            if (errno == EEXIST)
                continue;
            return false;
        }
        p->privfd = S_open_own_dir(p->dirfd, p->privname);
        struct stat st;
        if (p->privfd >= 0 && fstat(p->privfd, &st) == 0 && (st.st_mode & 077) == 0)
            return true;
        /* someone else's folder under our name: refuse it */
        if (p->privfd >= 0)
            close(p->privfd);
        p->privfd = -1;
        p->privname[0] = '\0';
        errno = EPERM;
        return false;
    }
    errno = EEXIST;
    return false;
}

tp_status tp_pub_begin(tp_arena *arena, const char *dir, const char **failed, tp_pub **out)
{
    *out = NULL;
    tp_pub *p = tp_calloc(arena, 1, sizeof *p);
    if (!p)
        return TP_ERR_NOMEM;
    *p = (tp_pub){.arena = arena, .dir = dir, .failed = failed, .dirfd = -1, .privfd = -1, .chartsfd = -1,
                  .wb_pid = -1, .wb_pipe = -1};
    p->last = &p->entries;
    p->umask = umask(0);
    umask(p->umask);
    if (!(p->made = tp_calloc(arena, 1, sizeof *p->made)))
        return TP_ERR_NOMEM;
    if (!S_mkdir_p(dir, p->made) || (p->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        S_unmake_dirs(dir, p->made);
        return S_pub_fail(p, TP_ERR_OUTPUT, NULL);
    }
    *out = p;
    int rc;
    while ((rc = flock(p->dirfd, LOCK_EX)) != 0 && errno == EINTR)
        ;
    if (rc != 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, NULL);
    S_remove_leftovers(p->dirfd, false);
    int cfd = openat(p->dirfd, "charts", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (cfd >= 0) {
        S_remove_leftovers(cfd, true);
        close(cfd);
    }
    if (!S_make_private(p))
        return S_pub_fail(p, TP_ERR_OUTPUT, NULL);
    S_current = p;
    return TP_OK;
}

/* The folder (descriptor) a published name goes to, and its base name;
 * charts/ is opened (never through a symlink) or noted to be made. */
static tp_status S_target(tp_pub *p, const char *name, int *fd, const char **base)
{
    if (strncmp(name, "charts/", 7) != 0) {
        *fd = p->dirfd;
        *base = name;
        return TP_OK;
    }
    *base = name + 7;
    if (p->chartsfd < 0 && !p->charts_missing) {
        p->chartsfd = openat(p->dirfd, "charts", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (p->chartsfd < 0 && errno != ENOENT)
            return S_pub_fail(p, TP_ERR_OUTPUT, "charts");
        p->charts_missing = p->chartsfd < 0;
    }
    *fd = p->chartsfd;
    return TP_OK;
}

/* The mode a published file gets: the one it replaces keeps its
 * permission bits; a new one gets 0666 less the umask. */
static tp_status S_mode(tp_pub *p, const char *name, mode_t *mode)
{
    int tfd = -1;
    const char *base = name;
    tp_status st = S_target(p, name, &tfd, &base);
    if (st != TP_OK)
        return st;
    *mode = 0666 & ~p->umask;
    struct stat sb;
    if (tfd < 0 || fstatat(tfd, base, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        return TP_OK;
    if (S_ISDIR(sb.st_mode)) {
        errno = EISDIR;
        return S_pub_fail(p, TP_ERR_OUTPUT, name);
    }
    if (S_ISREG(sb.st_mode))
        *mode = sb.st_mode & 0777;
    return TP_OK;
}

/* A new entry for name, its temporary named in the private folder. */
static S_entry *S_entry_new(tp_pub *p, const char *name)
{
    S_entry *e = tp_calloc(p->arena, 1, sizeof *e);
    const char *tmp = tp_sprintf(p->arena, "%s%s", strncmp(name, "charts/", 7) ? "" : "charts-",
                                 strncmp(name, "charts/", 7) ? name : name + 7);
    if (!e || !tmp)
        return NULL;
    e->name = name;
    e->tmp = tmp;
    return e;
}

/* Sets the mode of a complete temporary, syncs it, records its identity
 * and queues it for the commit. */
static tp_status S_seal(tp_pub *p, S_entry *e, int fd)
{
    mode_t mode;
    tp_status st = S_mode(p, e->name, &mode);
    if (st != TP_OK)
        return st;
    struct stat sb;
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0 || fstat(fd, &sb) != 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, e->name);
    e->dev = sb.st_dev;
    e->ino = sb.st_ino;
    *p->last = e;
    p->last = &e->next;
    return TP_OK;
}

tp_status tp_pub_add(tp_pub *p, const char *name, const void *data, size_t len)
{
    const char *own = tp_strdup(p->arena, name);
    S_entry *e = own ? S_entry_new(p, own) : NULL;
    if (!e)
        return TP_ERR_NOMEM;
    int fd = openat(p->privfd, e->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, name);
    tp_status st = S_write_all(fd, data, len) ? S_seal(p, e, fd) : S_pub_fail(p, TP_ERR_OUTPUT, name);
    int err = errno;
    if (close(fd) != 0 && st == TP_OK) {
        err = errno;
        st = S_pub_fail(p, TP_ERR_OUTPUT, name);
    }
    if (st != TP_OK) /* the disk space back at once; tp_pub_end removes the rest */
        unlinkat(p->privfd, e->tmp, 0);
    errno = err;
    return st;
}

/* In the child: the workbook written with the private folder as working
 * directory, read back and synced; the status goes to shared memory. */
static void S_child(tp_pub *p, pid_t parent, int errfd, tp_status (*render)(const void *ctx, const char *path),
                    const void *ctx)
{
#ifdef __linux__
    /* a parent killed mid-run takes its workbook with it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(1);
#else
    (void)parent;
#endif
    dup2(errfd, 2);
    errno = 0;
    tp_status st = fchdir(p->privfd) == 0 ? render(ctx, p->wb_tmp) : TP_ERR_OUTPUT;
    if (st == TP_ERR_OUTPUT && errno == ENOMEM)
        st = TP_ERR_NOMEM; /* libxlsxwriter tells only that a part failed: a temporary file, a zip entry */
    if (st == TP_OK) {
        int fd = open(p->wb_tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        st = fd < 0 ? TP_ERR_OUTPUT : tp_xlsx_verify_fd(fd);
        if (st == TP_OK && fsync(fd) != 0)
            st = TP_ERR_OUTPUT;
        if (fd >= 0)
            close(fd);
    }
    p->wb_shared[0] = (int)st;
    p->wb_shared[1] = errno;
    _exit(0);
}

tp_status tp_pub_workbook(tp_pub *p, const char *name, tp_status (*render)(const void *ctx, const char *path),
                          const void *ctx)
{
    p->wb_name = p->wb_tmp = tp_strdup(p->arena, name);
    if (!p->wb_name)
        return TP_ERR_NOMEM;
    void *shm = mmap(NULL, 2 * sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED)
        return errno == ENOMEM ? TP_ERR_NOMEM : S_pub_fail(p, TP_ERR_OUTPUT, name);
    p->wb_shared = shm;
    p->wb_shared[0] = (int)TP_ERR_OUTPUT;
    p->wb_shared[1] = EIO;
    int pfd[2];
    if (pipe(pfd) != 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, name);
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL); /* nothing buffered is written twice */
    sigset_t held;
    S_hold_signals(&held); /* until the child is known: p->wb_pid, or S_current cleared in it */
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        S_current = NULL; /* the parent's to take back, not the child's */
        S_release_signals(&held);
        close(pfd[0]);
        S_child(p, parent, pfd[1], render, ctx);
    }
    int err = errno;
    if (pid > 0)
        p->wb_pid = pid;
    S_release_signals(&held);
    close(pfd[1]);
    if (pid < 0) {
        close(pfd[0]);
        errno = err;
        return err == ENOMEM ? TP_ERR_NOMEM : S_pub_fail(p, TP_ERR_OUTPUT, name);
    }
    p->wb_pipe = pfd[0];
    return TP_OK;
}

/* Waits for the workbook's child, dropping what the library printed. */
static tp_status S_workbook_wait(tp_pub *p)
{
    char sink[4096];
    while (read(p->wb_pipe, sink, sizeof sink) > 0 || errno == EINTR)
        ;
    close(p->wb_pipe);
    p->wb_pipe = -1;
    int ws = 0;
    pid_t w;
    while ((w = waitpid(p->wb_pid, &ws, 0)) < 0 && errno == EINTR)
        ;
    /* With SIGCHLD ignored (a disposition a caller's exec passes on) the
     * child is reaped unseen and waitpid fails with ECHILD once it has
     * ended: its status in shared memory, written last, then says it all. */
    bool reaped = w < 0 && errno == ECHILD;
    bool exited = reaped || (w == p->wb_pid && WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    p->wb_pid = -1;
    tp_status st = exited ? (tp_status)p->wb_shared[0] : TP_ERR_OUTPUT;
    errno = exited ? p->wb_shared[1] : EIO;
    if (st != TP_OK)
        return st == TP_ERR_NOMEM ? st : S_pub_fail(p, TP_ERR_OUTPUT, p->wb_name);
    S_entry *e = tp_calloc(p->arena, 1, sizeof *e);
    if (!e)
        return TP_ERR_NOMEM;
    e->name = p->wb_name;
    e->tmp = p->wb_tmp;
    int fd = openat(p->privfd, e->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, e->name);
    st = S_seal(p, e, fd);
    close(fd);
    return st;
}

/* Before any rename: charts/ exists, and every temporary is still the file
 * written (same device and inode). */
static tp_status S_ready(tp_pub *p)
{
    struct stat ps, sb;
    if (fstat(p->privfd, &ps) != 0)
        return S_pub_fail(p, TP_ERR_OUTPUT, p->privname);
    for (S_entry *e = p->entries; e; e = e->next) {
        if (!strncmp(e->name, "charts/", 7) && p->chartsfd < 0) {
            if (mkdirat(p->dirfd, "charts", 0777) == 0)
                p->charts_made = true;
            else if (errno != EEXIST)
                return S_pub_fail(p, TP_ERR_OUTPUT, "charts");
            p->chartsfd = openat(p->dirfd, "charts", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (p->chartsfd < 0)
                return S_pub_fail(p, TP_ERR_OUTPUT, "charts");
            p->charts_missing = false;
        }
        if (fstatat(p->privfd, e->tmp, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            return S_pub_fail(p, TP_ERR_OUTPUT, e->name);
        if (sb.st_dev != e->dev || sb.st_ino != e->ino) {
            errno = EBUSY;
            return S_pub_fail(p, TP_ERR_OUTPUT, e->name);
        }
    }
    if (p->chartsfd >= 0 && (fstat(p->chartsfd, &sb) != 0 || sb.st_dev != ps.st_dev)) {
        errno = EXDEV;
        return S_pub_fail(p, TP_ERR_OUTPUT, "charts");
    }
    return TP_OK;
}

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Exchanges tmp in the private folder and base in tfd, atomically. */
static int S_exchange(const tp_pub *p, const char *tmp, int tfd, const char *base)
{
    return (int)syscall(SYS_renameat2, p->privfd, tmp, tfd, base, RENAME_EXCHANGE);
}

/* Puts tmp (in the private folder) at base (in tfd): exchanged with the
 * file there, so that it can be put back when a later rename of the burst
 * fails (a file of another user in a sticky folder, say). */
static int S_place(tp_pub *p, const char *tmp, int tfd, const char *base)
{
    if (S_exchange(p, tmp, tfd, base) == 0) {
        /* What was there is now tmp: a file or a link is replaced as a
         * rename would, a folder someone made there meanwhile goes back
         * (rename would refuse it: EISDIR) */
        struct stat st;
        if (fstatat(p->privfd, tmp, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
            return S_PLACED_SWAPPED;
        S_exchange(p, tmp, tfd, base);
        errno = EISDIR;
        return S_PLACED_NOT;
    }
    if (errno == ENOENT) /* nothing to replace */
        return renameat(p->privfd, tmp, tfd, base) == 0 ? S_PLACED_NEW : S_PLACED_NOT;
    if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) /* no exchange here: over it */
        return renameat(p->privfd, tmp, tfd, base) == 0 ? S_PLACED_OVER : S_PLACED_NOT;
    return S_PLACED_NOT;
}

/* A rename of the burst failed: the files already put in place go back
 * where they were, and the ones they replaced come back (SPEC §4: the
 * whole previous report, never a mix). Errors are ignored: the first
 * failure is what is told. */
static void S_unplace(tp_pub *p)
{
    int err = errno;
    for (S_entry *e = p->entries; e; e = e->next) {
        int tfd;
        const char *base;
        if (e->placed == S_PLACED_NOT || e->placed == S_PLACED_OVER || S_target(p, e->name, &tfd, &base) != TP_OK)
            continue;
        if (e->placed == S_PLACED_SWAPPED)
            S_exchange(p, e->tmp, tfd, base);
        else
            renameat(tfd, base, p->privfd, e->tmp);
        e->placed = S_PLACED_NOT;
    }
    errno = err;
}

tp_status tp_pub_commit(tp_pub *p)
{
    tp_status st = p->wb_pid >= 0 ? S_workbook_wait(p) : TP_OK;
    if (st == TP_OK)
        st = S_ready(p);
    sigset_t held;
    S_hold_signals(&held); /* a signal comes after the burst, never in it: all new, or all old */
    for (S_entry *e = p->entries; e && st == TP_OK; e = e->next) {
        int tfd;
        const char *base;
        st = S_target(p, e->name, &tfd, &base);
        if (st == TP_OK && (e->placed = S_place(p, e->tmp, tfd, base)) == S_PLACED_NOT)
            st = S_pub_fail(p, TP_ERR_OUTPUT, e->name);
    }
    if (st != TP_OK)
        S_unplace(p);
    p->committed = st == TP_OK;
    S_release_signals(&held);
    if (p->chartsfd >= 0)
        fsync(p->chartsfd);
    fsync(p->dirfd);
    return st;
}

void tp_pub_end(tp_pub *p)
{
    if (!p)
        return;
    sigset_t held;
    S_hold_signals(&held); /* the cleanup is done whole, then a signal may end the process */
    S_current = NULL;
    int err = errno;
    bool killed = p->wb_pid >= 0;
    if (killed) /* a run that failed before its workbook was done */
        S_kill_child(p->wb_pid);
    if (p->wb_pipe >= 0)
        close(p->wb_pipe);
    if (p->wb_shared)
        munmap(p->wb_shared, 2 * sizeof(int));
    if (p->privfd >= 0) {
        for (S_entry *e = p->entries; e; e = e->next)
            unlinkat(p->privfd, e->tmp, 0);
        if (p->wb_tmp)
            unlinkat(p->privfd, p->wb_tmp, 0);
        if (killed) /* libxlsxwriter's own temporaries, cut before it unlinked them */
            S_empty_dir(p->privfd);
        close(p->privfd);
        unlinkat(p->dirfd, p->privname, AT_REMOVEDIR);
    }
    if (p->chartsfd >= 0)
        close(p->chartsfd);
    if (!p->committed && p->charts_made && p->dirfd >= 0)
        unlinkat(p->dirfd, "charts", AT_REMOVEDIR); /* empty again after the undo */
    if (p->dirfd >= 0)
        close(p->dirfd); /* and the lock with it */
    if (!p->committed)
        S_unmake_dirs(p->dir, p->made);
    S_release_signals(&held);
    errno = err;
}

bool tp_dir_shared(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX);
    return others_write || (st.st_uid != geteuid() && st.st_uid != 0);
}
