#!/usr/bin/env bash
# Quick start, command 2: set up, then run the whole test suite (real broker, real spaCy model,
# real Chromium), the linter and the formatter's check.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/ruff format --check .
set +e
# Defaults live here, not in callers, so `.ci/run` can run exactly the README's command:
# quiet output unless the caller passes its own flags, and no .pytest_cache in the tree.
# Two test processes (STANCEWIRE_TEST_WORKERS), each file whole in one of them (its module
# fixtures, a broker cluster or eleven Faust apps, start once): the broker, worker and browser
# tests mostly wait, so two at a time took the suite from 960 s to 617 s on the 2-core VM.
if [ "$#" -eq 0 ]; then set -- -q -n "${STANCEWIRE_TEST_WORKERS:-2}" --dist loadfile; fi
.venv/bin/python -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
# pytest exits 5 when no test ran: that is a failure for us, never a pass.
if [ "$rc" -eq 5 ]; then echo "no tests ran" >&2; exit 1; fi
exit "$rc"
