/* model.c — raw records of every file into one validated model: ids
 * resolved, duplicates and unknown ids reported, fixed orders. */
#include "arena.h"
#include "diag.h"
#include "files.h"
#include "ingest.h"
#include "model.h"
#include "parallel.h"
#include "split.h"
#include "strmap.h"
#include "types.h"
#include "yamlread.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tp_model_team(const tp_model *m, const char *name)
{
    size_t lo = 0, hi = m->nteams;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(m->teams[mid], name);
        if (!c)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

size_t tp_model_interactions(const tp_model *m) { return m->ninteractions; }

/* What resolving needs: every file's records, the id maps, the candidates. */
typedef struct {
    tp_arena *arena;
    tp_diags *diags;
    tp_ingest *files;
    size_t nfiles;
    tp_model *m;
    tp_strmap people, customers, projects, types;
    const char **person_ids, **customer_ids, **project_ids, **type_ids;
    size_t suggest_budget; /* edit distances the unknown-id suggestions may still compute */
    unsigned lost;         /* kinds whose ids some file lost (TP_LOST_*): their references are not checked */
    tp_strmap loose;       /* ids written as a whole record: kind bits (TP_LOST_*), their uses not errors */
    bool nomem;
} resolver;

#define S_SHOWN_ERRORS 100            /* as many as a run shows */
#define S_LOOKUP_BUDGET 2000000u

static int S_cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int S_cmp_person(const void *a, const void *b) { return strcmp(((const tp_person *)a)->id, ((const tp_person *)b)->id); }
static int S_cmp_customer(const void *a, const void *b) { return strcmp(((const tp_customer *)a)->id, ((const tp_customer *)b)->id); }
static int S_cmp_project(const void *a, const void *b) { return strcmp(((const tp_project *)a)->id, ((const tp_project *)b)->id); }
static int S_cmp_type(const void *a, const void *b) { return strcmp(((const tp_type *)a)->id, ((const tp_type *)b)->id); }

static void *S_array(resolver *r, size_t n, size_t size)
{
    void *p = tp_calloc(r->arena, n ? n : 1, size);
    if (!p)
        r->nomem = true;
    return p;
}

/* The first organisation name; any other name is an error. */
static void S_organization(resolver *r)
{
    const tp_ref *first = NULL;
    for (size_t f = 0; f < r->nfiles; f++)
        for (size_t i = 0; i < r->files[f].norgs; i++) {
            const tp_ref *o = &r->files[f].orgs[i];
            if (!first)
                first = o;
            else if (strcmp(first->id, o->id) != 0)
            {
                tp_diag_add(r->diags, o->loc, TP_ERROR, "organization '%s' differs from '%s'", o->id, first->id);
                tp_diag_note(r->diags, first->loc, "'%s' is named here first", first->id);
            }
        }
    r->m->organization = first ? first->id : NULL;
}

/* Registers an id of people, customers or projects: unique among all three. */
static bool S_claim_id(resolver *r, tp_strmap *all, const tp_loc **locs, size_t *nlocs, const char *id, tp_loc loc)
{
    int prev = tp_strmap_get(all, id);
    if (prev >= 0) {
        const tp_loc *p = locs[prev];
        tp_diag_add(r->diags, loc, TP_ERROR, "duplicate id '%s' (ids are unique among people, customers and projects)",
                    id);
        tp_diag_note(r->diags, *p, "'%s' is first defined here", id);
        return false;
    }
    if (!tp_strmap_put(all, id, (int)*nlocs)) {
        r->nomem = true;
        return false;
    }
    (*nlocs)++;
    return true;
}

/* Marks id as written for records of kind (a TP_LOST_* bit) that are not
 * in the model: its uses as that kind are not errors. */
static void S_loose(resolver *r, const char *id, unsigned kind)
{
    if (!r->loose.cap && !tp_strmap_init(&r->loose, 16)) {
        r->nomem = true;
        return;
    }
    int had = tp_strmap_get(&r->loose, id);
    r->nomem |= !tp_strmap_put(&r->loose, id, (int)((had > 0 ? (unsigned)had : 0) | kind));
}

/* An id being claimed: a person (0), customer (1) or project (2) of one file. */
typedef struct {
    int kind;
    size_t index;
    const tp_loc *loc;
    const char *id;
} claim;

static int S_cmp_claim(const void *a, const void *b)
{
    const tp_loc *x = ((const claim *)a)->loc, *y = ((const claim *)b)->loc;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* Collects people, customers and projects (the first of any duplicate). */
static void S_entities(resolver *r, tp_raw_person **rpeople, tp_raw_project **rprojects)
{
    size_t np = 0, nc = 0, nj = 0;
    for (size_t f = 0; f < r->nfiles; f++) {
        np += r->files[f].npeople;
        nc += r->files[f].ncustomers;
        nj += r->files[f].nprojects;
    }
    tp_model *m = r->m;
    *rpeople = S_array(r, np, sizeof **rpeople);
    *rprojects = S_array(r, nj, sizeof **rprojects);
    m->customers = S_array(r, nc, sizeof *m->customers);
    const tp_loc **locs = S_array(r, np + nc + nj, sizeof *locs);
    tp_strmap all;
    if (r->nomem || !tp_strmap_init(&all, np + nc + nj)) {
        r->nomem = true;
        return;
    }
    size_t nlocs = 0;
    for (size_t f = 0; f < r->nfiles && !r->nomem; f++) {
        tp_ingest *in = &r->files[f];
        size_t n = in->npeople + in->ncustomers + in->nprojects, k = 0;
        claim *order = malloc((n ? n : 1) * sizeof *order);
        if (!order) {
            r->nomem = true;
            break;
        }
        for (size_t i = 0; i < in->npeople; i++)
            order[k++] = (claim){0, i, &in->people[i].p.loc, in->people[i].p.id};
        for (size_t i = 0; i < in->ncustomers; i++)
            order[k++] = (claim){1, i, &in->customers[i].loc, in->customers[i].id};
        for (size_t i = 0; i < in->nprojects; i++)
            order[k++] = (claim){2, i, &in->projects[i].p.loc, in->projects[i].p.id};
        /* In the order they are written, so the later of two is the duplicate. */
        qsort(order, n, sizeof *order, S_cmp_claim);
        for (size_t c = 0; c < n; c++) {
            locs[nlocs] = order[c].loc;
            if (!S_claim_id(r, &all, locs, &nlocs, order[c].id, *order[c].loc)) {
                /* a duplicate still defines its id (SPEC §1): a person
                 * whose id a customer took first is no "unknown person"
                 * at every use */
                static const unsigned kinds[] = {TP_LOST_PEOPLE, TP_LOST_CUSTOMERS, TP_LOST_PROJECTS};
                S_loose(r, order[c].id, kinds[order[c].kind]);
                continue;
            }
            size_t i = order[c].index;
            if (order[c].kind == 0)
                (*rpeople)[m->npeople++] = in->people[i];
            else if (order[c].kind == 1)
                m->customers[m->ncustomers++] = in->customers[i];
            else
                (*rprojects)[m->nprojects++] = in->projects[i];
        }
        free(order);
    }
    tp_strmap_free(&all);
}

static int S_cmp_raw_person(const void *a, const void *b)
{
    return S_cmp_person(&((const tp_raw_person *)a)->p, &((const tp_raw_person *)b)->p);
}
static int S_cmp_raw_project(const void *a, const void *b)
{
    return S_cmp_project(&((const tp_raw_project *)a)->p, &((const tp_raw_project *)b)->p);
}

/* Sorts records by id and builds the id maps and candidate lists. */
static void S_index(resolver *r, tp_raw_person *rp, tp_raw_project *rj)
{
    tp_model *m = r->m;
    qsort(rp, m->npeople, sizeof *rp, S_cmp_raw_person);
    qsort(rj, m->nprojects, sizeof *rj, S_cmp_raw_project);
    qsort(m->customers, m->ncustomers, sizeof *m->customers, S_cmp_customer);
    m->people = S_array(r, m->npeople, sizeof *m->people);
    m->projects = S_array(r, m->nprojects, sizeof *m->projects);
    r->person_ids = S_array(r, m->npeople, sizeof(char *));
    r->customer_ids = S_array(r, m->ncustomers, sizeof(char *));
    r->project_ids = S_array(r, m->nprojects, sizeof(char *));
    if (r->nomem || !tp_strmap_init(&r->people, m->npeople) || !tp_strmap_init(&r->customers, m->ncustomers) ||
        !tp_strmap_init(&r->projects, m->nprojects)) {
        r->nomem = true;
        return;
    }
    for (size_t i = 0; i < m->npeople; i++) {
        m->people[i] = rp[i].p;
        r->person_ids[i] = rp[i].p.id;
        r->nomem |= !tp_strmap_put(&r->people, rp[i].p.id, (int)i);
    }
    for (size_t i = 0; i < m->ncustomers; i++) {
        r->customer_ids[i] = m->customers[i].id;
        r->nomem |= !tp_strmap_put(&r->customers, m->customers[i].id, (int)i);
    }
    for (size_t i = 0; i < m->nprojects; i++) {
        m->projects[i] = rj[i].p;
        r->project_ids[i] = rj[i].p.id;
        r->nomem |= !tp_strmap_put(&r->projects, rj[i].p.id, (int)i);
    }
}

/* Built-in types, then custom ones by id; a custom id declared twice is an error. */
static void S_types(resolver *r)
{
    size_t nc = 0;
    for (size_t f = 0; f < r->nfiles; f++)
        nc += r->files[f].ntypes;
    tp_model *m = r->m;
    m->types = S_array(r, tp_nbuiltin_types + nc, sizeof *m->types);
    r->type_ids = S_array(r, tp_nbuiltin_types + nc, sizeof(char *));
    if (r->nomem || !tp_strmap_init(&r->types, tp_nbuiltin_types + nc)) {
        r->nomem = true;
        return;
    }
    memcpy(m->types, tp_builtin_types, tp_nbuiltin_types * sizeof *tp_builtin_types);
    m->ntypes = tp_nbuiltin_types;
    /* Declared ids first go into the map as their place in m->types, so a
     * second declaration is found in constant time. */
    for (size_t f = 0; f < r->nfiles && !r->nomem; f++)
        for (size_t i = 0; i < r->files[f].ntypes; i++) {
            const tp_type *t = &r->files[f].types[i];
            int j = tp_strmap_get(&r->types, t->id);
            if (j >= 0) {
                tp_diag_add(r->diags, t->loc, TP_ERROR, "duplicate type '%s'", t->id);
                tp_diag_note(r->diags, m->types[j].loc, "'%s' is first declared here", t->id);
            } else {
                r->nomem |= !tp_strmap_put(&r->types, t->id, (int)m->ntypes);
                m->types[m->ntypes++] = *t;
            }
        }
    qsort(m->types + tp_nbuiltin_types, m->ntypes - tp_nbuiltin_types, sizeof *m->types, S_cmp_type);
    for (size_t i = 0; i < m->ntypes; i++) {
        r->type_ids[i] = m->types[i].id;
        r->nomem |= !tp_strmap_put(&r->types, m->types[i].id, (int)i);
    }
}

/* Index of ref in map, or -1 with an "unknown KIND" error and a suggestion;
 * -1 alone when ids of that kind were lost (lost, a TP_LOST_* bit): the
 * error told where they were lost stands for them all. */
static int S_lookup(resolver *r, const tp_strmap *map, const char *const *cands, size_t ncands, const char *kind,
                    unsigned lost, const tp_ref *ref)
{
    int i = tp_strmap_get(map, ref->id);
    if (i >= 0 || (r->lost & lost))
        return i;
    int loose = r->loose.cap ? tp_strmap_get(&r->loose, ref->id) : -1;
    if (loose >= 0 && ((unsigned)loose & lost))
        return -1;
    const char *other = tp_strmap_get(&r->people, ref->id) >= 0      ? "a person"
                        : tp_strmap_get(&r->customers, ref->id) >= 0 ? "a customer"
                        : tp_strmap_get(&r->projects, ref->id) >= 0  ? "a project"
                                                                     : NULL;
    /* The first 100 errors (those shown) always get a suggestion; past them,
     * only while the budget of comparisons lasts: 30,000 unknown ids among
     * 30,000 people must not cost a billion edit distances. */
    const char *s = NULL;
    if (!other && (r->diags->errors < S_SHOWN_ERRORS || r->suggest_budget >= ncands)) {
        r->suggest_budget -= r->suggest_budget >= ncands ? ncands : r->suggest_budget;
        s = tp_suggest(ref->id, cands, ncands);
    }
    if (other)
        tp_diag_add(r->diags, ref->loc, TP_ERROR, "unknown %s '%s' ('%s' is %s)", kind, ref->id, ref->id, other);
    else if (s) {
        char buf[80];
        const char *hidden = tp_suggest_hidden(ref->id, s, buf, sizeof buf);
        tp_diag_add(r->diags, ref->loc, TP_ERROR, "unknown %s '%s' (did you mean '%s'?%s%s)", kind, ref->id, s,
                    hidden ? " " : "", hidden ? hidden : "");
    }
    else
        tp_diag_add(r->diags, ref->loc, TP_ERROR, "unknown %s '%s'", kind, ref->id);
    return -1;
}

#define LOOKUP_PERSON(r, ref) \
    S_lookup(r, &(r)->people, (r)->person_ids, (r)->m->npeople, "person", TP_LOST_PEOPLE, ref)
#define LOOKUP_CUSTOMER(r, ref) \
    S_lookup(r, &(r)->customers, (r)->customer_ids, (r)->m->ncustomers, "customer", TP_LOST_CUSTOMERS, ref)
#define LOOKUP_PROJECT(r, ref) \
    S_lookup(r, &(r)->projects, (r)->project_ids, (r)->m->nprojects, "project", TP_LOST_PROJECTS, ref)

/* Resolves a list of ids to indexes, dropping unknown ones. The indexes
 * are written over the refs themselves: index k is written only after ref k
 * (and every ref before it) is read, and an int is smaller than a ref. */
static int *S_resolve_list(resolver *r, tp_ref *refs, size_t n, size_t *nout,
                           int (*look)(resolver *, const tp_ref *))
{
    static int none[1];
    *nout = 0;
    if (!refs || n == 0)
        return none;
    int *v = (int *)(void *)refs;
    for (size_t i = 0; i < n; i++) {
        tp_ref ref = refs[i];
        int k = look(r, &ref);
        if (k >= 0)
            v[(*nout)++] = k;
    }
    return v;
}

static int S_look_person(resolver *r, const tp_ref *ref) { return LOOKUP_PERSON(r, ref); }
static int S_look_customer(resolver *r, const tp_ref *ref) { return LOOKUP_CUSTOMER(r, ref); }

/* Team names of people and of projects' serves, sorted and unique. */
static void S_teams(resolver *r, const tp_raw_project *rj)
{
    tp_model *m = r->m;
    size_t n = m->npeople;
    for (size_t j = 0; j < m->nprojects; j++)
        n += rj[j].nteams;
    const char **v = S_array(r, n, sizeof *v);
    if (!v)
        return;
    size_t k = 0;
    for (size_t i = 0; i < m->npeople; i++)
        v[k++] = m->people[i].team;
    qsort(v, k, sizeof *v, S_cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || strcmp(v[u - 1], v[i]) != 0)
            v[u++] = v[i];
    m->teams = v;
    m->nteams = u;
    /* Teams named only by projects are warned of, then kept so that serves
     * can point at them: appended, then sorted once and made unique again. */
    size_t members = m->nteams;
    tp_strmap named; /* memberless teams met so far: each is warned of once */
    if (!tp_strmap_init(&named, 16)) {
        r->nomem = true;
        return;
    }
    for (size_t j = 0; j < m->nprojects && !r->nomem; j++)
        for (size_t t = 0; t < rj[j].nteams; t++) {
            const char *team = rj[j].teams[t].id;
            m->nteams = members; /* look only among the teams people have */
            if (tp_model_team(m, team) >= 0 || tp_strmap_get(&named, team) >= 0)
                continue;
            if (!(r->lost & TP_LOST_PEOPLE)) /* its members may be among the people lost */
                tp_diag_add(r->diags, rj[j].teams[t].loc, TP_WARNING, "team '%s' has no members", team);
            r->nomem |= !tp_strmap_put(&named, team, 1);
            v[u++] = team;
        }
    tp_strmap_free(&named);
    qsort(v, u, sizeof *v, S_cmp_str);
    m->nteams = 0;
    for (size_t i = 0; i < u; i++)
        if (!m->nteams || strcmp(v[m->nteams - 1], v[i]) != 0)
            v[m->nteams++] = v[i];
    for (size_t i = 0; i < m->npeople; i++)
        m->people[i].team_index = tp_model_team(m, m->people[i].team);
}

static void S_people_refs(resolver *r, const tp_raw_person *rp)
{
    tp_model *m = r->m;
    for (size_t i = 0; i < m->npeople && !r->nomem; i++) {
        tp_person *p = &m->people[i];
        p->works_with = S_resolve_list(r, rp[i].works, rp[i].nworks, &p->nworks_with, S_look_person);
        size_t k = 0;
        for (size_t a = 0; a < p->nallocs; a++) {
            int j = LOOKUP_PROJECT(r, &rp[i].alloc_refs[a]);
            if (j >= 0) {
                p->allocs[k] = p->allocs[a];
                p->allocs[k++].project = j;
            }
        }
        p->nallocs = k;
    }
}

static void S_project_refs(resolver *r, const tp_raw_project *rj)
{
    tp_model *m = r->m;
    for (size_t j = 0; j < m->nprojects && !r->nomem; j++) {
        tp_project *p = &m->projects[j];
        p->serves_customers = S_resolve_list(r, rj[j].customers, rj[j].ncustomers, &p->nserves_customers, S_look_customer);
        p->serves_people = S_resolve_list(r, rj[j].people, rj[j].npeople, &p->nserves_people, S_look_person);
        p->serves_teams = S_array(r, rj[j].nteams, sizeof *p->serves_teams); /* teams are names, not refs */
        for (size_t t = 0; p->serves_teams && t < rj[j].nteams; t++)
            p->serves_teams[p->nserves_teams++] = tp_model_team(m, rj[j].teams[t].id);
    }
}

/* Records an interaction's id; a second use of one is an error naming the first. */
static void S_interaction_id(resolver *r, tp_strmap *ids, tp_loc **locs, size_t *cap, const char *file,
                             const tp_interaction_extra *x)
{
    tp_loc here = {file, x->id_line, x->id_col};
    int prev = tp_strmap_get(ids, x->id);
    if (prev >= 0) {
        const tp_loc *p = &(*locs)[prev];
        tp_diag_add(r->diags, here, TP_ERROR, "duplicate interaction id '%s'", x->id);
        tp_diag_note(r->diags, *p, "'%s' is first used here", x->id);
        return;
    }
    if (ids->count == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        tp_loc *v = realloc(*locs, c * sizeof *v);
        if (!v) {
            r->nomem = true;
            return;
        }
        *locs = v;
        *cap = c;
    }
    (*locs)[ids->count] = here;
    r->nomem |= !tp_strmap_put(ids, x->id, (int)ids->count);
}

/* One file's references resolved: each distinct string is looked up once
 * per kind, then every reference to it is an array read. */
typedef struct {
    resolver *r;
    const tp_ingest *in;
    int *person, *customer; /* per interned string: index, -1 unknown, -2 not yet looked up */
} file_refs;

/* The index p names; an unknown one is reported at p's place each time. */
static int S_pref_lookup(file_refs *fr, const tp_pref *p)
{
    resolver *r = fr->r;
    tp_ref ref = {fr->in->strings[p->str], {fr->in->file, p->line, p->col}};
    if (p->kind == TP_PREF_TYPE)
        return S_lookup(r, &r->types, r->type_ids, r->m->ntypes, "interaction type", TP_LOST_TYPES, &ref);
    bool customer = p->kind == TP_PREF_CUSTOMER; /* else a person: people and action owners */
    int *cache = customer ? fr->customer : fr->person;
    if (cache[p->str] == -2)
        cache[p->str] = tp_strmap_get(customer ? &r->customers : &r->people, ref.id);
    if (cache[p->str] >= 0)
        return cache[p->str];
    return customer ? LOOKUP_CUSTOMER(r, &ref) : LOOKUP_PERSON(r, &ref);
}

/* Resolves the references of one file's interactions (in->prefs, in their
 * order) and appends the interactions to the model. */
static void S_file_interactions(resolver *r, tp_ingest *in, tp_strmap *ids, tp_loc **idlocs, size_t *idcap)
{
    static int none[1];
    tp_model *m = r->m;
    file_refs fr = {r, in, NULL, NULL};
    fr.person = malloc((in->nstrings ? in->nstrings : 1) * 2 * sizeof *fr.person);
    if (!fr.person) {
        r->nomem = true;
        return;
    }
    fr.customer = fr.person + in->nstrings;
    for (size_t s = 0; s < 2 * in->nstrings; s++)
        fr.person[s] = -2;
    const tp_pref *p = in->prefs, *end = in->prefs ? in->prefs + in->nprefs : NULL;
    for (size_t i = 0; i < in->ninteractions && !r->nomem; i++) {
        tp_interaction it = in->interactions[i];
        if (it.type == TP_TYPE_PENDING)
            it.type = S_pref_lookup(&fr, p++);
        size_t n = (size_t)it.npeople + it.ncustomers;
        int *v = n ? tp_alloc_aligned(r->arena, n * sizeof *v, _Alignof(int)) : none;
        if (!v) {
            r->nomem = true;
            break;
        }
        uint32_t k = 0;
        for (uint32_t j = 0; j < it.npeople; j++) {
            int x = S_pref_lookup(&fr, p++);
            if (x >= 0)
                v[k++] = x;
        }
        it.people = v;
        it.npeople = k;
        it.customers = v + k;
        k = 0;
        for (uint32_t j = 0; j < it.ncustomers; j++) {
            int x = S_pref_lookup(&fr, p++);
            if (x >= 0)
                it.customers[k++] = x;
        }
        it.ncustomers = k;
        /* Owners in the order of the actions that name one (owner -2). */
        tp_action *act = it.acts ? (tp_action *)it.acts->actions : NULL;
        for (uint32_t j = 0; act && j < it.nactions; j++)
            if (act[j].owner == -2)
                act[j].owner = p < end && p->kind == TP_PREF_OWNER ? S_pref_lookup(&fr, p++) : -1;
        for (; p < end && p->kind == TP_PREF_OWNER; p++)
            S_pref_lookup(&fr, p);
        if (it.extra && it.extra->id)
            S_interaction_id(r, ids, idlocs, idcap, in->file, it.extra);
        if (it.type < 0)
            continue;
        if (m->first_date == TP_DATE_NONE || it.date < m->first_date)
            m->first_date = it.date;
        if (m->last_date == TP_DATE_NONE || it.date > m->last_date)
            m->last_date = it.date;
        m->dates[m->ninteractions] = it.date;
        m->interactions[m->ninteractions++] = it;
    }
    free(fr.person);
}

/* Resolves every file's interactions into one array; each file's
 * interactions and references are freed as soon as they are resolved, so
 * the array grows as they go (its pages are only touched as it fills). */
static void S_interactions(resolver *r)
{
    tp_model *m = r->m;
    size_t n = 0;
    for (size_t f = 0; f < r->nfiles; f++)
        n += r->files[f].ninteractions;
    m->interactions = tp_alloc(r->arena, (n ? n : 1) * sizeof *m->interactions);
    m->dates = tp_alloc(r->arena, (n ? n : 1) * sizeof *m->dates);
    tp_strmap ids;
    if (!m->interactions || !m->dates || !tp_strmap_init(&ids, 64)) {
        r->nomem = true;
        return;
    }
    tp_loc *idlocs = NULL;
    size_t idcap = 0;
    m->first_date = m->last_date = TP_DATE_NONE;
    for (size_t f = 0; f < r->nfiles && !r->nomem; f++) {
        tp_ingest *in = &r->files[f];
        S_file_interactions(r, in, &ids, &idlocs, &idcap);
        tp_ingest_free_interactions(in);
        tp_ingest_free_prefs(in);
    }
    free(idlocs);
    tp_strmap_free(&ids);
}

static void S_requests(resolver *r)
{
    tp_model *m = r->m;
    size_t n = 0;
    for (size_t f = 0; f < r->nfiles; f++)
        n += r->files[f].nrequests;
    m->requests = S_array(r, n, sizeof *m->requests);
    for (size_t f = 0; f < r->nfiles && m->requests; f++)
        for (size_t i = 0; i < r->files[f].nrequests; i++) {
            tp_raw_request *rr = &r->files[f].requests[i];
            if (rr->customer.id)
                rr->r.customer = LOOKUP_CUSTOMER(r, &rr->customer);
            m->requests[m->nrequests++] = rr->r;
        }
}

/* Edit distances the team and segment suggestions may compute in all: a
 * real organisation needs a few thousand; a log of 100,000 distinct teams
 * must not cost billions. */
#define S_SUGGEST_BUDGET 5000000u

/* A team or segment value that one record uses and that is close to a value
 * several records use is a warning with a suggestion (SPEC §1). The values
 * are taken from every file (what) in input order. */
static void S_value_suggestions(resolver *r, const char *what, bool segments)
{
    size_t n = 0;
    for (size_t f = 0; f < r->nfiles; f++)
        n += segments ? r->files[f].nsegments : r->files[f].nteams;
    if (n < 3)
        return;
    tp_strmap uses;
    const char **common = malloc(n * sizeof *common);
    if (!common || !tp_strmap_init(&uses, n)) {
        free(common);
        r->nomem = true;
        return;
    }
    for (size_t f = 0; f < r->nfiles && !r->nomem; f++) {
        const tp_ingest *in = &r->files[f];
        const tp_ref *v = segments ? in->segments : in->teams;
        for (size_t i = 0; i < (segments ? in->nsegments : in->nteams); i++) {
            int k = tp_strmap_get(&uses, v[i].id);
            r->nomem |= !tp_strmap_put(&uses, v[i].id, k < 0 ? 1 : k + 1);
        }
    }
    size_t ncommon = 0; /* values several records use, each once */
    for (size_t i = 0; i < uses.cap; i++)
        if (uses.keys[i] && uses.vals[i] >= 2)
            common[ncommon++] = uses.keys[i];
    qsort(common, ncommon, sizeof *common, S_cmp_str); /* ties go the same way on every run */
    size_t budget = S_SUGGEST_BUDGET;
    for (size_t f = 0; f < r->nfiles && !r->nomem && ncommon; f++) {
        const tp_ingest *in = &r->files[f];
        const tp_ref *v = segments ? in->segments : in->teams;
        for (size_t i = 0; i < (segments ? in->nsegments : in->nteams) && budget >= ncommon; i++) {
            if (tp_strmap_get(&uses, v[i].id) != 1)
                continue;
            budget -= ncommon;
            const char *s = tp_suggest(v[i].id, common, ncommon);
            char buf[80];
            const char *hidden = s ? tp_suggest_hidden(v[i].id, s, buf, sizeof buf) : NULL;
            if (s)
                tp_diag_add(r->diags, v[i].loc, TP_WARNING, "%s '%s' (did you mean '%s'?%s%s)", what, v[i].id, s,
                            hidden ? " " : "", hidden ? hidden : "");
        }
    }
    tp_strmap_free(&uses);
    free(common);
}

_Static_assert(TP_LOST_PEOPLE == 1 && TP_LOST_CUSTOMERS == 2 && TP_LOST_PROJECTS == 4 && TP_LOST_TYPES == 8,
               "tp_diags.lost names the kinds by these bits");

static tp_status S_resolve(resolver *r)
{
    tp_raw_person *rp = NULL;
    tp_raw_project *rj = NULL;
    for (size_t f = 0; f < r->nfiles && !r->nomem; f++) {
        const tp_ingest *in = &r->files[f];
        r->lost |= in->lost;
        for (size_t i = 0; i < in->nloose && !r->nomem; i++)
            S_loose(r, in->loose[i].id, in->loose[i].kind);
    }
    r->diags->lost |= r->lost; /* the program says which references went unchecked */
    S_organization(r);
    S_entities(r, &rp, &rj);
    if (!r->nomem)
        S_index(r, rp, rj);
    if (!r->nomem)
        S_types(r);
    if (!r->nomem)
        S_teams(r, rj);
    if (!r->nomem)
        S_value_suggestions(r, "team", false);
    if (!r->nomem)
        S_value_suggestions(r, "segment", true);
    if (!r->nomem)
        S_people_refs(r, rp);
    if (!r->nomem)
        S_project_refs(r, rj);
    if (!r->nomem)
        S_interactions(r);
    if (!r->nomem)
        S_requests(r);
    return r->nomem ? TP_ERR_NOMEM : TP_OK;
}

/* ------------------------------------------------------------- reading
 *
 * Every file is one job, but a big file of several documents is cut at
 * document markers (split.c) into pieces, each a job of its own, parsed on
 * every core; each piece's records are a tp_ingest like a file's, in file
 * order, so what follows cannot tell. A file is read again whole when its
 * pieces might tell other problems than the whole would (S_read_whole) or
 * it changed since it was cut. */

typedef struct {
    uint32_t file;     /* index into the files */
    int64_t start, end; /* bytes of a piece; end < 0: the whole file */
    int64_t lines;     /* line breaks in the piece */
    int line0;         /* line breaks before it */
    bool unread;       /* its lines could not be counted */
    tp_arena *arena;   /* the job's own arena and problems: workers share nothing */
    tp_diags diags;
    tp_status status;
    size_t bytes;
    bool dropped;      /* a piece of a file read again whole */
} file_job;

typedef struct {
    struct stat seen;  /* the file as it was cut: each piece opens it again and
                        * checks it is the same (no descriptor is held between
                        * jobs, so a thousand big files need no more than a small one) */
    int64_t *cuts;     /* where its pieces start, after the first */
    size_t ncuts;
    size_t first_job;  /* its jobs are first_job.. first_job + ncuts */
    size_t left;       /* jobs not done yet (guarded by the queue's lock) */
    bool whole;        /* read again whole */
} file_plan;

typedef struct {
    const tp_file *files;
    file_plan *plans;
    file_job *jobs;
    tp_ingest *ingests; /* one per job */
    size_t nfiles, njobs;
    size_t piece_bytes;
    size_t done;               /* guarded by lock, as are the counts below */
    uint64_t bytes, records;
    const tp_read_options *opt;
    pthread_mutex_t lock;
    size_t *rereads; /* jobs that read a file whole again */
} work_queue;

/* Plans file f: a regular file of more than two pieces is opened and cut. */
static void S_plan_file(void *ctx, size_t f)
{
    work_queue *q = ctx;
    file_plan *p = &q->plans[f];
    const tp_file *file = &q->files[f];
    struct stat sb;
    if (q->piece_bytes == SIZE_MAX || !strcmp(file->key, "-") || stat(file->path, &sb) != 0 ||
        !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size / 2 <= q->piece_bytes)
        return;
    int fd = open(file->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || tp_split_plan(fd, sb.st_size, q->piece_bytes, &p->cuts, &p->ncuts) != TP_OK ||
        !p->ncuts) {
        close(fd); /* read whole, as a small file is (out of memory here: whole, and the reading will tell) */
        free(p->cuts);
        p->cuts = NULL;
        p->ncuts = 0;
        return;
    }
    p->seen = sb;
    close(fd);
}

/* file f open again for a piece, when it is still the file that was cut
 * (the same inode, size and modification time); -1 with errno otherwise. */
static int S_open_piece(const work_queue *q, uint32_t f)
{
    const struct stat *was = &q->plans[f].seen;
    int fd = open(q->files[f].path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0)
        return -1;
    if (fstat(fd, &sb) != 0 || sb.st_dev != was->st_dev || sb.st_ino != was->st_ino ||
        sb.st_size != was->st_size || sb.st_mtim.tv_sec != was->st_mtim.tv_sec ||
        sb.st_mtim.tv_nsec != was->st_mtim.tv_nsec) {
        close(fd);
        errno = ESTALE; /* changed while it was read: read whole again */
        return -1;
    }
    return fd;
}

/* Counts the lines of piece j (not the last of its file: the next one's place needs them). */
static void S_count_job(void *ctx, size_t j)
{
    work_queue *q = ctx;
    file_job *job = &q->jobs[j];
    file_plan *p = &q->plans[job->file];
    if (job->end < 0 || j >= p->first_job + p->ncuts)
        return;
    int fd = S_open_piece(q, job->file);
    job->unread = fd < 0 || tp_split_lines(fd, job->start, job->end, &job->lines) != TP_OK;
    if (fd >= 0)
        close(fd);
}

/* Each piece's first line; a file whose lines could not be counted (or
 * number past an int) is read whole. */
static void S_place_pieces(work_queue *q)
{
    for (size_t f = 0; f < q->nfiles; f++) {
        file_plan *p = &q->plans[f];
        int64_t line0 = 0;
        for (size_t k = p->first_job; p->ncuts && k <= p->first_job + p->ncuts; k++) {
            file_job *j = &q->jobs[k];
            j->line0 = (int)line0;
            p->whole |= j->unread;
            line0 += j->lines;
            if (line0 > INT_MAX / 2)
                p->whole = true;
        }
    }
}

/* Tells the progress callback, one thread at a time, when job jx was the
 * last of its file. */
static void S_progress(work_queue *q, size_t jx)
{
    if (!q->opt || !q->opt->progress)
        return;
    const file_job *j = &q->jobs[jx];
    const tp_ingest *in = &q->ingests[jx];
    pthread_mutex_lock(&q->lock);
    q->bytes += j->bytes;
    q->records += in->npeople + in->ncustomers + in->nprojects + in->ninteractions + in->nrequests;
    if (--q->plans[j->file].left == 0) {
        q->done++;
        q->opt->progress(q->opt->progress_ctx, q->done, q->nfiles, q->bytes, q->records);
    }
    pthread_mutex_unlock(&q->lock);
}

static void S_init_job(tp_ingest *in, file_job *j, const tp_read_options *opt, const char *path)
{
    memset(in, 0, sizeof *in);
    in->today = opt && opt->check_future ? opt->today : TP_DATE_NONE;
    in->skip_notes = opt && opt->skip_notes;
    in->file_index = j->file;
    in->arena = j->arena;
    in->diags = &j->diags;
    in->file = path;
}

/* Reads and ingests job j, in an arena and problems of its own: a whole
 * file (one that cannot be read is an error) or a piece of one. */
static tp_status S_read_job(work_queue *q, size_t jx)
{
    file_job *j = &q->jobs[jx];
    const tp_file *f = &q->files[j->file];
    tp_ingest *in = &q->ingests[jx];
    if (!(j->arena = tp_arena_new()))
        return TP_ERR_NOMEM;
    tp_diags_init(&j->diags, j->arena);
    S_init_job(in, j, q->opt, f->path);
    in->line0 = j->line0;
    char *data;
    size_t len;
    int err;
    tp_status st;
    if (j->end < 0) {
        st = tp_read_file(f, &data, &len, &err);
    } else {
        int fd = S_open_piece(q, j->file);
        err = errno;
        st = fd < 0 ? TP_ERR_INPUT : tp_read_range(fd, j->start, j->end, &data, &len, &err);
        if (fd >= 0)
            close(fd);
    }
    if (st == TP_ERR_INPUT) {
        tp_diag_add(in->diags, (tp_loc){f->path, 0, 0}, TP_ERROR, "cannot read: %s", strerror(err));
        in->diags->stopped++;
        return TP_OK;
    }
    if (st != TP_OK)
        return st;
    j->bytes = len;
    st = tp_ingest_text(in, data, len);
    free(data);
    return st;
}

/* Reads job j (unless its file is to be read whole). */
static void S_run_job(void *ctx, size_t jx)
{
    work_queue *q = ctx;
    file_job *j = &q->jobs[jx];
    if (q->plans[j->file].whole && j->end >= 0)
        return; /* S_rereads reads it */
    if ((j->status = S_read_job(q, jx)) != TP_OK && !j->arena)
        return;
    S_progress(q, jx);
}

/* Whether the pieces of file f must give way to reading it whole: one
 * stopped, or the alias budget of the whole file (SPEC §1: 1,000,000 nodes
 * or ten times the nodes written so far, whichever is larger) may have
 * been passed. It cannot have been when the aliases add 1,000,000 nodes or
 * fewer in all, or when at every alias the nodes they added so far in the
 * file are at most ten times those written so far. Likewise when the file
 * may have had TP_MAX_DIAGS problems of a severity: past them the reader
 * writes messages out only while the file's one table of problems told
 * apart has room (diag.c), and each piece would have a table of its own. */
static bool S_read_whole(const work_queue *q, size_t f)
{
    const file_plan *p = &q->plans[f];
    if (p->whole)
        return true;
    int64_t expanded = 0, written = 0;
    size_t errors = 0, warnings = 0;
    bool within_ten = true;
    for (size_t k = p->first_job; k <= p->first_job + p->ncuts; k++) {
        const file_job *j = &q->jobs[k];
        if (j->status != TP_OK || j->diags.stopped || j->diags.nomem || j->bytes != (size_t)(j->end - j->start))
            return true;
        errors += j->diags.errors;
        warnings += j->diags.warnings;
        if (errors >= TP_MAX_DIAGS || warnings >= TP_MAX_DIAGS)
            return true;
        const tp_yaml_aliases *a = &q->ingests[k].aliases;
        if (a->peak != INT64_MIN && a->peak + expanded - 10 * written > 0)
            within_ten = false;
        expanded += (int64_t)a->expanded; /* each below 2^60 */
        written += (int64_t)a->written;
        if (expanded > ((int64_t)1 << 61) || written > ((int64_t)1 << 58))
            return true;
    }
    return !within_ten && expanded > TP_MAX_EXPANSION;
}

/* The files whose pieces gave way: their first job reads them whole, the
 * others are dropped. */
static void S_reread_job(void *ctx, size_t i)
{
    work_queue *q = ctx;
    size_t jx = q->rereads[i];
    file_job *j = &q->jobs[jx];
    if ((j->status = S_read_job(q, jx)) != TP_OK && !j->arena)
        return;
    if (q->plans[j->file].left) { /* its pieces were not all read: not told yet */
        q->plans[j->file].left = 1;
        S_progress(q, jx);
    }
}

/* Frees what job j read (nothing when it was not read). */
static void S_drop_job(work_queue *q, size_t jx)
{
    file_job *j = &q->jobs[jx];
    tp_ingest_free(&q->ingests[jx]);
    memset(&q->ingests[jx], 0, sizeof q->ingests[jx]);
    tp_arena_free(j->arena);
    j->arena = NULL;
    j->dropped = true;
}

/* Reads again whole every file whose pieces gave way. */
static tp_status S_rereads(work_queue *q)
{
    size_t n = 0;
    q->rereads = malloc((q->nfiles ? q->nfiles : 1) * sizeof *q->rereads);
    if (!q->rereads)
        return TP_ERR_NOMEM;
    for (size_t f = 0; f < q->nfiles; f++) {
        file_plan *p = &q->plans[f];
        if (!p->ncuts || !S_read_whole(q, f))
            continue;
        for (size_t k = p->first_job; k <= p->first_job + p->ncuts; k++)
            S_drop_job(q, k);
        file_job *j = &q->jobs[p->first_job];
        *j = (file_job){.file = (uint32_t)f, .start = 0, .end = -1};
        q->rereads[n++] = p->first_job;
    }
    tp_parallel_for(n, q->opt ? q->opt->jobs : 0, S_reread_job, q);
    free(q->rereads);
    q->rereads = NULL;
    return TP_OK;
}

/* Moves each job's problems into diags, its memory into arena and its
 * records into ingests (the jobs not dropped, in file order). */
static tp_status S_merge_jobs(tp_arena *arena, tp_diags *diags, work_queue *q, tp_ingest *ingests, size_t *n)
{
    tp_status st = TP_OK;
    *n = 0;
    for (size_t k = 0; k < q->njobs; k++) {
        file_job *j = &q->jobs[k];
        if (j->dropped)
            continue;
        ingests[(*n)++] = q->ingests[k];
        if (!j->arena) {
            st = TP_ERR_NOMEM;
            continue;
        }
        tp_diags_merge(diags, &j->diags);
        if (j->status != TP_OK || j->diags.nomem)
            st = TP_ERR_NOMEM;
        tp_arena_adopt(arena, j->arena);
    }
    return st;
}

/* What the files held: records kept by the per-record checks. */
static void S_count(const resolver *r, tp_read_counts *c)
{
    memset(c, 0, sizeof *c);
    c->files = r->m->nfiles;
    for (size_t f = 0; f < r->nfiles; f++) {
        const tp_ingest *in = &r->files[f];
        c->people += in->npeople;
        c->customers += in->ncustomers;
        c->projects += in->nprojects;
        c->interactions += in->ninteractions;
        c->requests += in->nrequests;
    }
}

/* Resolves what was read into *out (unless a problem was found) and frees
 * the raw records. When an error stopped the reading of a file (stopped),
 * the checks of the whole input wait (SPEC §1: errors never cascade). */
static tp_status S_finish(resolver *r, tp_status st, bool stopped, tp_read_counts *counts, tp_model **out)
{
    if (counts)
        S_count(r, counts);
    if (st == TP_OK && !stopped)
        st = S_resolve(r);
    for (size_t f = 0; f < r->nfiles; f++)
        tp_ingest_free(&r->files[f]);
    free(r->files);
    tp_strmap_free(&r->people);
    tp_strmap_free(&r->customers);
    tp_strmap_free(&r->projects);
    tp_strmap_free(&r->types);
    if (r->loose.cap)
        tp_strmap_free(&r->loose);
    if (st == TP_OK && r->diags->nomem)
        st = TP_ERR_NOMEM;
    if (st == TP_OK && !tp_diags_failed(r->diags))
        *out = r->m;
    return st;
}

/* The jobs of the files: one per file, or one per piece of a file cut. */
static file_job *S_jobs(work_queue *q)
{
    size_t n = 0;
    for (size_t f = 0; f < q->nfiles; f++)
        n += 1 + q->plans[f].ncuts;
    file_job *jobs = calloc(n ? n : 1, sizeof *jobs);
    if (!jobs)
        return NULL;
    n = 0;
    for (size_t f = 0; f < q->nfiles; f++) {
        file_plan *p = &q->plans[f];
        p->first_job = n;
        p->left = 1 + p->ncuts;
        if (!p->ncuts) {
            jobs[n++] = (file_job){.file = (uint32_t)f, .end = -1};
            continue;
        }
        int64_t size = p->seen.st_size;
        for (size_t c = 0; c <= p->ncuts; c++)
            jobs[n++] = (file_job){.file = (uint32_t)f,
                                   .start = c ? p->cuts[c - 1] : 0,
                                   .end = c < p->ncuts ? p->cuts[c] : size};
    }
    q->njobs = n;
    return jobs;
}

static void S_free_plans(work_queue *q)
{
    for (size_t f = 0; f < q->nfiles && q->plans; f++)
        free(q->plans[f].cuts);
    free(q->plans);
}

/* Plans, counts and reads every file into q's jobs. */
static tp_status S_read_all(work_queue *q)
{
    int jobs = q->opt ? q->opt->jobs : 0;
    q->plans = calloc(q->nfiles ? q->nfiles : 1, sizeof *q->plans);
    if (!q->plans)
        return TP_ERR_NOMEM;
    tp_parallel_for(q->nfiles, jobs, S_plan_file, q);
    q->jobs = S_jobs(q);
    q->ingests = calloc(q->njobs ? q->njobs : 1, sizeof *q->ingests);
    if (!q->jobs || !q->ingests)
        return TP_ERR_NOMEM;
    tp_parallel_for(q->njobs, jobs, S_count_job, q);
    S_place_pieces(q);
    tp_parallel_for(q->njobs, jobs, S_run_job, q);
    return S_rereads(q);
}

tp_status tp_read(tp_arena *arena, const char *const *paths, size_t npaths, const tp_read_options *opt,
                  tp_diags *diags, tp_model **out)
{
    *out = NULL;
    diags->strict = opt && opt->strict;
    tp_file *files;
    size_t nfiles;
    size_t stopped0 = diags->stopped, errors0 = diags->errors;
    tp_status st = tp_collect_files(arena, paths, npaths, diags, &files, &nfiles);
    if (st != TP_OK)
        return st;
    if (diags->errors > errors0) /* a path or directory that cannot be read */
        diags->stopped++;
    resolver r = {.arena = arena, .diags = diags, .suggest_budget = S_LOOKUP_BUDGET};
    r.m = tp_calloc(arena, 1, sizeof *r.m);
    if (!r.m || !(r.m->files = tp_alloc(arena, (nfiles ? nfiles : 1) * sizeof *r.m->files)))
        return TP_ERR_NOMEM;
    for (size_t f = 0; f < nfiles; f++)
        r.m->files[r.m->nfiles++] = files[f].path;
    work_queue q = {.files = files, .nfiles = nfiles, .opt = opt};
    q.piece_bytes = opt && opt->piece_bytes ? opt->piece_bytes : TP_PIECE_BYTES;
    pthread_mutex_init(&q.lock, NULL);
    st = S_read_all(&q);
    pthread_mutex_destroy(&q.lock);
    S_free_plans(&q);
    r.files = calloc(q.njobs ? q.njobs : 1, sizeof *r.files);
    if (st == TP_OK && r.files) {
        st = S_merge_jobs(arena, diags, &q, r.files, &r.nfiles); /* every job's, even out of memory */
    } else {
        for (size_t k = 0; k < q.njobs && q.jobs && q.ingests; k++)
            if (!q.jobs[k].dropped) {
                tp_ingest_free(&q.ingests[k]);
                tp_arena_free(q.jobs[k].arena);
            }
        st = st == TP_OK ? TP_ERR_NOMEM : st;
    }
    free(q.jobs);
    free(q.ingests);
    if (!r.files)
        return st;
    return S_finish(&r, st, diags->stopped > stopped0, opt ? opt->counts : NULL, out);
}

tp_status tp_read_text(tp_arena *arena, const char *name, const char *data, size_t len, tp_diags *diags,
                       tp_model **out)
{
    *out = NULL;
    resolver r = {.arena = arena, .diags = diags, .nfiles = 1, .suggest_budget = S_LOOKUP_BUDGET};
    r.files = calloc(1, sizeof *r.files);
    r.m = tp_calloc(arena, 1, sizeof *r.m);
    if (!r.files || !r.m) {
        free(r.files);
        return TP_ERR_NOMEM;
    }
    r.m->files = tp_alloc(arena, sizeof *r.m->files);
    if (!r.m->files) {
        free(r.files);
        return TP_ERR_NOMEM;
    }
    r.m->files[r.m->nfiles++] = name;
    r.files[0] = (tp_ingest){.arena = arena, .diags = diags, .file = name, .today = TP_DATE_NONE};
    size_t stopped0 = diags->stopped;
    tp_status st = tp_ingest_text(&r.files[0], data, len);
    return S_finish(&r, st, diags->stopped > stopped0, NULL, out);
}
