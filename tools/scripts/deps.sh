#!/bin/sh
# Installs the Debian packages nettriage needs to build and test.
# Uses sudo when not run as root.  Safe to run again.
set -e
PKGS="make gcc clang libc6-dev libpcap-dev libcmocka-dev tcpdump python3 pkg-config"
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
