/* ingest.c — YAML nodes into typed records: every per-record check of SPEC §1.
 *
 * Records are read file by file into raw records that still name what they
 * refer to by id; model.c resolves the ids once every file is read. */
#define _GNU_SOURCE /* mremap */
#include "arena.h"
#include "date.h"
#include "diag.h"
#include "ingest.h"
#include "model.h"
#include "strmap.h"
#include "types.h"
#include "yamlread.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ------------------------------------------------------------ field maps */

typedef struct {
    const char *key;
    int id; /* TP_KEY_*, TP_KEY_NONE for a key the format does not know */
    const tp_node *knode, *val;
} field;

/* An unknown key whose suggestion is a key the mapping lacks ('ID' for
 * 'id'): told when the fields are freed, unless the check of a required
 * field told it first, as the one problem of the two. */
typedef struct {
    int key;              /* the key suggested */
    const char *text;     /* the unknown key as written */
    const tp_node *knode; /* where */
    bool told;
} typo;

/* A mapping's fields after merge keys: its own keys win over merged ones,
 * an earlier merged mapping over a later one. A known key is found by its
 * number through slot; unknown keys by text, through a hash map once there
 * are many, so a mapping of a million keys is no quadratic trap. */
typedef struct {
    const tp_node *node;
    field *f;
    size_t n, cap;
    uint32_t slot[TP_NKEYS]; /* 1 + index into f of each known key, 0 when absent */
    size_t nunknown;
    tp_strmap unknown;       /* text -> index into f, once nunknown passes S_FEW_UNKNOWN */
    typo typo[TP_NKEYS]; /* one per key suggested: the other typos of it warn at once */
    unsigned ntypos;
    uint64_t typo_keys;  /* the keys of typo[] */
    field small[24]; /* most records fit here: no allocation */
} fmap;

#define S_FEW_UNKNOWN 16

_Static_assert(TP_NKEYS <= 64, "a key set is a 64-bit mask");

/* The keys a record may have: names (for suggestions) and their bits. */
typedef struct {
    const char *const *names;
    uint64_t mask;
} key_set;

static tp_loc S_at(const tp_ingest *in, const tp_node *n)
{
    return (tp_loc){in->file, n->line, n->col};
}

#define ERR(in, node, ...) tp_diag_add((in)->diags, S_at(in, node), TP_ERROR, __VA_ARGS__)
#define WARN(in, node, ...) tp_diag_add((in)->diags, S_at(in, node), TP_WARNING, __VA_ARGS__)

static bool S_nomem(tp_ingest *in)
{
    in->nomem = true;
    return false;
}

/* Grows a malloc'd vector *v of *n elements to hold one more; false on failure. */
static bool S_reserve(tp_ingest *in, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 4; /* small: a run may hold 50,000 files at once */
    void *p = c > SIZE_MAX / size ? NULL : realloc(*v, c * size);
    if (!p)
        return S_nomem(in);
    *v = p;
    *cap = c;
    return true;
}

/* A file's interactions (and their references) wait in a vector until
 * every file is read, then are resolved into the model's one array and
 * freed. Past S_PAGES_FROM bytes such a vector is pages of its own, so
 * that freeing it gives them back at once: an allocator keeps freed memory
 * in its heaps (glibc's does, once a big block freed has raised its
 * threshold), and the model's copy would count twice at the peak. Pages
 * past the last item are never touched, so they take no memory. */
#define S_PAGES_FROM ((size_t)128 << 10)

/* Makes room for one more of *v's n items of size bytes, doubling *cap. */
static bool S_pages_grow(tp_ingest *in, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 4;
    if (c > SIZE_MAX / size)
        return S_nomem(in);
    size_t old = *cap * size, bytes = c * size;
    void *p;
    if (bytes < S_PAGES_FROM) {
        p = realloc(*v, bytes);
#ifdef MREMAP_MAYMOVE
    } else if (old >= S_PAGES_FROM) {
        p = mremap(*v, old, bytes, MREMAP_MAYMOVE);
        p = p == MAP_FAILED ? NULL : p;
#endif
    } else { /* new pages, the items copied over, the old block given back */
        p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        p = p == MAP_FAILED ? NULL : p;
        if (p && n)
            memcpy(p, *v, n * size);
        if (p && old < S_PAGES_FROM)
            free(*v);
        else if (p)
            munmap(*v, old);
    }
    if (!p)
        return S_nomem(in);
    *v = p;
    *cap = c;
    return true;
}

/* Frees what S_pages_grow made; *v is NULL after. */
static void S_pages_free(void **v, size_t *cap, size_t size)
{
    if (*cap * size >= S_PAGES_FROM)
        munmap(*v, *cap * size);
    else
        free(*v);
    *v = NULL;
    *cap = 0;
}

/* A vector of S_pages_grow at its exact size when it lives in the heap
 * (pages past the last item are never touched: they cost nothing). */
static void S_pages_fit(void **v, size_t *cap, size_t n, size_t size)
{
    if (!n || n == *cap || *cap * size >= S_PAGES_FROM)
        return;
    void *p = realloc(*v, n * size);
    if (p) {
        *v = p;
        *cap = n;
    }
}

void tp_ingest_free_interactions(tp_ingest *in)
{
    S_pages_free((void **)&in->interactions, &in->cap_interactions, sizeof *in->interactions);
    in->ninteractions = 0;
}

void tp_ingest_free_prefs(tp_ingest *in)
{
    S_pages_free((void **)&in->prefs, &in->cap_prefs, sizeof *in->prefs);
    in->nprefs = 0;
}

/* The number of key node k: tagged by the reader, or (for a key reached
 * through an alias of a scalar anchored elsewhere) looked up now. */
static int S_key_id(const tp_node *k)
{
    if (k->key != TP_KEY_NONE || k->kind != TP_NODE_SCALAR)
        return k->key;
    return tp_key_of(k->str, k->len);
}

static field *S_find(const fmap *fm, int id)
{
    return fm->slot[id] ? &fm->f[fm->slot[id] - 1] : NULL;
}

/* An unknown key already in fm, by text. */
static field *S_find_unknown(const fmap *fm, const char *key)
{
    if (fm->nunknown > S_FEW_UNKNOWN) {
        int i = tp_strmap_get(&fm->unknown, key);
        return i >= 0 ? &fm->f[i] : NULL;
    }
    for (size_t i = 0; i < fm->n; i++)
        if (fm->f[i].id == TP_KEY_NONE && !strcmp(fm->f[i].key, key))
            return &fm->f[i];
    return NULL;
}

static bool S_add_field(tp_ingest *in, fmap *fm, const tp_node *k, int id, const tp_node *v)
{
    if (fm->n == fm->cap) {
        size_t cap = fm->cap * 2;
        field *f = fm->f == fm->small ? malloc(cap * sizeof *f) : realloc(fm->f, cap * sizeof *f);
        if (!f)
            return S_nomem(in);
        if (fm->f == fm->small)
            memcpy(f, fm->small, sizeof fm->small);
        fm->f = f;
        fm->cap = cap;
    }
    const char *key = k->str ? k->str : "";
    fm->f[fm->n] = (field){key, id, k, v};
    if (id != TP_KEY_NONE) {
        fm->slot[id] = (uint32_t)fm->n + 1;
    } else if (++fm->nunknown == S_FEW_UNKNOWN + 1) { /* from now on, a hash map */
        if (!tp_strmap_init(&fm->unknown, 64))
            return S_nomem(in);
        for (size_t i = 0; i <= fm->n; i++)
            if (fm->f[i].id == TP_KEY_NONE && !tp_strmap_put(&fm->unknown, fm->f[i].key, (int)i))
                return S_nomem(in);
    } else if (fm->nunknown > S_FEW_UNKNOWN && !tp_strmap_put(&fm->unknown, key, (int)fm->n)) {
        return S_nomem(in);
    }
    fm->n++;
    return true;
}

static bool S_is_merge(const tp_node *k) { return k->kind == TP_NODE_SCALAR && k->plain && S_key_id(k) == TP_KEY_MERGE; }

static bool S_flatten(tp_ingest *in, fmap *fm, const tp_node *map, bool own, int depth);

