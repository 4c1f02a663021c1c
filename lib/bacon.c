/* bacon.c — the Customer Bacon Number: a multi-source breadth-first search
 * from every paying node over the period's graph of who met whom.
 *
 * An interaction joins all of its people pairwise and each of them with each
 * of its customers. Rather than adding those edges (quadratic in the people
 * of a large event), the interaction is a hub visited at most twice: the
 * first time any member is reached, all its people are one step further;
 * the first time one of its people is reached, all its customers are. BFS
 * reaches members in order of distance, so the first visit is the shortest.
 * Memory and time are linear in nodes plus memberships. */
#include "arena.h"
#include "calc.h"
#include "kpi.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Compressed adjacency: for node v, items[start[v] .. start[v+1]). Items
 * are 32-bit (an interaction of the period, a person): a busy quarter's
 * memberships are the search's largest array. */
typedef struct {
    size_t *start;
    uint32_t *items;
} csr;

/* An interaction of the period as the search sees it: its members' nodes
 * at items[start ..), people first (np of them), then its customers and the
 * anonymous node, up to the next hub's start; done says which of the two
 * the search has expanded. One hub is one cache line at most, where the
 * interaction, its people and its customers are three places in memory:
 * the search visits hubs in no order, so that is most of its time. */
typedef struct {
    size_t start;
    uint32_t np;
    uint8_t done; /* HUB_PEOPLE | HUB_CUSTOMERS */
} hub;

enum { HUB_PEOPLE = 1, HUB_CUSTOMERS = 2 };

typedef struct {
    const tp_model *m;
    const tp_period_calc *c;
    size_t np, nc, nnodes; /* people, customers, +1 anonymous node */
    csr member;            /* node -> indexes k into c->pi */
    csr works;             /* person -> people */
    hub *hubs;             /* c->npi + 1, the last one only its start */
    uint32_t *hub_items;
    int *dist;
    size_t *queue;
} graph;

static bool S_anonymous(const graph *g, const tp_interaction *it)
{
    return it->ncustomers == 0 && g->m->types[it->type].anonymous_paying;
}

/* Calls fn(g, node, k) for every membership of the period's interactions. */
static void S_each_member(graph *g, void (*fn)(graph *, size_t, size_t))
{
    for (size_t k = 0; k < g->c->npi; k++) {
        const tp_interaction *it = &g->m->interactions[g->c->pi[k]];
        for (size_t j = 0; j < it->npeople; j++)
            fn(g, (size_t)it->people[j], k);
        for (size_t j = 0; j < it->ncustomers; j++)
            fn(g, g->np + (size_t)it->customers[j], k);
        if (S_anonymous(g, it))
            fn(g, g->np + g->nc, k);
    }
}

static void S_count(graph *g, size_t node, size_t k) { (void)k, g->member.start[node + 1]++; }
static void S_fill(graph *g, size_t node, size_t k) { g->member.items[g->member.start[node]++] = (uint32_t)k; }

/* Prefix sums; fill then shifts starts by one slot, so restore them after. */
static void S_prefix(size_t *start, size_t n)
{
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
}

static void S_unshift(size_t *start, size_t n)
{
    for (size_t i = n; i > 0; i--)
        start[i] = start[i - 1];
    start[0] = 0;
}

