/* definition.c — report definitions (SPEC §6): title, sections, cross-tabs. */
#include "files.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const section_names[TP_SEC_COUNT] = {
    "headline", "by_type", "by_team", "bacon", "at_risk", "crosstabs",
    "funnel", "followups", "requests", "insights", "trend", "people", "projects",
};

const char *tp_section_name(tp_section s) { return s < TP_SEC_COUNT ? section_names[s] : "?"; }

/* The built-in default: the same as reports/quarterly.yaml. */
tp_definition *tp_definition_default(tp_arena *a)
{
    static const tp_crosstab_def survey[] = {
        {"Report directly to the CEO", "reports_to", "CEO"},
        {"Spend most time on strategic work", "focus", "strategic"},
    };
    tp_definition *d = tp_calloc(a, 1, sizeof *d);
    if (!d)
        return NULL;
    d->title = NULL; /* the renderers' own title, in the report's language */
    d->sections = tp_calloc(a, TP_SEC_COUNT, sizeof *d->sections);
    d->crosstabs = tp_calloc(a, 2, sizeof *d->crosstabs);
    if (!d->sections || !d->crosstabs)
        return NULL;
    for (int s = 0; s < TP_SEC_COUNT; s++)
        d->sections[d->nsections++] = (tp_section)s;
    memcpy(d->crosstabs, survey, sizeof survey);
    d->ncrosstabs = 2;
    /* SPEC §3 "Targets": the two the seeds give, in this order. */
    d->targets = tp_calloc(a, 2, sizeof *d->targets);
    if (!d->targets)
        return NULL;
    d->targets[d->ntargets++] = (tp_target_def){"contact_rate", 0.65, NAN};
    d->targets[d->ntargets++] = (tp_target_def){"requests.coverage", 0.9, NAN};
    return d;
}

typedef struct {
    tp_arena *a;
    tp_diags *diags;
    const char *file;
} ctx;

#define ERR(c, n, ...) tp_diag_add((c)->diags, (tp_loc){(c)->file, (n)->line, (n)->col}, TP_ERROR, __VA_ARGS__)

static bool S_field_ok(const char *f)
{
    static const char *const plain[] = {"reports_to", "focus", "team", "role"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(f, plain[i]))
            return true;
    return !strncmp(f, "attributes.", 11) && f[11];
}

static void S_sections(ctx *c, const tp_node *n, tp_definition *d)
{
    if (n->kind != TP_NODE_SEQ) {
        ERR(c, n, "'sections' must be a list of section names");
        return;
    }
    d->sections = tp_calloc(c->a, n->n + 1, sizeof *d->sections);
    if (!d->sections)
        return;
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *s = n->items[i];
        int k = -1;
        for (int j = 0; s->kind == TP_NODE_SCALAR && j < TP_SEC_COUNT; j++)
            if (!strcmp(s->str, section_names[j]))
                k = j;
        if (k < 0) {
            const char *sug = s->str ? tp_suggest(s->str, section_names, TP_SEC_COUNT) : NULL;
            if (sug)
                ERR(c, s, "unknown section '%s' (did you mean '%s'?)", s->str ? s->str : "", sug);
            else
                ERR(c, s, "unknown section '%s'", s->str ? s->str : "");
            continue;
        }
        d->sections[d->nsections++] = (tp_section)k;
    }
}

static void S_crosstab(ctx *c, const tp_node *n, tp_crosstab_def *x)
{
    static const char *const keys[] = {"label", "field", "equals"};
    const char **out[] = {&x->label, &x->field, &x->equals};
    if (n->kind != TP_NODE_MAP) {
        ERR(c, n, "a cross-tab must be a mapping {label, field, equals}");
        return;
    }
    for (int k = 0; k < 3; k++) {
        const tp_node *v = tp_node_get(n, keys[k]);
        if (!v || v->kind == TP_NODE_NULL)
            ERR(c, n, "missing required field '%s'", keys[k]);
        else if (v->kind != TP_NODE_SCALAR)
            ERR(c, v, "'%s' must be a string", keys[k]);
        else
            *out[k] = v->str;
    }
    if (x->field && !S_field_ok(x->field))
        ERR(c, tp_node_get(n, "field"), "invalid field '%s' (expected reports_to, focus, team, role or attributes.NAME)",
            x->field);
}

static void S_definition(ctx *c, const tp_node *root, tp_definition *d)
{
    static const char *const keys[] = {"title", "sections", "crosstabs"};
    if (root->kind != TP_NODE_MAP) {
        ERR(c, root, "a report definition must be a mapping (title, sections, crosstabs)");
        return;
    }
    for (size_t i = 0; i < root->n; i++) {
        const tp_node *k = root->items[2 * i];
        const char *s = k->str ? tp_suggest(k->str, keys, 3) : NULL;
        if (!k->str || (strcmp(k->str, "title") && strcmp(k->str, "sections") && strcmp(k->str, "crosstabs")))
            tp_diag_add(c->diags, (tp_loc){c->file, k->line, k->col}, TP_WARNING,
                        s ? "unknown key '%s' (did you mean '%s'?)" : "unknown key '%s'%s", k->str ? k->str : "",
                        s ? s : "");
    }
    const tp_node *v;
    if ((v = tp_node_get(root, "title")) && v->kind == TP_NODE_SCALAR)
        d->title = v->str;
    else if (v && v->kind != TP_NODE_NULL)
        ERR(c, v, "'title' must be a string");
    if ((v = tp_node_get(root, "sections")))
        S_sections(c, v, d);
    if ((v = tp_node_get(root, "crosstabs")) && v->kind != TP_NODE_NULL) {
        if (v->kind != TP_NODE_SEQ) {
            ERR(c, v, "'crosstabs' must be a list");
            return;
        }
        d->crosstabs = tp_calloc(c->a, v->n + 1, sizeof *d->crosstabs);
        for (size_t i = 0; d->crosstabs && i < v->n; i++)
            S_crosstab(c, v->items[i], &d->crosstabs[d->ncrosstabs++]);
    }
}

tp_definition *tp_definition_load(tp_arena *a, const char *path, tp_diags *diags)
{
    if (!path) {
        tp_definition *d = tp_definition_default(a);
        if (!d)
            diags->nomem = true; /* out of memory is exit 4, never "bad input" */
        return d;
    }
    tp_file f = {path, path};
    char *data;
    size_t len;
    int err;
    tp_status st = tp_read_file(&f, &data, &len, &err);
    if (st != TP_OK) {
        if (st == TP_ERR_INPUT)
            tp_diag_add(diags, (tp_loc){path, 0, 0}, TP_ERROR, "cannot read: %s", strerror(err));
        else
            diags->nomem = true;
        return NULL;
    }
    tp_node **docs;
    size_t ndocs;
    size_t errors = diags->errors;
    st = tp_yaml_parse(a, path, data, len, diags, &docs, &ndocs);
    free(data);
    tp_definition *d = tp_calloc(a, 1, sizeof *d);
    if (st != TP_OK || !d) {
        diags->nomem = true;
        return NULL;
    }
    ctx c = {a, diags, path};
    if (diags->errors == errors && ndocs >= 1)
        S_definition(&c, docs[0], d);
    else if (diags->errors == errors)
        tp_diag_add(diags, (tp_loc){path, 1, 1}, TP_ERROR, "empty report definition");
    return diags->errors == errors && !diags->nomem ? d : NULL;
}
