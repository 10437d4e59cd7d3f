"""The ``stancewire`` command: run the pipeline, feed it, follow its alerts, work offline.

The commands that talk to Kafka live here; ``extract`` and ``eval`` (no Kafka) and the shared
helpers are ``stancewire.cli``, and the pure parts of ``up``/``status`` are in ``stancewire``
(``discovery``, ``ports``, ``lifecycle``, ``status``, ``reach``). Imports are mostly inside the
commands: Faust and aiokafka take seconds to import, and a client command has a 10 s budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from stancewire.cli import err, eval_, extract, fail, load_settings, out, say
from stancewire.settings import PROJECT_ROOT, Settings

app = typer.Typer(
    help="stancewire: quotes, speakers, stance evidence and stance-change alerts from news, on Kafka.",
    no_args_is_help=True,
    add_completion=False,
)

SEEDS = PROJECT_ROOT / "seeds"

BrokerOpt = Annotated[
    str | None, typer.Option("--broker", "-b", help="Kafka bootstrap host:port (default: STANCEWIRE_BROKER).")
]


def _client_settings(broker: str | None, *, keep_quiet: bool = True, **overrides: object) -> Settings:
    """Settings for a command that talks to the broker: the broker found by the one lookup rule
    (``stancewire.discovery``), said in one line, and checked to answer within seconds.
    ``keep_quiet=False`` (the worker) lets the Kafka client log again after the check."""
    from stancewire.discovery import resolve_broker
    from stancewire.reach import UNREACHABLE_EXIT, quiet_client_logs, unreachable_message
    from streams.clients.probe import probe

    base = load_settings(None, **overrides)
    restore_logs = quiet_client_logs(base.log_level)
    choice = resolve_broker(broker, base.state_dir)
    say(choice.line())
    settings = load_settings(choice.address, **overrides)
    reason = asyncio.run(probe(settings))
    if reason is not None:
        raise fail(unreachable_message(choice, reason), UNREACHABLE_EXIT)
    if not keep_quiet:
        restore_logs()
    return settings


def _refuse_taken_ports(
    wanted: list[tuple[int, str, str]], host: str = "127.0.0.1", state_dir: Path | None = None
) -> None:
    from stancewire.discovery import running_up
    from stancewire.ports import check_ports

    known: dict[int, str] = {}
    record = running_up(state_dir) if state_dir is not None else None
    if record is not None:  # not stale: say whose it is instead of suggesting kill
        for w in record.workers:
            known[w.pid] = f"the worker of the running `stancewire up` (pid {record.pid})"
        if record.broker.pid:
            known[record.broker.pid] = f"the broker of the running `stancewire up` (pid {record.pid})"
    taken = check_ports(wanted, host, known)
    for use in taken:
        say(f"error: {use.message()}")
    if taken:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- worker


@app.command()
def worker(
    broker: BrokerOpt = None,
    web_port: Annotated[int | None, typer.Option(help="Web view port (each worker needs its own).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="This worker's state dir (RocksDB).")] = None,
    loglevel: Annotated[str, typer.Option(help="Log level.")] = "warning",
) -> None:
    """Run one worker. Run several (each with its own --web-port) to spread the partitions."""
    # The web port first: nothing is started (no topics, no group join) for a worker that cannot run.
    local = load_settings(None, web_port=web_port, data_dir=data_dir)
    _refuse_taken_ports([(local.web_port, "web view", "--web-port")], local.web_host, local.state_dir)
    settings = _client_settings(broker, keep_quiet=False, web_port=web_port, data_dir=data_dir)
    _register_worker(settings)
    from faust.worker import Worker

    from streams.app import create_app
    from streams.clients.admin import ensure_topics
    from streams.patches.broker_kind import resolve_broker_kind

    asyncio.run(ensure_topics(settings))
    # Which broker this is decides which client patches the worker needs (streams/patches); asked
    # once here and carried in the settings the app is built from.
    settings = settings.model_copy(update={"broker_kind": resolve_broker_kind(settings)})
    if settings.broker_kind == "noida":
        from streams.patches.membership import evict_previous_member

        # A previous worker on this data dir that died without leaving the group (kill -9,
        # OOM) would hold the rebalance for ever: noida-db never expires it.
        asyncio.run(evict_previous_member(settings))
    # Every agent, table, timer and view is registered by the factory: a stage that fails to
    # import or register stops the worker here instead of running the pipeline without it.
    faust_app = create_app(settings)

    from stancewire.lifecycle import WORKER_STOP_SECONDS, exit_after

    class BoundedStopWorker(Worker):
        """Stops within ``WORKER_STOP_SECONDS`` of SIGTERM or SIGINT, broker or no broker: Faust's
        clean stop waits for a final commit and a producer flush that a broker which is gone
        never answers (measured: more than 30 s)."""

        def _on_sigterm(self) -> None:
            exit_after(WORKER_STOP_SECONDS, "SIGTERM")
            super()._on_sigterm()

        def _on_sigint(self) -> None:
            exit_after(WORKER_STOP_SECONDS, "SIGINT")
            super()._on_sigint()

        def install_signal_handlers(self) -> None:
            super().install_signal_handlers()
            # A closed terminal (SIGHUP) stops a worker cleanly too, not by the default death.
            self.loop.add_signal_handler(signal.SIGHUP, self._on_sigterm)

    BoundedStopWorker(faust_app, loglevel=loglevel, quiet=True).execute_from_commandline()


def _register_worker(settings: Settings) -> None:
    """Note this worker for ``stancewire status`` (removed at exit; a note left by a killed
    worker is recognised as stale by its pid and start time)."""
    import atexit

    from stancewire.discovery import WorkerEntry, register_worker

    log = os.environ.get("STANCEWIRE_WORKER_LOG", "(its terminal)")
    entry = WorkerEntry(
        os.getpid(),
        settings.web_port,
        settings.worker_url,
        log,
        str(settings.data_dir) if settings.data_dir else None,
    )
    with contextlib.suppress(OSError):
        note = register_worker(settings.state_dir, entry, settings.app_id, settings.broker)
        atexit.register(lambda: note.unlink(missing_ok=True))


# --------------------------------------------------------------------------- feed


def _feed(settings, paths: list[str], validate: bool = True, quiet: bool = False):  # type: ignore[no-untyped-def]
    from stancewire.readers import read_inputs
    from streams.clients.feed import feed_records

    records = list(read_inputs(paths))
    with Progress(
        TextColumn("feeding"), BarColumn(), MofNCompleteColumn(), console=err, disable=quiet, transient=True
    ) as progress:
        task = progress.add_task("feed", total=len(records))
        summary = asyncio.run(
            feed_records(settings, records, validate=validate, on_progress=lambda: progress.advance(task))
        )
    return summary


@app.command()
def feed(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (.json, .jsonl, .txt), or - for stdin.")
    ],
    broker: BrokerOpt = None,
    # One explicit flag name: typer would otherwise offer a meaningless --no-no-validate.
    no_validate: Annotated[
        bool,
        typer.Option("--no-validate", help="Send records as they are; the worker dead-letters bad ones."),
    ] = False,
) -> None:
    """Send articles to the articles topic, with a progress bar and a summary."""
    settings = _client_settings(broker)
    from streams.clients.admin import ensure_topics

    asyncio.run(ensure_topics(settings))
    try:
        summary = _feed(settings, paths, validate=not no_validate)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    err.print(f"sent [bold]{summary.sent}[/], rejected locally [bold]{len(summary.rejected)}[/]")
    for origin, reason in summary.rejected[:50]:
        err.print(f"  [yellow]{origin}[/]: {reason}")
    if summary.rejected:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- subscribe


@app.command()
def subscribe(
    broker: BrokerOpt = None,
    actor: Annotated[str | None, typer.Option(help="Only alerts for this actor (id or name).")] = None,
    target: Annotated[str | None, typer.Option(help="Only alerts about this target (id or name).")] = None,
    min_delta: Annotated[float, typer.Option(help="Only changes with |delta| at least this.")] = 0.0,
    include_new: Annotated[bool, typer.Option(help="Also print first-seen positions.")] = False,
    from_beginning: Annotated[bool, typer.Option(help="Start from the oldest alert instead of now.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print each alert as one JSON line.")] = False,
    webhook: Annotated[
        str | None, typer.Option(help="POST each alert as JSON here (retries, backoff).")
    ] = None,
    max_alerts: Annotated[int | None, typer.Option("--max", help="Stop after this many alerts.")] = None,
    idle_timeout: Annotated[float | None, typer.Option(help="Stop after this many idle seconds.")] = None,
) -> None:
    """Follow the stance-changes topic and print each alert."""
    from stancewire.alerts import AlertFilter, Webhook, render
    from streams.clients.subscribe import subscribe as run

    settings = _client_settings(broker)

    def emit(change) -> None:  # type: ignore[no-untyped-def]
        if as_json:
            sys.stdout.write(change.model_dump_json() + "\n")
        else:
            sys.stdout.write(render(change) + "\n")
        sys.stdout.flush()

    flt = AlertFilter(actor=actor, target=target, min_delta=min_delta, include_new=include_new)
    hook = Webhook(webhook) if webhook else None
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            run(
                settings,
                flt,
                emit,
                from_beginning=from_beginning,
                webhook=hook,
                max_alerts=max_alerts,
                idle_timeout=idle_timeout,
            )
        )


# --------------------------------------------------------------------------- offline (no Kafka)

app.command()(extract)
app.command("eval")(eval_)


# --------------------------------------------------------------------------- up


def _wait_http(url: str, timeout: float, proc: subprocess.Popen[bytes]) -> bool:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1.0).status_code < 500:
                return True
        time.sleep(0.3)
    return False


def _worker_env(settings: Settings) -> dict[str, str]:
    """Environment for a child worker process carrying these settings."""
    env = dict(os.environ)
    for name, value in settings.model_dump().items():
        if value is not None:
            env[f"STANCEWIRE_{name.upper()}"] = str(value)
    return env


def spawn_worker(settings: Settings, log_path: Path | None = None) -> subprocess.Popen[bytes]:
    """A worker in its own process group (Ctrl-C is handled by ``up``, which stops it in order)
    that the kernel stops (SIGTERM) if ``up`` dies without doing so, even by SIGKILL."""
    from stancewire.lifecycle import die_with_parent

    log = open(log_path, "ab") if log_path else None  # noqa: SIM115 - handed to the child
    env = _worker_env(settings)
    if log_path:
        env["STANCEWIRE_WORKER_LOG"] = str(log_path)  # shown by `stancewire status`
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker", "--loglevel", settings.log_level],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else None,
        start_new_session=True,
        preexec_fn=die_with_parent,  # prctl only: safe between fork and exec
    )
    if log:
        log.close()
    return proc


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """SIGTERM, then after ``timeout`` SIGKILL to its whole process group (its NLP child too)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


