/* yamlread.h — the YAML reader: located nodes, the log format's key
 * numbers, and the two ways to read a file (whole, or one document and one
 * record at a time). */
#ifndef TP_YAMLREAD_H
#define TP_YAMLREAD_H

#include "touchpoint.h"

typedef enum { TP_NODE_NULL, TP_NODE_SCALAR, TP_NODE_SEQ, TP_NODE_MAP } tp_node_kind;

/* A YAML node with its place. An alias is the anchored node itself, so the
 * nodes of a document form a DAG. Scalar text is NUL-terminated. For a
 * mapping, items holds key, value, key, value... and n counts pairs. */
typedef struct tp_node {
    tp_node_kind kind;
    bool plain;     /* scalar written without quotes, block style or tag */
    bool tagged;    /* scalar written with a tag (!!int 60): not plain */
    uint8_t key;    /* a mapping key's number (TP_KEY_*); TP_KEY_NONE otherwise */
    bool merged;    /* a mapping that had a `<<` key, even an empty one (resolved away by the reader) */
    int line, col;  /* from 1 */
    const char *str;
    size_t len;
    struct tp_node **items;
    size_t n;
    size_t weight;  /* nodes in the subtree, aliases expanded (capped) */
} tp_node;

/* The mapping keys of the log format. The reader numbers every key scalar
 * once, as it is read, so that records find their fields by number. */
#define TP_KEY_LIST(X)                                                                                        \
    X(MERGE, "<<") X(ORGANIZATION, "organization") X(PEOPLE, "people") X(CUSTOMERS, "customers")            \
    X(PROJECTS, "projects") X(INTERACTIONS, "interactions") X(REQUESTS, "requests") X(TYPES, "types")       \
    X(ID, "id") X(NAME, "name") X(TEAM, "team") X(ROLE, "role") X(IT, "it") X(REPORTS_TO, "reports_to")     \
    X(FOCUS, "focus") X(ATTRIBUTES, "attributes") X(WORKS_WITH, "works_with") X(ALLOCATIONS, "allocations") \
    X(JOINED, "joined") X(LEFT, "left") X(PAYING, "paying") X(SEGMENT, "segment") X(SERVES, "serves")       \
    X(TEAMS, "teams") X(TYPE, "type") X(DATE, "date") X(MINUTES, "minutes") X(HOURS, "hours")               \
    X(TITLE, "title") X(NOTES, "notes") X(EVENT, "event") X(CALLS, "calls")                                 \
    X(CONVERSATIONS, "conversations") X(LEADS, "leads") X(INSIGHTS, "insights") X(ACTIONS, "actions")       \
    X(TEXT, "text") X(TAGS, "tags") X(OWNER, "owner") X(STATUS, "status") X(ATTESTED, "attested")           \
    X(CUSTOMER, "customer") X(VOTES, "votes") X(LABEL, "label") X(CONTACT, "contact")                       \
    X(ANONYMOUS_PAYING, "anonymous_paying") X(PROJECT, "project") X(PERCENT, "percent")

enum {
    TP_KEY_NONE,
#define TP_KEY_ENUM(e, s) TP_KEY_##e,
    TP_KEY_LIST(TP_KEY_ENUM)
#undef TP_KEY_ENUM
        TP_NKEYS
};

extern const char *const tp_key_names[TP_NKEYS];
/* The number of the key text s[0..len), or TP_KEY_NONE. */
int tp_key_of(const char *s, size_t len);

#define TP_MAX_DEPTH 200
#define TP_MAX_EXPANSION 1000000

/* Reads the YAML text data[0..len) of file into documents allocated in
 * arena; each document's root is a tp_node (kind NULL for an empty one).
 * Problems go to diags. Returns TP_OK (possibly with errors in diags) or
 * TP_ERR_NOMEM.
 *
 * Both readers keep the rules of SPEC §1 for every mapping as it is read:
 * a repeated key and a second `<<` key are errors, and merge keys are
 * resolved (a mapping's own keys win, an earlier merged mapping wins over
 * a later one; no `<<` key is left in a mapping). Aliases are budgeted per
 * file (1,000,000 nodes or ten times the nodes written so far, whichever
 * is larger); a NUL in a scalar is an error. */
tp_status tp_yaml_parse(tp_arena *arena, const char *file, const char *data, size_t len,
                        tp_diags *diags, tp_node ***docs, size_t *ndocs);

