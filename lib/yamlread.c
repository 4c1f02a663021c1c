/* yamlread.c — libyaml events into located nodes, with alias and depth limits. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ------------------------------------------------------------ known keys */

const char *const tp_key_names[TP_NKEYS] = {
    [TP_KEY_NONE] = "",
#define TP_KEY_NAME(e, s) [TP_KEY_##e] = s,
    TP_KEY_LIST(TP_KEY_NAME)
#undef TP_KEY_NAME
};

/* Open addressing on FNV-1a: 49 keys in 256 slots, a probe or two each. */
static uint8_t S_key_slots[256];
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
        unsigned i = S_key_hash(tp_key_names[k], strlen(tp_key_names[k]));
        while (S_key_slots[i])
            i = (i + 1) & 255;
        S_key_slots[i] = (uint8_t)k;
    }
}

int tp_key_of(const char *s, size_t len)
{
    pthread_once(&S_key_once, S_key_init);
    for (unsigned i = S_key_hash(s, len); S_key_slots[i]; i = (i + 1) & 255) {
        const char *k = tp_key_names[S_key_slots[i]];
        if (strlen(k) == len && !memcmp(k, s, len))
            return S_key_slots[i];
    }
    return TP_KEY_NONE;
}

typedef struct {
    tp_node *node;
    size_t first;   /* where its children start on the builder's kids stack */
    char *anchor;   /* registered when the collection ends */
} frame;

typedef struct {
    tp_arena *arena;
    bool reset_per_doc; /* nodes of a document are freed once it is handled */
    tp_doc_fn fn;
    tp_item_fn item_fn;
    void *ctx;
    const char *file;
    tp_diags *diags;
    frame stack[TP_MAX_DEPTH + 1];
    size_t depth;
    tp_node **kids;          /* children of every open collection, innermost last */
    size_t nkids, capkids;
    tp_strmap anchors;       /* anchor name -> index into anchored */
    tp_node **anchored;
    size_t nanchored, capanchored;
    size_t expanded;         /* nodes added by aliases in this document */
    /* Records: the items of a sequence under the root mapping. */
    tp_arena_mark item_mark; /* the arena before the next record */
    size_t item_anchors;     /* anchors registered before it */
    bool item_free;          /* neither the sequence nor the root has an anchor */
    bool nomem;
} builder;

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
    return (tp_loc){b->file, (int)m.line + 1, (int)m.column + 1};
}

static tp_node *S_node(builder *b, tp_node_kind kind, yaml_mark_t m)
{
    tp_node *n = tp_calloc(b->arena, 1, sizeof *n);
    if (!n) {
        b->nomem = true;
        return NULL;
    }
    n->kind = kind;
    n->line = (int)m.line + 1;
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
    return f->node->kind == TP_NODE_MAP && (nkids - f->first) % 2 == 0;
}

/* Whether the innermost open collection is a sequence that is a value (not
 * a key) of the root mapping: its items are records. */
static bool S_in_record_seq(const builder *b)
{
    if (!b->item_fn || b->depth != 2)
        return false;
    const frame *root = &b->stack[0], *seq = &b->stack[1];
    return root->node->kind == TP_NODE_MAP && seq->node->kind == TP_NODE_SEQ && !S_key_slot(root, seq->first);
}

/* Adds a finished node to the open collection (or makes it the root). */
static bool S_attach(builder *b, tp_node *n, tp_node **root)
{
    if (b->depth == 0) {
        *root = n;
        return true;
    }
    frame *f = &b->stack[b->depth - 1];
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
    f->node->weight = w > TP_MAX_EXPANSION + 1 ? TP_MAX_EXPANSION + 1 : w;
    if (S_in_record_seq(b)) {
        tp_item_result r = b->item_fn(b->ctx, b->kids[f->first - 1], n);
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
    }
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

static bool S_scalar(builder *b, const yaml_event_t *ev, tp_node **root)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
    tp_node *n = S_node(b, plain && S_is_null_text(s, len) ? TP_NODE_NULL : TP_NODE_SCALAR, ev->start_mark);
    if (!n)
        return false;
    n->plain = plain;
    n->str = tp_strndup(b->arena, s, len);
    n->len = len;
    if (!n->str) {
        b->nomem = true;
        return false;
    }
    if (b->depth > 0 && S_key_slot(&b->stack[b->depth - 1], b->nkids))
        n->key = (uint8_t)tp_key_of(s, len);
    return S_register_anchor(b, (const char *)ev->data.scalar.anchor, n) && S_attach(b, n, root);
}

