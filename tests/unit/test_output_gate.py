"""The output gate: offset commits wait for outstanding output sends and refuse after a failure."""

from __future__ import annotations

import asyncio

import pytest

from streams.output_gate import OutputGate, OutputsNotSentError


def test_wait_returns_at_once_with_nothing_pending() -> None:
    async def run() -> None:
        gate = OutputGate(timeout=1)
        await asyncio.wait_for(gate.wait(), 0.1)

    asyncio.run(run())


def test_wait_blocks_until_the_send_is_done() -> None:
    async def run() -> list[str]:
        gate = OutputGate(timeout=5)
        order: list[str] = []

        async def send() -> None:
            await asyncio.sleep(0.05)
            order.append("sent")

        gate.track(asyncio.ensure_future(send()))
        assert gate.pending == 1
        await gate.wait()
        order.append("commit")
        assert gate.pending == 0
        return order

    assert asyncio.run(run()) == ["sent", "commit"]


def test_a_failed_send_refuses_every_later_commit() -> None:
    async def run() -> None:
        gate = OutputGate(timeout=5)

        async def send() -> None:
            raise ConnectionError("broker gone")

        task = asyncio.ensure_future(send())
        gate.track(task)
        with pytest.raises(ConnectionError):
            await task
        for _ in range(2):
            with pytest.raises(OutputsNotSentError, match="broker gone"):
                await gate.wait()

    asyncio.run(run())


def test_a_send_that_does_not_finish_refuses_the_commit() -> None:
    async def run() -> None:
        gate = OutputGate(timeout=0.05)
        never = asyncio.ensure_future(asyncio.Event().wait())
        gate.track(never)
        with pytest.raises(OutputsNotSentError, match="still running"):
            await gate.wait()
        never.cancel()
        await asyncio.sleep(0)
        with pytest.raises(OutputsNotSentError, match="cancelled"):
            await gate.wait()

    asyncio.run(run())
