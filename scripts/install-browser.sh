#!/usr/bin/env bash
# Headless Chromium for the browser test (test/browser), from Debian's package: test tools'
# own browser downloads cannot reach their servers from here. Needs root (as CI runs) or sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
chromium --version
