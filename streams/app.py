"""The Faust application, built by ``create_app(settings)``: nothing is created when a module is
imported. The factory makes the app from one ``Settings`` object, installs the client patches
(``streams.patches``), creates the topics and tables, and registers every agent (``agents.wiring``), the
web views (``streams.views``) and the diagnostics task on it. ``stancewire worker`` calls it with
the settings it resolved; tests and benchmarks may build as many apps as they like.

This is the one module of ``streams`` that imports ``agents`` (the layer above it): the factory is
where the layers are put together (``pyproject.toml``'s import contracts name this exception)."""

from __future__ import annotations

import logging

import faust

from agents.wiring import register_agents
from stancewire.settings import Settings
from streams import patches, views
from streams.tables import create_tables
from streams.topics import create_topics


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


def build_app(settings: Settings) -> faust.App:
    """The Faust app with its configuration and client patches, nothing registered on it."""
    quiet_client_debug_logs(settings)
    settings.worker_data_dir.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        settings.app_id,
        broker=settings.faust_broker,
        broker_credentials=broker_credentials(settings),
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
    # Every patch of Faust/aiokafka internals, and the timers some of them need (streams/patches).
    patches.install(app, settings)
    return app


def create_app(settings: Settings) -> faust.App:
    """The worker's app: ``build_app`` plus every topic, table, agent, timer and view."""
    app = build_app(settings)
    topics = create_topics(app, settings)
    tables = create_tables(app, settings)
    register_agents(app, topics, tables, settings)
    views.register(app, tables, settings)
    app.task(install_diagnostics)
    return app


async def install_diagnostics() -> None:
    # SIGUSR1 dumps every asyncio task's stack to the log (streams/diagnostics.py).
    import asyncio

    from streams import diagnostics

    diagnostics.install(asyncio.get_running_loop())
