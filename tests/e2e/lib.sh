# Helpers for e2e scripts: . "$(dirname "$0")/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }
# expect_eq ACTUAL EXPECTED WHAT
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
# expect_grep PATTERN FILE WHAT
expect_grep() { grep -q -- "$1" "$2" || { echo "--- $2:"; head -n 50 "$2"; fail "$3: no line matching '$1'"; }; }
expect_nogrep() { ! grep -q -- "$1" "$2" || { grep -n -- "$1" "$2" | head; fail "$3: unexpected '$1'"; }; }
