/* main.c — the touchpoint program: arguments, messages, exit codes. */
#include "touchpoint.h"
#include "zip_level.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_DONE = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3, EXIT_NOMEM = 4 };
#define MAX_SHOWN_ERRORS 100

typedef struct {
    const char *command;
    const char *period, *output, *definition, *lang, *focus;
    unsigned formats;
    bool anonymize, strict, quiet;
    long min_group;
    int jobs;
    char **paths;
    int npaths;
} options;

/* Every command once: its synopsis, what it does, and the options it takes
 * (a bit per line of option_text). `touchpoint help COMMAND`, `COMMAND
 * --help` and the general usage are all made from this table. */
enum {
    O_PERIOD = 1 << 0, O_OUTPUT = 1 << 1, O_FORMAT = 1 << 2, O_DEF = 1 << 3, O_ANON = 1 << 4,
    O_MINGROUP = 1 << 5, O_STRICT = 1 << 6, O_QUIET = 1 << 7, O_JOBS = 1 << 8, O_LANG = 1 << 9,
    O_FOCUS = 1 << 10, O_BARE = 1 << 11,
};
enum { OPT_ANON = 256, OPT_MIN_GROUP, OPT_STRICT, OPT_LANG, OPT_FOCUS }; /* long options' getopt codes */
static const struct {
    unsigned bit;
    int code;         /* as getopt_long returns it; 0 for init's --bare, parsed by init */
    const char *name; /* as a usage error names it */
    const char *text;
    const char *bench_text;  /* benchmark's own line, where it differs */
    const char *report_text; /* report's own line, where it differs */
} option_text[] = {
    {O_PERIOD, 'p', "--period", "  -p, --period P       " TP_PERIOD_FORMS ", any letter case\n"
               "                       (default: the quarter of the latest interaction not after today)\n", NULL, NULL},
    {O_OUTPUT, 'o', "--output", "  -o, --output DIR     output directory (default: report-LABEL or benchmark-LABEL);\n"
               "                       report: '-o -' with '-f json' or '-f html' writes to standard output\n",
     "  -o, --output DIR     output directory (default: benchmark-LABEL)\n",
     "  -o, --output DIR     output directory (default: report-LABEL);\n"
     "                       '-o -' with '-f json' or '-f html' writes to standard output\n"},
    {O_FORMAT, 'f', "--format", "  -f, --format LIST    comma list of md, html, xlsx, json (default: all)\n", NULL, NULL},
    {O_DEF, 'd', "--definition", "  -d, --definition F   report definition (default: the built-in quarterly report)\n", NULL, NULL},
    {O_ANON, OPT_ANON, "--anonymize", "      --anonymize      people and customers become Person 001, Customer 001, ...\n",
     "      --anonymize      organisations become Organization A, B, ... (all but the --focus one)\n", NULL},
    {O_MINGROUP, OPT_MIN_GROUP, "--min-group", "      --min-group N    hide team and cross-tab cells of fewer than N people\n", NULL, NULL},
    {O_STRICT, OPT_STRICT, "--strict", "      --strict         warnings are errors\n", NULL, NULL},
    {O_QUIET, 'q', "--quiet", "  -q, --quiet          nothing on standard error but problems\n", NULL, NULL},
    {O_JOBS, 'j', "--jobs", "  -j, --jobs N         files read, and the workbook deflated, in parallel\n"
     "                       (default: online CPUs)\n", NULL, NULL},
    {O_LANG, OPT_LANG, "--lang", "      --lang en|pt     language of md, html and xlsx (default from LC_ALL/LANG)\n", NULL, NULL},
    {O_FOCUS, OPT_FOCUS, "--focus", "      --focus NAME     the organisation that keeps its name and is compared with its peers\n", NULL, NULL},
    {O_BARE, 0, "--bare", "      --bare           the files and comments without example records\n", NULL, NULL},
};
#define REPORT_OPTS (O_PERIOD | O_OUTPUT | O_FORMAT | O_DEF | O_ANON | O_MINGROUP | O_STRICT | O_QUIET | O_JOBS | O_LANG)
static const struct {
    const char *name, *synopsis, *what;
    unsigned options;
} commands[] = {
    {"report", "touchpoint report    [options] PATH...", "write the report of one organisation", REPORT_OPTS},
    {"validate", "touchpoint validate  [options] PATH...", "check the logs; print problems; write nothing",
     O_PERIOD | O_STRICT | O_QUIET | O_JOBS},
    {"benchmark", "touchpoint benchmark [options] SOURCE...",
     "compare organisations (directories of logs or report.json files)",
     O_PERIOD | O_OUTPUT | O_FORMAT | O_ANON | O_STRICT | O_QUIET | O_JOBS | O_LANG | O_FOCUS},
    {"init", "touchpoint init [--bare] DIR", "start a log repository (examples, comments)", O_BARE},
    {"schema", "touchpoint schema", "print the JSON Schema of the log format", 0},
    {"help", "touchpoint help [COMMAND]", "the usage of one command", 0},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)
