"""The one shelf for every patch of Faust and aiokafka internals, installed by ``install``.

Two kinds of patch live here:

* ``head_gap``: fixes of a genuine Faust 0.15 bug (faust-streaming issue 606), installed
  whatever the broker; ``tests/unit/test_patches_on_broker.py`` shows a real Faust app losing
  records on Apache Kafka without it; and ``cluster`` (an idempotent producer and a changelog
  seen with 0 partitions during a cluster restart), which any replicated cluster needs
  (``tests/reliability/test_kafka_cluster_failover.py``); and ``commit_retry`` (faust-streaming
  issue 316: a refused commit recorded as done), first needed on noida-db, then seen on Apache
  Kafka too: a two-worker pipeline kept a lag of 1 after a rebalance in two full CI runs;
* work-arounds needed on the embedded noida-db broker only, installed only when noida-db is the
  broker (``Settings.broker_kind``, "auto" asks the broker): ``noida`` (member id, fetch
  backoff) and ``membership`` (evicting a dead predecessor).

Each patch reaches into private attributes of one exact release, so ``install`` refuses to run
on versions nobody checked them against rather than misbehave quietly.
"""

from __future__ import annotations

import logging
from functools import partial
from importlib.metadata import version
from typing import Any

from stancewire.settings import Settings
from streams.patches.broker_kind import resolve_broker_kind

log = logging.getLogger(__name__)

# The releases whose private code each patch was read against and tested on.
CHECKED_VERSIONS: dict[str, tuple[str, ...]] = {
    "faust-streaming": ("0.15.3",),
    "aiokafka": ("0.14.0",),
}


class UncheckedVersionError(RuntimeError):
    """An installed faust-streaming/aiokafka release the patches were not checked against."""


def check_versions(installed: dict[str, str] | None = None) -> None:
    installed = installed or {name: version(name) for name in CHECKED_VERSIONS}
    wrong = {n: v for n, v in installed.items() if v not in CHECKED_VERSIONS.get(n, (v,))}
    if wrong:
        found = ", ".join(f"{n} {v}" for n, v in sorted(wrong.items()))
        checked = ", ".join(f"{n} {' or '.join(v)}" for n, v in sorted(CHECKED_VERSIONS.items()))
        raise UncheckedVersionError(
            f"streams/patches was checked against {checked}, but {found} is installed: re-check "
            "each patch against that release's code (and its tests on Apache Kafka), then add "
            "the version to CHECKED_VERSIONS"
        )


def install(app: Any, settings: Settings) -> list[str]:
    """Install the patches this broker needs and their timers on ``app``; returns their names."""
    check_versions()
    from streams.clients.lag import log_starts
    from streams.patches import cluster, commit_retry, head_gap

    # commit_retry on every broker: a commit refused in a rebalance stalled a two-worker
    # pipeline on Apache Kafka too (lag 1 left on a partition for the rest of the run).
    fetch_log_starts = partial(log_starts, settings.aiokafka_kwargs())
    installed = [head_gap.install(app, fetch_log_starts), cluster.install(), commit_retry.install(app)]
    kind = resolve_broker_kind(settings)
    if kind == "noida":
        from streams.patches import membership, noida

        installed += [*noida.install(settings), membership.install(app, settings)]
    log.info("Faust/aiokafka patches for a %s broker: %s", kind, ", ".join(installed))
    return installed