class _EmbeddedHandle:
    """Today's local broker (noida-db) behind the interface of ``start_local_broker``:
    ``bootstrap``, ``kind``, ``version``, ``pid``, ``stop()`` (+ ``log_path``, ``stop_argv``)."""

    kind = "noida-db"

    def __init__(self, broker) -> None:  # type: ignore[no-untyped-def]
        from importlib.metadata import PackageNotFoundError, version

        self._broker = broker
        self.bootstrap: str = broker.bootstrap
        self.log_path: Path = broker.log_path
        try:
            self.version: str | None = version("noida-db")
        except PackageNotFoundError:
            self.version = None

    @property
    def pid(self) -> int | None:
        return self._broker.proc.pid if self._broker.proc is not None else None

    @property
    def stop_argv(self) -> list[str]:
        # Its own "stop kafka" saves its data first (see EmbeddedBroker.stop).
        from stancewire.broker import broker_binary

        return [str(broker_binary()), "stop", "kafka", "--data-dir", str(self._broker.data_dir)]

    def stop(self) -> None:
        self._broker.stop(timeout=5.0)


def _start_local_broker(state_dir: Path, port: int | None, log_path: Path | None = None):  # type: ignore[no-untyped-def]
    """The one place ``up`` creates its local broker: Apache Kafka when Java and the jars are
    there, else noida-db (``start_local_broker`` says why on stderr). Either has ``bootstrap``,
    ``kind``, ``version``, ``pid``, ``log_path`` and ``stop()``."""
    from stancewire.broker import EmbeddedBroker
    from streams.kafka_nodes import start_local_broker

    broker = start_local_broker(state_dir / "broker", port=port, log_path=log_path)
    return _EmbeddedHandle(broker) if isinstance(broker, EmbeddedBroker) else broker


