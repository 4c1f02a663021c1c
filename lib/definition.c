/* definition.c — report definitions (SPEC §6): title, sections, cross-tabs. */
#include "arena.h"
#include "definition.h"
#include "diag.h"
#include "files.h"
#include "kpi.h"
#include "yamlread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* In tp_section's order, which is the built-in order. */
static const char *const section_names[TP_SEC_COUNT] = {
    [TP_SEC_HEADLINE] = "headline",   [TP_SEC_BY_TYPE] = "by_type",       [TP_SEC_BY_TEAM] = "by_team",
    [TP_SEC_BACON] = "bacon",         [TP_SEC_AT_RISK] = "at_risk",       [TP_SEC_CROSSTABS] = "crosstabs",
    [TP_SEC_FUNNEL] = "funnel",       [TP_SEC_FOLLOWUPS] = "followups",   [TP_SEC_REQUESTS] = "requests",
    [TP_SEC_INSIGHTS] = "insights",   [TP_SEC_CUSTOMERS] = "customers",   [TP_SEC_TREND] = "trend",
    [TP_SEC_TEAM_TREND] = "team_trend", [TP_SEC_PEOPLE] = "people",       [TP_SEC_PROJECTS] = "projects",
};

const char *tp_section_name(tp_section s) { return s < TP_SEC_COUNT ? section_names[s] : "?"; }

/* Every section, in the built-in order; false when out of memory. */
static bool S_all_sections(tp_arena *a, tp_definition *d)
{
    d->sections = tp_calloc(a, TP_SEC_COUNT, sizeof *d->sections);
    if (!d->sections)
        return false;
    d->nsections = 0;
    for (int s = 0; s < TP_SEC_COUNT; s++)
        d->sections[d->nsections++] = (tp_section)s;
    return true;
}

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
    d->crosstabs = tp_calloc(a, 2, sizeof *d->crosstabs);
    if (!d->crosstabs || !S_all_sections(a, d))
        return NULL;
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
#define WARN(c, n, ...) tp_diag_add((c)->diags, (tp_loc){(c)->file, (n)->line, (n)->col}, TP_WARNING, __VA_ARGS__)

/* "unknown key 'x'" with the nearest of names as a suggestion; an error or a warning. */
static void S_unknown_key(ctx *c, const tp_node *k, const char *const *names, size_t nnames, tp_severity sev)
{
    const char *key = k->str ? k->str : "";
    const char *sug = tp_suggest(key, names, nnames);
    tp_loc l = {c->file, k->line, k->col};
    if (sug)
        tp_diag_add(c->diags, l, sev, "unknown key '%s' (did you mean '%s'?)", key, sug);
    else
        tp_diag_add(c->diags, l, sev, "unknown key '%s'", key);
}

static bool S_field_ok(const char *f)
{
    static const char *const plain[] = {"reports_to", "focus", "team", "role"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(f, plain[i]))
            return true;
    return !strncmp(f, "attributes.", 11) && f[11];
}

static void S_title(ctx *c, const tp_node *v, tp_definition *d)
{
    if (v->kind == TP_NODE_SCALAR)
        d->title = v->str;
    else
        ERR(c, v, "title: expected a string, found %s", tp_node_kind_name(v));
}

