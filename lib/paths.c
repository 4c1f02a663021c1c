/* paths.c — where the page template comes from: the folder named by
 * $TOUCHPOINT_TEMPLATES, or else the copy the program carries. */
#include "touchpoint.h"

#include <stdlib.h>

const char *tp_template_dir(tp_arena *a)
{
    const char *env = getenv("TOUCHPOINT_TEMPLATES");
    (void)a;
    return env && *env ? env : NULL;
}
