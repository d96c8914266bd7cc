#ifndef CONETRIP_UDEV_SHIM_H
#define CONETRIP_UDEV_SHIM_H
#include <libudev.h>
#endif
