# \summary: `nettriage explain` of the incident log, of single lines given
# as arguments, on stdin, as Markdown and JSON, and of unknown tokens.
. "$(dirname "$0")/lib.sh"
LOG="$SHARED/samples/yummyrecipes-dns-icmp.log"
FIRST='13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (24)'
ICMP='13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254'

# The flagship's first line, as one argument.
"$BIN" explain "$FIRST" > "$WORK/first" || fail "explain of the first line failed"
expect_grep '^13:24:32.192571  time stamp: 13:24:32 and 0.192571 s' "$WORK/first" "time stamp"
expect_grep '^IP  IPv4 packet' "$WORK/first" "IP word"
expect_grep '^192.51.100.15.52444  source: host 192.51.100.15, port 52444' "$WORK/first" "source"
expect_grep '^203.0.113.2.domain  destination: host 203.0.113.2, port 53 "domain" = DNS' "$WORK/first" "port 53 = DNS"
expect_grep '^35084  DNS query id' "$WORK/first" "query id"
expect_grep '^+  recursion desired (RD flag)' "$WORK/first" "recursion desired"
expect_grep '^A?  question for an A record (IPv4 address)' "$WORK/first" "A record"
expect_grep '^yummyrecipesforme.com.  the name asked for' "$WORK/first" "qname"
expect_grep '^(24)  DNS message length, 24 bytes' "$WORK/first" "message length"
expect_nogrep 'unknown' "$WORK/first" "first line"

# The same line given word by word.
# shellcheck disable=SC2086
"$BIN" explain $FIRST > "$WORK/words" || fail "explain of words failed"
cmp -s "$WORK/first" "$WORK/words" || fail "words and one argument differ"

# The ICMP error: nothing listening, or blocked.
"$BIN" explain "$ICMP" > "$WORK/icmp" || fail "explain of the ICMP line failed"
expect_grep '^203.0.113.2 udp port 53 unreachable  ICMP message type 3 code 3' "$WORK/icmp" "ICMP type/code"
expect_grep 'has no process listening on UDP port 53 (DNS), or a filter answered for it' "$WORK/icmp" "port unreachable meaning"
expect_grep '^length 254  ICMP message length, 254 bytes' "$WORK/icmp" "ICMP length"

# Unknown tokens are named, not guessed.
"$BIN" explain "$FIRST xyzzy" > "$WORK/unk" || fail "explain with an unknown token failed"
expect_grep "^xyzzy  ?? unknown token 'xyzzy'" "$WORK/unk" "unknown token"
"$BIN" explain frobnicate > "$WORK/unk2" || fail "explain of a lone word failed"
expect_grep "unknown token 'frobnicate'" "$WORK/unk2" "lone unknown word"

# The whole hand-wrapped log, as a file and on stdin: six packets.
if [ -f "$LOG" ]; then
	"$BIN" explain "$LOG" > "$WORK/log" || fail "explain of the log failed"
	expect_eq "$(grep -c '^packet [0-9]' "$WORK/log")" 6 "packets in the log"
	expect_grep "^packet 1 (line 1-2): $FIRST" "$WORK/log" "unwrapped first line"
	expect_grep '^packet 2 (line 3-4): .*ICMP 203.0.113.2 udp port 53 unreachable length 254$' "$WORK/log" "unwrapped ICMP line"
	expect_eq "$(grep -c 'no process listening on UDP port 53' "$WORK/log")" 3 "three port-unreachable errors"
	"$BIN" explain < "$LOG" > "$WORK/stdin" || fail "explain from stdin failed"
	cmp -s "$WORK/log" "$WORK/stdin" || fail "stdin and file differ"
	"$BIN" explain --format json "$LOG" > "$WORK/log.json" || fail "json of the log failed"
	if command -v python3 >/dev/null; then
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==6, len(d); assert d[0]["fields"][5]["field"]=="35084"' "$WORK/log.json" || fail "json of the log is wrong"
	fi
fi

# Markdown and JSON of one line.
"$BIN" explain --format md "$FIRST" > "$WORK/md" || fail "md failed"
expect_grep '^| field | what it is | meaning |' "$WORK/md" "md header"
expect_grep '^| 35084 | DNS query id |' "$WORK/md" "md row"
"$BIN" explain --format json "$ICMP" > "$WORK/json" || fail "json failed"
expect_grep '"field": "35084"\|"field": "ICMP"' "$WORK/json" "json field"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(set(x)>={"field","text","meaning"} for x in d); assert any("listening" in x["meaning"] for x in d)' "$WORK/json" || fail "json is not an array of {field,text,meaning}"
fi

# A capture: each packet printed, then explained.
CAP="$SHARED/corpus/tcpdump-synthetic/synth-dns-icmp-correlation.pcap"
if [ -f "$CAP" ]; then
	"$BIN" explain "$CAP" > "$WORK/cap" || fail "explain of a capture failed"
	expect_eq "$(grep -c '^packet [0-9]' "$WORK/cap")" 24 "packets in the capture"
	expect_grep 'DNS query id' "$WORK/cap" "capture DNS"
fi

# Hostile input: binary bytes and a long line are skipped, never fatal.
{ printf '\000\001\377junk\n'; head -c 200000 /dev/zero | tr '\0' 'A'; printf '\n%s\n' "$FIRST"; } > "$WORK/hostile.log"
"$BIN" explain - < "$WORK/hostile.log" > "$WORK/hostile" 2> "$WORK/hostile.err" || fail "explain of hostile input failed"
expect_eq "$(grep -c '^packet [0-9]' "$WORK/hostile")" 1 "packets in hostile input"
expect_grep 'not tcpdump packet lines' "$WORK/hostile.err" "garbage note"
"$BIN" explain --format nope "$FIRST" > /dev/null 2>&1
expect_eq "$?" 2 "bad format is a usage error"
echo "explain ok"
