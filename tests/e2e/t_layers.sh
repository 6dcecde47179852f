#!/bin/sh
# The layers of docs/architecture.md hold: no include in src/ runs up the
# layers, and the checker itself catches one that does (on a copy of the tree).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
sh "$root/tools/scripts/check-layers.sh" >"$WORK/layers.out" 2>&1 ||
	{ cat "$WORK/layers.out"; fail "check-layers found includes running up the layers"; }
expect_grep "check-layers: ok" "$WORK/layers.out" "check-layers on the tree"
mkdir -p "$WORK/tree/tools/scripts"
cp -r "$root/src" "$WORK/tree/"
cp "$root/tools/scripts/check-layers.sh" "$WORK/tree/tools/scripts/"
echo '#include "detectors/detector.h"' >>"$WORK/tree/src/analysis/engine.h"
if sh "$WORK/tree/tools/scripts/check-layers.sh" >"$WORK/bad.out" 2>&1; then
	fail "check-layers accepted analysis including detectors"
fi
expect_grep "src/analysis/engine.h:[0-9]*: analysis includes detectors/detector.h" "$WORK/bad.out" "violation named"
echo "ok layers"