static const char exit_text[] =
    "exit status: 0 done, 1 input errors, 2 usage error, 3 output not written, 4 out of memory\n"
    "See man touchpoint and man touchpoint-logs.\n";

static int S_command_index(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return (int)i;
    return -1;
}

/* The general usage: every command's synopsis, then every option. */
static void S_usage_all(FILE *out)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "%s %-41s %s\n", i ? "      " : "usage:", commands[i].synopsis, commands[i].what);
    fprintf(out, "       %-41s %s\n\noptions:\n", "touchpoint --help | --version", "this text, the version");
    for (size_t i = 0; i < sizeof option_text / sizeof *option_text; i++)
        fputs(option_text[i].text, out);
    fprintf(out, "\n%s", exit_text);
}

/* The usage of one command. */
static void S_usage_of(FILE *out, int c)
{
    fprintf(out, "usage: %s\n%s\n", commands[c].synopsis, commands[c].what);
    if (commands[c].options) {
        fputs("\noptions:\n", out);
        bool bench = !strcmp(commands[c].name, "benchmark"), report = !strcmp(commands[c].name, "report");
        for (size_t i = 0; i < sizeof option_text / sizeof *option_text; i++) {
            if (!(commands[c].options & option_text[i].bit))
                continue;
            const char *own = bench ? option_text[i].bench_text : report ? option_text[i].report_text : NULL;
            fputs(own ? own : option_text[i].text, out);
        }
    }
    fprintf(out, "\n%s", exit_text);
}

/* True when args (up to a "--") ask for help. */
static bool S_wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

/* s with its control characters (C0, DEL, C1) and bytes that are not
 * UTF-8 as \xHH, as every message writes what it was given (SPEC §1: a
 * message never drives the terminal or splits a line). */
static void S_put_escaped(FILE *f, const char *s)
{
    tp_arena *a = tp_arena_new();
    const char *e = a ? tp_diag_escape(a, s) : NULL;
    if (e) {
        fputs(e, f);
    } else { /* out of memory: the ASCII controls at least */
        for (; *s; s++)
            if ((unsigned char)*s < 0x20 || *s == 0x7F)
                fprintf(f, "\\x%02x", (unsigned char)*s);
            else
                fputc(*s, f);
    }
    tp_arena_free(a);
}

/* A path for a message, escaped likewise (as given when memory runs out).
 * errno is kept: it is often the message's reason. */
static const char *S_path(tp_arena *a, const char *s)
{
    int err = errno;
    const char *e = s ? tp_diag_escape(a, s) : NULL;
    errno = err;
    return e ? e : s;
}

/* A usage error: fmt holds one %s, for arg (escaped). */
static int S_usage_error(const char *fmt, const char *arg)
{
    const char *at = strstr(fmt, "%s");
    fprintf(stderr, "touchpoint: ");
    if (at) {
        fwrite(fmt, 1, (size_t)(at - fmt), stderr);
        S_put_escaped(stderr, arg);
        fputs(at + 2, stderr);
    } else {
        fputs(fmt, stderr);
    }
    fprintf(stderr, "\nTry 'touchpoint --help'.\n");
    return EXIT_USAGE;
}

/* Whether arg is a cluster of short options holding letter. */
static bool S_cluster_has(const char *arg, int letter)
{
    return letter > 0 && letter < 256 && arg[0] == '-' && arg[1] != '-' && strchr(arg + 1, letter);
}

/* The argument getopt_long was scanning when it stopped at an unknown
 * option (it started at argv[at]): a cluster whose letters go on is still
 * at optind; one that ended, or a long option, is just before it (after
 * operands getopt_long moved past). */
static const char *S_scanned(int argc, char **argv, int at, int letter)
{
    if (optind == at && optind < argc)
        return argv[optind];
    if (!strncmp(argv[optind - 1], "--", 2)) /* a long option (--quiet=1: optopt is its letter) */
        return argv[optind - 1];
    if (letter > 0 && letter < 256 && !S_cluster_has(argv[optind - 1], letter) && optind < argc &&
        S_cluster_has(argv[optind], letter))
        return argv[optind];
    return argv[optind - 1];
}

