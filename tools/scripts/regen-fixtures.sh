#!/bin/sh
# \summary: regenerates tests/data/yummyrecipes.pcap and
# tests/data/scenarios/*.pcap with ntgen (deterministic: seed 1),
# tests/data/attacks/*.pcap (the labelled attack corpus, `ntgen
# --list-attacks`; the .expect files beside them are written by hand), and
# tests/data/damaged/* from the flagship capture (make-damaged.py).
# Usage: tools/scripts/regen-fixtures.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/../.."
BUILD=${1:-${BUILD:-build}}
NTGEN="$BUILD/tools/ntgen"
make -s BUILD="$BUILD" "$NTGEN"
mkdir -p tests/data/scenarios tests/data/attacks
"$NTGEN" yummyrecipes tests/data/yummyrecipes.pcap --seed 1
attacks=$("$NTGEN" --list-attacks)
for s in $("$NTGEN" --list); do
	[ "$s" = mix ] && continue
	[ "$s" = exhaust ] && continue
	case " $(echo $attacks) " in
	*" $s "*) "$NTGEN" "$s" "tests/data/attacks/$s.pcap" --seed 1 ;;
	*) "$NTGEN" "$s" "tests/data/scenarios/$s.pcap" --seed 1 ;;
	esac
done
python3 tools/scripts/make-damaged.py
n=0
for f in tests/data/scenarios/*.pcap; do [ -f "$f" ] && n=$((n + 1)); done
a=0
for f in tests/data/attacks/*.pcap; do [ -f "$f" ] && a=$((a + 1)); done
echo "regenerated: tests/data/yummyrecipes.pcap, $n scenarios, $a attack-corpus captures, tests/data/damaged/"