static bool S_alias(builder *b, const yaml_event_t *ev, tp_node **root)
{
    const char *name = (const char *)ev->data.alias.anchor;
    int i = tp_strmap_get(&b->anchors, name);
    if (i < 0) {
        tp_diag_add(b->diags, S_loc(b, ev->start_mark), TP_ERROR, "undefined alias '*%s'", name);
        return false;
    }
    tp_node *n = b->anchored[i];
    b->expanded += n->weight;
    if (b->expanded > TP_MAX_EXPANSION) {
        tp_diag_add(b->diags, S_loc(b, ev->start_mark), TP_ERROR,
                    "aliases expand past %d nodes (an alias bomb?)", TP_MAX_EXPANSION);
        return false;
    }
    return S_attach(b, n, root);
}

static bool S_open(builder *b, const yaml_event_t *ev, tp_node_kind kind, const yaml_char_t *anchor)
{
    if (b->depth >= TP_MAX_DEPTH) {
        tp_diag_add(b->diags, S_loc(b, ev->start_mark), TP_ERROR, "nesting deeper than %d levels",
                    TP_MAX_DEPTH);
        return false;
    }
    tp_node *n = S_node(b, kind, ev->start_mark);
    if (!n)
        return false;
    char *a = NULL;
    if (anchor && !(a = tp_strdup(b->arena, (const char *)anchor))) {
        b->nomem = true;
        return false;
    }
    b->stack[b->depth++] = (frame){n, b->nkids, a};
    if (S_in_record_seq(b)) {
        b->item_mark = tp_arena_get_mark(b->arena);
        b->item_anchors = b->nanchored;
        b->item_free = !b->stack[0].anchor && !b->stack[1].anchor;
    }
    return true;
}

static bool S_close(builder *b, tp_node **root)
{
    frame f = b->stack[--b->depth];
    tp_node *n = f.node;
    size_t nkids = b->nkids - f.first;
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
    return S_register_anchor(b, f.anchor, n) && S_attach(b, n, root);
}

/* Line and column of byte offset off, for reader errors that have no mark. */
static tp_loc S_offset_loc(const char *file, const char *data, size_t len, size_t off)
{
    tp_loc l = {file, 1, 1};
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n') {
            l.line++;
            l.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            l.col++;
        }
    }
    return l;
}

static void S_syntax_error(builder *b, const yaml_parser_t *p, const char *data, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR) {
        b->nomem = true;
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        /* libyaml names the bad trailing byte; point at the character it spoils. */
        size_t off = p->problem_offset;
        if (p->problem && strstr(p->problem, "trailing"))
            for (size_t back = 1; back <= 3 && back <= off; back++)
                if (((unsigned char)data[off - back] & 0xC0) == 0xC0) {
                    off -= back;
                    break;
                }
        tp_loc l = S_offset_loc(b->file, data, len, off);
        if (p->problem_value != -1)
            tp_diag_add(b->diags, l, TP_ERROR, "%s (byte 0x%02X)", p->problem, p->problem_value & 0xFF);
        else
            tp_diag_add(b->diags, l, TP_ERROR, "%s", p->problem);
        return;
    }
    tp_loc l = S_loc(b, p->problem_mark);
    if (p->context)
        tp_diag_add(b->diags, l, TP_ERROR, "YAML syntax: %s %s", p->problem ? p->problem : "error",
                    p->context);
    else
        tp_diag_add(b->diags, l, TP_ERROR, "YAML syntax: %s", p->problem ? p->problem : "error");
}

static void S_reset_doc(builder *b)
{
    b->depth = 0;
    b->nkids = 0;
    tp_strmap_free(&b->anchors);
    b->nanchored = 0;
    b->expanded = 0;
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
        bool ok = *root && b->fn(b->ctx, *root);
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

tp_status tp_yaml_parse_each(tp_arena *nodes, bool reset_per_doc, const char *file, const char *data, size_t len,
                             tp_diags *diags, tp_doc_fn fn, tp_item_fn item_fn, void *ctx)
{
    builder b = {.arena = nodes,
                 .reset_per_doc = reset_per_doc,
                 .fn = fn,
                 .item_fn = item_fn,
                 .ctx = ctx,
                 .file = file,
                 .diags = diags};
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return TP_ERR_NOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    tp_node *root = NULL;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            S_syntax_error(&b, &p, data, len);
            diags->stopped++;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        bool go = !end && S_event(&b, &ev, &root);
        yaml_event_delete(&ev);
        if (!go) {
            diags->stopped += !end; /* an error stopped the file (or memory ran out) */
            break;
        }
    }
    S_reset_doc(&b);
    free(b.anchored);
    free(b.kids);
    yaml_parser_delete(&p);
    return b.nomem || diags->nomem ? TP_ERR_NOMEM : TP_OK;
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
    tp_status st = tp_yaml_parse_each(arena, false, file, data, len, diags, S_collect, NULL, &l);
    *docs = l.docs;
    *ndocs = l.n;
    return st;
}
