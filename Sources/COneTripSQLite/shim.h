#ifndef CONETRIP_SQLITE_SHIM_H
#define CONETRIP_SQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro with a cast and does not import into Swift.
static inline sqlite3_destructor_type onetrip_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
