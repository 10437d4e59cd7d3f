"""The Faust application. Agents (``agents``) and web views (``streams.views``) are found by
autodiscovery, as in Faust's own examples, so this module only wires configuration."""

from __future__ import annotations

import asyncio
import logging

import faust

from streams import kafka_cluster_fixes, kafka_compat
from streams.settings import Settings, get_settings


def broker_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            mechanism=settings.sasl_mechanism,
            ssl_context=settings.ssl_context(),
        )
    if settings.security_protocol == "SSL":
        return faust.SSLCredentials(settings.ssl_context())
    return None


def quiet_client_debug_logs(settings: Settings) -> None:
    """Faust's worker sets the *root* logger to DEBUG (for its terminal spinner) and filters in
    the handler, so every ``log.debug`` in aiokafka's fetch loop built a LogRecord (~5% of a
    busy worker's CPU). An explicit level on the ``aiokafka`` logger makes those calls no-ops;
    asking for debug logs (``STANCEWIRE_LOG_LEVEL=debug``) still gets them."""
    if settings.log_level.lower() != "debug":
        logging.getLogger("aiokafka").setLevel(logging.INFO)


def create_app(settings: Settings) -> faust.App:
    kafka_compat.install()
    kafka_compat.install_fetch_idle_backoff(settings.fetch_idle_backoff_ms)
    kafka_compat.install_commit_retry()
    kafka_compat.install_head_gap_guard()
    kafka_cluster_fixes.install()
    quiet_client_debug_logs(settings)
    settings.worker_data_dir.mkdir(parents=True, exist_ok=True)
    return faust.App(
        settings.app_id,
        broker=settings.faust_broker,
        broker_credentials=broker_credentials(settings),
        autodiscover=["agents", "streams.views"],
        origin="streams.app",
        datadir=str(settings.worker_data_dir),
        # Durable local state; tables are changelog-backed so any worker can recover them.
        store="rocksdb://",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication,
        # JSON keys everywhere: table_route hashes the JSON-encoded key, so topics must match.
        key_serializer="json",
        value_serializer="raw",
        # Exactly-once has open fencing bugs in faust-streaming; we are at-least-once with
        # idempotent, id-based processing downstream.
        processing_guarantee="at_least_once",
        consumer_auto_offset_reset="earliest",
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        canonical_url=settings.worker_url,
        web_in_thread=False,
        # Quotes and evidence are repetitive JSON: gzip makes them ~7x smaller on the wire, in the
        # broker and in the changelogs, for ~1 ms of CPU per article (lz4 needs an extra native
        # package and compressed less at no lower Python-side cost).
        producer_compression_type=settings.compression_type,
        # A few ms of linger and 64 KB batches: an extract batch sends hundreds of small records,
        # and one produce request per few records cost a socket write each (10% of the event
        # loop in benchmarks.profile_worker) plus broker work.
        producer_linger=settings.producer_linger_ms / 1000,
        producer_max_batch_size=65_536,
        producer_max_request_size=max(1_048_576, settings.max_article_bytes * 3),
        consumer_max_fetch_size=max(4_194_304, settings.max_article_bytes * 4),
        # Offsets are committed by Faust's timer every second. A count-based commit runs inline
        # in Faust's consumer loop (producer flush plus a broker round trip while no record is
        # delivered to any agent); at 100 records it fired several times a second under load.
        broker_commit_every=settings.commit_every_records,
        broker_commit_interval=settings.commit_interval_seconds,
        table_standby_replicas=0,
        stream_recovery_delay=0.0,
        # Do not wait for buffered events to drain on rebalance: a batch stuck waiting on a
        # send would stall the group join; redelivered events are deduped by id anyway.
        stream_wait_empty=False,
        # Short group timeouts: a rebalance waits for every known member up to the rebalance
        # timeout, and a member whose id was reset (after a failed commit) is only forgotten
        # when it expires; 60 s defaults would stall the whole group for a minute each time.
        broker_rebalance_timeout=settings.rebalance_timeout,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=max(0.5, settings.session_timeout / 10),
    )


settings = get_settings()
app = create_app(settings)


@app.task
async def install_diagnostics() -> None:
    # SIGUSR1 dumps every asyncio task's stack to the log (streams/diagnostics.py).
    import asyncio

    from streams import diagnostics

    diagnostics.install(asyncio.get_running_loop())


@app.timer(2.0)
async def retry_failed_commits() -> None:
    # Offsets whose commit the broker refused during a rebalance (streams/kafka_compat.py, 3).
    await kafka_compat.retry_failed_commits(app.consumer)


@app.timer(2.0)
async def reread_skipped_tails() -> None:
    # Records a rebalance skipped at the end of a partition (streams/kafka_compat.py).
    if app.flow_control.is_active() and not app.rebalancing:
        await kafka_compat.reread_skipped_tail(app.consumer, asyncio.get_running_loop().time())


@app.timer(5.0)
async def reread_stuck_partitions() -> None:
    # The last resort for a partition whose lag stands still (streams/kafka_compat.py); runs
    # whatever the rebalance and flow-control flags say, since a stuck flag is one way to stall.
    await kafka_compat.reread_if_stuck(
        app.consumer, asyncio.get_running_loop().time(), rebalancing=app.rebalancing,
        flow_active=app.flow_control.is_active(),
    )


_remembered: dict[str, str] = {}  # the member id last written, so the timer does no file I/O


@app.timer(2.0)
async def remember_member_id() -> None:
    # The next worker started on this data dir evicts this member if we die without leaving
    # the group (stancewire/membership.py).
    from stancewire.membership import remember_member

    thread = getattr(app.consumer, "_thread", None)
    consumer = getattr(thread, "_consumer", None) if thread is not None else None
    member_id = getattr(getattr(consumer, "_coordinator", None), "member_id", None)
    if member_id and member_id != _remembered.get("member_id"):
        remember_member(settings.worker_data_dir, settings.app_id, member_id)
        _remembered["member_id"] = member_id
