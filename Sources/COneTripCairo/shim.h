#ifndef CONETRIP_CAIRO_SHIM_H
#define CONETRIP_CAIRO_SHIM_H
/* cairo (PDF and PNG surfaces) and pango (CJK text layout through fontconfig). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#endif
