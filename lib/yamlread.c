/* yamlread.c — libyaml events into located nodes, with alias and depth limits. */
#include "arena.h"
#include "diag.h"
#include "strmap.h"
#include "yamlread.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ------------------------------------------------------------ known keys */

const char *const tp_key_names[TP_NKEYS] = {
    [TP_KEY_NONE] = "",
#define TP_KEY_NAME(e, s) [TP_KEY_##e] = (s),
    TP_KEY_LIST(TP_KEY_NAME)
#undef TP_KEY_NAME
};

/* Open addressing on FNV-1a: 49 keys in 256 slots, a probe or two each. */
static uint8_t S_key_slots[256];
static size_t S_key_len[TP_NKEYS];
static pthread_once_t S_key_once = PTHREAD_ONCE_INIT;

static unsigned S_key_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return (h ^ h >> 8 ^ h >> 16) & 255;
}

static void S_key_init(void)
{
    for (int k = 1; k < TP_NKEYS; k++) {
        S_key_len[k] = strlen(tp_key_names[k]);
        unsigned i = S_key_hash(tp_key_names[k], S_key_len[k]);
        while (S_key_slots[i])
            i = (i + 1) & 255;
        S_key_slots[i] = (uint8_t)k;
    }
}

/* tp_key_of once S_key_init has run (the reader runs it as it starts). */
static int S_key_lookup(const char *s, size_t len)
{
    for (unsigned i = S_key_hash(s, len); S_key_slots[i]; i = (i + 1) & 255) {
        int k = S_key_slots[i];
        if (S_key_len[k] == len && !memcmp(tp_key_names[k], s, len))
            return k;
    }
    return TP_KEY_NONE;
}

int tp_key_of(const char *s, size_t len)
{
    pthread_once(&S_key_once, S_key_init);
    return S_key_lookup(s, len);
}

typedef struct {
    tp_node *node;  /* NULL inside a skipped value */
    size_t first;   /* where its children start on the builder's kids stack */
    char *anchor;   /* registered when the collection ends */
    bool skip;      /* a skipped value: its children are read, not kept */
} frame;

typedef struct {
    tp_arena *arena;
    tp_doc_fn fn;
    tp_item_fn item_fn;
    void *ctx;
    const char *file;
    tp_diags *diags;
    size_t depth;
    tp_node **kids;          /* children of every open collection, innermost last */
    size_t nkids, capkids;
    tp_node **anchored;
    size_t nanchored, capanchored;
    size_t expanded;         /* nodes added by aliases in this file */
    size_t written;          /* nodes written in this file (scalars, sequences, mappings) */
    int64_t peak;            /* the most expanded ran past ten times written at an alias */
    /* Records: the items of a sequence under the root mapping. */
    size_t item_anchors;     /* anchors registered before the next record */
    tp_arena_mark item_mark; /* the arena before it */
    /* A record is handled at the next event libyaml gives. When libyaml
     * stops at an error instead, on the line where the record ended, the
     * error cut it short and it is not checked (SPEC §1) — unless that line
     * starts left of or at the record's '-' (the next record, a section):
     * then the record ended before it (S_cut_short). */
    struct {
        tp_node *key, *item; /* NULL: none waits */
        size_t line;         /* the line (of data, from 0) of the event that ended it */
        size_t dash;         /* the column (from 0) of its sequence's start */
    } pending;
    size_t line;             /* the line (of data, from 0) of the event being handled */
    size_t items, docs;      /* records and documents ended so far */
    /* A second reading (tp_yaml_recover): the records and documents the
     * first reading handled are skipped, and the problems the reader finds
     * before the records are past (the first reading told them); records
     * that end on cut_line or after are cut short as S_cut_short says, with
     * cut_indent the column where that line's text starts. 0, 0, SIZE_MAX
     * and 0 in a first reading. */
    size_t skip_items, skip_docs, cut_line, cut_indent;
    tp_strmap anchors;       /* anchor name -> index into anchored */
    frame stack[TP_MAX_DEPTH + 1];
    int line0;               /* lines of the file before data (a piece of it) */
    bool reset_per_doc;      /* nodes of a document are freed once it is handled */
    bool skip_unused;        /* values the log format never reads are skipped (see S_skippable) */
    bool item_free;          /* neither the sequence nor the root has an anchor */
    bool nomem;
} builder;

/* A problem of the reader's own; none while a second reading skips what
 * the first one read. */
#define S_diag(b, ...)                                \
    do {                                              \
        if ((b)->items >= (b)->skip_items)            \
            tp_diag_add((b)->diags, __VA_ARGS__);     \
    } while (0)

