/* zip_level.c — how the workbook's parts are deflated, for the program only.
 *
 * libxlsxwriter 1.1.4 deflates every part of the workbook at zlib's default
 * level, on one thread, and has no option to change either. For the
 * Interactions sheet of a large quarter that is the largest single cost of
 * the report after its cells (150 MB of XML for 250,000 rows). The library
 * adds each part with three minizip calls: zipOpenNewFileInZip4_64,
 * zipWriteInFileInZip (16 KiB at a time) and zipCloseFileInZip. A definition
 * in the program comes first in dynamic symbol lookup, so libxlsxwriter
 * reaches the three below, which hand over to minizip's own (RTLD_NEXT).
 *
 * A deflated part is opened in minizip's raw mode and deflated here, at
 * level 1 (a third of the default level's time for a file about a third
 * larger), the way pigz does it: cut into pieces of S_PIECE bytes, each
 * deflated alone with the S_DICT bytes before it as its dictionary and
 * ended on a byte boundary (Z_SYNC_FLUSH), the last with Z_FINISH. Joined in
 * order the pieces are one deflate stream; minizip writes it as it is, with
 * the size and the CRC combined from the pieces'. A part of more than one
 * piece is deflated on up to tp_zip_threads threads; where the pieces are cut
 * does not depend on how many, so the workbook's bytes are those of -j1.
 *
 * It lives here, linked into the touchpoint program, and not in
 * libtouchpoint.a: unprefixed global symbols in the library would change the
 * workbooks of every program that links it. Programs that link the library
 * (the unit tests, fuzzers) get libxlsxwriter's own level on one thread: the
 * same workbook, less compressed. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "zip_level.h"

#include "parallel.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter/third_party/zip.h>

#define S_PIECE (1u << 20) /* bytes of a part deflated alone */
#define S_DICT 32768u      /* deflate's window: what a piece may refer back to */
#define S_MAX_THREADS 8u /* and a ring of S_MAX_THREADS + 2 pieces: about 12 MiB at most */

typedef int (*S_open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                         const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);
typedef int (*S_write_fn)(zipFile, const void *, unsigned int);
typedef int (*S_close_fn)(zipFile);
typedef int (*S_close_raw_fn)(zipFile, ZPOS64_T, uLong);
static struct {
    S_open_fn open;
    S_write_fn write;
    S_close_fn close;
    S_close_raw_fn close_raw;
} S_minizip;
static pthread_once_t S_minizip_once = PTHREAD_ONCE_INIT;
static unsigned S_threads = 1;

static void S_find_minizip(void)
{
    /* as POSIX advises for a function pointer */
    *(void **)&S_minizip.open = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    *(void **)&S_minizip.write = dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    *(void **)&S_minizip.close = dlsym(RTLD_NEXT, "zipCloseFileInZip");
    *(void **)&S_minizip.close_raw = dlsym(RTLD_NEXT, "zipCloseFileInZipRaw64");
}

static bool S_have_minizip(void)
{
    pthread_once(&S_minizip_once, S_find_minizip);
    return S_minizip.open && S_minizip.write && S_minizip.close && S_minizip.close_raw;
}

void tp_zip_threads(int jobs)
{
    unsigned n = (unsigned)tp_jobs(jobs);
    S_threads = n > S_MAX_THREADS ? S_MAX_THREADS : n;
}

/* One piece of a part: its bytes, the window before them, and once
 * deflated, its deflate blocks. */
typedef struct {
    unsigned char *in;
    size_t nin;
    unsigned char dict[S_DICT];
    size_t ndict;
    bool last;
    unsigned char *out;
    size_t nout, cap;
    uLong crc;
    int err;    /* ZIP_OK, or ZIP_INTERNALERROR */
    bool nomem; /* the error is that memory ran out */
    bool done;
} S_piece;

/* The deflated part being written on this thread (libxlsxwriter adds a
 * workbook's parts one at a time, each on the thread that closes it). */
typedef struct {
    zipFile file;
    S_piece *ring; /* nring pieces, the one of sequence number s at s % nring */
    unsigned nring;
    unsigned long queued, taken, written; /* pieces handed to the threads, taken by one, written */
    unsigned char window[S_DICT]; /* the last bytes before the piece being filled */
    size_t nwindow;
    uLong crc;
    ZPOS64_T size;
    int err;    /* ZIP_OK, or the first error: minizip's, or out of memory */
    bool nomem; /* the error is that memory ran out */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    bool stop;
    pthread_t thread[S_MAX_THREADS];
    unsigned nthreads;
    z_stream z; /* the writing thread's own, when no thread deflates */
    bool z_ready;
} S_part;

static __thread S_part *S_open_part;

/* Out of memory, as minizip says it (and errno, by which the workbook's
 * writer tells memory from the disk). */
