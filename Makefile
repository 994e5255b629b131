# SPDX-License-Identifier: GPL-2.0
#
# flexsec: route-based IPsec for Linux gateways.
#
#   make                 flexsec.ko for every stock kernel of the lab matrix,
#                        and user space (CLI, iproute2 plugin) in build/user
#   make KDIR=...        flexsec.ko for one kernel build tree
#   make user            user space only (CC=clang for clang)
#   make regen           regenerate uapi/ and kernel/netlink-gen.* from the
#                        YNL spec Documentation/netlink/specs/flexsec.yaml
#   make deps            install the Debian packages the project needs
#   make debug-kernel    build the lab's debug kernel (cached per machine)
#   make check           every test: unit, KUnit, lab selftests, fuzzing
#   make demo            gateways in the lab, and what flexsec shows of them
#   make bench           data-plane throughput against Linux XFRM, WireGuard
#                        and veth (never part of make check)
#   make bench-hub       a hub with 1,000 spokes against strongSwan's charon
#                        (never part of make check)
#   make checkpatch      kernel coding style of kernel/

TOP := $(CURDIR)
KERNELS := $(TOP)/selftests/lab/kernels

ifdef KDIR
KDIRS := $(KDIR)
else
KDIRS = $(foreach f,$(shell $(KERNELS) stock),$(shell $(KERNELS) kdir $(f)))
endif

.PHONY: all modules user deps debug-kernel debug-module check demo bench bench-hub checkpatch \
	regen clean

all: modules user

user:
	@$(MAKE) -s -C daemon TOP=$(TOP)

modules:
	@set -e; for k in $(KDIRS); do scripts/build-module "$$k"; done

deps:
	@scripts/deps

debug-kernel: deps
	@selftests/lab/debug-kernel

debug-module: debug-kernel
	@scripts/build-module "$$($(KERNELS) kdir debug)"

check: deps
	@selftests/check

demo: deps
	@selftests/demo/run

bench: deps
	@selftests/bench/run

bench-hub: deps
	@selftests/bench/run hub_scale.sh

checkpatch:
	@scripts/checkpatch

regen:
	@scripts/regen

clean:
	rm -rf build