/* An option getopt_long does not know, in arg: a letter inside a cluster
 * (-help: 'h'), a long option that is a prefix of two (--fo), or none. */
static int S_unknown_option(const struct option *longs, const char *arg, int letter)
{
    const char *name = arg[0] == '-' && arg[1] == '-' ? arg + 2 : arg[0] == '-' ? arg + 1 : arg;
    size_t len = strcspn(name, "=");
    const char *first = NULL, *second = NULL, *exact = NULL;
    for (const struct option *l = longs; l->name; l++) {
        if (len && !strncmp(l->name, name, len)) {
            if (!first)
                first = l->name;
            else if (!second)
                second = l->name;
        }
        if (strlen(l->name) == len && !strncmp(l->name, name, len))
            exact = l->name;
    }
    fprintf(stderr, "touchpoint: ");
    const char *match = exact ? exact : first && !second ? first : NULL; /* what getopt_long takes it for */
    if (arg[0] == '-' && arg[1] == '-' && match && name[len] == '=') {
        fprintf(stderr, "option '--%s' takes no value", match);
    } else if (arg[0] == '-' && arg[1] == '-' && first && second && !exact) {
        fprintf(stderr, "ambiguous option '");
        S_put_escaped(stderr, arg);
        fprintf(stderr, "' (--%s or --%s?)", first, second);
    } else if (arg[0] == '-' && arg[1] != '-' && letter && arg[2]) {
        fprintf(stderr, "unknown option '-");
        char c[2] = {(char)letter, 0};
        S_put_escaped(stderr, c);
        fprintf(stderr, "' in '");
        S_put_escaped(stderr, arg);
        fprintf(stderr, "'");
        if (exact || !strcmp(name, "help") || !strcmp(name, "version"))
            fprintf(stderr, " (did you mean '--%s'?)", exact ? exact : name);
    } else {
        fprintf(stderr, "unknown option '");
        S_put_escaped(stderr, arg);
        fprintf(stderr, "'");
    }
    fprintf(stderr, "\nTry 'touchpoint --help'.\n");
    return EXIT_USAGE;
}

/* A comma list of format names (the library's table of formats knows them). */
static bool S_parse_formats(const char *s, unsigned *out)
{
    *out = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        char name[16];
        unsigned flag = 0;
        if (n < sizeof name) {
            memcpy(name, s, n);
            name[n] = '\0';
            flag = tp_format_flag(name);
        }
        if (!flag)
            return false;
        *out |= flag;
        s += n;
        if (*s == ',' && !*++s)
            return false; /* a trailing comma: an empty name, as a leading one is */
    }
    return *out != 0;
}

static bool S_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*s)) /* strtol would take " 3" and "+3" */
        return false;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* The language from --lang, else LC_ALL/LANG ("pt..." gives pt), else en. */
static const char *S_default_lang(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "pt", 2) == 0 ? "pt" : "en";
    }
    return "en";
}

/* The O_ bit of an option as getopt_long returns it (0: not an option). */
static unsigned S_option_bit(int c)
{
    for (size_t i = 0; i < sizeof option_text / sizeof *option_text; i++)
        if (option_text[i].code == c)
            return option_text[i].bit;
    return 0;
}

