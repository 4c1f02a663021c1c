/* paths.c — where the page template lives: beside the program when it runs
 * from the source tree, under the installed share directory otherwise. */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TP_DATADIR
#define TP_DATADIR "/usr/local/share/touchpoint"
#endif

static bool S_has_template(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/report.html", dir);
    return access(path, R_OK) == 0;
}

const char *tp_template_dir(tp_arena *a)
{
    const char *env = getenv("TOUCHPOINT_TEMPLATES");
    if (env && *env)
        return tp_strdup(a, env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        static const char *const rel[] = {"/templates", "/../templates", "/../share/touchpoint/templates"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            char *d = tp_sprintf(a, "%s%s", exe, rel[i]);
            if (d && S_has_template(d))
                return d;
        }
    }
    return TP_DATADIR "/templates";
}
