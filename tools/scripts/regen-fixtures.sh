#!/bin/sh
# \summary: regenerates tests/data/yummyrecipes.pcap and
# tests/data/scenarios/*.pcap with ntgen (deterministic: seed 1), and
# tests/data/damaged/* from the flagship capture (make-damaged.py).
# Usage: tools/scripts/regen-fixtures.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/../.."
BUILD=${1:-${BUILD:-build}}
NTGEN="$BUILD/tools/ntgen"
make -s BUILD="$BUILD" "$NTGEN"
mkdir -p tests/data/scenarios
"$NTGEN" yummyrecipes tests/data/yummyrecipes.pcap --seed 1
for s in $("$NTGEN" --list); do
	[ "$s" = mix ] && continue
	"$NTGEN" "$s" "tests/data/scenarios/$s.pcap" --seed 1
done
python3 tools/scripts/make-damaged.py
n=0
for f in tests/data/scenarios/*.pcap; do [ -f "$f" ] && n=$((n + 1)); done
echo "regenerated: tests/data/yummyrecipes.pcap, $n scenarios, tests/data/damaged/"
