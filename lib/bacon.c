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
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Compressed adjacency: for node v, items[start[v] .. start[v+1]). */
typedef struct {
    size_t *start;
    size_t *items;
} csr;

typedef struct {
    const tp_model *m;
    const tp_period_calc *c;
    size_t np, nc, nnodes; /* people, customers, +1 anonymous node */
    csr member;            /* node -> indexes k into c->pi */
    csr works;             /* person -> people */
    int *dist;
    bool *people_done, *cust_done;
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
        const tp_interaction *it = g->m->interactions[g->c->pi[k]];
        for (size_t j = 0; j < it->npeople; j++)
            fn(g, (size_t)it->people[j], k);
        for (size_t j = 0; j < it->ncustomers; j++)
            fn(g, g->np + (size_t)it->customers[j], k);
        if (S_anonymous(g, it))
            fn(g, g->np + g->nc, k);
    }
}

static void S_count(graph *g, size_t node, size_t k) { (void)k, g->member.start[node + 1]++; }
static void S_fill(graph *g, size_t node, size_t k) { g->member.items[g->member.start[node]++] = k; }

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
    g->member.items = malloc((g->member.start[g->nnodes] + 1) * sizeof(size_t));
    if (!g->member.items)
        return false;
    S_each_member(g, S_fill);
    S_unshift(g->member.start, g->nnodes);
    /* works_with edges both ways */
    for (size_t i = 0; i < g->np; i++)
        for (size_t j = 0; j < m->people[i].nworks_with; j++) {
            g->works.start[i + 1]++;
            g->works.start[m->people[i].works_with[j] + 1]++;
        }
    S_prefix(g->works.start, g->np);
    g->works.items = malloc((g->works.start[g->np] + 1) * sizeof(size_t));
    if (!g->works.items)
        return false;
    for (size_t i = 0; i < g->np; i++)
        for (size_t j = 0; j < m->people[i].nworks_with; j++) {
            size_t q = (size_t)m->people[i].works_with[j];
            g->works.items[g->works.start[i]++] = q;
            g->works.items[g->works.start[q]++] = i;
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
    const tp_interaction *it = g->m->interactions[g->c->pi[k]];
    if (!g->people_done[k]) {
        g->people_done[k] = true;
        for (size_t j = 0; j < it->npeople; j++)
            S_reach(g, (size_t)it->people[j], d + 1, tail);
    }
    if (from_person && !g->cust_done[k]) {
        g->cust_done[k] = true;
        for (size_t j = 0; j < it->ncustomers; j++)
            S_reach(g, g->np + (size_t)it->customers[j], d + 1, tail);
        if (S_anonymous(g, it))
            S_reach(g, g->np + g->nc, d + 1, tail);
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

static int S_min(int a, int b)
{
    if (a == TP_NONE)
        return b;
    if (b == TP_NONE)
        return a;
    return a < b ? a : b;
}

/* 1 + the least bacon of what the project serves; TP_NONE when nothing is reachable. */
static int S_project(const graph *g, const tp_project *p)
{
    int best = TP_NONE;
    for (size_t i = 0; i < p->nserves_customers; i++)
        best = S_min(best, g->dist[g->np + (size_t)p->serves_customers[i]]);
    for (size_t i = 0; i < p->nserves_people; i++)
        best = S_min(best, g->dist[p->serves_people[i]]);
    for (size_t t = 0; t < p->nserves_teams; t++)
        for (size_t i = 0; i < g->np; i++)
            if (g->m->people[i].team_index == p->serves_teams[t])
                best = S_min(best, g->dist[i]);
    return best == TP_NONE ? TP_NONE : best + 1;
}

static void S_free(graph *g)
{
    free(g->member.start);
    free(g->member.items);
    free(g->works.start);
    free(g->works.items);
    free(g->dist);
    free(g->people_done);
    free(g->cust_done);
    free(g->queue);
}

tp_status tp_bacon(tp_arena *a, tp_period_calc *c)
{
    const tp_model *m = c->m;
    graph g = {.m = m, .c = c, .np = m->npeople, .nc = m->ncustomers};
    g.nnodes = g.np + g.nc + 1;
    g.dist = malloc(g.nnodes * sizeof *g.dist);
    g.queue = malloc(g.nnodes * sizeof *g.queue);
    g.people_done = calloc(c->npi + 1, 1);
    g.cust_done = calloc(c->npi + 1, 1);
    c->person_bacon = tp_calloc(a, g.np + 1, sizeof(int));
    c->customer_bacon = tp_calloc(a, g.nc + 1, sizeof(int));
    c->project_bacon = tp_calloc(a, m->nprojects + 1, sizeof(int));
    c->person_distant = tp_calloc(a, g.np + 1, sizeof(double));
    if (!g.dist || !g.queue || !g.people_done || !g.cust_done || !c->person_bacon || !c->customer_bacon ||
        !c->project_bacon || !c->person_distant || !S_build(&g)) {
        S_free(&g);
        return TP_ERR_NOMEM;
    }
    for (size_t i = 0; i < g.nnodes; i++)
        g.dist[i] = -1;
    S_search(&g);
    memcpy(c->person_bacon, g.dist, g.np * sizeof(int));
    memcpy(c->customer_bacon, g.dist + g.np, g.nc * sizeof(int));
    for (size_t j = 0; j < m->nprojects; j++)
        c->project_bacon[j] = S_project(&g, &m->projects[j]);
    for (size_t i = 0; i < g.np; i++)
        for (size_t k = 0; k < m->people[i].nallocs; k++) {
            int b = c->project_bacon[m->people[i].allocs[k].project];
            if (b == TP_NONE || b >= 4)
                c->person_distant[i] += m->people[i].allocs[k].percent;
        }
    S_free(&g);
    return TP_OK;
}
