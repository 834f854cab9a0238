#!/usr/bin/env bash
# Install everything the archive needs: Python packages, the pinned npm packages
# (lunr.js for the browser, html-validate for the tests) and Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium
  else
    echo "setup.sh: chromium is missing; install Debian's chromium package (sudo apt-get install chromium) to run the browser tests" >&2
  fi
fi
python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
npm ci --no-audit --no-fund --loglevel=error
