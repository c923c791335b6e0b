#!/usr/bin/env bash
# Installs Debian's chromium package when /usr/bin/chromium is missing, for the HTML report's
# real-browser test (test/report/html-browser.test.ts). Idempotent and quiet: does nothing when
# Chromium is already installed. Needs root (CI containers) or passwordless sudo.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: /usr/bin/chromium is missing and this is not root; install the Debian package 'chromium'" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium >/dev/null

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: the chromium package is installed but /usr/bin/chromium is still missing" >&2
  exit 1
fi
