/* zipcheck.h — a written workbook read back (every part inflated whole). */
#ifndef TP_ZIPCHECK_H
#define TP_ZIPCHECK_H

#include "touchpoint.h"

/* Reads a written workbook back: TP_OK when every sheet is whole,
 * TP_ERR_OUTPUT (errno EIO) when one was cut short, TP_ERR_NOMEM. */
tp_status tp_xlsx_verify(const char *path);
/* The same through a descriptor open for reading (left open). */
tp_status tp_xlsx_verify_fd(int fd);

#endif
