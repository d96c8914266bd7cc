#ifndef CONETRIP_SERIAL_H
#define CONETRIP_SERIAL_H

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Maps a numeric baud rate (9600, 115200, ...) to the termios speed_t constant.
/// Returns 0 when the rate has no termios constant.
unsigned int onetrip_serial_speed_constant(uint32_t baud);

/// Opens a tty with O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC. Returns the fd or -1 (errno set).
int onetrip_serial_open(const char *path);

/// Puts an open tty into raw mode: 8 data bits, no parity, 1 stop bit, no flow control,
/// no echo, no line discipline processing, VMIN=0 VTIME=0 (reads never block in the kernel).
/// Returns 0 or -1 (errno set; EINVAL for an unsupported baud rate).
int onetrip_serial_configure_raw(int fd, uint32_t baud);

/// Sets two stop bits (CSTOPB) on an already raw tty, for protocols framed 8N2 such as ITL SSP.
/// Returns 0 or -1 (errno set).
int onetrip_serial_set_two_stop_bits(int fd);

/// 1 when the tty sends two stop bits, 0 when one, -1 on error.
int onetrip_serial_stop_bits_are_two(int fd);

/// ioctl(fd, TIOCEXCL): no other open(2) of this tty may succeed (except by root).
int onetrip_serial_set_exclusive(int fd);

/// ioctl(fd, TIOCNXCL): releases exclusive mode.
int onetrip_serial_clear_exclusive(int fd);

/// ioctl(fd, TIOCGEXCL): 1 when the tty is in exclusive mode, 0 when not, -1 on error.
int onetrip_serial_is_exclusive(int fd);

/// tcflush(fd, TCIOFLUSH): discards unread input and unsent output.
int onetrip_serial_flush(int fd);

/// tcdrain(fd): waits until all output has been transmitted.
int onetrip_serial_drain(int fd);

/// ioctl(fd, FIONREAD): bytes waiting in the input queue, or -1.
int onetrip_serial_bytes_available(int fd);

/// Reads the configured input baud rate of the tty as a number (e.g. 115200), or 0.
uint32_t onetrip_serial_current_baud(int fd);

/// Waits until fd is readable or the timeout (milliseconds, -1 = forever) expires.
/// Returns 1 readable, 0 timeout, -1 error (errno set), -2 hang-up or error condition on the fd.
int onetrip_poll_readable(int fd, int timeout_ms);

/// Waits until fd is writable. Same return convention as onetrip_poll_readable.
int onetrip_poll_writable(int fd, int timeout_ms);

/// Opens a pseudo-terminal pair in raw mode. The caller keeps the master; the slave path is
/// written into name (at least 64 bytes). The slave fd is returned in *slave_fd and should be
/// kept open by the simulator so the master never sees a hang-up before a driver connects.
/// Returns 0 or -1 (errno set).
int onetrip_openpty(int *master_fd, int *slave_fd, char *name, size_t name_len);

/// Creates a close-on-exec, non-blocking pipe (pipe2 needs _GNU_SOURCE, which Swift does not set).
int onetrip_pipe(int fds[2]);

/// Sets O_NONBLOCK on a descriptor. Returns 0 or -1.
int onetrip_set_nonblocking(int fd);

#ifdef __cplusplus
}
#endif

#endif
