"""The offline half of the ``stancewire`` command, no Kafka: ``extract`` and ``eval``, and the
helpers every command uses (settings with command-line overrides, one-line messages).

The whole command, with the commands that talk to the broker, is ``streams.cli``; this module
has its own small ``app`` (the two offline commands) for tools and tests that need no broker.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from stancewire.settings import PROJECT_ROOT, Settings

app = typer.Typer(
    help="stancewire, offline: extract quotes and stances from articles, score against gold files.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console(soft_wrap=True)  # long lines (URLs, commands) stay whole when piped


def load_settings(broker: str | None = None, **overrides: object) -> Settings:
    """Settings from the environment, with command-line overrides applied on top."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if broker:
        values["broker"] = broker
    return Settings(**values)  # type: ignore[arg-type]


def say(message: str) -> None:
    """One plain line on stderr (no wrapping, no markup: paths and addresses print as they are)."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def fail(message: str, code: int = 1) -> typer.Exit:
    say(f"error: {message}")
    return typer.Exit(code)


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

    settings = load_settings(None)
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
        Path | None,
        typer.Argument(
            help="Gold JSONL (default: tests/data/gold/quotes.jsonl), or with --format polnear the "
            "PolNeAR directory (default: ../shared/corpora/polnear-train)."
        ),
    ] = None,
    stance: Annotated[bool, typer.Option("--stance", help="Score stance coding instead of quotes.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
    events: Annotated[
        bool,
        typer.Option(
            "--events",
            help="With --stance: score the event gold set (tests/data/events/, dev and held-out "
            "reported apart) instead of the quote-based stance gold. A GOLD event file works too.",
        ),
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="quotes: our gold JSONL; polnear: PolNeAR brat standoff.")
    ] = "quotes",
    split: Annotated[
        str, typer.Option(help="PolNeAR: dev (tune on it), holdout (a fixed fifth, report only) or all.")
    ] = "dev",
    mask_noise: Annotated[
        bool,
        typer.Option(
            "--mask-noise", help="PolNeAR or --by-class: blank scraper noise lines before extraction."
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option(help="PolNeAR: score only the first N articles.")] = None,
    save_predictions: Annotated[
        Path | None, typer.Option(help="PolNeAR: also write the predictions to this JSONL file.")
    ] = None,
    load_predictions: Annotated[
        Path | None, typer.Option(help="PolNeAR: score predictions saved earlier instead of extracting.")
    ] = None,
    by_class: Annotated[
        bool,
        typer.Option("--by-class", help="Quotes: add the issue-15 attribution classes and noise hits."),
    ] = False,
) -> None:
    """Score extraction against a gold file: quote P/R/F1 and speaker accuracy, or stance accuracy."""
    if fmt == "polnear":
        if split not in ("dev", "holdout", "all"):
            err.print(f"[red]error:[/] --split must be dev, holdout or all, not {split!r}")
            raise typer.Exit(2)
        from stancewire.eval.polnear_run import run_polnear_eval

        raise typer.Exit(
            run_polnear_eval(
                gold,
                split=split,  # type: ignore[arg-type]  # checked against the Literal just above
                json_out=as_json,
                mask_noise=mask_noise,
                limit=limit,
                model_name=model,
                save=save_predictions,
                load=load_predictions,
            )
        )
    if fmt != "quotes":
        err.print(f"[red]error:[/] --format must be quotes or polnear, not {fmt!r}")
        raise typer.Exit(2)
    if stance or events:
        from stancewire.eval.stance_eval import event_gold_paths, run_stance_eval

        if gold is not None:
            paths = [gold]
        elif events:
            paths = event_gold_paths()
        else:
            paths = [PROJECT_ROOT / "tests" / "data" / "stance_sentences.jsonl"]
        raise typer.Exit(run_stance_eval(paths, model_name=model, as_json=as_json))
    path = gold or PROJECT_ROOT / "tests" / "data" / "gold" / "quotes.jsonl"
    if by_class or mask_noise:  # masking is only offered with the class report (it shows the noise hits)
        from stancewire.eval.gold_classes import run_class_eval

        raise typer.Exit(run_class_eval(str(path), model_name=model, json_out=as_json, mask_noise=mask_noise))
    from stancewire.eval.cli_support import run_quote_eval

    raise typer.Exit(run_quote_eval(str(path), model_name=model, json_out=as_json))
