/* zip_level.h — how the program deflates the workbook's parts (zip_level.c). */
#ifndef TP_ZIP_LEVEL_H
#define TP_ZIP_LEVEL_H

/* The threads a large part of a workbook may be deflated on: jobs, or the
 * online CPUs when jobs <= 0 (at most 8). One until it is called. */
void tp_zip_threads(int jobs);

#endif
