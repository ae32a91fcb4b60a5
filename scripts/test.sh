#!/usr/bin/env bash
# Install everything the test suite needs, then run it (all of it, or the pytest
# arguments given).  This is README's second line and what .ci/run runs, so it
# must work on a bare machine: as root or with sudo, with no standard input.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore
PYTHON=${PYTHON:-$(command -v python3 || command -v python)}

# The browser tests drive Debian's Chromium (Playwright downloads no browser here).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO="sudo -n"; else
        echo "scripts/test.sh: /usr/bin/chromium is missing; install the Debian packages chromium and chromium-driver (needs root)" >&2
        exit 1
    fi
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver </dev/null
fi

# torch pinned first, so that installing the package never pulls another torch.
"$PYTHON" -m pip install -q "torch==2.13.0"
"$PYTHON" -m pip install -q -e '.[test]'

status=0
"$PYTHON" -m pytest "$@" </dev/null || status=$?
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure" >&2
    exit 1
fi
exit "$status"
