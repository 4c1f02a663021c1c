/* ingest.h — raw records of one file, before ids are resolved. */
#ifndef TP_INGEST_H
#define TP_INGEST_H

#include "internal.h"

/* An id as written and where. */
typedef struct {
    const char *id;
    tp_loc loc;
} tp_ref;

typedef struct {
    tp_person p;
    tp_ref *works; size_t nworks;
    tp_ref *alloc_refs; /* parallel to p.allocs */
} tp_raw_person;

typedef struct {
    tp_project p;
    tp_ref *customers; size_t ncustomers;
    tp_ref *people; size_t npeople;
    tp_ref *teams; size_t nteams;
} tp_raw_project;

typedef struct {
    tp_interaction i;
    tp_ref type;
    tp_ref *people; size_t npeople;
    tp_ref *customers; size_t ncustomers;
    tp_ref *owners; /* parallel to i.actions; id NULL when absent */
    tp_loc id_loc;
} tp_raw_interaction;

typedef struct {
    tp_request r;
    tp_ref customer; /* id NULL when absent */
} tp_raw_request;

/* The records of one file. Vectors are malloc'd (tp_ingest_free); what they
 * point to lives in arena. */
typedef struct {
    tp_arena *arena;
    tp_diags *diags;
    const char *file;
    bool nomem;
    tp_raw_person *people; size_t npeople, cap_people;
    tp_customer *customers; size_t ncustomers, cap_customers;
    tp_raw_project *projects; size_t nprojects, cap_projects;
    tp_raw_interaction *interactions; size_t ninteractions, cap_interactions;
    tp_raw_request *requests; size_t nrequests, cap_requests;
    tp_type *types; size_t ntypes, cap_types;
    tp_ref *orgs; size_t norgs, cap_orgs;
    tp_strmap interned; /* short strings of this file, copied once */
    const char **strings; size_t nstrings, cap_strings;
} tp_ingest;

/* Parses one file's text and appends its records. TP_OK or TP_ERR_NOMEM;
 * problems go to in->diags. */
tp_status tp_ingest_text(tp_ingest *in, const char *data, size_t len);
void tp_ingest_free(tp_ingest *in);

/* Index of a built-in type id in the SPEC table, or -1. */
int tp_builtin_type(const char *id);
/* The built-in types, in the SPEC table's order. */
extern const tp_type tp_builtin_types[];
extern const size_t tp_nbuiltin_types;

#endif
