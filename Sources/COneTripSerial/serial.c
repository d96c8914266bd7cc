#define _GNU_SOURCE
#include "COneTripSerial.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct speed_entry { uint32_t baud; speed_t constant; };

static const struct speed_entry speeds[] = {
    {1200, B1200}, {2400, B2400}, {4800, B4800}, {9600, B9600}, {19200, B19200},
    {38400, B38400}, {57600, B57600}, {115200, B115200}, {230400, B230400},
    {460800, B460800}, {921600, B921600},
};

unsigned int onetrip_serial_speed_constant(uint32_t baud) {
    for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
        if (speeds[i].baud == baud) return (unsigned int)speeds[i].constant;
    }
    return 0;
}

uint32_t onetrip_serial_current_baud(int fd) {
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return 0;
    speed_t s = cfgetispeed(&tio);
    for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
        if (speeds[i].constant == s) return speeds[i].baud;
    }
    return 0;
}

int onetrip_serial_open(const char *path) {
    return open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
}

int onetrip_serial_configure_raw(int fd, uint32_t baud) {
    speed_t speed = (speed_t)onetrip_serial_speed_constant(baud);
    if (speed == 0) { errno = EINVAL; return -1; }
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -1;
    cfmakeraw(&tio);
    tio.c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (cfsetispeed(&tio, speed) != 0) return -1;
    if (cfsetospeed(&tio, speed) != 0) return -1;
    return tcsetattr(fd, TCSANOW, &tio);
}

int onetrip_serial_set_two_stop_bits(int fd) {
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -1;
    tio.c_cflag |= CSTOPB;
    return tcsetattr(fd, TCSANOW, &tio);
}

int onetrip_serial_stop_bits_are_two(int fd) {
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -1;
    return (tio.c_cflag & CSTOPB) ? 1 : 0;
}

int onetrip_serial_set_exclusive(int fd) { return ioctl(fd, TIOCEXCL); }
int onetrip_serial_clear_exclusive(int fd) { return ioctl(fd, TIOCNXCL); }
int onetrip_serial_is_exclusive(int fd) {
    int value = 0;
    if (ioctl(fd, TIOCGEXCL, &value) != 0) return -1;
    return value ? 1 : 0;
}

int onetrip_serial_flush(int fd) { return tcflush(fd, TCIOFLUSH); }
int onetrip_serial_drain(int fd) { return tcdrain(fd); }

int onetrip_serial_bytes_available(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return -1;
    return n;
}

static int poll_for(int fd, short events, int timeout_ms) {
    struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
    for (;;) {
        int r = poll(&p, 1, timeout_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) return 0;
        if (p.revents & events) return 1;
        if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return -2;
        return 1;
    }
}

int onetrip_poll_readable(int fd, int timeout_ms) { return poll_for(fd, POLLIN, timeout_ms); }
int onetrip_poll_writable(int fd, int timeout_ms) { return poll_for(fd, POLLOUT, timeout_ms); }

int onetrip_openpty(int *master_fd, int *slave_fd, char *name, size_t name_len) {
    char buffer[128];
    struct termios tio;
    memset(&tio, 0, sizeof(tio));
    cfmakeraw(&tio);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    cfsetispeed(&tio, B115200);
    cfsetospeed(&tio, B115200);
    if (openpty(master_fd, slave_fd, buffer, &tio, NULL) != 0) return -1;
    fcntl(*master_fd, F_SETFD, FD_CLOEXEC);
    fcntl(*slave_fd, F_SETFD, FD_CLOEXEC);
    if (name != NULL && name_len > 0) {
        strncpy(name, buffer, name_len - 1);
        name[name_len - 1] = '\0';
    }
    return 0;
}

int onetrip_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int onetrip_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC | O_NONBLOCK);
}