/* Adds the fields of a merged mapping (or of each in a sequence) that are missing. */
static bool S_merge(tp_ingest *in, fmap *fm, const tp_node *v, int depth)
{
    if (v->kind == TP_NODE_MAP)
        return S_flatten(in, fm, v, false, depth + 1);
    if (v->kind == TP_NODE_SEQ) {
        for (size_t i = 0; i < v->n; i++) {
            if (v->items[i]->kind != TP_NODE_MAP) {
                ERR(in, v->items[i], "a merge key '<<' takes mappings, found %s", tp_node_kind_name(v->items[i]));
                continue;
            }
            if (!S_flatten(in, fm, v->items[i], false, depth + 1))
                return false;
        }
        return true;
    }
    ERR(in, v, "a merge key '<<' takes a mapping or a list of mappings, found %s", tp_node_kind_name(v));
    return true;
}

static bool S_flatten(tp_ingest *in, fmap *fm, const tp_node *map, bool own, int depth)
{
    if (depth > TP_MAX_DEPTH)
        return true;
    size_t first = fm->n;
    bool merges = false;
    for (size_t i = 0; i < map->n; i++) {
        const tp_node *k = map->items[2 * i], *v = map->items[2 * i + 1];
        if (S_is_merge(k)) {
            merges = true;
            continue;
        }
        if (k->kind == TP_NODE_MAP || k->kind == TP_NODE_SEQ) {
            ERR(in, k, "a key must be a scalar, found %s", tp_node_kind_name(k));
            continue;
        }
        int id = S_key_id(k);
        field *prev = id != TP_KEY_NONE ? S_find(fm, id) : S_find_unknown(fm, k->str ? k->str : "");
        if (prev && own && prev - fm->f >= (ptrdiff_t)first) {
            ERR(in, k, "duplicate key '%s' (first at line %d, column %d)", k->str, prev->knode->line,
                prev->knode->col);
            continue;
        }
        if (!prev && !S_add_field(in, fm, k, id, v))
            return false;
    }
    for (size_t i = 0; merges && i < map->n; i++)
        if (S_is_merge(map->items[2 * i]) && !S_merge(in, fm, map->items[2 * i + 1], depth))
            return false;
    return true;
}

static void S_fields_init(fmap *fm, const tp_node *map)
{
    fm->node = map;
    fm->f = fm->small;
    fm->n = 0;
    fm->cap = sizeof fm->small / sizeof *fm->small;
    fm->nunknown = 0;
    fm->ntypos = 0;
    fm->typo_keys = 0;
    memset(fm->slot, 0, sizeof fm->slot);
}

/* Frees what fm holds, telling the typos no check told (see fmap). */
static void S_fields_free(tp_ingest *in, fmap *fm)
{
    for (unsigned t = 0; t < fm->ntypos; t++)
        if (!fm->typo[t].told)
            tp_diag_add(in->diags, S_at(in, fm->typo[t].knode), TP_WARNING, "unknown key '%s' (did you mean '%s'?)",
                        fm->typo[t].text, tp_key_names[fm->typo[t].key]);
    if (fm->f != fm->small)
        free(fm->f);
    if (fm->nunknown > S_FEW_UNKNOWN)
        tp_strmap_free(&fm->unknown);
}

static unsigned S_section_lost(const char *name);

/* Whether key node k was written in map, not merged in from a template
 * (which the reader merges into the mapping): an alias names an anchor
 * written before it, so a merged key stands before the mapping. */
static bool S_written_in(const tp_node *k, const tp_node *map)
{
    return k->line > map->line || (k->line == map->line && k->col >= map->col);
}

/* Flattens map into fm and reports keys not in known: a warning in a
 * record; in a document's root (top) an error, since a whole section would
 * be lost, unless the key starts with "x-" (free for templates). */
static bool S_fields_of(tp_ingest *in, fmap *fm, const tp_node *map, const key_set *known, bool top)
{
    S_fields_init(fm, map);
    if (!S_flatten(in, fm, map, true, 0))
        return false;
    for (size_t i = 0; i < fm->n; i++) {
        if (known->mask >> fm->f[i].id & 1)
            continue;
        const char *key = fm->f[i].key;
        if (top && !strncmp(key, "x-", 2))
            continue;
        size_t nknown = 0;
        while (known->names[nknown])
            nknown++;
        const char *s = tp_suggest(key, known->names, nknown);
        if (top && s) /* 'customer:' for 'customers:': its ids are lost */
            in->lost |= S_section_lost(s);
        tp_severity sev = top ? TP_ERROR : TP_WARNING;
        const char *what = top ? "section" : "key";
        int sid = s && !top ? tp_key_of(s, strlen(s)) : TP_KEY_NONE;
        /* Held back: a record's own key (one of a template reached through
         * a merge warns at the template, as before, once for every record),
         * the first that suggests a key the mapping lacks. */
        if (sid != TP_KEY_NONE && S_written_in(fm->f[i].knode, map) && !S_find(fm, sid) && !(fm->typo_keys >> sid & 1)) {
            fm->typo_keys |= 1ull << sid;
            fm->typo[fm->ntypos++] = (typo){sid, key, fm->f[i].knode, false};
            continue;
        }
        if (s)
            tp_diag_add(in->diags, S_at(in, fm->f[i].knode), sev, "unknown %s '%s' (did you mean '%s'?)", what, key, s);
        else
            tp_diag_add(in->diags, S_at(in, fm->f[i].knode), sev, "unknown %s '%s'", what, key);
    }
    return true;
}

static bool S_fields(tp_ingest *in, fmap *fm, const tp_node *map, const key_set *known)
{
    return S_fields_of(in, fm, map, known, false);
}

/* The value of key, or NULL when it is absent or null. */
static inline const tp_node *S_val(const fmap *fm, int id)
{
    field *f = S_find(fm, id);
    return f && f->val->kind != TP_NODE_NULL ? f->val : NULL;
}

/* -------------------------------------------------------- typed scalars */

/* Errors are only counted now, not kept nor told apart: not worth formatting. */
static bool S_only_counted(const tp_ingest *in) { return tp_diags_only_counted(in->diags, TP_ERROR); }

/* A value as a message shows it, cut as diag.c cuts a quoted %s: a text of
 * more than 80 characters as its first 79 and "…"; in buf (S_SHOWN bytes)
 * when it must be cut. Only for a value quoted inside text made here
 * (S_found's "the text '...'"), which diag.c sees unquoted. */
