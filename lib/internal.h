/* internal.h — private declarations shared by the library's stages. */
#ifndef TP_INTERNAL_H
#define TP_INTERNAL_H

#include "touchpoint.h"

/* ---------------------------------------------------------- arena marks */

/* What an arena held at one moment. */
typedef struct {
    void *head, *next;
    size_t used;
} tp_arena_mark;

tp_arena_mark tp_arena_get_mark(const tp_arena *a);
/* Frees everything allocated in a since m was taken (no tp_arena_adopt
 * into a in between). */
void tp_arena_rewind(tp_arena *a, tp_arena_mark m);

/* ------------------------------------------------------------ YAML nodes */

typedef enum { TP_NODE_NULL, TP_NODE_SCALAR, TP_NODE_SEQ, TP_NODE_MAP } tp_node_kind;

/* A YAML node with its place. An alias is the anchored node itself, so the
 * nodes of a document form a DAG. Scalar text is NUL-terminated. For a
 * mapping, items holds key, value, key, value... and n counts pairs. */
typedef struct tp_node {
    tp_node_kind kind;
    bool plain;     /* scalar written without quotes or block style */
    uint8_t key;    /* a mapping key's number (TP_KEY_*); TP_KEY_NONE otherwise */
    bool merged;    /* a mapping that had a `<<` key (resolved away by the reader) */
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

/* Called with each document's root as soon as it is read; false means out of memory. */
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
 * to be checked on the whole file. item_fn may be NULL. For the log format: a collection under an unknown
 * key (`x-` keys included) or under a key that only takes a scalar is read
 * but not built; it stays as a node of its kind with no children (anchors
 * inside it are built and resolve). */
typedef struct {
    size_t written;  /* nodes written */
    size_t expanded; /* nodes the aliases added */
    int64_t peak;    /* the most the expanded nodes ran past ten times the
                      * written ones at an alias (INT64_MIN: no alias) */
} tp_yaml_aliases;
tp_status tp_yaml_parse_each(tp_arena *nodes, bool reset_per_doc, const char *file, int line0, const char *data,
                             size_t len, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx,
                             tp_yaml_aliases *aliases);

/* The value of key in mapping map (the first of its kind), or NULL. */
const tp_node *tp_node_get(const tp_node *map, const char *key);

/* "a mapping", "a sequence", "a scalar", "nothing" */
const char *tp_node_kind_name(const tp_node *n);

/* ------------------------------------------------------------- string map */

typedef struct {
    const char **keys;
    int *vals;
    size_t cap, count;
} tp_strmap;

/* false when out of memory */
bool tp_strmap_init(tp_strmap *m, size_t hint);
void tp_strmap_free(tp_strmap *m);
/* The value for key, or -1. */
int tp_strmap_get(const tp_strmap *m, const char *key);
/* Sets key (which must outlive the map) to val; false when out of memory. */
bool tp_strmap_put(tp_strmap *m, const char *key, int val);

/* tp_read for one in-memory text named name (for the fuzzer and tests). */
tp_status tp_read_text(tp_arena *arena, const char *name, const char *data, size_t len, tp_diags *diags,
                       tp_model **out);

/* ---------------------------------------------------------------- metrics */

/* An exact sum of doubles (fsum.c): the terms are added without rounding,
 * in any order, and tp_fsum_value gives the correctly rounded result. */
#define TP_FSUM_LIMBS 70
typedef struct {
    int64_t limb[TP_FSUM_LIMBS]; /* 32-bit digits of the sum in units of 2^-1088 */
    uint32_t adds;               /* additions since carries last moved */
    bool has_special;            /* an infinity or NaN was added */
    double special;              /* their plain sum */
} tp_fsum;

void tp_fsum_init(tp_fsum *s);
void tp_fsum_add(tp_fsum *s, double x);
/* Adds the terms held in t to s. */
void tp_fsum_add_sum(tp_fsum *s, const tp_fsum *t);
/* The exact sum so far, rounded to nearest (ties to even); 0.0 for none. */
double tp_fsum_value(const tp_fsum *s);
/* The correctly rounded sum of v[0..n). */
double tp_fsum_array(const double *v, size_t n);

/* Per-period contact and graph figures, computed by contact.c and bacon.c. */
typedef struct {
    const tp_model *m;
    tp_period period;
    int months;            /* M */
    bool *in_s;            /* per person: IT and employed during P */
    size_t *pi;            /* indexes of interactions in P */
    size_t npi;
    int *person_class;     /* TP_CLASS_* per person (meaningful for S) */
    int *person_months;
    long *person_interactions;
    double *person_hours;
    int *person_bacon;     /* TP_NONE when unreachable */
    int *customer_bacon;
    int *project_bacon;
    double *person_distant;
    /* Chains (SPEC §3 "Line of sight, explained"), per graph node: people
     * 0..np-1, customers np..np+nc-1, the anonymous node np+nc. */
    int *node_next;    /* the next node of its chain; -1 at a paying node or without a line of sight */
    size_t *node_via;  /* index into m->interactions of the interaction making that step, or TP_VIA_WORKS_WITH */
} tp_period_calc;

#define TP_VIA_WORKS_WITH ((size_t)-1)

tp_status tp_calc_period(tp_arena *a, const tp_model *m, const tp_period *p, tp_period_calc *out);
/* The number of people of it who are in S. */
long tp_calc_in_s(const tp_period_calc *c, const tp_interaction *it);
/* Fills the headline figures of c into k; TP_ERR_NOMEM when out of memory
 * (k is then not to be used). */
tp_status tp_calc_kpis(const tp_period_calc *c, tp_kpis *k);
/* k of n, NaN (null) when n is 0: every rate of counts (SPEC §5: "a ratio
 * with a zero denominator is null"). */
double tp_rate(long k, long n);
/* Fills the rates of k from its counts (contact, regular, done, attested,
 * coverage, at-risk share, the bacon bucket shares): the one place they
 * are worked out, for a period's figures and for a report.json's. */
void tp_kpis_rates(tp_kpis *k);
/* Sets the figure d of k to v (a count or a bacon number: v whole; NaN: none). */
void tp_kpi_set(tp_kpis *k, const tp_kpi_def *d, double v);
/* Whether a project of this bacon is distant: 4 or more steps from a
 * paying node, or with no line of sight (SPEC §3 "distant share"). */
bool tp_bacon_distant(int bacon);
/* Whether a person of this distant share (percent) is at risk: more than
 * half of the allocations distant (SPEC §3). */
bool tp_at_risk(double distant_share);
/* The Customer Bacon Number of every person, customer and project. */
tp_status tp_bacon(tp_arena *a, tp_period_calc *c);

/* jobs, or the online CPUs when jobs <= 0. */
int tp_jobs(int jobs);
/* Calls fn(ctx, i) for every i < n on up to tp_jobs(jobs) threads (the
 * caller's among them); returns when all are done. fn must not share
 * unguarded state between items. */
void tp_parallel_for(size_t n, int jobs, void (*fn)(void *ctx, size_t i), void *ctx);

/* SHA-256 of data as 64 lowercase hex digits. */
void tp_sha256_hex(const void *data, size_t len, char out[65]);

/* ------------------------------------------------------------- output */

/* Reads a written workbook back: TP_OK when every sheet is whole,
 * TP_ERR_OUTPUT (errno EIO) when one was cut short, TP_ERR_NOMEM. */
tp_status tp_xlsx_verify(const char *path);
/* The same through a descriptor open for reading (left open). */
tp_status tp_xlsx_verify_fd(int fd);

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

#endif