static bool S_build(graph *g)
{
    const tp_model *m = g->m;
    g->member.start = calloc(g->nnodes + 1, sizeof(size_t));
    g->works.start = calloc(g->np + 1, sizeof(size_t));
    if (!g->member.start || !g->works.start)
        return false;
    S_each_member(g, S_count);
    S_prefix(g->member.start, g->nnodes);
    g->member.items = calloc(g->member.start[g->nnodes] + 1, sizeof *g->member.items); /* calloc: see tp_bacon */
    if (!g->member.items)
        return false;
    S_each_member(g, S_fill);
    S_unshift(g->member.start, g->nnodes);
    /* the hubs: the same memberships, by interaction */
    g->hubs = malloc((g->c->npi + 1) * sizeof *g->hubs);
    g->hub_items = malloc((g->member.start[g->nnodes] + 1) * sizeof *g->hub_items);
    if (!g->hubs || !g->hub_items)
        return false;
    size_t n = 0;
    for (size_t k = 0; k < g->c->npi; k++) {
        const tp_interaction *it = &m->interactions[g->c->pi[k]];
        g->hubs[k] = (hub){.start = n, .np = it->npeople};
        for (size_t j = 0; j < it->npeople; j++)
            g->hub_items[n++] = (uint32_t)it->people[j];
        for (size_t j = 0; j < it->ncustomers; j++)
            g->hub_items[n++] = (uint32_t)(g->np + (size_t)it->customers[j]);
        if (S_anonymous(g, it))
            g->hub_items[n++] = (uint32_t)(g->np + g->nc);
    }
    g->hubs[g->c->npi] = (hub){.start = n};
    /* works_with edges both ways */
    for (size_t i = 0; i < g->np; i++)
        for (size_t j = 0; j < m->people[i].nworks_with; j++) {
            g->works.start[i + 1]++;
            g->works.start[m->people[i].works_with[j] + 1]++;
        }
    S_prefix(g->works.start, g->np);
    g->works.items = malloc((g->works.start[g->np] + 1) * sizeof *g->works.items);
    if (!g->works.items)
        return false;
    for (size_t i = 0; i < g->np; i++)
        for (size_t j = 0; j < m->people[i].nworks_with; j++) {
            size_t q = (size_t)m->people[i].works_with[j];
            g->works.items[g->works.start[i]++] = (uint32_t)q;
            g->works.items[g->works.start[q]++] = (uint32_t)i;
        }
    S_unshift(g->works.start, g->np);
    return true;
}

static void S_reach(graph *g, size_t node, int d, size_t *tail)
{
    if (g->dist[node] < 0) {
        g->dist[node] = d;
        g->queue[(*tail)++] = node;
    }
}

/* Expands the hub of interaction k from a node at distance d. */
static void S_hub(graph *g, size_t k, int d, bool from_person, size_t *tail)
{
    hub *h = &g->hubs[k];
    size_t start = h->start, cust = start + h->np;
    if (!(h->done & HUB_PEOPLE)) {
        h->done |= HUB_PEOPLE;
        for (size_t e = start; e < cust; e++)
            S_reach(g, g->hub_items[e], d + 1, tail);
    }
    if (from_person && !(h->done & HUB_CUSTOMERS)) {
        h->done |= HUB_CUSTOMERS;
        for (size_t e = cust, end = g->hubs[k + 1].start; e < end; e++)
            S_reach(g, g->hub_items[e], d + 1, tail);
    }
}

static void S_search(graph *g)
{
    size_t head = 0, tail = 0;
    for (size_t j = 0; j < g->nc; j++)
        if (g->m->customers[j].paying)
            S_reach(g, g->np + j, 0, &tail);
    S_reach(g, g->np + g->nc, 0, &tail);
    while (head < tail) {
        size_t v = g->queue[head++];
        int d = g->dist[v];
        bool person = v < g->np;
        if (person)
            for (size_t e = g->works.start[v]; e < g->works.start[v + 1]; e++)
                S_reach(g, g->works.items[e], d + 1, &tail);
        for (size_t e = g->member.start[v]; e < g->member.start[v + 1]; e++)
            S_hub(g, g->member.items[e], d, person, &tail);
    }
}

/* ---------------------------------------------------------------- chains
 *
 * From a node at distance d >= 1 the next node of its chain is, among its
 * neighbours at distance d - 1, the first in node order (customers, the
 * anonymous node, people; by id within a kind). Every neighbour of a node
 * at d is at d - 1 or further, so the next node is simply the neighbour of
 * least (distance, order). An interaction's members are all neighbours of
 * each of its people, and its people are the neighbours of each of its
 * customers: one pass over the interactions finds, per interaction, the
 * least member and the least person, and hands them to every member. A
 * second pass marks each interaction's members and finds, for every member
 * whose next node is among them, the interaction of earliest date (ties in
 * input order) that makes that step. Both passes are linear in memberships. */

/* A node's place in node order (people are numbered first in the graph). */
static uint64_t S_order(const graph *g, size_t v)
{
    return v < g->np ? g->nc + 1 + v : v < g->np + g->nc ? v - g->np : g->nc;
}

