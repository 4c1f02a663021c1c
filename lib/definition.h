/* definition.h — report definitions (definition.c, SPEC §6): sections,
 * cross-tabs, targets. */
#ifndef TP_DEFINITION_H
#define TP_DEFINITION_H

#include "touchpoint.h"

/* In the built-in order (SPEC §6). A renderer leaves out a section it does
 * not draw. */
typedef enum {
    TP_SEC_HEADLINE, TP_SEC_BY_TYPE, TP_SEC_BY_TEAM, TP_SEC_BACON, TP_SEC_AT_RISK,
    TP_SEC_CROSSTABS, TP_SEC_FUNNEL, TP_SEC_FOLLOWUPS, TP_SEC_REQUESTS, TP_SEC_INSIGHTS,
    TP_SEC_CUSTOMERS, TP_SEC_TREND, TP_SEC_TEAM_TREND, TP_SEC_PEOPLE, TP_SEC_PROJECTS,
    TP_SEC_COUNT
} tp_section;

/* The section's name in definitions ("headline", ...). */
const char *tp_section_name(tp_section s);

typedef struct {
    const char *label;
    const char *field;  /* reports_to, focus, team, role or attributes.NAME */
    const char *equals;
} tp_crosstab_def;

/* A target: a kpis path (tp_kpi_find) and its bounds, NaN when not set. */
typedef struct {
    const char *kpi;
    double min, max;
} tp_target_def;

typedef struct tp_definition {
    const char *title; /* NULL: "Customer contact report" in the report's language */
    tp_section *sections; size_t nsections;
    tp_crosstab_def *crosstabs; size_t ncrosstabs;
    tp_target_def *targets; size_t ntargets; /* in the order written */
} tp_definition;

/* The built-in default definition. */
tp_definition *tp_definition_default(tp_arena *a);

#endif
