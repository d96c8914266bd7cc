#ifndef CONETRIP_QRENCODE_SHIM_H
#define CONETRIP_QRENCODE_SHIM_H
#include <qrencode.h>
#endif
