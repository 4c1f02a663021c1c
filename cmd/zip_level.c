/* zip_level.c — the workbook's compression level, for the program only.
 *
 * libxlsxwriter 1.1.4 deflates every part of the workbook at zlib's default
 * level and has no option to change it. For the Interactions sheet of a
 * large quarter that is the largest single cost of the report (2 s of 6 for
 * 250,000 rows); level 1 takes a third of the time for a file about a third
 * larger. The library opens each part with minizip's
 * zipOpenNewFileInZip4_64; a definition in the program comes first in
 * dynamic symbol lookup, so libxlsxwriter reaches this one, which hands
 * over to minizip's with level 1.
 *
 * It lives here, linked into the touchpoint program, and not in
 * libtouchpoint.a: an unprefixed global symbol in the library would change
 * the workbooks of every program that links it. Programs that link the
 * library (the unit tests, fuzzers) get libxlsxwriter's own level: the same
 * workbook, less compressed. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <pthread.h>
#include <xlsxwriter/third_party/zip.h>

typedef int (*S_open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                         const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);
static S_open_fn S_minizip_open;
static pthread_once_t S_minizip_once = PTHREAD_ONCE_INIT;

static void S_find_minizip(void)
{
    *(void **)&S_minizip_open = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"); /* as POSIX advises */
}

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local, const void *extrafield_global,
                            uInt size_extrafield_global, const char *comment, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy, const char *password, uLong crcForCrypting,
                            uLong versionMadeBy, uLong flagBase, int zip64)
{
    pthread_once(&S_minizip_once, S_find_minizip);
    if (!S_minizip_open)
        return ZIP_INTERNALERROR;
    if (method == Z_DEFLATED)
        level = 1;
    return S_minizip_open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                          size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                          password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
