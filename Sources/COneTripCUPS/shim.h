#ifndef CONETRIP_CUPS_SHIM_H
#define CONETRIP_CUPS_SHIM_H
/* libcups2-dev on Debian 12 ships no cups.pc (only cups-config), so this target has no pkgConfig. */
#include <cups/cups.h>
#include <cups/ipp.h>
#endif