static void S_sections(ctx *c, const tp_node *n, tp_definition *d)
{
    if (n->kind != TP_NODE_SEQ) {
        ERR(c, n, "sections: expected a list of section names, found %s", tp_node_kind_name(n));
        return;
    }
    d->sections = tp_calloc(c->a, n->n + 1, sizeof *d->sections);
    if (!d->sections) {
        c->diags->nomem = true;
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *s = n->items[i];
        if (s->kind != TP_NODE_SCALAR) {
            ERR(c, s, "sections: expected a section name, found %s", tp_node_kind_name(s));
            continue;
        }
        int k = -1;
        for (int j = 0; j < TP_SEC_COUNT; j++)
            if (!strcmp(s->str, section_names[j]))
                k = j;
        if (k < 0) {
            const char *sug = tp_suggest(s->str, section_names, TP_SEC_COUNT);
            if (sug)
                ERR(c, s, "unknown section '%s' (did you mean '%s'?)", s->str, sug);
            else
                ERR(c, s, "unknown section '%s'", s->str);
            continue;
        }
        bool twice = false;
        for (size_t j = 0; j < d->nsections; j++)
            twice |= d->sections[j] == (tp_section)k;
        if (twice) { /* shown once, where first listed */
            WARN(c, s, "section '%s' is listed twice (it is shown once, where first listed)", s->str);
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
        ERR(c, n, "crosstabs: expected a cross-tab {label, field, equals}, found %s", tp_node_kind_name(n));
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const tp_node *k = n->items[2 * i];
        bool known = false;
        for (int j = 0; j < 3; j++)
            known |= k->str && !strcmp(k->str, keys[j]);
        if (!known)
            S_unknown_key(c, k, keys, 3, TP_WARNING);
    }
    for (int k = 0; k < 3; k++) {
        const tp_node *v = tp_node_get(n, keys[k]);
        if (!v || v->kind == TP_NODE_NULL)
            ERR(c, n, "crosstabs: missing required field '%s'", keys[k]);
        else if (v->kind != TP_NODE_SCALAR)
            ERR(c, v, "%s: expected a string, found %s", keys[k], tp_node_kind_name(v));
        else
            *out[k] = v->str;
    }
    if (x->field && !S_field_ok(x->field))
        ERR(c, tp_node_get(n, "field"), "invalid field '%s' (expected reports_to, focus, team, role or attributes.NAME)",
            x->field);
}

static void S_crosstabs(ctx *c, const tp_node *v, tp_definition *d)
{
    if (v->kind != TP_NODE_SEQ) {
        ERR(c, v, "crosstabs: expected a list of cross-tabs, found %s", tp_node_kind_name(v));
        return;
    }
    d->crosstabs = tp_calloc(c->a, v->n + 1, sizeof *d->crosstabs);
    if (!d->crosstabs) {
        c->diags->nomem = true;
        return;
    }
    for (size_t i = 0; i < v->n; i++)
        S_crosstab(c, v->items[i], &d->crosstabs[d->ncrosstabs++]);
}

/* An unknown key in a target: a warning; an error that says the target
 * has no bound when it has none besides (one problem for one typo: {mn: 1}). */
static void S_unknown_target_key(ctx *c, const tp_node *k, const char *const *names, size_t n, const char *unbounded)
{
    const char *key = k->str ? k->str : "";
    const char *sug = tp_suggest(key, names, n);
    tp_loc l = {c->file, k->line, k->col};
    if (unbounded && sug)
        tp_diag_add(c->diags, l, TP_ERROR, "targets: %s: unknown key '%s' (did you mean '%s'?), so no bound",
                    unbounded, key, sug);
    else if (unbounded)
        tp_diag_add(c->diags, l, TP_ERROR, "targets: %s: unknown key '%s', so no bound (give min, max or both)",
                    unbounded, key);
    else if (sug)
        tp_diag_add(c->diags, l, TP_WARNING, "targets: unknown key '%s' (did you mean '%s'?)", key, sug);
    else
        tp_diag_add(c->diags, l, TP_WARNING, "targets: unknown key '%s'", key);
}

/* A bound of a target: a plain number; NaN when absent or null. */
static double S_bound(ctx *c, const tp_node *t, const char *key, bool *bad)
{
    const tp_node *v = tp_node_get(t, key);
    if (!v || v->kind == TP_NODE_NULL)
        return NAN;
    char *end = NULL;
    double x = v->kind == TP_NODE_SCALAR && v->plain && v->str[0] ? strtod(v->str, &end) : NAN;
    if (!end || *end || !isfinite(x) || strchr(v->str, 'x') || strchr(v->str, 'X')) {
        ERR(c, v, "targets: %s: expected a number, found %s%s%s", key,
            v->kind == TP_NODE_SCALAR ? "'" : tp_node_kind_name(v), v->kind == TP_NODE_SCALAR ? v->str : "",
            v->kind == TP_NODE_SCALAR ? "'" : "");
        *bad = true;
        return NAN;
    }
    return x;
}

/* One target: KPI-PATH: {min: N, max: N}, either bound optional. */
static void S_target(ctx *c, const tp_node *k, const tp_node *v, tp_definition *d)
{
    static const char *const keys[] = {"min", "max"};
    const char *path = k->kind == TP_NODE_SCALAR ? k->str : NULL;
    const tp_kpi_def *kd = tp_kpi_find(path);
    if (!kd) {
        const char *paths[64];
        size_t n = 0;
        for (size_t i = 0; i < tp_nkpi_defs && n < 64; i++)
            paths[n++] = tp_kpi_defs[i].path;
        const char *sug = path ? tp_suggest(path, paths, n) : NULL;
        bool object = path && (!strcmp(path, "bacon") || !strcmp(path, "requests"));
        if (object)
            ERR(c, k, "targets: '%s' is not a number of kpis (name one of its figures, such as '%s.%s')", path, path,
                !strcmp(path, "bacon") ? "median" : "coverage");
        else if (sug)
            ERR(c, k, "targets: unknown figure '%s' (did you mean '%s'?)", path ? path : "", sug);
        else
            ERR(c, k, "targets: unknown figure '%s' (expected a path of kpis such as contact_rate, bacon.median or "
                      "requests.coverage)", path ? path : "");
        return;
    }
    if (v->kind != TP_NODE_MAP) {
        ERR(c, v, "targets: %s: expected a mapping {min, max}, found %s", path, tp_node_kind_name(v));
        return;
    }
    if (v->merged) { /* SPEC §3: no '<<' inside targets, at any depth */
        ERR(c, v, "targets: %s: a merge key '<<' is not allowed inside targets (write min and max)", path);
        return;
    }
    bool bad = false;
    tp_target_def t = {kd->path, S_bound(c, v, "min", &bad), S_bound(c, v, "max", &bad)};
    bool unbounded = !bad && isnan(t.min) && isnan(t.max);
    size_t unknown = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tp_node *kk = v->items[2 * i];
        if (!(kk->str && (!strcmp(kk->str, "min") || !strcmp(kk->str, "max")))) {
            S_unknown_target_key(c, kk, keys, 2, unbounded ? path : NULL);
            unknown++;
        }
    }
    if (bad)
        return;
    if (unbounded) {
        if (!unknown) /* else the unknown key said it */
            ERR(c, v, "targets: %s: no bound (give min, max or both)", path);
        return;
    }
    if (!isnan(t.min) && !isnan(t.max) && t.min > t.max) {
        ERR(c, tp_node_get(v, "min"), "targets: %s: min %s is above max %s", path, tp_node_get(v, "min")->str,
            tp_node_get(v, "max")->str);
        return;
    }
    d->targets[d->ntargets++] = t;
}

