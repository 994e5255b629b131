#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module's KUnit suites. They are built into a second flexsec.ko for
# kernels with KUnit (the lab's debug kernel: build/<release>-kunit/) and
# run when it is loaded; each case, and
# each parameter of a parameterised case, is reported as one TAP line.
source "$(dirname "$0")/lib.sh"
require_lab
lib_init
on_exit flexsec_unload

kunit=/sys/kernel/debug/kunit
if [ ! -d $kunit ]; then
	not_ok "this kernel has no KUnit: run on the debug kernel"
	lib_done
	exit 1
fi

# ktap_leaves PREFIX: the leaf results of a KTAP document as TAP lines.
# A result line is a parent when the result line before it was indented
# deeper: KTAP prints children before their parent's result.
ktap_leaves() {
	awk -v prefix="$1" '
	function indent(s) { match(s, /^ */); return RLENGTH }
	/^ *# Subtest: / {
		i = indent($0); sub(/^ *# Subtest: /, ""); name[i] = $0; next
	}
	/^ *(not )?ok [0-9]+ / {
		i = indent($0); line = substr($0, i + 1)
		parent = (prev >= 0 && prev > i); prev = i
		if (parent) next
		st = (line ~ /^not ok/) ? "not ok" : "ok"
		sub(/^(not )?ok [0-9]+ /, "", line)
		path = ""
		for (j = 0; j <= i; j += 4) if (j in name) path = path name[j] "."
		print st " - kunit: " prefix path line
	}
	BEGIN { prev = -1 }'
}

check "insmod flexsec.ko runs the suites" insmod "$TOP/build/$KVER-kunit/flexsec.ko"
found=0
for s in $kunit/flexsec_*; do
	[ -e "$s/results" ] || continue
	while read -r line; do
		found=$((found + 1))
		case "$line" in
		"not ok"*) not_ok "${line#not ok - kunit: }" ;;
		*) ok "${line#ok - kunit: }" ;;
		esac
	done < <(ktap_leaves "" <"$s/results")
	grep -q "not ok" "$s/results" && diag <"$s/results"
done
[ $found -gt 0 ] || not_ok "no flexsec KUnit result (is KUnit in the module?)"
check "rmmod flexsec" rmmod flexsec
lib_done