static int S_parse(int argc, char **argv, options *o)
{
    static const struct option longs[] = {
        {"period", required_argument, 0, 'p'}, {"output", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'}, {"definition", required_argument, 0, 'd'},
        {"anonymize", no_argument, 0, OPT_ANON}, {"min-group", required_argument, 0, OPT_MIN_GROUP},
        {"strict", no_argument, 0, OPT_STRICT}, {"quiet", no_argument, 0, 'q'},
        {"jobs", required_argument, 0, 'j'}, {"lang", required_argument, 0, OPT_LANG},
        {"focus", required_argument, 0, OPT_FOCUS}, {0, 0, 0, 0},
    };
    memset(o, 0, sizeof *o);
    o->formats = TP_FMT_ALL;
    o->min_group = 1;
    o->command = argv[1];
    optind = 2;
    opterr = 0;
    int c;
    long v;
    unsigned given = 0; /* the O_ bits of the options given */
    tp_period period;
    for (int at = optind; (c = getopt_long(argc, argv, ":p:o:f:d:qj:", longs, NULL)) != -1; at = optind) {
        given |= S_option_bit(c);
        switch (c) {
        case 'p':
            if (!tp_period_parse(optarg, &period)) { /* before any file is read */
                char why[96], fmt[160]; /* why never repeats what was written: only the %s of fmt does, escaped */
                snprintf(fmt, sizeof fmt, "invalid period '%%s': %s", tp_period_problem(optarg, why, sizeof why));
                return S_usage_error(fmt, optarg);
            }
            o->period = optarg;
            break;
        case 'o':
            if (!*optarg)
                return S_usage_error("%s", "an empty --output (name a folder, or - for standard output)");
            o->output = optarg;
            break;
        case 'd': o->definition = optarg; break;
        case 'q': o->quiet = true; break;
        case OPT_ANON: o->anonymize = true; break;
        case OPT_STRICT: o->strict = true; break;
        case OPT_FOCUS: o->focus = optarg; break;
        case 'f':
            if (!S_parse_formats(optarg, &o->formats))
                return S_usage_error("invalid format list '%s' (expected md, html, xlsx, json)", optarg);
            break;
        case 'j':
            if (!S_parse_long(optarg, 1, 1024, &v))
                return S_usage_error("invalid --jobs '%s' (expected a number from 1 to 1024)", optarg);
            o->jobs = (int)v;
            break;
        case OPT_MIN_GROUP:
            if (!S_parse_long(optarg, 1, 1000000, &v))
                return S_usage_error("invalid --min-group '%s' (expected a number from 1 to 1000000)", optarg);
            o->min_group = v;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "en") != 0 && strcmp(optarg, "pt") != 0)
                return S_usage_error("invalid --lang '%s' (expected en or pt)", optarg);
            o->lang = optarg;
            break;
        case ':': return S_usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return S_unknown_option(longs, S_scanned(argc, argv, at, optopt), optopt);
        }
    }
    unsigned takes = commands[S_command_index(o->command)].options;
    for (size_t i = 0; i < sizeof option_text / sizeof *option_text; i++)
        if (given & option_text[i].bit & ~takes) { /* silently ignored, it would mislead */
            fprintf(stderr, "touchpoint: %s does not take %s\nTry 'touchpoint help %s'.\n", o->command,
                    option_text[i].name, o->command);
            return EXIT_USAGE;
        }
    if (!o->lang)
        o->lang = S_default_lang();
    o->paths = argv + optind;
    o->npaths = argc - optind;
    if (o->npaths == 0)
        return S_usage_error("%s: no PATH given", o->command);
    return EXIT_DONE;
}

/* Prints problems sorted by place: up to 100 errors, then a count and a
 * total; summary (when not NULL, validate's "read ..." line) ends the total,
 * which -q leaves out when there is no problem. False when memory ran out
 * to sort them or for a message: the run then ends as out of memory, not
 * with a problem left unsaid or shown out of order. extra (unless NULL)
 * is one more warning of the run's own, told after the problems of the
 * files and counted in the total (an error with --strict). */
static bool S_print_diags_read(tp_diags *d, bool quiet, const char *summary, const char *extra)
{
    tp_diags_sort(d);
    if (d->nomem) /* not sorted: not shown out of order */
        return false;
    bool all = true;
    size_t shown_errors = 0, shown_warnings = 0;
    for (size_t i = 0; i < d->count; i++) {
        const tp_diag *g = &d->items[i];
        bool err = g->severity == TP_ERROR || d->strict;
        size_t *shown = err ? &shown_errors : &shown_warnings;
        if (*shown >= MAX_SHOWN_ERRORS) /* as many warnings as errors */
            continue;
        (*shown)++;
        char *text = tp_diag_text(g, err);
        if (text)
            fputs(text, stderr);
        else
            all = false;
        free(text);
    }
    if (extra)
        fprintf(stderr, "touchpoint: %s: %s\n", d->strict ? "error" : "warning", extra);
    size_t more_errors = d->errors + (d->strict ? d->warnings : 0) - shown_errors;
    size_t more_warnings = d->strict ? 0 : d->warnings - shown_warnings;
    if (more_errors && more_warnings)
        fprintf(stderr, "touchpoint: %zu more errors and %zu more warnings not shown\n", more_errors, more_warnings);
    else if (more_errors || more_warnings)
        fprintf(stderr, "touchpoint: %zu more %s not shown\n", more_errors + more_warnings,
                more_errors ? (more_errors == 1 ? "error" : "errors") : (more_warnings == 1 ? "warning" : "warnings"));
    if (d->lost && !d->stopped) { /* SPEC §1, no cascade: but say what was not checked */
        static const char *const kinds[] = {"people", "customers", "projects", "interaction types"};
        fputs("touchpoint: references to ", stderr);
        for (unsigned k = 0, told = 0; k < 4; k++)
            if (d->lost & 1u << k)
                fprintf(stderr, "%s%s", told++ ? " and " : "", kinds[k]);
        fputs(" were not checked: an error above lost their ids (a section misspelt or not a list, a record "
              "without an id)\n",
              stderr);
    }
    if (d->stopped)
        fputs("touchpoint: the checks of the whole input (unknown and duplicate ids, served teams, organisation "
              "names, team and segment suggestions) wait until every file can be read\n",
              stderr);
    size_t errors = d->errors + (d->strict ? d->warnings : 0), warnings = d->strict ? 0 : d->warnings;
    if (extra)
        ++*(d->strict ? &errors : &warnings);
    if (errors || (warnings && (!quiet || summary)))
        fprintf(stderr, "touchpoint: %zu error%s, %zu warning%s%s%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", summary ? "; " : "", summary ? summary : "");
    else if (summary && !quiet)
        fprintf(stderr, "touchpoint: ok; %s\n", summary);
    return all;
}

