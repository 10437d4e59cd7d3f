"""``kill -USR1 <worker pid>`` writes where every asyncio task is waiting to the worker log.

A stalled worker (lag not moving, no errors) sits idle in the event loop, where thread dumps
(py-spy) show nothing useful: the answer is which coroutine waits on what. Faust runs two event
loops (the main one and the consumer thread's), so tasks of every loop are dumped, each as its
whole await chain, plus every suspended async generator (agents iterate streams through them,
and a task's chain stops at the generator boundary).
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import io
import logging
import signal
from collections.abc import Iterator
from types import FrameType

log = logging.getLogger("stancewire.diagnostics")


def _frames(obj: object) -> Iterator[FrameType]:
    """Frames of a coroutine/generator/async generator and of everything it awaits."""
    seen = 0
    while obj is not None and seen < 50:
        seen += 1
        frame = next((f for a in ("cr_frame", "ag_frame", "gi_frame") if (f := getattr(obj, a, None))), None)
        if frame is not None:
            yield frame
        obj = next(
            (o for a in ("cr_await", "ag_await", "gi_yieldfrom") if (o := getattr(obj, a, None))), None
        )


def _where(frame: FrameType) -> str:
    info = inspect.getframeinfo(frame, context=0)
    return f"{info.filename.rsplit('site-packages/', 1)[-1]}:{info.lineno} {info.function}"


def dump_tasks() -> str:
    out = io.StringIO()
    loops = [o for o in gc.get_objects() if isinstance(o, asyncio.AbstractEventLoop) and not o.is_closed()]
    for loop in loops:
        tasks = asyncio.all_tasks(loop)
        out.write(f"=== loop {id(loop):#x}: {len(tasks)} tasks\n")
        for task in tasks:
            out.write(f"- {task.get_name()}\n")
            for frame in _frames(task.get_coro()):
                out.write(f"    {_where(frame)}\n")
    gens = [o for o in gc.get_objects() if inspect.isasyncgen(o) and o.ag_frame is not None]
    out.write(f"=== {len(gens)} suspended async generators\n")
    for gen in gens:
        out.write(f"- {gen.__qualname__}\n")
        for frame in _frames(gen):
            out.write(f"    {_where(frame)}\n")
    out.write(_consumers())
    return out.getvalue()


def _consumers() -> str:
    """Assignment, pause state, position and highwater of every aiokafka consumer in the process."""
    from aiokafka import AIOKafkaConsumer

    out = io.StringIO()
    for consumer in (o for o in gc.get_objects() if isinstance(o, AIOKafkaConsumer)):
        subscription = consumer._subscription.subscription
        assignment = subscription.assignment if subscription is not None else None
        out.write(f"=== consumer group={consumer._group_id!r} assigned={assignment is not None}\n")
        if assignment is None:
            continue
        for tp in sorted(assignment.tps):
            state = assignment.state_value(tp)
            position = state.position if state.has_valid_position else None
            out.write(
                f"    {tp.topic}[{tp.partition}] position={position} paused={state.paused}"
                f" highwater={state.highwater} awaiting_reset={state.awaiting_reset}\n"
            )
    return out.getvalue()


def install(loop: asyncio.AbstractEventLoop) -> None:
    loop.add_signal_handler(signal.SIGUSR1, lambda: log.warning("asyncio tasks:\n%s", dump_tasks()))
