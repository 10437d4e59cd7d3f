"""Reading articles from files, folders and stdin: JSON, JSONL or plain text.

Shared by ``stancewire feed`` (which sends them to Kafka) and ``stancewire extract`` (offline),
so both accept exactly the same inputs. Each item is either the raw record bytes (to be
validated by the caller) or a reason why the input could not be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".jsonl", ".ndjson", ".json", ".txt")


@dataclass
class RawRecord:
    origin: str  # "path:line" for humans
    data: bytes


def _text_record(article_id: str, text: str) -> bytes:
    return json.dumps({"id": article_id, "text": text, "source": "file"}).encode("utf-8")


def _from_jsonl(name: str, content: bytes) -> Iterator[RawRecord]:
    for lineno, line in enumerate(content.splitlines(), 1):
        if line.strip():
            yield RawRecord(f"{name}:{lineno}", line.strip())


def _from_json(name: str, content: bytes) -> Iterator[RawRecord]:
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        # Not a JSON document: hand the bytes on so validation reports the exact problem.
        yield RawRecord(name, content)
        return
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        yield RawRecord(f"{name}[{i}]", json.dumps(item).encode("utf-8"))


def read_path(path: Path) -> Iterator[RawRecord]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
            yield from read_path(child)
        return
    content = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _from_jsonl(str(path), content)
    elif suffix == ".json":
        yield from _from_json(str(path), content)
    else:
        yield RawRecord(str(path), _text_record(path.stem, content.decode("utf-8", "replace")))


def read_stdin(stream: Iterable[bytes] | None = None) -> Iterator[RawRecord]:
    """Stdin: JSONL if the first non-blank character is ``{``, else one plain-text article."""
    content = b"".join(stream) if stream is not None else sys.stdin.buffer.read()
    if content.lstrip().startswith((b"{", b"[")):
        if content.lstrip().startswith(b"["):
            yield from _from_json("<stdin>", content)
        else:
            yield from _from_jsonl("<stdin>", content)
    elif content.strip():
        yield RawRecord("<stdin>", _text_record("stdin", content.decode("utf-8", "replace")))


def read_inputs(paths: Iterable[str]) -> Iterator[RawRecord]:
    for p in paths:
        if p == "-":
            yield from read_stdin()
        else:
            path = Path(p)
            if not path.exists():
                raise FileNotFoundError(f"no such file or folder: {p}")
            yield from read_path(path)