/* targets: a mapping from a kpis path to its bounds, judged in the order written. */
static void S_targets(ctx *c, const tp_node *v, tp_definition *d)
{
    if (v->kind != TP_NODE_MAP) {
        ERR(c, v, "targets: expected a mapping of figures to {min, max}, found %s", tp_node_kind_name(v));
        return;
    }
    d->targets = tp_calloc(c->a, v->n + 1, sizeof *d->targets);
    d->ntargets = 0;
    if (!d->targets) {
        c->diags->nomem = true;
        return;
    }
    if (v->merged) /* the reader resolved it (at the mapping: the key is gone); the order written counts */
        ERR(c, v, "targets: a merge key '<<' is not allowed here: the order targets are written in matters");
    for (size_t i = 0; i < v->n; i++)
        S_target(c, v->items[2 * i], v->items[2 * i + 1], d);
}

/* The top-level keys of a definition and what reads each value (a null
 * value counts as absent). A new key is one more row. */
typedef void (*def_key_fn)(ctx *c, const tp_node *v, tp_definition *d);

static const struct {
    const char *name;
    def_key_fn fn;
} def_keys[] = {
    {"title", S_title},
    {"sections", S_sections},
    {"crosstabs", S_crosstabs},
    {"targets", S_targets},
};

#define S_NKEYS (sizeof def_keys / sizeof *def_keys)

static void S_definition(ctx *c, const tp_node *root, tp_definition *d)
{
    if (root->kind != TP_NODE_MAP) {
        ERR(c, root, "a report definition must be a mapping (title, sections, crosstabs, targets), found %s",
            tp_node_kind_name(root));
        return;
    }
    const char *names[S_NKEYS];
    for (size_t j = 0; j < S_NKEYS; j++)
        names[j] = def_keys[j].name;
    bool has_sections = false;
    for (size_t i = 0; i < root->n; i++) {
        const tp_node *k = root->items[2 * i], *v = root->items[2 * i + 1];
        size_t j = 0;
        while (j < S_NKEYS && !(k->str && !strcmp(k->str, def_keys[j].name)))
            j++;
        if (j == S_NKEYS) {
            /* an `x-` key holds anything (anchors used as templates) */
            if (!(k->str && !strncmp(k->str, "x-", 2)))
                S_unknown_key(c, k, names, S_NKEYS, TP_ERROR);
            continue;
        }
        if (v->kind == TP_NODE_NULL)
            continue;
        has_sections |= def_keys[j].fn == S_sections;
        def_keys[j].fn(c, v, d);
    }
    if (!has_sections && !S_all_sections(c->a, d))
        c->diags->nomem = true;
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
    if (ndocs >= 1) /* problems of the reader and of the definition, all at once */
        S_definition(&c, docs[0], d);
    else if (diags->errors == errors)
        tp_diag_add(diags, (tp_loc){path, 1, 1}, TP_ERROR, "empty report definition");
    if (ndocs > 1) /* not pooled as logs are: what it says must be in one place */
        tp_diag_add(diags, (tp_loc){path, docs[1]->line, docs[1]->col}, TP_ERROR,
                    "a report definition is one YAML document (this is a second one)");
    return diags->errors == errors && !diags->nomem ? d : NULL;
}
