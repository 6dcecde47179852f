#!/bin/sh
# Installs the Debian packages nettriage needs to build and test.
# Uses sudo when not run as root.  Safe to run again.
set -e
PKGS="make gcc clang libc6-dev libpcap-dev libcmocka-dev tcpdump python3 pkg-config"
# The Public Suffix List (registered domains for the attack detectors; a small
# built-in list is used without it).
PKGS="$PKGS publicsuffix"
# Compressed captures (.pcap.gz, .pcap.zst) are read through zlib and libzstd;
# gzip and zstd make the test fixtures (tests/e2e/t_compressed.sh).
PKGS="$PKGS zlib1g-dev libzstd-dev gzip zstd"
# analyze --output kafka://BROKERS/TOPIC produces the events through librdkafka
# (its built-in mock cluster serves tests/unit/test_kafka.c and t_kafka.sh).
PKGS="$PKGS librdkafka-dev"
# python3-scapy builds the ARP captures of tests/e2e/t_print_arp.sh.
PKGS="$PKGS python3-scapy"
# cmark-gfm renders the Markdown report in tests/e2e/t_hostile_output.sh.
PKGS="$PKGS cmark-gfm"
# libFuzzer (make fuzz-build): clang's runtime libraries of the installed
# clang major version (libclang_rt.fuzzer, .asan, .ubsan).
CLANG_MAJOR=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
[ -n "$CLANG_MAJOR" ] || CLANG_MAJOR=14
PKGS="$PKGS libclang-rt-$CLANG_MAJOR-dev"
# Optional (--browser): headless Chromium for tests/e2e/t_report_html.sh, which
# skips without it; about 125 MB to download and 415 MB installed.
BROWSER_PKGS="chromium"
[ "${1:-}" = "--browser" ] && PKGS="$PKGS $BROWSER_PKGS"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
