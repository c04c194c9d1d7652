#!/usr/bin/env bash
# Installs the Debian packages listed in the files given (one per line, `#` comments) when missing:
# apt-packages.txt for piiaudit itself (libmagic), tests/apt-packages.txt for the test servers and browser.
# Nothing here starts a service: tests start and stop their servers themselves, on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t wanted < <(cat "$@" | grep -v '^\s*#' | awk 'NF {print $1}')
missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
    echo "install-debian-packages: not a Debian system; install these (or your system's equivalents): ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "install-debian-packages: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "install-debian-packages: installing ${missing[*]}" >&2
# policy-rc.d stops Debian's maintainer scripts from starting the servers as system services.
$SUDO sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