static int S_nomem(S_part *t)
{
    if (t)
        t->nomem = true;
    errno = ENOMEM;
    return ZIP_INTERNALERROR;
}

static int S_z_init(z_stream *z)
{
    memset(z, 0, sizeof *z);
    return deflateInit2(z, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

/* Deflates p with z (reset first): the same bytes whichever stream, thread
 * and slot, as every call to deflate is given the same room (a step of
 * deflateBound: one call, in practice), never what a slot happens to hold. */
static void S_deflate(S_piece *p, z_stream *z)
{
    p->crc = crc32(0L, p->in, (uInt)p->nin);
    p->nout = 0;
    int rc = deflateReset(z);
    if (rc == Z_OK && p->ndict)
        rc = deflateSetDictionary(z, p->dict, (uInt)p->ndict);
    z->next_in = p->in;
    z->avail_in = (uInt)p->nin;
    int flush = p->last ? Z_FINISH : Z_SYNC_FLUSH;
    size_t step = deflateBound(z, (uLong)p->nin) + 64;
    while (rc == Z_OK) {
        if (p->cap - p->nout < step) {
            unsigned char *o = realloc(p->out, p->nout + step);
            if (!o) {
                rc = Z_MEM_ERROR;
                break;
            }
            p->out = o;
            p->cap = p->nout + step;
        }
        z->next_out = p->out + p->nout;
        z->avail_out = (uInt)step;
        rc = deflate(z, flush);
        p->nout += step - z->avail_out;
        if (rc == Z_STREAM_END)
            break;
        if (rc == Z_OK && z->avail_in == 0 && z->avail_out > 0 && !p->last)
            break; /* flushed: the piece ends on a byte boundary */
    }
    p->nomem = rc == Z_MEM_ERROR;
    p->err = rc == Z_OK || rc == Z_STREAM_END ? ZIP_OK : ZIP_INTERNALERROR;
}

static void *S_thread(void *arg)
{
    S_part *t = arg;
    z_stream z;
    bool ready = S_z_init(&z) == Z_OK;
    pthread_mutex_lock(&t->mu);
    for (;;) {
        while (!t->stop && t->taken == t->queued)
            pthread_cond_wait(&t->work, &t->mu);
        if (t->taken == t->queued)
            break;
        S_piece *p = &t->ring[t->taken++ % t->nring];
        pthread_mutex_unlock(&t->mu);
        if (ready) {
            S_deflate(p, &z);
        } else {
            p->err = ZIP_INTERNALERROR;
            p->nomem = true;
        }
        pthread_mutex_lock(&t->mu);
        p->done = true;
        pthread_cond_broadcast(&t->done);
    }
    pthread_mutex_unlock(&t->mu);
    if (ready)
        deflateEnd(&z);
    return NULL;
}

/* Stops and joins the threads once every piece handed to them is done. */
static void S_stop_threads(S_part *t)
{
    if (!t->nthreads)
        return;
    pthread_mutex_lock(&t->mu);
    t->stop = true;
    pthread_cond_broadcast(&t->work);
    pthread_mutex_unlock(&t->mu);
    for (unsigned i = 0; i < t->nthreads; i++)
        pthread_join(t->thread[i], NULL);
    t->nthreads = 0;
}

static void S_part_free(S_part *t)
{
    S_stop_threads(t);
    for (unsigned i = 0; i < t->nring; i++) {
        free(t->ring[i].in);
        free(t->ring[i].out);
    }
    free(t->ring);
    if (t->z_ready)
        deflateEnd(&t->z);
    pthread_mutex_destroy(&t->mu);
    pthread_cond_destroy(&t->work);
    pthread_cond_destroy(&t->done);
    free(t);
}

/* Writes the oldest piece once it is done, and frees its place. */
static void S_write_oldest(S_part *t)
{
    S_piece *p = &t->ring[t->written % t->nring];
    if (t->nthreads) {
        pthread_mutex_lock(&t->mu);
        while (!p->done)
            pthread_cond_wait(&t->done, &t->mu);
        pthread_mutex_unlock(&t->mu);
    }
    if (t->err == ZIP_OK && p->err != ZIP_OK)
        t->err = p->nomem ? S_nomem(t) : p->err;
    if (t->err == ZIP_OK && p->nout)
        t->err = S_minizip.write(t->file, p->out, (unsigned)p->nout);
    t->crc = crc32_combine(t->crc, p->crc, (z_off_t)p->nin);
    t->size += p->nin;
    p->nin = 0;
    p->done = false;
    t->written++;
}

/* Hands the piece being filled to be deflated (on this thread when no other
 * may), and makes the next one ready to fill. */
static void S_hand_over(S_part *t, bool last)
{
    S_piece *p = &t->ring[t->queued % t->nring];
    memcpy(p->dict, t->window, t->nwindow);
    p->ndict = t->nwindow;
    p->last = last;
    if (!last) { /* a full piece (only the last is short): its tail is the next one's window */
        memcpy(t->window, p->in + S_PIECE - S_DICT, S_DICT);
        t->nwindow = S_DICT;
    }
    if (!last && !t->nthreads && S_threads > 1) {
        int e = errno; /* a thread not made is no error: fewer threads deflate */
        for (unsigned i = 0; i < S_threads; i++) {
            if (pthread_create(&t->thread[t->nthreads], NULL, S_thread, t) != 0)
                break;
            t->nthreads++;
        }
        errno = e;
    }
    if (t->nthreads) {
        pthread_mutex_lock(&t->mu);
        t->queued++;
        pthread_cond_signal(&t->work);
        pthread_mutex_unlock(&t->mu);
    } else {
        if (!t->z_ready)
            t->z_ready = S_z_init(&t->z) == Z_OK;
        if (t->z_ready) {
            S_deflate(p, &t->z);
        } else {
            p->err = ZIP_INTERNALERROR;
            p->nomem = true;
        }
        p->done = true;
        t->queued++;
        t->taken++;
    }
    while (t->written < t->queued && (t->written + t->nring <= t->queued || !t->nthreads))
        S_write_oldest(t);
    S_piece *next = &t->ring[t->queued % t->nring];
    if (!last && !next->in && !(next->in = malloc(S_PIECE)) && t->err == ZIP_OK)
        t->err = S_nomem(t);
}

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local, const void *extrafield_global,
                            uInt size_extrafield_global, const char *comment, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy, const char *password, uLong crcForCrypting,
                            uLong versionMadeBy, uLong flagBase, int zip64)
{
    if (!S_have_minizip())
        return ZIP_INTERNALERROR;
    S_part *t = NULL;
    if (method == Z_DEFLATED && !raw && !password && !S_open_part) {
        unsigned nring = S_threads > 1 ? S_threads + 2 : 1; /* one filled, one written beside those deflated */
        if (!(t = calloc(1, sizeof *t)) || !(t->ring = calloc(nring, sizeof *t->ring)) ||
            !(t->ring[0].in = malloc(S_PIECE))) {
            if (t)
                free(t->ring);
            free(t);
            return S_nomem(NULL);
        }
        t->nring = nring;
        t->file = file;
        t->crc = crc32(0L, Z_NULL, 0);
        pthread_mutex_init(&t->mu, NULL);
        pthread_cond_init(&t->work, NULL);
        pthread_cond_init(&t->done, NULL);
        raw = 1;
    }
    if (method == Z_DEFLATED)
        level = 1; /* in raw mode only the header's flags say so */
    int rc = S_minizip.open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                            size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                            password, crcForCrypting, versionMadeBy, flagBase, zip64);
    if (t && rc == ZIP_OK)
        S_open_part = t;
    else if (t)
        S_part_free(t);
    return rc;
}