#define S_SHOWN (80 * 4 + 4)
static const char *S_shown(const char *s, char *buf)
{
    size_t n = 0, chars = 0, cut = 0; /* cut: the bytes of the first 79 characters */
    while (s[n] && chars <= 80) {
        if (chars == 79)
            cut = n;
        n++;
        while (((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    if (chars <= 80)
        return s;
    snprintf(buf, S_SHOWN, "%.*s…", (int)cut, s);
    return buf;
}

/* What a node is, in words: "the text 'pcosta'", "a list", "a mapping",
 * "nothing"; buf holds S_SHOWN + 16 bytes. */
static const char *S_found(const tp_node *n, char *buf)
{
    switch (n->kind) {
    case TP_NODE_SCALAR: {
        char cut[S_SHOWN];
        snprintf(buf, S_SHOWN + 16, "the text '%s'", S_shown(n->str, cut));
        return buf;
    }
    case TP_NODE_SEQ: return "a list";
    case TP_NODE_MAP: return "a mapping";
    case TP_NODE_NULL: break;
    }
    return "nothing";
}

/* n is of kind, or an error names the field, what was expected (what, then
 * what2: "a list of " "person ids") and what was found. */
static bool S_want2(tp_ingest *in, const tp_node *n, tp_node_kind kind, const char *name, const char *what,
                    const char *what2)
{
    if (n->kind == kind)
        return true;
    if (S_only_counted(in)) {
        ERR(in, n, "%s", "");
        return false;
    }
    char buf[S_SHOWN + 16];
    ERR(in, n, "%s: expected %s%s, found %s", name, what, what2, S_found(n, buf));
    return false;
}

static bool S_want(tp_ingest *in, const tp_node *n, tp_node_kind kind, const char *name, const char *what)
{
    return S_want2(in, n, kind, name, what, "");
}

/* Index of s among the file's interned strings, copied into the model
 * arena on first sight; -1 when out of memory. */
static long S_intern_index(tp_ingest *in, const char *s, size_t len)
{
    int i = tp_strmap_get(&in->interned, s);
    if (i >= 0)
        return i;
    if (in->nstrings >= TP_MAX_STRINGS)
        return S_nomem(in), -1;
    char *c = tp_strndup(in->arena, s, len);
    if (!c || !S_reserve(in, (void **)&in->strings, &in->cap_strings, in->nstrings, sizeof *in->strings) ||
        !S_reserve(in, (void **)&in->seen, &in->cap_seen, in->nstrings, sizeof *in->seen) ||
        !S_reserve(in, (void **)&in->builtin, &in->cap_builtin, in->nstrings, sizeof *in->builtin) ||
        !tp_strmap_put(&in->interned, c, (int)in->nstrings))
        return S_nomem(in), -1;
    in->seen[in->nstrings] = 0;
    in->builtin[in->nstrings] = -2;
    in->strings[in->nstrings] = c;
    return (long)in->nstrings++;
}

/* A copy of s in the model arena, shared with every equal string of the
 * file: ids repeat in every record that names them. */
static const char *S_intern(tp_ingest *in, const char *s, size_t len)
{
    if (len > 24) { /* long text is seldom repeated: not worth a look-up */
        char *c = tp_strndup(in->arena, s, len);
        if (!c)
            S_nomem(in);
        return c;
    }
    long i = S_intern_index(in, s, len);
    return i < 0 ? NULL : in->strings[i];
}

/* Text as written, copied out of the document; false (with an error) when n is not a scalar. */
static bool S_text(tp_ingest *in, const tp_node *n, const char *key, const char **out)
{
    if (!S_want(in, n, TP_NODE_SCALAR, key, "text"))
        return false;
    *out = S_intern(in, n->str, n->len);
    return *out != NULL;
}

/* An optional text field: NULL when absent. */
static const char *S_opt_text(tp_ingest *in, const fmap *fm, int key)
{
    const tp_node *v = S_val(fm, key);
    const char *s = NULL;
    if (v)
        S_text(in, v, tp_key_names[key], &s);
    return s;
}

/* An optional free-text field (title, notes, event), copied as it is:
 * such text is seldom repeated, so it is not worth interning. */
static const char *S_opt_free_text(tp_ingest *in, const fmap *fm, int key)
{
    const tp_node *v = S_val(fm, key);
    if (!v || !S_want(in, v, TP_NODE_SCALAR, tp_key_names[key], "text"))
        return NULL;
    char *c = tp_strndup(in->arena, v->str, v->len);
    if (!c)
        S_nomem(in);
    return c;
}

/* "missing required field" for key, at node; or, when an unknown key of
 * fm is a typo of it, that key's warning as this error, in its place: one
 * problem for one mistake. */
static void S_missing(tp_ingest *in, fmap *fm, int key, const tp_node *node)
{
    for (unsigned t = 0; t < fm->ntypos; t++)
        if (fm->typo[t].key == key && !fm->typo[t].told) {
            fm->typo[t].told = true;
            ERR(in, fm->typo[t].knode, "unknown key '%s' (did you mean '%s'?), so the required field '%s' is missing",
                fm->typo[t].text, tp_key_names[key], tp_key_names[key]);
            return;
        }
    ERR(in, node, "missing required field '%s'", tp_key_names[key]);
}

/* The scalar of a required text field; NULL (with an error) when it is
 * missing or not a scalar. */
static const tp_node *S_req_scalar(tp_ingest *in, fmap *fm, int key)
{
    const tp_node *v = S_val(fm, key);
    if (!v) {
        field *f = S_find(fm, key);
        S_missing(in, fm, key, f ? f->val : fm->node);
        return NULL;
    }
    return S_want(in, v, TP_NODE_SCALAR, tp_key_names[key], "text") ? v : NULL;
}

/* A required text field; NULL (with an error) when missing. */
static const char *S_req_text(tp_ingest *in, fmap *fm, int key)
{
    const tp_node *v = S_req_scalar(in, fm, key);
    return v ? S_intern(in, v->str, v->len) : NULL;
}

static const char *S_req_id(tp_ingest *in, fmap *fm, int key)
{
    const char *s = S_req_text(in, fm, key);
    if (s && !*s) {
        ERR(in, S_val(fm, key), "'%s' must not be empty", tp_key_names[key]);
        return NULL;
    }
    return s;
}

static bool S_bool(tp_ingest *in, const tp_node *n, const char *key, bool *out)
{
    if (!S_want(in, n, TP_NODE_SCALAR, key, "true or false"))
        return false;
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
    for (int i = 0; i < 3 && n->plain; i++) {
        if (!strcmp(n->str, yes[i]))
            return *out = true, true;
        if (!strcmp(n->str, no[i]))
            return *out = false, true;
    }
    const char *shown = n->str; /* quoted: diag.c cuts it to 80 characters */
    if (n->tagged)
        ERR(in, n, "%s: '%s' is tagged, not a boolean (write true or false without a tag)", key, shown);
    else if (!n->plain)
        ERR(in, n, "%s: '%s' is a quoted string, not a boolean (write true or false without quotes)", key, shown);
    else
        ERR(in, n, "%s: '%s' is not a boolean (use true or false)", key, shown);
    return false;
}

static void S_opt_bool(tp_ingest *in, const fmap *fm, int key, bool *out)
{
    const tp_node *v = S_val(fm, key);
    if (v)
        S_bool(in, v, tp_key_names[key], out);
}

/* YAML 1.2 core schema decimal: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool S_is_decimal(const char *s, bool *integer)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    size_t digits = 0, frac = 0;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    *integer = true;
    if (*p == '.') {
        *integer = false;
        p++;
        while (isdigit((unsigned char)*p))
            p++, frac++;
    }
    if (!digits && !frac)
        return false;
    if (*p == 'e' || *p == 'E') {
        *integer = false;
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

/* A number ≥ 0; false (with an error) otherwise. */
static bool S_number(tp_ingest *in, const tp_node *n, const char *key, double *out)
{
    if (!S_want(in, n, TP_NODE_SCALAR, key, "a number"))
        return false;
    bool integer;
    if (!n->plain || !S_is_decimal(n->str, &integer)) {
        ERR(in, n, "%s: '%s' is not a number%s", key, n->str,
            n->plain    ? ""
            : n->tagged ? " (numbers are written without a tag)"
                        : " (numbers are written without quotes)");
        return false;
    }
    double x = strtod(n->str, NULL);
    if (!isfinite(x)) {
        ERR(in, n, "'%s' is out of range: '%s' is too large for a number", key, n->str);
        return false;
    }
    if (x < 0) {
        ERR(in, n, "'%s' must not be negative", key);
        return false;
    }
    *out = x == 0 ? 0 : x; /* -0 is 0 */
    return true;
}

/* The sane range of SPEC §1, so that no sum can overflow: a duration of
 * at most a leap year, a count of at most a billion. */
#define S_MAX_HOURS 8784.0
#define S_MAX_MINUTES 527040.0
#define S_MAX_COUNT 1000000000.0

/* Whether the decimal s (S_is_decimal's form, not negative) is above the
 * whole number max, as written: a double rounds 8784.0000000000001 to
 * 8784, so where x equals max the digits decide. The written value is
 * 0.DDD... times ten to the power point; so is max's. */
static bool S_written_above(const char *s, double max)
{
    char m[32];
    snprintf(m, sizeof m, "%.0f", max);
    long nm = (long)strlen(m);
    const char *p = s + (*s == '+'), *first = NULL;
    long point = 0;
    bool after = false; /* past the decimal point */
    for (; isdigit((unsigned char)*p) || *p == '.'; p++) {
        if (*p == '.')
            after = true;
        else if (!first && *p == '0')
            point -= after; /* a leading zero: 0.05 is 0.5e-1 */
        else if (!first)
            first = p, point += !after;
        else
            point += !after;
    }
    if (*p == 'e' || *p == 'E')
        point += strtol(p + 1, NULL, 10);
    if (!first)
        return false; /* zero */
    if (point != nm)
        return point > nm;
    long i = 0;
    for (const char *q = first; q < p; q++) {
        if (*q == '.')
            continue;
        int md = i < nm ? (unsigned char)m[i] : '0';
        i++;
        if ((unsigned char)*q != md)
            return (unsigned char)*q > md;
    }
    return false; /* the same digits: equal */
}

/* Whether the number x of field key (written n) is at most max; an error
 * "out of range" otherwise, saying the bound (shown as max_text). */
static bool S_in_range(tp_ingest *in, const tp_node *n, const char *key, double x, double max, const char *max_text)
{
    if (x < max || (x == max && !S_written_above(n->str, max)))
        return true;
    ERR(in, n, "'%s' is out of range: '%s' is above %s", key, n->str, max_text);
    return false;
}

/* A count: a whole number from 0 to S_MAX_COUNT. */
static bool S_count(tp_ingest *in, const tp_node *n, const char *key, int64_t *out)
{
    double x;
    if (!S_number(in, n, key, &x))
        return false;
    bool integer;
    S_is_decimal(n->str, &integer);
    if (!integer) {
        ERR(in, n, "'%s' must be a whole number, found '%s'", key, n->str);
        return false;
    }
    if (!S_in_range(in, n, key, x, S_MAX_COUNT, "1,000,000,000"))
        return false;
    *out = (int64_t)x;
    return true;
}

static void S_opt_count(tp_ingest *in, const fmap *fm, int key, int64_t *out)
{
    const tp_node *v = S_val(fm, key);
    *out = TP_COUNT_NONE;
    if (v)
        S_count(in, v, tp_key_names[key], out);
}

static bool S_date(tp_ingest *in, const tp_node *n, const char *key, tp_date *out)
{
    if (!S_want(in, n, TP_NODE_SCALAR, key, "a date (YYYY-MM-DD)"))
        return false;
    if (!tp_date_parse(n->str, out)) {
        char buf[96];
        ERR(in, n, "invalid date '%s': %s", n->str, tp_date_problem(n->str, buf, sizeof buf));
        return false;
    }
    return true;
}

/* An interaction's or request's date: after today, a warning (SPEC §1). */
static bool S_record_date(tp_ingest *in, const tp_node *n, tp_date *out)
{
    if (!S_date(in, n, "date", out))
        return false;
    if (in->today != TP_DATE_NONE && *out > in->today) {
        char d[16];
        tp_date_format(*out, d);
        WARN(in, n, "date %s is in the future", d);
    }
    return true;
}

/* One value of a fixed set; -1 (with an error) otherwise. */
static int S_choice(tp_ingest *in, const tp_node *n, const char *key, const char *const *set)
{
    if (!S_want(in, n, TP_NODE_SCALAR, key, "one word"))
        return -1;
    size_t k = 0;
    for (; set[k]; k++)
        if (!strcmp(set[k], n->str))
            return (int)k;
    const char *s = tp_suggest(n->str, set, k);
    char list[128] = "";
    for (size_t i = 0; set[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", set[i]);
    if (s)
        ERR(in, n, "invalid %s '%s' (did you mean '%s'? expected one of %s)", key, n->str, s, list);
    else
        ERR(in, n, "invalid %s '%s' (expected one of %s)", key, n->str, list);
    return -1;
}

/* Appends a reference to interned string str, written at node n. */
static bool S_pref(tp_ingest *in, long str, tp_pref_kind kind, const tp_node *n)
{
    if (!S_pages_grow(in, (void **)&in->prefs, &in->cap_prefs, in->nprefs, sizeof *in->prefs))
        return false;
    in->prefs[in->nprefs++] = (tp_pref){(uint32_t)str, kind, n->line, n->col};
    return true;
}

/* A list of ids (or tags); an id listed twice is kept once, with a
 * warning. Each id kept becomes a reference of kind (when kind >= 0) and
 * is written to refs (when not NULL, with room for every item). Returns
 * how many were kept. Repeats are found through the interned strings, so a
 * long list costs linear time. */
static uint32_t S_idlist(tp_ingest *in, const tp_node *n, int kind, tp_ref *refs, const char *key,
                         const char *what)
{
    if (!n)
        return 0;
    if (n->kind != TP_NODE_SEQ) {
        char buf[S_SHOWN + 16];
        ERR(in, n, "%s: expected a list of %ss, found %s", key, what, S_found(n, buf));
        return 0;
    }
    if (++in->list == 0) { /* wrapped: forget every earlier list */
        memset(in->seen, 0, in->nstrings * sizeof *in->seen);
        in->list = 1;
    }
    uint32_t k = 0;
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *it = n->items[i];
        if (it->kind == TP_NODE_NULL) {
            ERR(in, it, "%s: empty item in the list (expected a %s)", key, what);
            continue;
        }
        if (!S_want2(in, it, TP_NODE_SCALAR, key, "a ", what))
            continue;
        long str = S_intern_index(in, it->str, it->len);
        if (str < 0)
            return k;
        if (in->seen[str] == in->list) {
            WARN(in, it, "'%s' is listed twice; counted once", it->str);
            continue;
        }
        in->seen[str] = in->list;
        if (kind >= 0 && !S_pref(in, str, (tp_pref_kind)kind, it))
            return k;
        if (refs)
            refs[k] = (tp_ref){in->strings[str], S_at(in, it)};
        k++;
    }
    return k;
}

/* A list of ids of a person or project, as refs in the arena. */
static bool S_refs(tp_ingest *in, const tp_node *n, tp_ref **out, size_t *nout, const char *key, const char *what)
{
    tp_ref *v = NULL;
    if (n && n->kind == TP_NODE_SEQ && !(v = tp_alloc(in->arena, (n->n ? n->n : 1) * sizeof *v)))
        return S_nomem(in);
    *nout = S_idlist(in, n, -1, v, key, what);
    *out = v;
    return !in->nomem;
}

/* ---------------------------------------------------------------- records */

static const char *const person_names[] = {"id", "name", "team", "role", "it", "reports_to", "focus",
                                          "attributes", "works_with", "allocations", "joined", "left", NULL};
static const char *const customer_names[] = {"id", "name", "paying", "segment", NULL};
static const char *const project_names[] = {"id", "name", "serves", NULL};
static const char *const serves_names[] = {"customers", "people", "teams", NULL};
static const char *const interaction_names[] = {"type", "date", "people", "customers", "minutes", "hours", "id",
                                               "title", "notes", "event", "calls", "conversations", "leads",
                                               "insights", "actions", NULL};
static const char *const insight_names[] = {"text", "tags", NULL};
static const char *const action_names[] = {"text", "owner", "status", "attested", NULL};
static const char *const request_names[] = {"date", "text", "customer", "status", "votes", "id", NULL};
static const char *const type_names[] = {"id", "label", "contact", "anonymous_paying", NULL};
static const char *const alloc_names[] = {"project", "percent", NULL};

static key_set person_keys = {person_names, 0};
static key_set customer_keys = {customer_names, 0};
static key_set project_keys = {project_names, 0};
static key_set serves_keys = {serves_names, 0};
static key_set interaction_keys = {interaction_names, 0};
static key_set insight_keys = {insight_names, 0};
static key_set action_keys = {action_names, 0};
static key_set request_keys = {request_names, 0};
static key_set type_keys = {type_names, 0};
static key_set alloc_keys = {alloc_names, 0};
/* Notes a team or segment value written at n, for the suggestions made once every file is read. */
static void S_value(tp_ingest *in, tp_ref **v, size_t *n, size_t *cap, const char *value, const tp_node *at)
{
    if (S_reserve(in, (void **)v, cap, *n, sizeof **v))
        (*v)[(*n)++] = (tp_ref){value, S_at(in, at)};
}

static void S_attributes(tp_ingest *in, const tp_node *n, tp_person *p)
{
    if (!S_want(in, n, TP_NODE_MAP, "attributes", "a mapping of names to values"))
        return;
    p->attrs = tp_alloc(in->arena, (n->n ? n->n : 1) * sizeof *p->attrs);
    if (!p->attrs) {
        S_nomem(in);
        return;
    }
    fmap fm;
    S_fields_init(&fm, n);
    if (!S_flatten(in, &fm, n, true, 0)) {
        S_fields_free(in, &fm);
        return;
    }
    for (size_t i = 0; i < fm.n; i++) {
        const tp_node *v = fm.f[i].val;
        if (v->kind == TP_NODE_NULL)
            continue;
        if (v->kind != TP_NODE_SCALAR) {
            char buf[S_SHOWN + 16];
            ERR(in, v, "attributes: expected one value (text, number or boolean) for '%s', found %s",
                fm.f[i].key, S_found(v, buf));
            continue;
        }
        if (p->nattrs < n->n)
            p->attrs[p->nattrs++] =
                (tp_attr){S_intern(in, fm.f[i].key, strlen(fm.f[i].key)), S_intern(in, v->str, v->len)};
    }
    S_fields_free(in, &fm);
}

/* A percent above this is out of range (a sum of them could not be 100). */
#define S_MAX_MICRO 1000000000000LL /* 1,000,000% */

/* A percent ≥ 0, at most 6 digits after the point and no exponent, as an
 * exact count of millionths; false (with an error) otherwise. */
static bool S_percent(tp_ingest *in, const tp_node *n, int64_t *out)
{
    double x;
    if (!S_number(in, n, "percent", &x))
        return false;
    const char *p = n->str + (*n->str == '+' || *n->str == '-');
    int64_t whole = 0, frac = 0;
    int nfrac = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((whole = whole * 10 + (*p - '0')) > S_MAX_MICRO / 1000000) {
            ERR(in, n, "percent: '%s' is out of range (percents sum to at most 100)", n->str);
            return false;
        }
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (++nfrac <= 6)
                frac = frac * 10 + (*p - '0');
    if (*p || nfrac > 6) {
        ERR(in, n, "percent: expected a number with at most 6 digits after the decimal point and no exponent, "
                   "found '%s'", n->str);
        return false;
    }
    while (nfrac++ < 6)
        frac *= 10;
    *out = whole * 1000000 + frac;
    return true;
}

/* millionths as a decimal: 100500001 -> "100.500001", 120000000 -> "120". */
static const char *S_micro_text(int64_t micro, char *buf)
{
    int n = snprintf(buf, 32, "%lld.%06lld", (long long)(micro / 1000000), (long long)(micro % 1000000));
    while (buf[n - 1] == '0')
        buf[--n] = '\0';
    if (buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

static void S_allocations(tp_ingest *in, const tp_node *n, tp_raw_person *rp)
{
    if (!S_want(in, n, TP_NODE_SEQ, "allocations", "a list of {project, percent}"))
        return;
    tp_person *p = &rp->p;
    p->allocs = tp_alloc(in->arena, (n->n ? n->n : 1) * sizeof *p->allocs);
    rp->alloc_refs = tp_alloc(in->arena, (n->n ? n->n : 1) * sizeof *rp->alloc_refs);
    if (!p->allocs || !rp->alloc_refs) {
        S_nomem(in);
        return;
    }
    int64_t sum = 0;
    tp_strmap seen; /* project -> its allocation */
    if (!tp_strmap_init(&seen, n->n)) {
        S_nomem(in);
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *a = n->items[i];
        if (!S_want(in, a, TP_NODE_MAP, "allocations", "an allocation {project, percent}"))
            continue;
        fmap fm;
        if (!S_fields(in, &fm, a, &alloc_keys)) {
            S_fields_free(in, &fm);
            tp_strmap_free(&seen);
            return;
        }
        const char *proj = S_req_id(in, &fm, TP_KEY_PROJECT);
        const tp_node *pv = S_val(&fm, TP_KEY_PERCENT);
        int64_t micro = 0;
        bool ok = proj != NULL;
        if (!pv) {
            S_missing(in, &fm, TP_KEY_PERCENT, a);
            ok = false;
        } else if (!S_percent(in, pv, &micro)) {
            ok = false;
        }
        int j = ok ? tp_strmap_get(&seen, proj) : -1; /* a hash map: 60,000 allocations stay linear */
        if (j >= 0) {
            ERR(in, S_val(&fm, TP_KEY_PROJECT), "project '%s' is allocated twice (first at line %d)", proj,
                rp->alloc_refs[j].loc.line);
            ok = false;
        }
        if (ok && !tp_strmap_put(&seen, proj, (int)p->nallocs)) {
            S_nomem(in);
            ok = false;
        }
        if (ok) {
            rp->alloc_refs[p->nallocs] = (tp_ref){proj, S_at(in, S_val(&fm, TP_KEY_PROJECT))};
            p->allocs[p->nallocs++] = (tp_allocation){-1, (double)micro / 1e6, micro};
            if (sum < INT64_MAX - S_MAX_MICRO) /* past that the sum is far over 100.5 anyway */
                sum += micro;
        }
        S_fields_free(in, &fm);
    }
    tp_strmap_free(&seen);
    if (sum > 100500000) { /* exactly 100.5% is allowed */
        char text[32];
        ERR(in, n, "allocations sum to %s%% (more than 100.5%%)", S_micro_text(sum, text));
    }
}

/* A record that is not a mapping: written as its id alone (a text), that
 * id stays defined (SPEC §1: a record with errors still defines its id);
 * in any other shape, or past S_MAX_LOOSE of them, its kind's ids are lost. */
#define S_MAX_LOOSE 10000 /* past them (ten million `- x` items), the kind is lost: bounded memory */
static void S_not_a_record(tp_ingest *in, const tp_node *n, unsigned kind)
{
    if (n->kind != TP_NODE_SCALAR || !n->len || in->nloose >= S_MAX_LOOSE || S_only_counted(in)) {
        in->lost |= kind;
        return;
    }
    const char *id = S_intern(in, n->str, n->len);
    if (id && S_reserve(in, (void **)&in->loose, &in->cap_loose, in->nloose, sizeof *in->loose))
        in->loose[in->nloose++] = (tp_loose_id){id, kind};
}

/* The start of a record of a section (people, ...): n a mapping whose keys
 * go into fm; false (fm not to be freed) when it is not one, its kind's ids
 * then kept or lost as S_not_a_record says, or when its keys cannot be read. */
static bool S_record(tp_ingest *in, fmap *fm, const tp_node *n, const char *section, const char *what,
                     const key_set *keys, unsigned kind)
{
    if (!S_want(in, n, TP_NODE_MAP, section, what)) {
        S_not_a_record(in, n, kind);
        return false;
    }
    if (!S_fields(in, fm, n, keys)) {
        in->lost |= kind;
        return false;
    }
    return true;
}

static void S_person(tp_ingest *in, const tp_node *n)
{
    fmap fm;
    if (!S_record(in, &fm, n, "people", "a person (a mapping with id, name, ...)", &person_keys, TP_LOST_PEOPLE))
        return;
    tp_raw_person rp;
    memset(&rp, 0, sizeof rp);
    tp_person *p = &rp.p;
    p->loc = S_at(in, n);
    p->id = S_req_id(in, &fm, TP_KEY_ID);
    if (p->id)
        p->loc = S_at(in, S_val(&fm, TP_KEY_ID)); /* duplicates point at the id itself */
    p->name = S_req_text(in, &fm, TP_KEY_NAME);
    p->team = S_opt_text(in, &fm, TP_KEY_TEAM);
    if (p->team)
        S_value(in, &in->teams, &in->nteams, &in->cap_teams, p->team, S_val(&fm, TP_KEY_TEAM));
    if (!p->team)
        p->team = "Unassigned";
    p->role = S_opt_text(in, &fm, TP_KEY_ROLE);
    p->reports_to = S_opt_text(in, &fm, TP_KEY_REPORTS_TO);
    p->focus = S_opt_text(in, &fm, TP_KEY_FOCUS);
    p->it = true;
    const tp_node *v;
    if ((v = S_val(&fm, TP_KEY_IT)) && S_bool(in, v, "it", &p->it))
        p->it_text = S_intern(in, v->str, v->len);
    if ((v = S_val(&fm, TP_KEY_ATTRIBUTES)))
        S_attributes(in, v, p);
    S_refs(in, S_val(&fm, TP_KEY_WORKS_WITH), &rp.works, &rp.nworks, "works_with", "person id");
    if ((v = S_val(&fm, TP_KEY_ALLOCATIONS)))
        S_allocations(in, v, &rp);
    p->joined = p->left = TP_DATE_NONE;
    if ((v = S_val(&fm, TP_KEY_JOINED)))
        S_date(in, v, "joined", &p->joined);
    if ((v = S_val(&fm, TP_KEY_LEFT)) && S_date(in, v, "left", &p->left) && p->joined != TP_DATE_NONE && p->left < p->joined)
        ERR(in, v, "'left' (%s) is before 'joined'", v->str);
    S_fields_free(in, &fm);
    if (!p->id) { /* a record with other errors still defines its id (SPEC §1) */
        in->lost |= TP_LOST_PEOPLE;
        return;
    }
    if (!p->name)
        p->name = p->id;
    if (S_reserve(in, (void **)&in->people, &in->cap_people, in->npeople, sizeof rp))
        in->people[in->npeople++] = rp;
}

static void S_customer(tp_ingest *in, const tp_node *n)
{
    fmap fm;
    if (!S_record(in, &fm, n, "customers", "a customer (a mapping with id, name, ...)", &customer_keys,
                  TP_LOST_CUSTOMERS))
        return;
    tp_customer c = {.loc = S_at(in, n), .paying = true};
    c.id = S_req_id(in, &fm, TP_KEY_ID);
    if (c.id)
        c.loc = S_at(in, S_val(&fm, TP_KEY_ID));
    c.name = S_req_text(in, &fm, TP_KEY_NAME);
    c.segment = S_opt_text(in, &fm, TP_KEY_SEGMENT);
    if (c.segment)
        S_value(in, &in->segments, &in->nsegments, &in->cap_segments, c.segment, S_val(&fm, TP_KEY_SEGMENT));
    S_opt_bool(in, &fm, TP_KEY_PAYING, &c.paying);
    S_fields_free(in, &fm);
    if (!c.id)
        in->lost |= TP_LOST_CUSTOMERS;
    if (c.id && !c.name)
        c.name = c.id;
    if (c.id && S_reserve(in, (void **)&in->customers, &in->cap_customers, in->ncustomers, sizeof c))
        in->customers[in->ncustomers++] = c;
}

static void S_project(tp_ingest *in, const tp_node *n)
{
    fmap fm;
    if (!S_record(in, &fm, n, "projects", "a project (a mapping with id, name, serves)", &project_keys,
                  TP_LOST_PROJECTS))
        return;
    tp_raw_project rp;
    memset(&rp, 0, sizeof rp);
    rp.p.loc = S_at(in, n);
    rp.p.id = S_req_id(in, &fm, TP_KEY_ID);
    if (rp.p.id)
        rp.p.loc = S_at(in, S_val(&fm, TP_KEY_ID));
    rp.p.name = S_req_text(in, &fm, TP_KEY_NAME);
    const tp_node *s = S_val(&fm, TP_KEY_SERVES);
    fmap sm;
    if (s && S_want(in, s, TP_NODE_MAP, "serves", "a mapping of customers, people and teams") && S_fields(in, &sm, s, &serves_keys)) {
        S_refs(in, S_val(&sm, TP_KEY_CUSTOMERS), &rp.customers, &rp.ncustomers, "customers", "customer id");
        S_refs(in, S_val(&sm, TP_KEY_PEOPLE), &rp.people, &rp.npeople, "people", "person id");
        S_refs(in, S_val(&sm, TP_KEY_TEAMS), &rp.teams, &rp.nteams, "teams", "team name");
        S_fields_free(in, &sm);
    }
    S_fields_free(in, &fm);
    if (!rp.p.id)
        in->lost |= TP_LOST_PROJECTS;
    if (rp.p.id && !rp.p.name)
        rp.p.name = rp.p.id;
    if (rp.p.id && S_reserve(in, (void **)&in->projects, &in->cap_projects, in->nprojects, sizeof rp))
        in->projects[in->nprojects++] = rp;
}

/* The distinct tags of one insight, appended to in->tags and ended by
 * NULL (nothing when it has none). */
static void S_tags(tp_ingest *in, const tp_node *n)
{
    if (!n || n->kind != TP_NODE_SEQ) {
        S_idlist(in, n, -1, NULL, "tags", "tag");
        return;
    }
    tp_ref *refs = malloc((n->n ? n->n : 1) * sizeof *refs);
    if (!refs) {
        S_nomem(in);
        return;
    }
    uint32_t k = S_idlist(in, n, -1, refs, "tags", "tag");
    for (uint32_t i = 0; k && i <= k && !in->nomem; i++)
        if (S_reserve(in, (void **)&in->tags, &in->cap_tags, in->ntags, sizeof *in->tags))
            in->tags[in->ntags++] = i < k ? refs[i].id : NULL;
    free(refs);
}

/* Insights are checked and counted; the tags of each are kept. */
static void S_insights(tp_ingest *in, const tp_node *n, tp_interaction *it)
{
    if (!S_want(in, n, TP_NODE_SEQ, "insights", "a list of insights"))
        return;
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *x = n->items[i];
        if (x->kind == TP_NODE_MAP) {
            fmap fm;
            if (!S_fields(in, &fm, x, &insight_keys))
                return;
            bool ok = S_req_scalar(in, &fm, TP_KEY_TEXT) != NULL;
            size_t ntags = in->ntags;
            S_tags(in, S_val(&fm, TP_KEY_TAGS));
            S_fields_free(in, &fm);
            if (!ok) {
                in->ntags = ntags;
                continue;
            }
        } else if (x->kind != TP_NODE_SCALAR) {
            char buf[S_SHOWN + 16];
            ERR(in, x, "insights: expected an insight (a text or {text, tags}), found %s", S_found(x, buf));
            continue;
        }
        it->ninsights++;
    }
}

/* Actions are checked and kept in in->acts; their owners wait to be resolved. */
static void S_actions(tp_ingest *in, const tp_node *n, tp_interaction *it)
{
    enum { OPEN = TP_ACTION_OPEN, DONE = TP_ACTION_DONE, DROPPED = TP_ACTION_DROPPED };
    static const char *const statuses[] = {[OPEN] = "open", [DONE] = "done", [DROPPED] = "dropped", NULL};
    if (!S_want(in, n, TP_NODE_SEQ, "actions", "a list of actions"))
        return;
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *x = n->items[i];
        fmap fm;
        if (!S_want(in, x, TP_NODE_MAP, "actions", "an action {text, owner, status, attested}") ||
            !S_fields(in, &fm, x, &action_keys))
            continue;
        const tp_node *text = S_req_scalar(in, &fm, TP_KEY_TEXT);
        bool ok = text != NULL;
        const tp_node *v, *owner = NULL;
        if ((v = S_val(&fm, TP_KEY_OWNER)) && S_want(in, v, TP_NODE_SCALAR, "owner", "a person id"))
            owner = v;
        int status = OPEN;
        if ((v = S_val(&fm, TP_KEY_STATUS))) {
            int st = S_choice(in, v, "status", statuses);
            if (st >= 0)
                status = st;
        }
        bool attested = false;
        S_opt_bool(in, &fm, TP_KEY_ATTESTED, &attested);
        S_fields_free(in, &fm);
        if (!ok)
            continue;
        if (owner) {
            long str = S_intern_index(in, owner->str, owner->len);
            if (str < 0 || !S_pref(in, str, TP_PREF_OWNER, owner))
                return;
        }
        if (!S_reserve(in, (void **)&in->acts, &in->cap_acts, in->nacts, sizeof *in->acts))
            return;
        /* owner -2: named, resolved once every file is read */
        in->acts[in->nacts++] = (tp_action){S_intern(in, text->str, text->len), owner ? -2 : -1, (uint8_t)status,
                                            attested};
        it->nactions++;
    }
}

/* The interaction's actions and tags, packed into one block of the arena. */
static void S_pack_acts(tp_ingest *in, tp_interaction *it)
{
    if (!in->nacts && !in->ntags)
        return;
    tp_interaction_acts *a =
        tp_alloc(in->arena, sizeof *a + in->nacts * sizeof *a->actions + in->ntags * sizeof(const char *));
    if (!a) {
        S_nomem(in);
        return;
    }
    *a = (tp_interaction_acts){.ntags = (uint32_t)in->ntags};
    for (size_t i = 0; i < in->nacts; i++) {
        a->actions[i] = in->acts[i];
        a->done += in->acts[i].status == TP_ACTION_DONE;
        a->attested += in->acts[i].status == TP_ACTION_DONE && in->acts[i].attested;
    }
    if (in->ntags)
        memcpy((void *)tp_acts_tags(a, (uint32_t)in->nacts), in->tags, in->ntags * sizeof *in->tags);
    it->acts = a;
}

/* minutes or hours, never both: the duration in hours. */
static void S_duration(tp_ingest *in, const fmap *fm, tp_interaction *it)
{
    field *fmin = S_find(fm, TP_KEY_MINUTES), *fh = S_find(fm, TP_KEY_HOURS);
    const tp_node *vm = S_val(fm, TP_KEY_MINUTES), *vh = S_val(fm, TP_KEY_HOURS);
    double x;
    if (vm && vh) {
        const tp_node *later = (fmin->knode->line > fh->knode->line ||
                                (fmin->knode->line == fh->knode->line && fmin->knode->col > fh->knode->col))
                                   ? fmin->knode
                                   : fh->knode;
        ERR(in, later, "'minutes' and 'hours' both given (use one)");
        return;
    }
    if (vm && S_number(in, vm, "minutes", &x) && S_in_range(in, vm, "minutes", x, S_MAX_MINUTES, "527,040 (a leap year)"))
        it->hours = x / 60.0;
    if (vh && S_number(in, vh, "hours", &x) && S_in_range(in, vh, "hours", x, S_MAX_HOURS, "8,784 (a leap year)"))
        it->hours = x;
}

/* id, notes, event and the counts: a block of their own, only when given. */
static void S_extra(tp_ingest *in, const fmap *fm, tp_interaction *it)
{
    tp_interaction_extra x = {.calls = TP_COUNT_NONE, .conversations = TP_COUNT_NONE, .leads = TP_COUNT_NONE};
    const tp_node *v;
    if ((v = S_val(fm, TP_KEY_ID)) && S_text(in, v, "id", &x.id)) {
        x.id_line = v->line;
        x.id_col = v->col;
    }
    const tp_node *notes = S_val(fm, TP_KEY_NOTES);
    if (in->skip_notes && notes)
        S_want(in, notes, TP_NODE_SCALAR, tp_key_names[TP_KEY_NOTES], "text"); /* checked, not kept */
    else if (!in->skip_notes)
        x.notes = S_opt_free_text(in, fm, TP_KEY_NOTES);
    x.event = S_opt_free_text(in, fm, TP_KEY_EVENT);
    S_opt_count(in, fm, TP_KEY_CALLS, &x.calls);
    S_opt_count(in, fm, TP_KEY_CONVERSATIONS, &x.conversations);
    S_opt_count(in, fm, TP_KEY_LEADS, &x.leads);
    if (!x.id && !x.notes && !x.event && x.calls == TP_COUNT_NONE && x.conversations == TP_COUNT_NONE &&
        x.leads == TP_COUNT_NONE)
        return;
    tp_interaction_extra *e = tp_alloc(in->arena, sizeof *e);
    if (!e) {
        S_nomem(in);
        return;
    }
    *e = x;
    it->extra = e;
}

static void S_interaction(tp_ingest *in, const tp_node *n)
{
    fmap fm;
    if (!S_want(in, n, TP_NODE_MAP, "interactions", "an interaction (a mapping with type, date, people, ...)") || !S_fields(in, &fm, n, &interaction_keys))
        return;
    tp_interaction it = {.file = in->file_index, .line = n->line, .type = TP_TYPE_PENDING};
    size_t pref0 = in->nprefs;
    const tp_node *v;
    const tp_node *type = S_req_scalar(in, &fm, TP_KEY_TYPE);
    if (type) { /* a built-in type now; a custom one once every file is read */
        long str = S_intern_index(in, type->str, type->len);
        if (str >= 0 && in->builtin[str] == -2)
            in->builtin[str] = (int8_t)tp_builtin_type(in->strings[str]);
        if (str >= 0 && in->builtin[str] >= 0)
            it.type = in->builtin[str];
        else if (str < 0 || !S_pref(in, str, TP_PREF_TYPE, type))
            type = NULL;
    }
    if (!(v = S_val(&fm, TP_KEY_DATE)))
        S_missing(in, &fm, TP_KEY_DATE, n);
    else
        S_record_date(in, v, &it.date);
    if (!(v = S_val(&fm, TP_KEY_PEOPLE))) {
        S_missing(in, &fm, TP_KEY_PEOPLE, n);
    } else {
        it.npeople = S_idlist(in, v, TP_PREF_PERSON, NULL, "people", "person id");
        if (v->kind == TP_NODE_SEQ && v->n == 0)
            ERR(in, v, "'people' must name at least one person");
    }
    it.ncustomers = S_idlist(in, S_val(&fm, TP_KEY_CUSTOMERS), TP_PREF_CUSTOMER, NULL, "customers", "customer id");
    S_duration(in, &fm, &it);
    S_extra(in, &fm, &it);
    it.title = S_opt_free_text(in, &fm, TP_KEY_TITLE);
    in->nacts = in->ntags = 0;
    if ((v = S_val(&fm, TP_KEY_INSIGHTS)))
        S_insights(in, v, &it);
    if ((v = S_val(&fm, TP_KEY_ACTIONS)))
        S_actions(in, v, &it);
    S_pack_acts(in, &it);
    S_fields_free(in, &fm);
    /* A broken record is kept, so that its ids are still checked: the run
     * fails anyway and every problem is shown. Without a type (an error
     * said so) any type stands in. */
    if (!type)
        it.type = 0;
    if (!in->nomem &&
        S_pages_grow(in, (void **)&in->interactions, &in->cap_interactions, in->ninteractions, sizeof it))
        in->interactions[in->ninteractions++] = it;
    else
        in->nprefs = pref0;
}

static void S_request(tp_ingest *in, const tp_node *n)
{
    static const char *const statuses[] = {"covered", "planned", "gap", "declined", NULL};
    fmap fm;
    if (!S_want(in, n, TP_NODE_MAP, "requests", "a request (a mapping with date, text, status, ...)") || !S_fields(in, &fm, n, &request_keys))
        return;
    tp_raw_request rr;
    memset(&rr, 0, sizeof rr);
    rr.r.loc = S_at(in, n);
    rr.r.customer = -1;
    const tp_node *v;
    if (!(v = S_val(&fm, TP_KEY_DATE)))
        S_missing(in, &fm, TP_KEY_DATE, n);
    else
        S_record_date(in, v, &rr.r.date);
    rr.r.text = S_req_text(in, &fm, TP_KEY_TEXT);
    if (!(v = S_val(&fm, TP_KEY_STATUS))) {
        S_missing(in, &fm, TP_KEY_STATUS, n);
    } else {
        int st = S_choice(in, v, "status", statuses);
        rr.r.status = st >= 0 ? (tp_request_status)st : TP_REQ_GAP;
    }
    if ((v = S_val(&fm, TP_KEY_CUSTOMER)) && S_text(in, v, "customer", &rr.customer.id))
        rr.customer.loc = S_at(in, v);
    S_opt_count(in, &fm, TP_KEY_VOTES, &rr.r.votes);
    rr.r.id = S_opt_text(in, &fm, TP_KEY_ID);
    S_fields_free(in, &fm);
    /* A broken request is kept, so that its customer is still checked: the
     * run fails anyway and every problem is shown. */
    if (S_reserve(in, (void **)&in->requests, &in->cap_requests, in->nrequests, sizeof rr))
        in->requests[in->nrequests++] = rr;
}

static void S_type(tp_ingest *in, const tp_node *n)
{
    static const char *const contacts[] = {"customer", "internal", NULL};
    fmap fm;
    if (!S_record(in, &fm, n, "types", "a type {id, label, contact, anonymous_paying}", &type_keys, TP_LOST_TYPES))
        return;
    tp_type t = {.loc = S_at(in, n)};
    t.id = S_req_id(in, &fm, TP_KEY_ID);
    if (!t.id)
        in->lost |= TP_LOST_TYPES;
    if (t.id)
        t.loc = S_at(in, S_val(&fm, TP_KEY_ID)); /* duplicates point at the id itself */
    t.label = S_opt_text(in, &fm, TP_KEY_LABEL);
    const tp_node *v;
    if ((v = S_val(&fm, TP_KEY_CONTACT)))
        t.contact = S_choice(in, v, "contact", contacts) == 0;
    S_opt_bool(in, &fm, TP_KEY_ANONYMOUS_PAYING, &t.anonymous_paying);
    if (t.id && tp_builtin_type(t.id) >= 0) {
        ERR(in, S_val(&fm, TP_KEY_ID), "type '%s' clashes with a built-in type", t.id);
        t.id = NULL;
    }
    if (t.id && !t.label)
        t.label = t.id;
    S_fields_free(in, &fm);
    if (t.id && S_reserve(in, (void **)&in->types, &in->cap_types, in->ntypes, sizeof t))
        in->types[in->ntypes++] = t;
}

/* ----------------------------------------------------------- documents */

typedef void (*record_fn)(tp_ingest *, const tp_node *);

static const struct {
    record_fn fn;
    const char *what; /* the section's value, in words */
    int key;
    unsigned lost;    /* the ids lost with it (TP_LOST_*) */
} sections[] = {
    {S_person, "a list of people", TP_KEY_PEOPLE, TP_LOST_PEOPLE},
    {S_customer, "a list of customers", TP_KEY_CUSTOMERS, TP_LOST_CUSTOMERS},
    {S_project, "a list of projects", TP_KEY_PROJECTS, TP_LOST_PROJECTS},
    {S_interaction, "a list of interactions", TP_KEY_INTERACTIONS, 0},
    {S_request, "a list of requests", TP_KEY_REQUESTS, 0},
    {S_type, "a list of interaction types", TP_KEY_TYPES, TP_LOST_TYPES},
};

/* The ids lost with the section called name (TP_LOST_*; 0 for another name). */
static unsigned S_section_lost(const char *name)
{
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++)
        if (!strcmp(tp_key_names[sections[s].key], name))
            return sections[s].lost;
    return 0;
}

static const char *const top_names[] = {"organization", "people", "customers", "projects",
                                       "interactions", "requests", "types", NULL};
static key_set top_keys = {top_names, 0};

/* Sets each key set's bits from its names, once. */
static void S_key_sets_init(void)
{
    key_set *const all[] = {&person_keys,  &customer_keys, &project_keys, &serves_keys,
                            &interaction_keys, &insight_keys, &action_keys, &request_keys,
                            &type_keys,    &alloc_keys,    &top_keys};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        for (const char *const *k = all[i]->names; *k; k++)
            all[i]->mask |= 1ull << tp_key_of(*k, strlen(*k));
}
static pthread_once_t S_key_sets_once = PTHREAD_ONCE_INIT;

/* Whether the records under key were handled as they were read. */
static bool S_streamed(const tp_ingest *in, const tp_node *key)
{
    for (size_t i = 0; i < in->nstreamed; i++)
        if (in->streamed[i] == key)
            return true;
    return false;
}

static void S_document(tp_ingest *in, const tp_node *doc)
{
    if (doc->kind == TP_NODE_NULL)
        return;
    if (doc->kind != TP_NODE_MAP) {
        ERR(in, doc, "a document must be a mapping (organization, people, customers, projects, "
                     "interactions, requests, types), found %s",
            tp_node_kind_name(doc));
        return;
    }
    fmap fm;
    if (!S_fields_of(in, &fm, doc, &top_keys, true))
        return;
    const tp_node *v = S_val(&fm, TP_KEY_ORGANIZATION);
    const char *org;
    if (v && S_text(in, v, "organization", &org) &&
        S_reserve(in, (void **)&in->orgs, &in->cap_orgs, in->norgs, sizeof *in->orgs))
        in->orgs[in->norgs++] = (tp_ref){org, S_at(in, v)};
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
        if (!(v = S_val(&fm, sections[s].key)) || S_streamed(in, S_find(&fm, sections[s].key)->knode))
            continue;
        if (!S_want(in, v, TP_NODE_SEQ, tp_key_names[sections[s].key], sections[s].what)) {
            in->lost |= sections[s].lost;
            continue;
        }
        for (size_t i = 0; i < v->n && !in->nomem; i++)
            sections[s].fn(in, v->items[i]);
    }
    S_fields_free(in, &fm);
}

static bool S_on_document(void *ctx, tp_node *root)
{
    tp_ingest *in = ctx;
    if (root) /* NULL: a document a first reading began (tp_yaml_recover) */
        S_document(in, root);
    in->nstreamed = 0;
    return !in->nomem;
}

/* A record handled as soon as it is read, while its nodes are in the
 * cache; the document's end then skips its section. A section key met
 * when S_MAX_STREAMED keys are already streaming waits for the end. */
static tp_item_result S_on_item(void *ctx, const tp_node *key, const tp_node *item)
{
    tp_ingest *in = ctx;
    int id = S_key_id(key);
    size_t s = 0;
    while (s < sizeof sections / sizeof *sections && sections[s].key != id)
        s++;
    if (s == sizeof sections / sizeof *sections)
        return TP_ITEM_LATER;
    if (!S_streamed(in, key)) {
        if (in->nstreamed == TP_MAX_STREAMED)
            return TP_ITEM_LATER;
        in->streamed[in->nstreamed++] = key;
    }
    sections[s].fn(in, item);
    return in->nomem ? TP_ITEM_NOMEM : TP_ITEM_DONE;
}

tp_status tp_ingest_text(tp_ingest *in, const char *data, size_t len)
{
    pthread_once(&S_key_sets_once, S_key_sets_init);
    tp_arena *nodes = tp_arena_new();
    if (!nodes || (!in->interned.cap && !tp_strmap_init(&in->interned, 16))) {
        tp_arena_free(nodes);
        return TP_ERR_NOMEM;
    }
    tp_yaml_stop stop;
    tp_status st = tp_yaml_parse_each(nodes, true, in->file, in->line0, data, len, in->diags, S_on_document,
                                      S_on_item, in, &in->aliases, &stop);
    if (st == TP_OK && stop.by_libyaml) {
        /* Records before the error's line that libyaml's reading ahead
         * kept back (SPEC §1: the records read before it are checked). */
        in->nstreamed = 0; /* the cut document's section keys are nodes of the first reading */
        st = tp_yaml_recover(nodes, in->file, in->line0, data, len, &stop, in->diags, S_on_document, S_on_item, in);
    }
    tp_arena_free(nodes);
    if (st != TP_OK)
        return st;
    /* The interactions and references wait for every file (or piece) to
     * be read: no slack. */
    S_pages_fit((void **)&in->interactions, &in->cap_interactions, in->ninteractions, sizeof *in->interactions);
    S_pages_fit((void **)&in->prefs, &in->cap_prefs, in->nprefs, sizeof *in->prefs);
    return in->nomem || in->diags->nomem ? TP_ERR_NOMEM : TP_OK;
}

void tp_ingest_free(tp_ingest *in)
{
    free(in->people);
    free(in->customers);
    free(in->projects);
    tp_ingest_free_interactions(in);
    tp_ingest_free_prefs(in);
    free(in->seen);
    free(in->builtin);
    free(in->requests);
    free(in->types);
    free(in->loose);
    free(in->orgs);
    free(in->teams);
    free(in->segments);
    free(in->strings);
    free(in->acts);
    free(in->tags);
    tp_strmap_free(&in->interned);
}
