#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-check of the lab's guests: they survive the kernel patching its own
# text while both vCPUs run it. A socket with SO_TIMESTAMP flips the static
# key netstamp_needed_key, on when it is the first and off (from a work item)
# when it closes, as every ping does; meanwhile two UDP streams over loopback
# run netif_rx_internal, the function the key patches. Multi-threaded TCG
# shows the other vCPU a stale int3 and the guest dies ("Oops: int3"):
# selftests/lab/vm runs such kernels on one TCG thread.
#
#   netns a: flip.py (SO_TIMESTAMP on, close)  x FLIPS
#            udp streams 127.0.0.1 -> 127.0.0.1 x 2, until the flips end
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init

FLIPS=1500
host a

cat >"$WORK/stream.py" <<'PY'
import os, socket, sys
port = int(sys.argv[1])
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.bind(("127.0.0.1", port))
r.setblocking(False)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
n = 0
while not os.path.exists(sys.argv[2]):
    for _ in range(100):
        s.sendto(b"x" * 64, ("127.0.0.1", port))
        try:
            r.recv(100)
        except BlockingIOError:
            pass
    n += 100
print(n)
PY
cat >"$WORK/flip.py" <<'PY'
import socket, sys, time
SO_TIMESTAMP = 29
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
    s.close()
    # Long enough for the work item that turns the key off to run.
    time.sleep(0.002)
print("done")
PY

on a python3 "$WORK/stream.py" 9001 "$WORK/stop" >"$WORK/s1" &
on a python3 "$WORK/stream.py" 9002 "$WORK/stop" >"$WORK/s2" &
check_output "$FLIPS SO_TIMESTAMP sockets opened and closed" "^done$" \
	on a python3 "$WORK/flip.py" $FLIPS
touch "$WORK/stop"
wait
check_output "while two UDP streams crossed loopback" "^[1-9][0-9]* [1-9][0-9]*$" \
	sh -c "cat $WORK/s1 $WORK/s2 | paste -sd \" \""
check_output "and the guest still runs" "." uname -r

lib_done
