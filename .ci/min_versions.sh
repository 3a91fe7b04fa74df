#!/usr/bin/env bash
# The dependency floors in pyproject.toml are true: install the oldest release of every
# runtime dependency that pyproject.toml allows (and the floor of what they need in turn)
# into a fresh virtualenv, add the test extra under those pins, and run the test suite.
#   bash .ci/min_versions.sh [VENV]    (VENV defaults to a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${1:-$(mktemp -d)/min-venv}"
constraints="$(mktemp)"
trap 'rm -f "$constraints"' EXIT

# Keep in step with [project] dependencies. pydantic 2.14 is the first on which eight
# threads racing to first use the library agree (tests/test_threads.py; 2.12 and 2.13 race
# when deferred models are first built; 2.12 is the first with Field(exclude_if=), 2.10.4
# the first to export ModelWrapValidatorHandler). It needs pydantic-core 2.50.0,
# typing-extensions 4.16.0 and typing-inspection 0.4.4. pint 0.24.4 is the first that
# imports with flexparser 0.4 (0.24.0-0.24.3 break on it). platformdirs is pint's, not
# ours: its pin is the floor that sdmx1, a test tool, needs (4.1), above pint's own 2.1.
cat >"$constraints" <<'PINS'
pydantic==2.14.0
pydantic-core==2.50.0
annotated-types==0.6.0
typing-extensions==4.16.0
typing-inspection==0.4.4
python-dateutil==2.9.0
six==1.16.0
pint==0.24.4
flexparser==0.4
flexcache==0.3
platformdirs==4.1.0
PINS

python3 -m venv "$venv"
"$venv/bin/pip" install -q -c "$constraints" -r "$constraints"
"$venv/bin/pip" install -q -c "$constraints" -e '.[test]'
echo "::: minimum versions:"
"$venv/bin/pip" list --format=freeze 2>/dev/null \
  | grep -iE '^(pydantic|pydantic[-_]core|python-dateutil|pint|flexparser|flexcache)=='
"$venv/bin/python" -m pytest -q -p no:cacheprovider
