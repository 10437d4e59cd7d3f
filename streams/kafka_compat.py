"""Keep the consumer-group member id on ILLEGAL_GENERATION, as the Java client does.

aiokafka 0.14 resets both the generation *and the member id* when an OffsetCommit or a
heartbeat fails with ILLEGAL_GENERATION. The Java consumer (since Kafka 2.x) keeps the member
id and only resets the generation. The difference matters when a broker answers a commit made
during a rebalance with ILLEGAL_GENERATION instead of REBALANCE_IN_PROGRESS (the embedded
noida-db broker does): the reset member rejoins as a *new* member, and the old id stays in
the group as a ghost that the coordinator waits for, or even elects as leader, so the group
never finishes rebalancing when a second worker joins. Rejoining with the same member id is
always safe: if the coordinator does not know it, JoinGroup answers UNKNOWN_MEMBER_ID and
aiokafka's join path resets it properly (that path is left untouched here).
"""

from __future__ import annotations

import sys

from aiokafka.consumer import group_coordinator as gc
from aiokafka.protocol.commit import OffsetCommitRequest

_KEEP_MEMBER_CALLERS = frozenset({"_do_commit_offsets", "_do_heartbeat"})
_original_reset_generation = gc.GroupCoordinator.reset_generation


def _reset_generation(self: gc.GroupCoordinator) -> None:
    if sys._getframe(1).f_code.co_name in _KEEP_MEMBER_CALLERS:
        self.generation = OffsetCommitRequest.DEFAULT_GENERATION_ID
        self.request_rejoin()
        return
    _original_reset_generation(self)


def install() -> None:
    gc.GroupCoordinator.reset_generation = _reset_generation  # type: ignore[method-assign]