const char *tp_node_kind_name(const tp_node *n)
{
    switch (n->kind) {
    case TP_NODE_MAP: return "a mapping";
    case TP_NODE_SEQ: return "a sequence";
    case TP_NODE_SCALAR: return "a scalar";
    case TP_NODE_NULL: return "nothing";
    }
    return "a node";
}

const tp_node *tp_node_get(const tp_node *map, const char *key)
{
    if (!map || map->kind != TP_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (map->items[2 * i]->str && !strcmp(map->items[2 * i]->str, key))
            return map->items[2 * i + 1];
    return NULL;
}

static tp_loc S_loc(const builder *b, yaml_mark_t m)
{
    return (tp_loc){b->file, b->line0 + (int)m.line + 1, (int)m.column + 1};
}

static tp_node *S_node(builder *b, tp_node_kind kind, yaml_mark_t m)
{
    tp_node *n = tp_calloc(b->arena, 1, sizeof *n);
    if (!n) {
        b->nomem = true;
        return NULL;
    }
    n->kind = kind;
    n->line = b->line0 + (int)m.line + 1;
    n->col = (int)m.column + 1;
    n->weight = 1;
    return n;
}

static bool S_is_null_text(const char *s, size_t len)
{
    return len == 0 || (len == 1 && s[0] == '~') ||
           (len == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* Whether the child of f that starts at position nkids of the kids stack
 * is a mapping key. */
static bool S_key_slot(const frame *f, size_t nkids)
{
    return f->node && f->node->kind == TP_NODE_MAP && (nkids - f->first) % 2 == 0;
}

/* Whether the innermost open collection is a sequence that is a value (not
 * a key) of the root mapping: its items are records. */
static bool S_in_record_seq(const builder *b)
{
    if (!b->item_fn || b->depth != 2)
        return false;
    const frame *root = &b->stack[0], *seq = &b->stack[1];
    return !seq->skip && root->node->kind == TP_NODE_MAP && seq->node->kind == TP_NODE_SEQ &&
           !S_key_slot(root, seq->first);
}

/* Weights saturate far below overflow (and far above any budget). */
#define S_WEIGHT_MAX ((size_t)1 << 60)

/* The alias budget of SPEC §1: 1,000,000 nodes, or ten times the nodes
 * written in the file so far, whichever is larger. */
static size_t S_budget(const builder *b)
{
    size_t ten = b->written > S_WEIGHT_MAX / 10 ? S_WEIGHT_MAX : b->written * 10;
    return ten > TP_MAX_EXPANSION ? ten : TP_MAX_EXPANSION;
}

/* Adds a finished node to the open collection (or makes it the root). A
 * node inside a skipped value is only kept when it is anchored. */
static bool S_attach(builder *b, tp_node *n, tp_node **root)
{
    if (b->depth == 0) {
        *root = n;
        return true;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->skip)
        return true;
    if (b->nkids == b->capkids) {
        size_t cap = b->capkids ? b->capkids * 2 : 256;
        tp_node **k = realloc(b->kids, cap * sizeof *k);
        if (!k) {
            b->nomem = true;
            return false;
        }
        b->kids = k;
        b->capkids = cap;
    }
    b->kids[b->nkids++] = n;
    size_t w = f->node->weight + n->weight;
    f->node->weight = w > S_WEIGHT_MAX ? S_WEIGHT_MAX : w;
    if (S_in_record_seq(b)) {
        b->pending.key = b->kids[f->first - 1];
        b->pending.item = n;
        b->pending.line = b->line;
        b->pending.dash = b->stack[1].node->col > 0 ? (size_t)b->stack[1].node->col - 1 : 0;
    }
    return true;
}

/* Whether the record that waits was cut short by an error on line, whose
 * text starts at column indent: it ended on that line, and the line goes
 * on inside it (more indented than its '-'; a line at or left of the '-'
 * starts the next record or section, and the record ended before). */
static bool S_cut_short(const builder *b, size_t line, size_t indent)
{
    return b->pending.line >= line && indent > b->pending.dash;
}

/* Handles the record that waits (S_attach), unless a second reading skips
 * it or it was cut short. Nothing has changed since it was attached. */
static bool S_flush(builder *b)
{
    if (!b->pending.item)
        return true;
    tp_item_result r = TP_ITEM_DONE; /* one skipped or cut short is forgotten as one handled */
    b->items++;
    if (b->items > b->skip_items && !S_cut_short(b, b->cut_line, b->cut_indent))
        r = b->item_fn(b->ctx, b->pending.key, b->pending.item);
    b->pending.item = NULL;
    if (r == TP_ITEM_NOMEM) {
        b->nomem = true;
        return false;
    }
    /* Nothing points into a record handled, its anchors aside: the
     * sequence forgets it (unless the sequence itself may be aliased),
     * and its nodes go. */
    if (r == TP_ITEM_DONE && b->item_free)
        b->nkids--;
    if (r == TP_ITEM_DONE && b->item_free && b->nanchored == b->item_anchors)
        tp_arena_rewind(b->arena, b->item_mark);
    b->item_mark = tp_arena_get_mark(b->arena);
    b->item_anchors = b->nanchored;
    return true;
}

static bool S_register_anchor(builder *b, const char *name, tp_node *n)
{
    if (!name)
        return true;
    char *key = tp_strdup(b->arena, name);
    if (!key) {
        b->nomem = true;
        return false;
    }
    if (b->nanchored == b->capanchored) {
        size_t cap = b->capanchored ? b->capanchored * 2 : 16;
        tp_node **v = realloc(b->anchored, cap * sizeof *v);
        if (!v) {
            b->nomem = true;
            return false;
        }
        b->anchored = v;
        b->capanchored = cap;
    }
    b->anchored[b->nanchored] = n;
    if (!tp_strmap_put(&b->anchors, key, (int)b->nanchored)) {
        b->nomem = true;
        return false;
    }
    b->nanchored++;
    return true;
}

/* Whether the innermost open collection is skipped. */
static bool S_skipping(const builder *b) { return b->depth > 0 && b->stack[b->depth - 1].skip; }

/* Keys whose value the log format only ever reads as a scalar. */
static bool S_scalar_key(int id)
{
    switch (id) {
    case TP_KEY_ORGANIZATION: case TP_KEY_ID: case TP_KEY_NAME: case TP_KEY_TEAM: case TP_KEY_ROLE:
    case TP_KEY_IT: case TP_KEY_REPORTS_TO: case TP_KEY_FOCUS: case TP_KEY_JOINED: case TP_KEY_LEFT:
    case TP_KEY_PAYING: case TP_KEY_SEGMENT: case TP_KEY_TYPE: case TP_KEY_DATE: case TP_KEY_MINUTES:
    case TP_KEY_HOURS: case TP_KEY_TITLE: case TP_KEY_NOTES: case TP_KEY_EVENT: case TP_KEY_CALLS:
    case TP_KEY_CONVERSATIONS: case TP_KEY_LEADS: case TP_KEY_TEXT: case TP_KEY_OWNER: case TP_KEY_STATUS:
    case TP_KEY_ATTESTED: case TP_KEY_CUSTOMER: case TP_KEY_VOTES: case TP_KEY_LABEL: case TP_KEY_CONTACT:
    case TP_KEY_ANONYMOUS_PAYING: case TP_KEY_PROJECT: case TP_KEY_PERCENT:
        return true;
    default: return false;
    }
}

/* Whether a collection that starts now is a value the log format never
 * reads: under an unknown key (an `x-` key included), or under a key that
 * only takes a scalar. Such a value is skipped: its events are read but
 * only a childless node of its kind is kept, for the message that names it
 * (SPEC §1: it costs nothing beyond its text, unless it holds an anchor). */
static bool S_skippable(const builder *b)
{
    if (!b->skip_unused || b->depth == 0)
        return false;
    const frame *f = &b->stack[b->depth - 1];
    if (!f->node || f->node->kind != TP_NODE_MAP || S_key_slot(f, b->nkids))
        return false;
    const tp_node *k = b->kids[b->nkids - 1];
    if (k->kind == TP_NODE_NULL)
        return true;
    if (k->kind != TP_NODE_SCALAR)
        return false;
    int id = k->key != TP_KEY_NONE ? k->key : S_key_lookup(k->str, k->len);
    return id == TP_KEY_NONE || S_scalar_key(id);
}

static bool S_scalar(builder *b, const yaml_event_t *ev, tp_node **root)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *anchor = (const char *)ev->data.scalar.anchor;
    b->written++;
    if (memchr(s, '\0', len))
        S_diag(b, S_loc(b, ev->start_mark), TP_ERROR,
               "a NUL character (\\0) is not allowed in text");
    if (S_skipping(b) && !anchor)
        return true;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
    tp_node *n = S_node(b, plain && S_is_null_text(s, len) ? TP_NODE_NULL : TP_NODE_SCALAR, ev->start_mark);
    if (!n)
        return false;
    n->plain = plain;
    n->tagged = ev->data.scalar.tag != NULL;
    n->str = tp_strndup(b->arena, s, len);
    n->len = len;
    if (!n->str) {
        b->nomem = true;
        return false;
    }
    if (b->depth > 0 && S_key_slot(&b->stack[b->depth - 1], b->nkids))
        n->key = (uint8_t)S_key_lookup(s, len);
    return S_register_anchor(b, anchor, n) && S_attach(b, n, root);
}

static bool S_alias(builder *b, const yaml_event_t *ev, tp_node **root)
{
    const char *name = (const char *)ev->data.alias.anchor;
    int i = tp_strmap_get(&b->anchors, name);
    if (i < 0) {
        S_diag(b, S_loc(b, ev->start_mark), TP_ERROR, "undefined alias '*%s'", name);
        return false;
    }
    if (S_skipping(b))
        return true;
    /* i came from b->anchors, each of whose entries has its node in b->anchored:
     * NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
    tp_node *n = b->anchored[i];
    size_t budget = S_budget(b);
    b->expanded = n->weight > S_WEIGHT_MAX - b->expanded ? S_WEIGHT_MAX : b->expanded + n->weight;
    int64_t past = (int64_t)b->expanded - 10 * (int64_t)(b->written > S_WEIGHT_MAX ? S_WEIGHT_MAX : b->written);
    if (past > b->peak)
        b->peak = past;
    if (b->expanded > budget) {
        if (budget == TP_MAX_EXPANSION)
            S_diag(b, S_loc(b, ev->start_mark), TP_ERROR,
                   "aliases expand past %d nodes (an alias bomb?)", TP_MAX_EXPANSION);
        else
            S_diag(b, S_loc(b, ev->start_mark), TP_ERROR,
                   "aliases expand past %zu nodes, ten times the nodes written so far (an alias bomb?)",
                   budget);
        return false;
    }
    return S_attach(b, n, root);
}

static bool S_open(builder *b, const yaml_event_t *ev, tp_node_kind kind, const yaml_char_t *anchor)
{
    if (b->depth >= TP_MAX_DEPTH) {
        S_diag(b, S_loc(b, ev->start_mark), TP_ERROR, "nesting deeper than %d levels",
               TP_MAX_DEPTH);
        return false;
    }
    b->written++;
    if (S_skipping(b) && !anchor) {
        b->stack[b->depth++] = (frame){NULL, b->nkids, NULL, true};
        return true;
    }
    bool skip = !anchor && S_skippable(b);
    tp_node *n = S_node(b, kind, ev->start_mark);
    if (!n)
        return false;
    char *a = NULL;
    if (anchor && !(a = tp_strdup(b->arena, (const char *)anchor))) {
        b->nomem = true;
        return false;
    }
    b->stack[b->depth++] = (frame){n, b->nkids, a, skip};
    if (S_in_record_seq(b)) {
        b->item_mark = tp_arena_get_mark(b->arena);
        b->item_anchors = b->nanchored;
        b->item_free = !b->stack[0].anchor && !b->stack[1].anchor;
    }
    return true;
}

/* ------------------------------------------------------------ merge keys */

/* The keys of one mapping by text: a scan while there are few (kept in
 * the index itself, so most mappings allocate nothing), then an
 * open-addressing table of indexes into keys. */
#define S_FEW_KEYS 16

typedef struct {
    const tp_node **keys;
    size_t n, cap;
    uint32_t *slots; /* 1 + index into keys; 0 empty */
    size_t nslots;
    const tp_node *few[S_FEW_KEYS];
} key_index;

static unsigned long S_text_hash(const char *s, size_t len)
{
    unsigned long h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Whether two keys are the same: by number when both are keys of the log
 * format (a key reached by an alias may have no number: then by text). */
static bool S_same_key(const tp_node *a, const tp_node *b)
{
    if (a->key != TP_KEY_NONE && b->key != TP_KEY_NONE)
        return a->key == b->key;
    return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static bool S_index_init(key_index *x, size_t cap)
{
    x->n = 0;
    x->cap = cap;
    x->slots = NULL;
    x->nslots = 0;
    if (cap <= S_FEW_KEYS) {
        x->keys = x->few;
        return true;
    }
    x->keys = malloc(cap * sizeof *x->keys);
    x->nslots = 16;
    while (x->nslots < cap * 2)
        x->nslots *= 2;
    x->slots = calloc(x->nslots, sizeof *x->slots);
    return x->keys && x->slots;
}

static void S_index_free(key_index *x)
{
    if (x->keys != x->few)
        free(x->keys);
    free(x->slots);
}

/* The key of the same text already in x, or NULL after adding k. */
static const tp_node *S_index_add(key_index *x, const tp_node *k)
{
    if (!x->slots) {
        for (size_t i = 0; i < x->n; i++)
            if (S_same_key(x->keys[i], k))
                return x->keys[i];
        x->keys[x->n++] = k;
        return NULL;
    }
    size_t i = S_text_hash(k->str, k->len) & (x->nslots - 1);
    for (; x->slots[i]; i = (i + 1) & (x->nslots - 1))
        if (S_same_key(x->keys[x->slots[i] - 1], k))
            return x->keys[x->slots[i] - 1];
    x->keys[x->n++] = k;
    x->slots[i] = (uint32_t)x->n;
    return NULL;
}

static bool S_is_merge_key(const tp_node *k)
{
    return k->kind == TP_NODE_SCALAR && k->plain && k->len == 2 && !memcmp(k->str, "<<", 2);
}

static bool S_text_key(const tp_node *k) { return k->kind == TP_NODE_SCALAR || k->kind == TP_NODE_NULL; }

/* The rules of SPEC §1 for one mapping that has just been read: a key
 * repeated is an error (the first stays), a second `<<` is an error (it is
 * left out), and the mappings `<<` names are merged in: keys written in the
 * mapping win over merged ones, an earlier merged mapping over a later one.
 * A merged mapping was itself checked and merged when it was read, so a
 * template is checked once, however often it is used; the `<<` key does
 * not stay in the mapping. */
static bool S_merge_map(builder *b, tp_node *m)
{
    size_t n = m->n, own = 0, extra = 0;
    tp_node **it = m->items;
    const tp_node *merge = NULL;
    key_index x;
    if (!S_index_init(&x, n)) {
        S_index_free(&x);
        b->nomem = true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        tp_node *k = it[2 * i], *v = it[2 * i + 1];
        if (S_is_merge_key(k)) {
            if (merge)
                S_diag(b, (tp_loc){b->file, k->line, k->col}, TP_ERROR,
                       "a second merge key '<<' in one mapping (merge several with '<<: [*a, *b]')");
            else
                merge = v;
            continue;
        }
        const tp_node *first = S_text_key(k) ? S_index_add(&x, k) : NULL;
        if (first) {
            S_diag(b, (tp_loc){b->file, k->line, k->col}, TP_ERROR,
                   "duplicate key '%s' (first at line %d, column %d)", k->str, first->line, first->col);
            continue;
        }
        it[2 * own] = k;
        it[2 * own + 1] = v;
        own++;
    }
    m->n = own;
    if (!merge) {
        S_index_free(&x);
        return true;
    }
    m->merged = true; /* a '<<' was written, even one that merges nothing ('<<: {}') */
    /* The mappings to merge, in order. */
    const tp_node *one[1] = {merge};
    tp_node *const *from = (tp_node *const *)one;
    size_t nfrom = 1;
    if (merge->kind == TP_NODE_SEQ) {
        from = merge->items;
        nfrom = merge->n;
    } else if (merge->kind != TP_NODE_MAP) {
        S_diag(b, (tp_loc){b->file, merge->line, merge->col}, TP_ERROR,
               "a merge key '<<' takes a mapping or a list of mappings, found %s", tp_node_kind_name(merge));
        nfrom = 0;
    }
    for (size_t j = 0; j < nfrom; j++) {
        if (from[j]->kind == TP_NODE_MAP)
            extra += from[j]->n;
        else
            S_diag(b, (tp_loc){b->file, from[j]->line, from[j]->col}, TP_ERROR,
                   "a merge key '<<' takes mappings, found %s", tp_node_kind_name(from[j]));
    }
    if (!extra) {
        S_index_free(&x);
        return true;
    }
    key_index all;
    tp_node **items = tp_alloc(b->arena, 2 * (own + extra) * sizeof *items);
    if (!items || !S_index_init(&all, own + extra)) {
        if (items)
            S_index_free(&all);
        S_index_free(&x);
        b->nomem = true;
        return false;
    }
    S_index_free(&x);
    memcpy(items, it, 2 * own * sizeof *items);
    for (size_t i = 0; i < own; i++)
        if (S_text_key(items[2 * i]))
            S_index_add(&all, items[2 * i]);
    size_t out = own;
    for (size_t j = 0; j < nfrom; j++) {
        if (from[j]->kind != TP_NODE_MAP)
            continue;
        for (size_t i = 0; i < from[j]->n; i++) {
            tp_node *k = from[j]->items[2 * i];
            if (S_text_key(k) && S_index_add(&all, k))
                continue;
            items[2 * out] = k;
            items[2 * out + 1] = from[j]->items[2 * i + 1];
            out++;
        }
    }
    S_index_free(&all);
    m->items = items;
    m->n = out;
    return true;
}

static bool S_close(builder *b, tp_node **root)
{
    if (b->depth == 0) /* libyaml never ends what it did not start; the analyzer cannot know */
        return false;
    frame f = b->stack[--b->depth];
    tp_node *n = f.node;
    if (f.skip) /* nothing was kept; the outermost skipped value leaves a childless node */
        return !n || S_attach(b, n, root);
    size_t nkids = b->nkids - f.first;
    /* a frame that is not skipped always has its node (S_open pushes it):
     * NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
    n->n = n->kind == TP_NODE_MAP ? nkids / 2 : nkids;
    if (nkids) {
        n->items = tp_alloc(b->arena, nkids * sizeof *n->items);
        if (!n->items) {
            b->nomem = true;
            return false;
        }
        memcpy(n->items, b->kids + f.first, nkids * sizeof *n->items);
    }
    b->nkids = f.first;
    if (n->kind == TP_NODE_MAP && n->n && !S_merge_map(b, n))
        return false;
    return S_register_anchor(b, f.anchor, n) && S_attach(b, n, root);
}

/* The length of the line break at p, as libyaml counts lines (CR LF, CR,
 * LF, NEL, LS, PS); 0 when none starts there. */
static size_t S_break_len(const unsigned char *p, const unsigned char *end)
{
    if (*p == '\r')
        return p + 1 < end && p[1] == '\n' ? 2 : 1;
    if (*p == '\n')
        return 1;
    if (*p == 0xC2 && p + 1 < end && p[1] == 0x85)
        return 2;
    if (*p == 0xE2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
        return 3;
    return 0;
}

/* The line (from 0) and column (in characters, from 1) of byte offset off. */
static void S_where(const char *data, size_t len, size_t off, size_t *line, int *col)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + (off < len ? off : len);
    *line = 0;
    *col = 1;
    while (p < end) {
        size_t n = S_break_len(p, end);
        if (n) {
            ++*line;
            *col = 1;
            p += n;
        } else {
            *col += (*p & 0xC0) != 0x80;
            p++;
        }
    }
}

/* The byte offset where line (from 0) starts; len when there is none. */
static size_t S_line_start(const char *data, size_t len, size_t line)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    for (size_t at = 0; at < line && p < end;) {
        size_t n = S_break_len(p, end);
        p += n ? n : 1;
        at += n != 0;
    }
    return (size_t)(p - (const unsigned char *)data);
}

/* Where libyaml's reader stopped: the character a bad byte spoils (libyaml
 * names the bad trailing byte of a sequence, not the byte that starts it). */
static size_t S_reader_offset(const yaml_parser_t *p, const char *data)
{
    size_t off = p->problem_offset;
    if (p->problem && strstr(p->problem, "trailing"))
        for (size_t back = 1; back <= 3 && back <= off; back++)
            if (((unsigned char)data[off - back] & 0xC0) == 0xC0)
                return off - back;
    return off;
}

/* The line (of data, from 0) of libyaml's error: a record that ended on it
 * or after was cut short by it. A scanner error inside a token (a quoted
 * text never closed, a key without its ':') counts from where the token
 * starts. */
static size_t S_error_line(const yaml_parser_t *p, const char *data, size_t len)
{
    if (p->error == YAML_READER_ERROR) {
        size_t line;
        int col;
        S_where(data, len, S_reader_offset(p, data), &line, &col);
        return line;
    }
    size_t line = p->problem_mark.line;
    if (p->error == YAML_SCANNER_ERROR && p->context && p->context_mark.line < line)
        line = p->context_mark.line;
    return line;
}

/* The column (from 0, in bytes: spaces and tabs) where the text of the
 * line that starts at byte offset at begins. */
static size_t S_indent_at(const char *data, size_t len, size_t at)
{
    size_t n = 0;
    while (at + n < len && (data[at + n] == ' ' || data[at + n] == '\t'))
        n++;
    return n;
}

/* Whether the text looks like UTF-16 without a byte-order mark. */
static bool S_utf16_like(const char *data, size_t len)
{
    return len >= 2 && (!data[0] || !data[1]);
}

static void S_syntax_error(builder *b, const yaml_parser_t *p, const char *data, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR) {
        b->nomem = true;
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        size_t off = S_reader_offset(p, data), line;
        tp_loc l = {b->file, 0, 0};
        S_where(data, len, off, &line, &l.col);
        l.line = b->line0 + (int)line + 1;
        const char *what = p->problem ? p->problem : "cannot read";
        if (strstr(what, "UTF-8") || !strcmp(what, "invalid Unicode character"))
            S_diag(b, l, TP_ERROR,
                   "not UTF-8 text (byte 0x%02X): save the file as UTF-8 (an editor may have saved it as "
                   "Latin-1 or Windows-1252)",
                   off < len ? (unsigned char)data[off] : 0);
        else if (p->problem_value == 0 && S_utf16_like(data, len))
            S_diag(b, l, TP_ERROR,
                   "a NUL byte (0x00): the file looks like UTF-16 without a byte-order mark; save it as UTF-8");
        else if (p->problem_value >= 0x80)
            S_diag(b, l, TP_ERROR, "%s (U+%04X)", what, (unsigned)p->problem_value);
        else if (p->problem_value != -1)
            S_diag(b, l, TP_ERROR, "%s (byte 0x%02X)", what, p->problem_value & 0xFF);
        else
            S_diag(b, l, TP_ERROR, "%s", what);
        return;
    }
    tp_loc l = S_loc(b, p->problem_mark);
    if (p->context)
        S_diag(b, l, TP_ERROR, "YAML syntax: %s %s", p->problem ? p->problem : "error",
               p->context);
    else
        S_diag(b, l, TP_ERROR, "YAML syntax: %s", p->problem ? p->problem : "error");
    /* A text or a bracket never closed is found far on, often at the end
     * of the file: the note points where it was opened. */
    static const struct {
        const char *context, *note;
    } opened[] = {
        {"while scanning a quoted scalar", "the quoted text starts here"},
        {"while parsing a flow mapping", "the '{' is here"},
        {"while parsing a flow sequence", "the '[' is here"},
    };
    for (size_t i = 0; p->context && i < sizeof opened / sizeof *opened; i++)
        if (!strcmp(p->context, opened[i].context) && p->context_mark.line != p->problem_mark.line)
            tp_diag_note(b->diags, S_loc(b, p->context_mark), "%s", opened[i].note);
}

static void S_reset_doc(builder *b)
{
    b->depth = 0;
    b->nkids = 0;
    tp_strmap_free(&b->anchors);
    b->nanchored = 0;
}

/* Handles one event; false stops the file (error or end). */
static bool S_event(builder *b, const yaml_event_t *ev, tp_node **root)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        *root = NULL;
        if (!tp_strmap_init(&b->anchors, 16)) {
            b->nomem = true;
            return false;
        }
        return true;
    case YAML_DOCUMENT_END_EVENT: {
        if (!*root)
            *root = S_node(b, TP_NODE_NULL, ev->start_mark);
        /* A second reading hands on only documents the first one never
         * began; the others end with NULL (tp_doc_fn). */
        bool second = b->cut_line != SIZE_MAX;
        bool whole = !second || (b->docs > b->skip_docs && ev->start_mark.line < b->cut_line); /* else cut short */
        b->docs++;
        bool ok = *root && b->fn(b->ctx, whole ? *root : NULL);
        if (!ok)
            b->nomem = true; /* a callback says false only when out of memory */
        S_reset_doc(b);
        if (b->reset_per_doc)
            tp_arena_reset(b->arena);
        return ok;
    }
    case YAML_SCALAR_EVENT: return S_scalar(b, ev, root);
    case YAML_ALIAS_EVENT: return S_alias(b, ev, root);
    case YAML_SEQUENCE_START_EVENT:
        return S_open(b, ev, TP_NODE_SEQ, ev->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return S_open(b, ev, TP_NODE_MAP, ev->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return S_close(b, root);
    default: return true;
    }
}

/* Reads data; from (unless NULL) makes it a second reading of the text
 * before the line where a first one stopped (tp_yaml_recover). *stop
 * (unless NULL) says where libyaml stopped this reading. */
static tp_status S_parse(tp_arena *nodes, bool reset_per_doc, bool skip_unused, const char *file, int line0,
                         const char *data, size_t len, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx,
                         tp_yaml_aliases *aliases, bool *stopped, const tp_yaml_stop *from, tp_yaml_stop *stop)
{
    builder b = {.arena = nodes,
                 .skip_unused = skip_unused,
                 .reset_per_doc = reset_per_doc,
                 .fn = fn,
                 .item_fn = item_fn,
                 .ctx = ctx,
                 .file = file,
                 .line0 = line0,
                 .peak = INT64_MIN,
                 .skip_items = from ? from->items : 0,
                 .skip_docs = from ? from->docs : 0,
                 .cut_line = from ? from->line : SIZE_MAX,
                 .cut_indent = from ? from->indent : 0,
                 .diags = diags};
    if (stop)
        *stop = (tp_yaml_stop){0};
    pthread_once(&S_key_once, S_key_init);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return TP_ERR_NOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    tp_node *root = NULL;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            size_t line = S_error_line(&p, data, len), cut = S_line_start(data, len, line);
            size_t indent = S_indent_at(data, len, cut);
            if (b.pending.item && (from || S_cut_short(&b, line, indent)))
                b.pending.item = NULL; /* the error cut it short (a second reading's: the first one's) */
            if (S_flush(&b) && !from) /* a second reading's error is at the end of its text */
                S_syntax_error(&b, &p, data, len);
            if (stop && p.error != YAML_MEMORY_ERROR)
                *stop = (tp_yaml_stop){.by_libyaml = true,
                                       .line = line,
                                       .cut = cut,
                                       .indent = indent,
                                       .items = b.items,
                                       .docs = b.docs};
            *stopped = true;
            break;
        }
        b.line = ev.start_mark.line;
        bool end = ev.type == YAML_STREAM_END_EVENT;
        bool go = S_flush(&b) && !end && S_event(&b, &ev, &root);
        yaml_event_delete(&ev);
        if (!go) {
            *stopped = !end; /* an error stopped the file (or memory ran out) */
            break;
        }
    }
    S_reset_doc(&b);
    if (aliases)
        *aliases = (tp_yaml_aliases){b.written, b.expanded, b.peak};
    free(b.anchored);
    free(b.kids);
    yaml_parser_delete(&p);
    return b.nomem || diags->nomem ? TP_ERR_NOMEM : TP_OK;
}

tp_status tp_yaml_parse_each(tp_arena *nodes, bool reset_per_doc, const char *file, int line0, const char *data,
                             size_t len, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx,
                             tp_yaml_aliases *aliases, tp_yaml_stop *stop)
{
    bool stopped = false;
    tp_status st = S_parse(nodes, reset_per_doc, true, file, line0, data, len, diags, fn, item_fn, ctx, aliases,
                           &stopped, NULL, stop);
    diags->stopped += stopped; /* a log file cut short: the checks of the whole input wait */
    return st;
}

tp_status tp_yaml_recover(tp_arena *nodes, const char *file, int line0, const char *data, size_t len,
                          const tp_yaml_stop *stop, tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx)
{
    const unsigned char *u = (const unsigned char *)data;
    bool utf16 = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)); /* lines are not bytes */
    if (!stop->by_libyaml || !item_fn || utf16 || stop->cut == 0)
        return TP_OK;
    tp_arena_reset(nodes);
    bool stopped = false;
    return S_parse(nodes, true, true, file, line0, data, stop->cut, diags, fn, item_fn, ctx, NULL, &stopped, stop,
                   NULL);
}

/* Collects the documents of a whole file (tp_yaml_parse). */
typedef struct {
    tp_arena *arena;
    tp_node **docs;
    size_t n, cap;
} doc_list;

static bool S_collect(void *ctx, tp_node *root)
{
    doc_list *l = ctx;
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 4;
        tp_node **v = tp_alloc(l->arena, c * sizeof *v);
        if (!v)
            return false;
        if (l->n)
            memcpy(v, l->docs, l->n * sizeof *v);
        l->docs = v;
        l->cap = c;
    }
    l->docs[l->n++] = root;
    return true;
}

tp_status tp_yaml_parse(tp_arena *arena, const char *file, const char *data, size_t len, tp_diags *diags,
                        tp_node ***docs, size_t *ndocs)
{
    doc_list l = {.arena = arena};
    bool stopped = false; /* a file read whole on its own (a definition, a report.json) holds back no check of the logs */
    tp_status st =
        S_parse(arena, false, false, file, 0, data, len, diags, S_collect, NULL, &l, NULL, &stopped, NULL, NULL);
    *docs = l.docs;
    *ndocs = l.n;
    return st;
}
