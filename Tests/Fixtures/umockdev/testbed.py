#!/usr/bin/python3
"""A umockdev testbed that devices can be plugged into and pulled out of while a program runs.

Run it under umockdev-wrapper (libumockdev builds uevents by reading the testbed's /sys, which
only the preload library shows):

    umockdev-wrapper /usr/bin/python3 testbed.py HOST.umockdev -- COMMAND [ARGS...]

It loads HOST.umockdev (the USB host controller the devices hang off), starts COMMAND inside the
testbed, and forwards COMMAND's output on its own stdout, one line at a time:

    out <a line COMMAND wrote to stdout>
    err <a line COMMAND wrote to stderr>
    exit <status>                      when COMMAND ends

and reads commands on stdin, answering `ok <command>` or `error <message>`:

    add FILE        load a device description, parents first (the order the kernel announces
                    them in), so each `add` uevent finds its parents in /sys
    remove SYSPATH  send `remove` uevents for SYSPATH and everything under it (deepest first, as
                    the kernel does), then take the devices out of the testbed
    quit            stop COMMAND and exit (also on end of input)

COMMAND dies with this script (PR_SET_PDEATHSIG), so a killed test leaves nothing behind.
"""

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

output_lock = threading.Lock()


def say(line):
    with output_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def forward(stream, prefix):
    for raw in iter(stream.readline, b""):
        say(prefix + " " + raw.decode("utf-8", "replace").rstrip("\n"))


def die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def add_parents_first(testbed, path):
    """libumockdev announces each device as it adds it; a description lists children first,
    so add its records one at a time from the last (the outermost parent) inwards."""
    with open(path) as description:
        records = [record.strip() + "\n" for record in description.read().split("\n\n") if record.strip()]
    for record in reversed(records):
        testbed.add_from_string(record)


def remove_dangling_links(root):
    """Links left pointing at removed devices (/sys/bus/usb-serial/devices/ttyUSB0, ...) would
    make re-adding a device at the same path fail."""
    for top in ("sys/bus", "sys/class", "sys/dev"):
        for directory, subdirectories, files in os.walk(os.path.join(root, top)):
            for name in subdirectories + files:
                path = os.path.join(directory, name)
                if os.path.islink(path) and not os.path.exists(path):
                    os.unlink(path)


def device_paths(root, syspath):
    """Every device directory (one with a uevent file) at or under syspath, deepest first."""
    found = []
    for directory, subdirectories, files in os.walk(root + syspath):
        subdirectories[:] = [name for name in subdirectories if not os.path.islink(os.path.join(directory, name))]
        if "uevent" in files:
            found.append(directory[len(root):])
    return sorted(found, key=lambda path: path.count("/"), reverse=True)


def main():
    separator = sys.argv.index("--")
    host, command = sys.argv[1:separator], sys.argv[separator + 1:]
    testbed = UMockdev.Testbed.new()
    for description in host:
        testbed.add_from_file(description)
    root = testbed.get_root_dir()
    environment = dict(os.environ, UMOCKDEV_DIR=root)
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=environment, preexec_fn=die_with_parent)
    readers = [threading.Thread(target=forward, args=(child.stdout, "out"), daemon=True),
               threading.Thread(target=forward, args=(child.stderr, "err"), daemon=True)]
    for reader in readers:
        reader.start()

    def report_exit():
        status = child.wait()
        for reader in readers:
            reader.join()
        say("exit %d" % status)

    threading.Thread(target=report_exit, daemon=True).start()

    # SIGTERM (the test stopping us) unwinds through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        serve(testbed, root)
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(root, ignore_errors=True)


def serve(testbed, root):
    for line in sys.stdin:
        words = line.strip().split(" ", 1)
        if not words[0]:
            continue
        try:
            if words[0] == "add":
                add_parents_first(testbed, words[1])
            elif words[0] == "remove":
                syspath = words[1]
                paths = device_paths(root, syspath)
                if not paths:
                    raise ValueError("no device at " + syspath)
                for path in paths:
                    testbed.uevent(path, "remove")
                # One at a time, deepest first: remove_device cleans up the /sys/class, /sys/bus
                # and /dev entries of the device it is given, not those of its children.
                for path in paths:
                    testbed.remove_device(path)
                remove_dangling_links(root)
            elif words[0] == "quit":
                return
            else:
                raise ValueError("unknown command " + words[0])
            say("ok " + line.strip())
        except Exception as error:  # report every failure to the test, never die silently
            say("error %s: %s" % (line.strip(), error))


if __name__ == "__main__":
    main()
