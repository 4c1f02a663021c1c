/* types.c — the built-in interaction types of SPEC §2, in the SPEC table's
 * order: what ingest looks up while reading and the model starts from. A
 * file of its own, so neither of the two depends on the other for it. */
#include "model.h"
#include "types.h"

#include <string.h>

const tp_type tp_builtin_types[] = {
    {"customer_meeting", "Customer meeting", true, false, true, {0}},
    {"trade_show_shift", "Trade-show shift", true, false, true, {0}},
    {"support_call_listening", "Support-call listening", true, true, true, {0}},
    {"quarterly_review", "Quarterly business review", true, false, true, {0}},
    {"store_visit", "Store visit", true, true, true, {0}},
    {"user_group", "User-group meeting", true, true, true, {0}},
    {"online_community", "Online community", true, true, true, {0}},
    {"lead_qualification", "Lead qualification", true, false, true, {0}},
    {"order_desk", "Quarter-end order desk", true, true, true, {0}},
    {"ride_along", "Ride-along (\"walk a mile in my shoes\")", true, false, true, {0}},
    {"concierge_desk", "Concierge desk for customer-facing staff", false, false, true, {0}},
};
const size_t tp_nbuiltin_types = sizeof tp_builtin_types / sizeof *tp_builtin_types;

int tp_builtin_type(const char *id)
{
    for (size_t i = 0; i < tp_nbuiltin_types; i++)
        if (!strcmp(tp_builtin_types[i].id, id))
            return (int)i;
    return -1;
}