@app.command()
def up(
    broker: BrokerOpt = None,
    web_port: Annotated[int, typer.Option(help="Web view port.")] = 6066,
    broker_port: Annotated[int, typer.Option(help="Port of the local broker.")] = 19092,
    seeds: Annotated[
        list[Path] | None, typer.Option("--seed", help="Seed files to feed (default: seeds/).")
    ] = None,
    # A single flag (--seed already names the seed files, so no --seed/--no-seed pair).
    no_seed: Annotated[bool, typer.Option("--no-seed", help="Do not feed the seeds.")] = False,
    exit_when_done: Annotated[
        bool, typer.Option(help="Stop once the seeds are processed (smoke test).")
    ] = False,
) -> None:
    """The main job on one machine: a local broker (unless --broker or STANCEWIRE_BROKER), a
    worker, the seeds, the web view. Ctrl-C, SIGTERM or SIGHUP stops everything."""
    from stancewire.discovery import BrokerEntry, UpRecord, WorkerEntry, env_broker, record_path, running_up
    from stancewire.lifecycle import WORKER_STOP_SECONDS, Stopping, StopSignals
    from stancewire.reach import quiet_client_logs

    signals = StopSignals().install()
    base = load_settings(None, web_port=web_port)
    quiet_client_logs(base.log_level)
    state_dir = base.state_dir
    # The lookup rule, for up: an explicit broker is used as it is; a running up is not joined
    # (its worker has this port and data dir); otherwise up starts its own.
    explicit = (broker, "from --broker") if broker else env_broker()
    other = running_up(state_dir)
    if other is not None:
        raise fail(
            f"`stancewire up` is already running (pid {other.pid}, broker {other.broker.bootstrap}, "
            f"recorded in {record_path(state_dir)}). See `stancewire status`; "
            f"stop it with `kill {other.pid}`."
        )
    wanted = [(web_port, "web view", "--web-port")]
    if explicit is None:
        wanted.append((broker_port, "broker", "--broker-port"))
    _refuse_taken_ports(wanted, base.web_host)
    if explicit is not None:
        say(f"broker {explicit[0]} ({explicit[1]}; no local broker started)")
        _require_reachable(load_settings(explicit[0], web_port=web_port), explicit[0], explicit[1])

    state_dir.mkdir(parents=True, exist_ok=True)
    guardian = _start_guardian(state_dir)
    local = None
    proc: subprocess.Popen[bytes] | None = None
    record: UpRecord | None = None
    code = 0
    try:
        with signals.deferred():  # a stop signal now would leave a broker we hold no handle of
            if explicit is None:
                say(f"broker 127.0.0.1:{broker_port} (a local one: no --broker, no STANCEWIRE_BROKER)")
                try:
                    local = _start_local_broker(state_dir, broker_port)
                except (RuntimeError, OSError) as exc:  # it did not come up: its log says why
                    raise fail(f"the local broker did not start: {exc}") from None
                stop_argv = getattr(local, "stop_argv", None)
                guardian.watch(local.pid, "broker", sig=signal.SIGINT, stop_argv=stop_argv)
                log = getattr(local, "log_path", None)
                entry = BrokerEntry(
                    local.bootstrap, local.kind, local.version, local.pid, str(log) if log else None
                )
                say(f"{local.kind} broker up on {local.bootstrap} (pid {local.pid}, data in {state_dir})")
            else:
                entry = BrokerEntry(explicit[0], "external")
        base = load_settings(entry.bootstrap, web_port=web_port)
        record = UpRecord.for_this_process(
            entry, topic_prefix=base.topic_prefix, app_id=base.app_id, guardian_pid=guardian.proc.pid
        )
        _write_record(state_dir, record)
        from streams.clients.admin import ensure_topics

        asyncio.run(ensure_topics(base))
        log_path = state_dir / f"worker-{web_port}.log"
        with signals.deferred():
            proc = spawn_worker(base, log_path)
            guardian.watch(proc.pid, "worker", sig=signal.SIGTERM, grace=WORKER_STOP_SECONDS + 2)
        say(f"worker pid {proc.pid} (log: {log_path})")
        data_dir = str(base.data_dir) if base.data_dir else None
        record.workers.append(WorkerEntry(proc.pid, web_port, base.worker_url, str(log_path), data_dir))
        _write_record(state_dir, record)
        if not _wait_http(f"{base.worker_url}/health", 120, proc):
            raise fail(
                f"worker did not start (exit code {proc.poll()}); the end of {log_path}:\n" + _tail(log_path)
            )
        record.state = "running"
        _write_record(state_dir, record)
        if not no_seed:
            from streams.clients.lag import end_offsets, wait_until_idle

            paths = [str(p) for p in (seeds or [SEEDS])]
            summary = _feed(base, paths)
            say(f"fed {summary.sent} seed articles ({len(summary.rejected)} rejected)")
            asyncio.run(wait_until_idle(base, timeout=300))
            counts = asyncio.run(end_offsets(base))
            say("processed: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        out.print(f"\n[bold green]stancewire is running[/]: web view at [link]{base.worker_url}/[/link]")
        out.print("  status: stancewire status")
        out.print("  alerts: stancewire subscribe --from-beginning --include-new")
        out.print("  feed:   stancewire feed FILE.jsonl   (every command finds this broker by itself)")
        if exit_when_done:
            return
        out.print(f"  Ctrl-C (or kill {os.getpid()}) stops everything.")
        while proc.poll() is None:
            time.sleep(0.5)
        if proc.returncode not in (0, -signal.SIGTERM):
            say(f"error: worker exited with {proc.returncode}; the end of {log_path}:\n" + _tail(log_path))
            code = 1
    except Stopping as stop:
        say(f"{stop.name} received")
    finally:
        signals.stopping()
        if proc is not None or local is not None:
            say("stopping...")
        if record is not None:
            record.state = "stopping"
            _write_record(state_dir, record)
        started = time.monotonic()
        if proc is not None:
            stop_process(proc, timeout=WORKER_STOP_SECONDS + 2)
        worker_done = time.monotonic()
        if local is not None:
            local.stop()
        from stancewire.discovery import remove_record

        remove_record(state_dir, os.getpid())
        guardian.disarm()
        done = time.monotonic()
        if proc is not None or local is not None:
            say(
                f"stopped in {done - started:.1f}s (worker {worker_done - started:.1f}s, "
                f"broker {done - worker_done:.1f}s)"
            )
    if code:
        raise typer.Exit(code)


def _tail(path: Path, lines: int = 8) -> str:
    """The last lines of a log, for an error message (the cause is usually there)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "  (no log)"
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # terminal control codes of progress bars
    kept = [line for line in text.splitlines() if line.strip()]
    return "\n".join(f"  {line}" for line in kept[-lines:])


def _start_guardian(state_dir: Path):  # type: ignore[no-untyped-def]
    from stancewire.discovery import record_path
    from stancewire.guardian import Guardian

    return Guardian(state_dir / "guardian.log", record_path(state_dir))


def _write_record(state_dir: Path, record) -> None:  # type: ignore[no-untyped-def]
    from stancewire.discovery import write_record

    record.workers = [w for w in record.workers if w.pid]
    write_record(state_dir, record)


def _require_reachable(settings: Settings, address: str, why: str) -> None:
    from stancewire.discovery import BrokerChoice
    from stancewire.reach import UNREACHABLE_EXIT, unreachable_message
    from streams.clients.probe import probe

    reason = asyncio.run(probe(settings))
    if reason is not None:
        raise fail(unreachable_message(BrokerChoice(address, "flag", why), reason), UNREACHABLE_EXIT)


@app.command()
def status(
    broker: BrokerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as one JSON object.")] = False,
) -> None:
    """What is running: broker (address, kind), workers (web ports, pids), lag per topic, dead letters."""
    from stancewire.discovery import read_record, record_path, registered_workers, resolve_broker
    from stancewire.reach import UNREACHABLE_EXIT, quiet_client_logs, unreachable_message
    from stancewire.status import local_part, render
    from streams.clients.broker_status import gather_broker
    from streams.clients.probe import probe

    base = load_settings(None)
    quiet_client_logs(base.log_level)
    choice = resolve_broker(broker, base.state_dir)
    say(choice.line())
    others = registered_workers(base.state_dir, base.app_id)
    info = local_part(choice, read_record(base.state_dir), str(record_path(base.state_dir)), others)
    settings = load_settings(choice.address)
    reason = asyncio.run(probe(settings))
    info["broker"]["reachable"] = reason is None
    info["broker"]["error"] = reason
    if reason is None:
        try:
            info.update(gather_broker(settings))
        except Exception as exc:  # the broker answered the probe but not these requests
            info["broker"]["error"] = f"{type(exc).__name__}: {exc}"
    if as_json:
        sys.stdout.write(json.dumps(info, indent=2) + "\n")
    else:
        for line in render(info):
            out.print(line, soft_wrap=True, highlight=False)
    if reason is not None:
        raise fail(unreachable_message(choice, reason), UNREACHABLE_EXIT)


@app.command()
def topics(broker: BrokerOpt = None) -> None:
    """Create the pipeline topics (idempotent) and print their record counts."""
    from streams.clients.admin import ensure_topics
    from streams.clients.lag import end_offsets

    settings = _client_settings(broker)
    created = asyncio.run(ensure_topics(settings))
    for name in created:
        err.print(f"created {name}")
    out.print(json.dumps(asyncio.run(end_offsets(settings)), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
