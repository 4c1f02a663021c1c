/* diag.h — recording the problems of a run (diag.c): caps, notes, escaping,
 * suggestions. */
#ifndef TP_DIAG_H
#define TP_DIAG_H

#include "touchpoint.h"

/* Errors kept per run, and warnings likewise (so a flood of warnings never
 * hides an error); more are only counted (at most 100 errors are shown). */
#define TP_MAX_DIAGS 10000
/* Standard input, as places name it; it sorts first (SPEC §1). */
#define TP_STDIN_NAME "<stdin>"

/* Records a problem; the message is formatted into the arena. Every %s is
 * text from the logs or a file name: its control characters (C0, tab
 * included, DEL, C1) are written as \xHH, and a quoted one ('%s') is cut
 * to 80 characters with "…". The same problem at the same place is
 * recorded once (a template reached through many aliases). */
void tp_diag_add(tp_diags *d, tp_loc loc, tp_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Attaches a note (FILE:LINE:COL: note: ...) to the problem tp_diag_add
 * recorded just before; nothing when that one was only counted or told
 * already. */
void tp_diag_note(tp_diags *d, tp_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* tp_diag_escape is declared in touchpoint.h (the program escapes its own
 * messages' names with it). */
/* Adds every problem of src to dst (messages copied into dst's arena). */
void tp_diags_merge(tp_diags *dst, const tp_diags *src);
/* True when there is an error (or, with strict, a warning). */
bool tp_diags_failed(const tp_diags *d);
/* Whether a new problem of sev would be neither kept nor told apart from
 * the ones before (it is then only counted): formatting it is no use. */
bool tp_diags_only_counted(const tp_diags *d, tp_severity sev);
/* Levenshtein distance, capped at cap+1. */
size_t tp_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate nearest to word, or NULL when none is close enough. */
const char *tp_suggest(const char *word, const char *const *cands, size_t n);
/* What tells word from the suggestion s apart when it may not show: the
 * first character past ASCII that one holds and the other does not (a
 * Cyrillic 'о' for a Latin 'o', a no-break space), as the text after "did
 * you mean 's'? ", written into buf; NULL when there is none. */
const char *tp_suggest_hidden(const char *word, const char *s, char *buf, size_t size);

#endif
