/* calc.h — one period's figures per person, customer and project: contact
 * (contact.c) and the Customer Bacon Number with its chains (bacon.c). */
#ifndef TP_CALC_H
#define TP_CALC_H

#include "kpi.h"
#include "model.h"

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
/* Whether a project of this bacon is distant: 4 or more steps from a
 * paying node, or with no line of sight (SPEC §3 "distant share"). */
bool tp_bacon_distant(int bacon);
/* Whether a person of this distant share (percent) is at risk: more than
 * half of the allocations distant (SPEC §3). */
bool tp_at_risk(double distant_share);
/* The Customer Bacon Number of every person, customer and project. */
tp_status tp_bacon(tp_arena *a, tp_period_calc *c);

#endif