int zipWriteInFileInZip(zipFile file, const void *buf, unsigned int len)
{
    S_part *t = S_open_part;
    if (!S_have_minizip())
        return ZIP_INTERNALERROR;
    if (!t || t->file != file)
        return S_minizip.write(file, buf, len);
    const unsigned char *b = buf;
    while (len && t->err == ZIP_OK) {
        S_piece *p = &t->ring[t->queued % t->nring];
        size_t n = S_PIECE - p->nin < len ? S_PIECE - p->nin : len;
        memcpy(p->in + p->nin, b, n);
        p->nin += n;
        b += n;
        len -= (unsigned)n;
        if (p->nin == S_PIECE)
            S_hand_over(t, false);
    }
    if (t->err == ZIP_OK)
        return ZIP_OK;
    /* libxlsxwriter gives up on the workbook without closing the part */
    int err = t->err;
    bool nomem = t->nomem;
    S_open_part = NULL;
    S_part_free(t);
    if (nomem)
        errno = ENOMEM;
    return err;
}

int zipCloseFileInZip(zipFile file)
{
    S_part *t = S_open_part;
    if (!S_have_minizip())
        return ZIP_INTERNALERROR;
    if (!t || t->file != file)
        return S_minizip.close(file);
    S_open_part = NULL;
    if (t->err == ZIP_OK)
        S_hand_over(t, true);
    while (t->err == ZIP_OK && t->written < t->queued)
        S_write_oldest(t);
    int err = t->err;
    bool nomem = t->nomem;
    ZPOS64_T size = t->size;
    uLong crc = t->crc;
    S_part_free(t);
    int rc = S_minizip.close_raw(file, size, crc);
    if (nomem)
        errno = ENOMEM;
    return err != ZIP_OK ? err : rc;
}