static bool S_print_diags(tp_diags *d, bool quiet) { return S_print_diags_read(d, quiet, NULL, NULL); }

/* n with a comma between groups of three digits: 1,782. */
static const char *S_thousands(char *buf, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), k = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

/* validate's summary: "read 12 files: 42 people, 27 customers, ..." */
static char *S_read_summary(tp_arena *a, const tp_read_counts *c)
{
    char f[32], p[32], cu[32], pr[32], in[32], rq[32];
    return tp_sprintf(a, "read %s file%s: %s %s, %s customer%s, %s project%s, %s interaction%s, %s request%s",
                      S_thousands(f, c->files), c->files == 1 ? "" : "s", S_thousands(p, c->people),
                      c->people == 1 ? "person" : "people", S_thousands(cu, c->customers),
                      c->customers == 1 ? "" : "s", S_thousands(pr, c->projects), c->projects == 1 ? "" : "s",
                      S_thousands(in, c->interactions), c->interactions == 1 ? "" : "s",
                      S_thousands(rq, c->requests), c->requests == 1 ? "" : "s");
}

/* The "generated" time: SOURCE_DATE_EPOCH when set, else now. */
static bool S_generated(char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    if (sde) {
        long v;
        if (!*sde || !isdigit((unsigned char)*sde) || !S_parse_long(sde, 0, 253402300799L, &v))
            return false;
        t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return true;
}

/* S_generated, with the usage error told when SOURCE_DATE_EPOCH is invalid:
 * every command that reads logs needs today (SPEC §4). */
static bool S_generated_ok(char *buf, size_t size)
{
    if (S_generated(buf, size))
        return true;
    fprintf(stderr, "touchpoint: invalid SOURCE_DATE_EPOCH (expected seconds since 1970)\n");
    return false;
}

static int S_exit_for(tp_status st)
{
    switch (st) {
    case TP_OK: return EXIT_DONE;
    case TP_ERR_INPUT: return EXIT_INPUT;
    case TP_ERR_USAGE: return EXIT_USAGE;
    case TP_ERR_OUTPUT: return EXIT_OUTPUT;
    case TP_ERR_NOMEM: return EXIT_NOMEM;
    }
    return EXIT_INPUT;
}

static int S_nomem(void)
{
    fprintf(stderr, "touchpoint: out of memory\n");
    return EXIT_NOMEM;
}

/* The page template of $TOUCHPOINT_TEMPLATES, when set, must be readable
 * before anything is written. Returns an exit status. */
static int S_check_template(tp_arena *a, const char **dir)
{
    *dir = tp_template_dir(a);
    char *text;
    const char *path;
    tp_status st = tp_read_template(a, *dir, &text, &path);
    bool body = st == TP_OK && text && strstr(text, "{{body}}");
    free(text);
    if (st == TP_ERR_NOMEM)
        return S_nomem();
    if (st != TP_OK) {
        fprintf(stderr, "touchpoint: cannot read the page template %s (named by TOUCHPOINT_TEMPLATES): %s\n",
                S_path(a, path), strerror(errno));
        return EXIT_USAGE;
    }
    if (*dir && !body) { /* a page without the report: a mistyped placeholder */
        fprintf(stderr, "touchpoint: the page template %s (named by TOUCHPOINT_TEMPLATES) has no {{body}}, where "
                        "the report goes\n", S_path(a, path));
        return EXIT_USAGE;
    }
    return EXIT_DONE;
}

/* Progress on a terminal: files, bytes and records read so far, on one line. */
static void S_progress(void *ctx, size_t done, size_t total, uint64_t bytes, uint64_t records)
{
    (void)ctx;
    fprintf(stderr, "\rtouchpoint: reading %zu/%zu files, %.1f MB, %llu records", done, total,
            (double)bytes / 1e6, (unsigned long long)records);
    if (done == total)
        fputs("\r\033[K", stderr);
}

/* Reads the logs; prints their problems (with validate's summary when
 * summarize), with hold only when the reading failed (the caller adds its
 * own and prints them all, with one total). Returns an exit status. */
static int S_read(tp_arena *a, const options *o, tp_diags *d, tp_model **m, bool summarize, bool hold)
{
    tp_read_counts counts;
    tp_read_options ro = {.strict = o->strict, .jobs = o->jobs, .counts = &counts};
    char generated[32];
    if (!S_generated_ok(generated, sizeof generated))
        return EXIT_USAGE;
    ro.today = tp_today_of(generated); /* dates after today are warnings */
    ro.check_future = ro.today != TP_DATE_NONE;
    if (!o->quiet && isatty(2))
        ro.progress = S_progress;
    ro.skip_notes = !strcmp(o->command, "validate") || !(o->formats & TP_FMT_XLSX); /* only the workbook shows them */
    /* TOUCHPOINT_PIECE_BYTES: the size of the pieces a big file is cut into
     * (0 or unset: the default; "whole": none). For tests and tuning. */
    const char *piece = getenv("TOUCHPOINT_PIECE_BYTES");
    long pb;
    if (piece && !strcmp(piece, "whole"))
        ro.piece_bytes = SIZE_MAX;
    else if (piece && S_parse_long(piece, 1, LONG_MAX, &pb))
        ro.piece_bytes = (size_t)pb;
    tp_status st = tp_read(a, (const char *const *)o->paths, (size_t)o->npaths, &ro, d, m);
    if (st == TP_ERR_NOMEM || d->nomem)
        return S_nomem();
    const char *summary = NULL;
    if (summarize && st == TP_OK && !(summary = S_read_summary(a, &counts)))
        return S_nomem();
    bool failed = st != TP_OK || !*m;
    if ((failed || !hold) && !S_print_diags_read(d, o->quiet, summary, NULL))
        return S_nomem();
    return failed ? EXIT_INPUT : EXIT_DONE;
}

static int S_validate(tp_arena *a, const options *o)
{
    tp_diags d;
    tp_diags_init(&d, a);
    d.strict = o->strict;
    tp_model *m = NULL;
    return S_read(a, o, &d, &m, true, false);
}

/* "-o -": one format, json or html, to standard output (SPEC 4). */
static bool S_to_stdout(const options *o) { return o->output && !strcmp(o->output, "-"); }

/* A usage error for "-o -" where it does not apply; EXIT_DONE otherwise. */
static int S_check_stdout(const options *o)
{
    if (!S_to_stdout(o))
        return EXIT_DONE;
    if (!strcmp(o->command, "benchmark"))
        return S_usage_error("%s", "-o - (standard output) is for report only");
    if (o->formats != TP_FMT_JSON && o->formats != TP_FMT_HTML)
        return S_usage_error("%s", "-o - (standard output) needs exactly one format, -f json or -f html");
    return EXIT_DONE;
}

/* Warns (even under -q) about an output folder other users can write;
 * errno is kept, so a failed write's reason is still the one told. */
static void S_warn_shared(tp_arena *a, const char *dir)
{
    int e = errno;
    if (tp_dir_shared(dir))
        fprintf(stderr, "touchpoint: warning: other users can write %s/ (not sticky, or not yours): they could "
                        "change what is published there\n", S_path(a, dir));
    errno = e;
}

static int S_benchmark(tp_arena *a, const options *o)
{
    if (S_check_stdout(o) != EXIT_DONE)
        return EXIT_USAGE;
    char generated[32];
    if (!S_generated_ok(generated, sizeof generated))
        return EXIT_USAGE;
    tp_bench_options bo = {.period = o->period, .anonymize = o->anonymize, .focus = o->focus, .lang = o->lang,
                           .generated = generated, .jobs = o->jobs, .strict = o->strict};
    tp_diags d;
    tp_diags_init(&d, a);
    d.strict = o->strict;
    tp_benchmark *b = NULL;
    tp_status st = tp_benchmark_build(a, (const char *const *)o->paths, (size_t)o->npaths, &bo, &d, &b);
    if (st == TP_ERR_NOMEM || d.nomem)
        return S_nomem();
    if (!S_print_diags(&d, o->quiet))
        return S_nomem();
    if (st != TP_OK || !b)
        return st == TP_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
    const char *dir = o->output ? o->output : tp_sprintf(a, "benchmark-%s", tp_benchmark_period(b)->label);
    const char *failed = NULL;
    if (!dir)
        return S_nomem();
    const char *tdir;
    int rc = S_check_template(a, &tdir);
    if (rc != EXIT_DONE)
        return rc;
    st = tp_write_benchmark(a, b, dir, o->formats, tdir, &failed);
    S_warn_shared(a, dir);
    if (st != TP_OK) {
        if (st == TP_ERR_NOMEM)
            return S_nomem();
        fprintf(stderr, "touchpoint: cannot write %s: %s\n", S_path(a, failed ? failed : dir), strerror(errno));
        return S_exit_for(st);
    }
    if (!o->quiet)
        fprintf(stderr, "touchpoint: wrote %s/ comparing %zu organisations for %s\n", S_path(a, dir), tp_benchmark_orgs(b),
                tp_benchmark_period(b)->label);
    return EXIT_DONE;
}

static int S_report(tp_arena *a, const options *o)
{
    if (S_check_stdout(o) != EXIT_DONE)
        return EXIT_USAGE;
    char generated[32];
    if (!S_generated_ok(generated, sizeof generated))
        return EXIT_USAGE;
    tp_diags d;
    tp_diags_init(&d, a);
    d.strict = o->strict;
    tp_definition *def = tp_definition_load(a, o->definition, &d);
    tp_model *m = NULL;
    int rc = S_read(a, o, &d, &m, false, true);
    if (rc != EXIT_DONE)
        return rc;
    if (!def)
        return !S_print_diags(&d, o->quiet) || d.nomem ? S_nomem() : EXIT_INPUT;
    tp_report_options ro = {.period = o->period, .anonymize = o->anonymize, .min_group = o->min_group,
                            .lang = o->lang, .generated = generated, .jobs = o->jobs,
                            .skip_interaction_rows = !(o->formats & TP_FMT_XLSX)};
    tp_report *r;
    tp_diags pd;
    tp_diags_init(&pd, a);
    tp_status st = tp_report_build(a, m, def, &ro, &pd, &r);
    if (st != TP_OK) {
        if (st == TP_ERR_NOMEM || !S_print_diags(&d, o->quiet))
            return S_nomem();
        for (size_t i = 0; i < pd.count; i++)
            fprintf(stderr, "touchpoint: %s\n", pd.items[i].message);
        return st == TP_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
    }
    const tp_period *p = tp_report_period(r);
    const char *empty = NULL; /* reported, honestly empty, with a word (SPEC §2) */
    if (!tp_period_count(m, p) && !(empty = tp_sprintf(a, "no interaction in %s", p->label)))
        return S_nomem();
    if (!S_print_diags_read(&d, o->quiet, NULL, empty))
        return S_nomem();
    if (empty && o->strict) /* the warning is an error */
        return EXIT_INPUT;
    bool to_stdout = S_to_stdout(o);
    const char *dir = o->output ? o->output : tp_sprintf(a, "report-%s", p->label);
    const char *failed = NULL;
    if (!dir)
        return S_nomem();
    const char *tdir;
    if ((rc = S_check_template(a, &tdir)) != EXIT_DONE)
        return rc;
    if (to_stdout) {
        st = tp_write_report_fd(a, r, STDOUT_FILENO, o->formats, tdir, &failed);
        dir = "standard output";
    } else {
        st = tp_write_report(a, r, dir, o->formats, tdir, &failed);
        S_warn_shared(a, dir);
    }
    if (st != TP_OK) {
        if (st == TP_ERR_NOMEM)
            return S_nomem();
        fprintf(stderr, "touchpoint: cannot write %s: %s\n", S_path(a, failed ? failed : dir), strerror(errno));
        return S_exit_for(st);
    }
    if (!o->quiet) {
        char s[16], e[16], in_p[32], in_all[32];
        tp_date_format(p->start, s);
        tp_date_format(p->end, e);
        long np = tp_report_interactions(r);
        fprintf(stderr, "touchpoint: wrote %s%s for %s (%s to %s): %s interaction%s in the period, %s in all\n",
                S_path(a, dir),
                to_stdout ? "" : "/", p->label, s, e, S_thousands(in_p, np > 0 ? (size_t)np : 0), np == 1 ? "" : "s",
                S_thousands(in_all, tp_model_interactions(m)));
    }
    return EXIT_DONE;
}

/* touchpoint init [--bare] DIR */
static int S_init(int argc, char **argv)
{
    bool bare = argc == 4 && !strcmp(argv[2], "--bare");
    const char *dir = argv[argc - 1];
    if ((argc != 3 && !bare) || dir[0] == '-')
        return S_usage_error("%s", "usage: touchpoint init [--bare] DIR");
    tp_arena *a = tp_arena_new();
    const char *failed = NULL;
    tp_status st = a ? tp_init_repo(a, dir, bare, &failed) : TP_ERR_NOMEM;
    if (st == TP_ERR_NOMEM) {
        tp_arena_free(a);
        return S_nomem();
    }
    const char *shown = S_path(a, dir); /* errno stays the failure's */
    if (st != TP_OK)
        fprintf(stderr, "touchpoint: cannot write %s: %s\n", failed ? S_path(a, failed) : shown, strerror(errno));
    else
        fprintf(stderr, "touchpoint: wrote a log repository to %s/; try: touchpoint validate %s\n", shown, shown);
    tp_arena_free(a);
    return S_exit_for(st);
}

/* After help, the version or the schema went to standard output: exit 0
 * when all of it was written, else exit 3 with the one message of SPEC §4
 * (a full disk, a closed descriptor), never a cut text and exit 0. */
static int S_stdout_done(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_DONE;
    int e = errno ? errno : EIO;
    fprintf(stderr, "touchpoint: cannot write standard output: %s\n", strerror(e));
    return EXIT_OUTPUT;
}

/* Ended by a signal while writing (Ctrl-C, a service stopped): the run's
 * temporaries are taken back, then the signal ends the process as it
 * would have (its exit status says so). */
static void S_on_signal(int sig)
{
    tp_write_abandon();
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when this handler returns */
}

/* S_on_signal for the signals that end a run, unless one is ignored (nohup,
 * a caller's choice, kept). */
static void S_catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old, sa = {.sa_handler = S_on_signal};
        sigfillset(&sa.sa_mask); /* one handler at a time */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return S_usage_error("%s", "no command given");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        S_usage_all(stdout);
        return S_stdout_done();
    }
    if (S_command_index(argv[1]) >= 0 && S_wants_help(argc, argv)) {
        S_usage_of(stdout, S_command_index(argv[1]));
        return S_stdout_done();
    }
    if (!strcmp(argv[1], "help")) {
        int c = argc > 2 ? S_command_index(argv[2]) : -1;
        if (argc > 3 || (argc == 3 && c < 0))
            return S_usage_error("help: unknown command '%s'", argv[argc - 1]);
        if (c < 0)
            S_usage_all(stdout);
        else
            S_usage_of(stdout, c);
        return S_stdout_done();
    }
    if (!strcmp(argv[1], "--version")) {
        printf("touchpoint %s\n", TP_VERSION);
        return S_stdout_done();
    }
    if (!strcmp(argv[1], "init"))
        return S_init(argc, argv);
    if (!strcmp(argv[1], "schema")) {
        if (argc != 2)
            return S_usage_error("%s", "usage: touchpoint schema");
        fputs(tp_schema(), stdout);
        return S_stdout_done();
    }
    int (*run)(tp_arena *, const options *) = !strcmp(argv[1], "report")      ? S_report
                                              : !strcmp(argv[1], "validate")  ? S_validate
                                              : !strcmp(argv[1], "benchmark") ? S_benchmark
                                                                              : NULL;
    if (!run)
        return S_usage_error("unknown command '%s'", argv[1]);
    options o;
    int rc = S_parse(argc, argv, &o);
    if (rc != EXIT_DONE)
        return rc;
    tp_zip_threads(o.jobs);
    tp_arena *a = tp_arena_new();
    if (!a)
        return S_nomem();
    S_catch_signals();
    rc = run(a, &o);
    tp_arena_free(a);
    return rc;
}
