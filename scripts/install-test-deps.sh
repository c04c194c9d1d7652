#!/usr/bin/env bash
# Installs the Debian packages the tests need (servers, a browser) when they are missing.
# Tests start and stop the servers themselves, on 127.0.0.1 only; nothing here starts a service.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t wanted < <(grep -v '^\s*#' tests/apt-packages.txt | awk 'NF {print $1}')
missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "install-test-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "install-test-deps: installing ${missing[*]}" >&2
# policy-rc.d stops Debian's maintainer scripts from starting the servers as system services.
$SUDO sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
