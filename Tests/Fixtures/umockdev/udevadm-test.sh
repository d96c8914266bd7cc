#!/bin/sh
# Runs systemd's own rule engine (udevadm test) on one umockdev device with a rules directory,
# isolated from the machine. Run it in a private mount namespace, as root:
#
#   unshare -m udevadm-test.sh RULES_DIR SYSPATH --device HOST.umockdev --device DEVICE.umockdev
#
# udevadm test applies what the rules say (symlinks, owner, mode), so /dev and /run are replaced
# by empty tmpfs mounts first (with a private devpts for umockdev's PTYs): nothing it does
# reaches the real /dev. RULES_DIR is mounted over /etc/udev/rules.d.
set -eu
rules=$1
syspath=$2
shift 2
scratch=$(mktemp -d)
mount -t tmpfs onetrip-dev "$scratch"
for node in null zero full random urandom tty; do
  touch "$scratch/$node"
  mount --bind "/dev/$node" "$scratch/$node"
done
mkdir "$scratch/pts" "$scratch/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 onetrip-pts "$scratch/pts"
ln -s pts/ptmx "$scratch/ptmx"
mount --move "$scratch" /dev
rmdir "$scratch"
mount -t tmpfs onetrip-run /run
mount --bind "$rules" /etc/udev/rules.d
exec umockdev-run "$@" -- udevadm test --action=add "$syspath"