/* Called with each document's root as soon as it is read; false means out
 * of memory. In a second reading (tp_yaml_recover), root is NULL for a
 * document the first reading began: only its end is told. */
typedef bool (*tp_doc_fn)(void *ctx, tp_node *root);

/* Called with each item of a sequence that is a value of the document's
 * root mapping (a record, under its section's key) as soon as the item is
 * read, while its nodes are still in the cache. Returns TP_ITEM_DONE when
 * it handled the item and keeps no pointer into it. Unless the sequence or
 * the root has an anchor, the sequence then does not list it (the document
 * callback must skip that sequence) and the reader frees its nodes at once
 * when no anchor in it may still be aliased: a document of a million
 * records needs the memory of one. */
typedef enum { TP_ITEM_NOMEM = -1, TP_ITEM_LATER, TP_ITEM_DONE } tp_item_result;
typedef tp_item_result (*tp_item_fn)(void *ctx, const tp_node *key, const tp_node *item);

/* Reads the YAML text of file one document at a time into nodes
 * allocated in the arena nodes; with reset_per_doc the arena is reset after
 * each document is handled, so memory holds one document at a time.
 * data may be a piece of the file that starts at a line start after line0
 * lines (0 for the whole file): lines in places are counted from the
 * file's start; *aliases (unless NULL) gets what the alias budget needs
 * to be checked on the whole file; a file an error cut short counts in
 * diags->stopped (the checks of the whole input wait: SPEC §1), which
 * tp_yaml_parse, reading one file on its own, leaves alone. item_fn may
 * be NULL. For the log format: a collection under an unknown
 * key (`x-` keys included) or under a key that only takes a scalar is read
 * but not built; it stays as a node of its kind with no children (anchors
 * inside it are built and resolve). */
typedef struct {
    size_t written;  /* nodes written */
    size_t expanded; /* nodes the aliases added */
    int64_t peak;    /* the most the expanded nodes ran past ten times the
                      * written ones at an alias (INT64_MIN: no alias) */
} tp_yaml_aliases;
/* Where a reading stopped, for tp_yaml_recover. */
typedef struct {
    bool by_libyaml; /* at an error of libyaml's (syntax, encoding), not one of the reader's own */
    size_t line;     /* the line of data (from 0) the error is on: records ended there may be cut short */
    size_t cut;      /* the byte offset where that line starts: a second reading reads data up to it */
    size_t indent;   /* where that line's text starts (column from 0) */
    size_t items;    /* the records item_fn was given (or skipped) before it */
    size_t docs;     /* the documents ended before it */
} tp_yaml_stop;

/* *stop (unless NULL) gets where the reading stopped. A record is handled
 * once libyaml gives the event after it: when libyaml stops at an error
 * on the line where the record ended, and that line is more indented than
 * the record's '-' (it goes on inside the record), the error cut the
 * record short and it is not handled (SPEC §1: "the record it cuts short
 * is not checked"). A line at or left of the '-' begins the next record
 * or section: the record ended before it, and is handled. */
tp_status tp_yaml_parse_each(tp_arena *nodes, bool reset_per_doc, const char *file, int line0, const char *data,
                             size_t len, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx,
                             tp_yaml_aliases *aliases, tp_yaml_stop *stop);

/* After tp_yaml_parse_each stopped at an error of libyaml's: libyaml reads
 * ahead (a token, or a block of the encoding), so records that end before
 * the error's line may not have reached item_fn. Reads data again up to
 * the start of that line, gives item_fn the records the first reading did
 * not, and leaves out one the error cut short (by the rule above: it ends
 * at the end of this text). fn gets the documents the first reading never began, and
 * NULL for the others; no error of libyaml's is told again, nor a problem
 * of the reader's own before the records skipped are past. The nodes
 * arena is reset first: nothing of the first reading may point into it. */
tp_status tp_yaml_recover(tp_arena *nodes, const char *file, int line0, const char *data, size_t len,
                          const tp_yaml_stop *stop, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx);

/* The value of key in mapping map (the first of its kind), or NULL. */
const tp_node *tp_node_get(const tp_node *map, const char *key);

/* "a mapping", "a sequence", "a scalar", "nothing" */
const char *tp_node_kind_name(const tp_node *n);

#endif
