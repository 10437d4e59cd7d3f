"""The ``stancewire`` command line: run the pipeline, feed it, follow its alerts, work offline."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import pkgutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

app = typer.Typer(
    help="stancewire: quotes, speakers, stance evidence and stance-change alerts from news, on Kafka.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"

BrokerOpt = Annotated[
    str | None, typer.Option("--broker", "-b", help="Kafka bootstrap host:port (default: STANCEWIRE_BROKER).")
]


def _settings(broker: str | None = None, **overrides: object):  # type: ignore[no-untyped-def]
    """Settings from the environment, with command-line overrides applied on top."""
    from streams.settings import Settings

    values = {k: v for k, v in overrides.items() if v is not None}
    if broker:
        values["broker"] = broker
    return Settings(**values)  # type: ignore[arg-type]


def _export(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Environment for a child worker process carrying these settings."""
    env = dict(os.environ)
    for name, value in settings.model_dump().items():
        if value is not None:
            env[f"STANCEWIRE_{name.upper()}"] = str(value)
    return env


# --------------------------------------------------------------------------- worker


@app.command()
def worker(
    broker: BrokerOpt = None,
    web_port: Annotated[int | None, typer.Option(help="Web view port (each worker needs its own).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="This worker's state dir (RocksDB).")] = None,
    loglevel: Annotated[str, typer.Option(help="Log level.")] = "warning",
) -> None:
    """Run one worker. Run several (each with its own --web-port) to spread the partitions."""
    settings = _settings(broker, web_port=web_port, data_dir=data_dir)
    # streams.app reads its settings from the environment at import time.
    os.environ.update(_export(settings))
    from stancewire.admin import ensure_topics

    asyncio.run(ensure_topics(settings))
    from streams.patches.broker_kind import resolve_broker_kind

    # Which broker this is decides which client patches the worker needs (streams/patches).
    os.environ["STANCEWIRE_BROKER_KIND"] = kind = resolve_broker_kind(settings)
    if kind == "noida":
        from streams.patches.membership import evict_previous_member

        # A previous worker on this data dir that died without leaving the group (kill -9,
        # OOM) would hold the rebalance for ever: noida-db never expires it.
        asyncio.run(evict_previous_member(settings))
    from faust.worker import Worker

    # Faust's autodiscovery only logs a warning when a module fails to import, and the worker
    # would then run without that stage; import them here so a broken stage stops the worker.
    import agents
    from streams.app import app as faust_app

    for mod in pkgutil.iter_modules(agents.__path__):
        importlib.import_module(f"agents.{mod.name}")
    importlib.import_module("streams.views")

    Worker(faust_app, loglevel=loglevel, quiet=True).execute_from_commandline()


# --------------------------------------------------------------------------- feed


def _feed(settings, paths: list[str], validate: bool = True, quiet: bool = False):  # type: ignore[no-untyped-def]
    from stancewire.feed import feed_records
    from stancewire.readers import read_inputs

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
    settings = _settings(broker)
    from stancewire.admin import ensure_topics

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
    from stancewire.subscribe import AlertFilter, Webhook, render
    from stancewire.subscribe import subscribe as run

    settings = _settings(broker)

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


# --------------------------------------------------------------------------- extract / eval


@app.command()
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders, or - for stdin (default).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model (default: STANCEWIRE_MODEL_NAME).")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 16,
) -> None:
    """Offline extraction, no Kafka: one JSON line per article with its quotes and stances."""
    from stancewire.nlp.extract import Extractor
    from stancewire.readers import read_inputs
    from stancewire.validation import Limits, RejectedRecord, parse_article

    settings = _settings(None)
    limits = Limits(settings.max_article_bytes, settings.max_text_chars, settings.max_sentence_tokens)
    articles, failures = [], 0
    try:
        for record in read_inputs(paths or ["-"]):
            try:
                articles.append(parse_article(record.data, limits))
            except RejectedRecord as exc:
                failures += 1
                err.print(f"[yellow]{record.origin}[/]: {exc}")
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    extractor = Extractor(model_name=model or settings.model_name)
    for result in extractor.extract_many(articles, batch_size=batch_size):
        sys.stdout.write(result.model_dump_json() + "\n")
    sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    gold: Annotated[
        Path | None, typer.Argument(help="Gold JSONL (default: tests/data/gold/quotes.jsonl).")
    ] = None,
    stance: Annotated[bool, typer.Option("--stance", help="Score stance coding instead of quotes.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
) -> None:
    """Score extraction against a gold file: quote P/R/F1 and speaker accuracy, or stance accuracy."""
    if stance:
        from stancewire.eval.stance_eval import run_stance_eval

        path = gold or PROJECT_ROOT / "tests" / "data" / "stance_sentences.jsonl"
        raise typer.Exit(run_stance_eval(str(path), model_name=model, as_json=as_json))
    from stancewire.eval.cli_support import run_quote_eval

    path = gold or PROJECT_ROOT / "tests" / "data" / "gold" / "quotes.jsonl"
    raise typer.Exit(run_quote_eval(str(path), model_name=model, json_out=as_json))


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


def spawn_worker(settings, log_path: Path | None = None) -> subprocess.Popen[bytes]:  # type: ignore[no-untyped-def]
    """A worker in its own process (own process group, so Ctrl-C is handled by ``up``)."""
    log = open(log_path, "ab") if log_path else None  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen(
        [sys.executable, "-m", "stancewire.cli", "worker", "--loglevel", settings.log_level],
        env=_export(settings),
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else None,
        start_new_session=True,
    )
    if log:
        log.close()
    return proc


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


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
    """The main job on one machine: broker (embedded unless --broker), a worker, the seeds, the web view."""
    from stancewire.admin import ensure_topics
    from stancewire.broker import start_local_broker
    from stancewire.lag import end_offsets, wait_until_idle

    base = _settings(broker, web_port=web_port)
    embedded = None
    if not broker:
        err.print(f"starting the local broker on 127.0.0.1:{broker_port} (data in {base.state_dir}/broker)")
        embedded = start_local_broker(base.state_dir / "broker", port=broker_port)
        err.print(f"broker ready: {embedded.kind} {embedded.version} on {embedded.bootstrap}")
        base = _settings(embedded.bootstrap, web_port=web_port)
    proc = None
    try:
        asyncio.run(ensure_topics(base))
        log_path = base.state_dir / f"worker-{web_port}.log"
        err.print(f"starting worker (log: {log_path})")
        proc = spawn_worker(base, log_path)
        if not _wait_http(f"{base.worker_url}/health", 120, proc):
            err.print(f"[red]worker did not start; see {log_path}[/]")
            raise typer.Exit(1)
        if not no_seed:
            paths = [str(p) for p in (seeds or [SEEDS])]
            summary = _feed(base, paths)
            err.print(f"fed {summary.sent} seed articles ({len(summary.rejected)} rejected)")
            asyncio.run(wait_until_idle(base, timeout=300))
            counts = asyncio.run(end_offsets(base))
            err.print("processed: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        out.print(f"\n[bold green]stancewire is running[/]: web view at [link]{base.worker_url}/[/link]")
        out.print(f"  alerts: stancewire subscribe --broker {base.broker} --from-beginning --include-new")
        if exit_when_done:
            return
        out.print("  Ctrl-C stops everything.")
        with contextlib.suppress(KeyboardInterrupt):
            while proc.poll() is None:
                time.sleep(0.5)
        if proc.poll() is not None and proc.returncode not in (0, -signal.SIGTERM):
            err.print(f"[red]worker exited with {proc.returncode}; see {log_path}[/]")
    finally:
        err.print("stopping...")
        if proc is not None:
            stop_process(proc)
        if embedded is not None:
            embedded.stop()


@app.command()
def topics(broker: BrokerOpt = None) -> None:
    """Create the pipeline topics (idempotent) and print their record counts."""
    from stancewire.admin import ensure_topics
    from stancewire.lag import end_offsets

    settings = _settings(broker)
    created = asyncio.run(ensure_topics(settings))
    for name in created:
        err.print(f"created {name}")
    out.print(json.dumps(asyncio.run(end_offsets(settings)), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
