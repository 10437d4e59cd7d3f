#!/usr/bin/env bash
# Quick start, command 1: set up, then run the main job (local Apache Kafka broker, or noida-db
# where Java 17 is missing; worker, seeds, web view).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/stancewire up "$@"
