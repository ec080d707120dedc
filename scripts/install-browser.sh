#!/usr/bin/env bash
# The browser tests (chart overlaps, the data page) drive Debian's chromium through playwright-core;
# the project never downloads a browser build of its own. Runs before `npm test` (the pretest script)
# and in .ci/run: installs chromium with apt-get when it is missing, and says so; otherwise it is quiet.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-browser: chromium is missing and this user cannot install it: run 'apt-get install chromium' as root, or set CHROMIUM_PATH to a Chromium or Chrome binary" >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "install-browser: the browser tests need Debian's chromium, which is missing: installing it with apt-get (about a minute, once)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "install-browser: installed $(chromium --version)" >&2