/* (distance, node order) as one number: the least is the next node. */
static uint64_t S_key(const graph *g, size_t v)
{
    return g->dist[v] < 0 ? UINT64_MAX : (uint64_t)g->dist[v] << 32 | S_order(g, v);
}

static size_t S_node_of_key(const graph *g, uint64_t key)
{
    uint64_t o = key & 0xffffffffu;
    return o < g->nc ? g->np + (size_t)o : o == g->nc ? g->np + g->nc : (size_t)(o - g->nc - 1);
}

static uint64_t S_min_key(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* best[v]: the least key among v's neighbours. */
static void S_best_neighbours(const graph *g, uint64_t *best)
{
    for (size_t v = 0; v < g->nnodes; v++)
        best[v] = UINT64_MAX;
    for (size_t k = 0; k < g->c->npi; k++) {
        const tp_interaction *it = &g->m->interactions[g->c->pi[k]];
        bool anon = S_anonymous(g, it);
        uint64_t people = UINT64_MAX, all;
        for (size_t j = 0; j < it->npeople; j++)
            people = S_min_key(people, S_key(g, (size_t)it->people[j]));
        all = anon ? S_min_key(people, S_key(g, g->np + g->nc)) : people;
        for (size_t j = 0; j < it->ncustomers; j++)
            all = S_min_key(all, S_key(g, g->np + (size_t)it->customers[j]));
        for (size_t j = 0; j < it->npeople; j++)
            best[it->people[j]] = S_min_key(best[it->people[j]], all);
        for (size_t j = 0; j < it->ncustomers; j++) {
            size_t v = g->np + (size_t)it->customers[j];
            best[v] = S_min_key(best[v], people);
        }
    }
    for (size_t v = 0; v < g->np; v++)
        for (size_t e = g->works.start[v]; e < g->works.start[v + 1]; e++)
            best[v] = S_min_key(best[v], S_key(g, g->works.items[e]));
}

/* via[v]: the earliest interaction (index into c->pi) holding both v and
 * next[v], or SIZE_MAX. mark[] is scratch, one per node. */
static void S_vias(const graph *g, const int *next, size_t *via, size_t *mark)
{
    const tp_model *m = g->m;
    for (size_t v = 0; v < g->nnodes; v++)
        via[v] = mark[v] = SIZE_MAX;
    for (size_t k = 0; k < g->c->npi; k++) {
        const tp_interaction *it = &m->interactions[g->c->pi[k]];
        for (size_t j = 0; j < it->npeople; j++)
            mark[it->people[j]] = k;
        for (size_t j = 0; j < it->ncustomers; j++)
            mark[g->np + (size_t)it->customers[j]] = k;
        if (S_anonymous(g, it))
            mark[g->np + g->nc] = k;
        /* a customer's next node is a person, so every step found here is an edge of this interaction */
        for (size_t j = 0; j < it->npeople + it->ncustomers; j++) {
            size_t v = j < it->npeople ? (size_t)it->people[j] : g->np + (size_t)it->customers[j - it->npeople];
            if (next[v] < 0 || mark[next[v]] != k)
                continue;
            if (via[v] == SIZE_MAX || it->date < m->interactions[g->c->pi[via[v]]].date)
                via[v] = k;
        }
    }
}

/* c->node_next and c->node_via for every node; false when out of memory. */
static bool S_chains(tp_arena *a, const graph *g, tp_period_calc *c)
{
    uint64_t *best = calloc(g->nnodes + 1, sizeof *best); /* calloc: see tp_bacon; + 1 (here and below): never of size 0 */
    size_t *mark = malloc((g->nnodes + 1) * sizeof *mark);
    c->node_next = tp_calloc(a, g->nnodes, sizeof *c->node_next);
    c->node_via = tp_calloc(a, g->nnodes, sizeof *c->node_via);
    bool ok = best && mark && c->node_next && c->node_via;
    if (ok) {
        S_best_neighbours(g, best);
        for (size_t v = 0; v < g->nnodes; v++)
            c->node_next[v] = g->dist[v] > 0 && best[v] != UINT64_MAX ? (int)S_node_of_key(g, best[v]) : -1;
        S_vias(g, c->node_next, c->node_via, mark);
        for (size_t v = 0; v < g->nnodes; v++)
            c->node_via[v] = c->node_via[v] == SIZE_MAX ? TP_VIA_WORKS_WITH : c->pi[c->node_via[v]];
    }
    free(best);
    free(mark);
    return ok;
}

static int S_min(int a, int b)
{
    if (a == TP_NONE)
        return b;
    if (b == TP_NONE)
        return a;
    return a < b ? a : b;
}

/* 1 + the least bacon of what the project serves; TP_NONE when nothing is
 * reachable. team_best holds the least bacon of each team's people, so a
 * project costs what it names, not what its teams hold. */
static int S_project(const graph *g, const int *team_best, const tp_project *p)
{
    int best = TP_NONE;
    for (size_t i = 0; i < p->nserves_customers; i++)
        best = S_min(best, g->dist[g->np + (size_t)p->serves_customers[i]]);
    for (size_t i = 0; i < p->nserves_people; i++)
        best = S_min(best, g->dist[p->serves_people[i]]);
    for (size_t t = 0; t < p->nserves_teams; t++)
        best = S_min(best, team_best[p->serves_teams[t]]);
    return best == TP_NONE ? TP_NONE : best + 1;
}

static void S_free(graph *g)
{
    free(g->member.start);
    free(g->member.items);
    free(g->works.start);
    free(g->works.items);
    free(g->hubs);
    free(g->hub_items);
    free(g->dist);
    free(g->queue);
}

bool tp_bacon_distant(int bacon) { return bacon == TP_NONE || bacon >= 4; }

bool tp_at_risk(double distant_share) { return distant_share > 50; }

tp_status tp_bacon(tp_arena *a, tp_period_calc *c)
{
    const tp_model *m = c->m;
    graph g = {.m = m, .c = c, .np = m->npeople, .nc = m->ncustomers};
    g.nnodes = g.np + g.nc + 1;
    if (c->npi > UINT32_MAX || g.nnodes > UINT32_MAX) /* past what 32-bit items hold (and far past memory) */
        return TP_ERR_NOMEM;
    g.dist = calloc(g.nnodes, sizeof *g.dist); /* calloc: filled below, but the analyzer cannot see it */
    g.queue = malloc(g.nnodes * sizeof *g.queue);
    int *team_best = malloc((m->nteams + 1) * sizeof *team_best);
    c->person_bacon = tp_calloc(a, g.np + 1, sizeof(int));
    c->customer_bacon = tp_calloc(a, g.nc + 1, sizeof(int));
    c->project_bacon = tp_calloc(a, m->nprojects + 1, sizeof(int));
    c->person_distant = tp_calloc(a, g.np + 1, sizeof(double));
    if (!team_best || !g.dist || !g.queue || !c->person_bacon ||
        !c->customer_bacon || !c->project_bacon || !c->person_distant || !S_build(&g)) {
        free(team_best);
        S_free(&g);
        return TP_ERR_NOMEM;
    }
    for (size_t i = 0; i < g.nnodes; i++)
        g.dist[i] = -1;
    S_search(&g);
    if (!S_chains(a, &g, c)) {
        free(team_best);
        S_free(&g);
        return TP_ERR_NOMEM;
    }
    memcpy(c->person_bacon, g.dist, g.np * sizeof(int));
    memcpy(c->customer_bacon, g.dist + g.np, g.nc * sizeof(int));
    for (size_t t = 0; t < m->nteams; t++)
        team_best[t] = TP_NONE;
    for (size_t i = 0; i < g.np; i++) /* IT or not: everyone whose team a project names */
        team_best[m->people[i].team_index] = S_min(team_best[m->people[i].team_index], g.dist[i]);
    for (size_t j = 0; j < m->nprojects; j++)
        c->project_bacon[j] = S_project(&g, team_best, &m->projects[j]);
    free(team_best);
    for (size_t i = 0; i < g.np; i++) { /* summed exactly as written (SPEC §1), so 50 is 50 */
        int64_t micro = 0;
        for (size_t k = 0; k < m->people[i].nallocs; k++) {
            int b = c->project_bacon[m->people[i].allocs[k].project];
            if (tp_bacon_distant(b))
                micro += m->people[i].allocs[k].micro;
        }
        c->person_distant[i] = (double)micro / 1e6;
    }
    S_free(&g);
    return TP_OK;
}
