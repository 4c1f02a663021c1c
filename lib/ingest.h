/* ingest.h — raw records of one file, before ids are resolved. */
#ifndef TP_INGEST_H
#define TP_INGEST_H

#include "model.h"
#include "strmap.h"
#include "yamlread.h"

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

/* A reference of an interaction, kept until every file is read: the
 * interned string in->strings[str], where it is written and what it names.
 * A file's references follow its interactions in order: the type (when it
 * is not a built-in one), the people, the customers, the action owners. */
typedef enum { TP_PREF_TYPE, TP_PREF_PERSON, TP_PREF_CUSTOMER, TP_PREF_OWNER } tp_pref_kind;

typedef struct {
    uint32_t str : 30, kind : 2;
    int line, col;
} tp_pref;

#define TP_MAX_STRINGS (1u << 30)
#define TP_MAX_STREAMED 8

/* tp_interaction.type while a custom type waits for its TP_PREF_TYPE reference */
#define TP_TYPE_PENDING (-1)

typedef struct {
    tp_request r;
    tp_ref customer; /* id NULL when absent */
} tp_raw_request;

/* Kinds of record whose ids a file may have lost: a section of the wrong
 * shape, a section misspelled as near a known one, a record that is not a
 * mapping or has no id. References to a lost kind are not checked (SPEC §1:
 * errors never cascade); the error at the section or record stands. */
enum { TP_LOST_PEOPLE = 1, TP_LOST_CUSTOMERS = 2, TP_LOST_PROJECTS = 4, TP_LOST_TYPES = 8 };

/* An id written as a whole record (`- jdoe` among the people): an error at
 * the record, and still a defined id, so its uses are not errors too. */
typedef struct {
    const char *id;
    unsigned kind; /* TP_LOST_* */
} tp_loose_id;

/* The records of one file. Vectors are malloc'd (tp_ingest_free); what they
 * point to lives in arena. */
typedef struct {
    tp_arena *arena;
    tp_diags *diags;
    const char *file;
    int line0;       /* lines of the file before this text (a piece of it) */
    tp_yaml_aliases aliases; /* the file's alias budget is checked on its pieces together */
    bool nomem;
    unsigned lost; /* TP_LOST_* */
    tp_loose_id *loose; size_t nloose, cap_loose;
    tp_raw_person *people; size_t npeople, cap_people;
    tp_customer *customers; size_t ncustomers, cap_customers;
    tp_raw_project *projects; size_t nprojects, cap_projects;
    tp_interaction *interactions; size_t ninteractions, cap_interactions;
    tp_pref *prefs; size_t nprefs, cap_prefs;
    tp_raw_request *requests; size_t nrequests, cap_requests;
    tp_type *types; size_t ntypes, cap_types;
    tp_ref *orgs; size_t norgs, cap_orgs;
    tp_ref *teams; size_t nteams, cap_teams;       /* every team value written, for the suggestions */
    tp_ref *segments; size_t nsegments, cap_segments; /* every segment value written, likewise */
    tp_strmap interned; /* short strings and ids of this file, copied once */
    const char **strings; size_t nstrings, cap_strings;
    uint32_t *seen; size_t cap_seen; /* per string: the list that last named it */
    int8_t *builtin; size_t cap_builtin; /* per string: its built-in type, -1 none, -2 not yet known */
    uint32_t list;                   /* lists checked so far */
    uint32_t file_index;             /* of this file in the model's files */
    tp_date today;                   /* a later interaction or request date is a warning; TP_DATE_NONE: none */
    bool skip_notes;                 /* tp_read_options.skip_notes */
    const tp_node *streamed[TP_MAX_STREAMED]; /* section keys of this document whose records are handled */
    size_t nstreamed;
    /* One interaction's actions and tags while it is read (then packed into its tp_interaction_acts). */
    tp_action *acts; size_t nacts, cap_acts;
    const char **tags; size_t ntags, cap_tags;

} tp_ingest;

/* Parses one file's text and appends its records. TP_OK or TP_ERR_NOMEM;
 * problems go to in->diags. */
tp_status tp_ingest_text(tp_ingest *in, const char *data, size_t len);
void tp_ingest_free(tp_ingest *in);
/* Free in's interactions and their references (once they are in the model). */
void tp_ingest_free_interactions(tp_ingest *in);
void tp_ingest_free_prefs(tp_ingest *in);

#endif
