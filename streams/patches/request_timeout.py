"""A bounded wait for each answer of the worker's producer (``streams/patches/cluster.py``, item 3).

Faust gives aiokafka its ``producer_request_timeout`` (1,200 s) as ``request_timeout_ms``, which
aiokafka uses both as the batches' lifetime and as the wait for each request's answer
(https://github.com/aio-libs/aiokafka/issues/632, open: no ``delivery.timeout.ms``). Here the
wait for an answer is bounded and the batches' lifetime is left alone. Two parts, both needed:

* the timeout itself, on the client (each connection it opens waits that long for an answer)
  and on the sender (the time the broker may hold a ProduceRequest for the replicas' acks);
* a connection whose answer timed out is closed, as Kafka's Java client disconnects on a
  request timeout. aiokafka's ``AIOKafkaClient.send`` does that, but its metadata refresh
  (``_metadata_update``) calls the connection directly, catches the timeout and keeps the
  connection: the next refresh went to the same connection the broker had stopped reading,
  and so on for ever (the single-node commit stall in docs/reliability.md).
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.conn import AIOKafkaConnection, CloseReason

_MARK = "_stancewire_close_on_timeout"


def close_on_timeout(conn: AIOKafkaConnection) -> None:
    """Make ``conn`` close itself when an answer does not come within its request timeout."""
    if getattr(conn, _MARK, False):
        return
    send = conn.send

    def send_closing(request: Any, expect_response: bool = True) -> Any:
        waiter = send(request, expect_response=expect_response)
        if not expect_response:
            return waiter

        async def answer() -> Any:
            try:
                return await waiter
            except TimeoutError:  # async_timeout raises asyncio.TimeoutError, the same class
                # Whatever the broker does with this connection, it is not answering on it:
                # requests after this one would wait behind it. A new connection starts clean.
                conn.close(reason=CloseReason.CONNECTION_TIMEOUT)
                raise

        return answer()

    conn.send = send_closing  # type: ignore[method-assign]
    setattr(conn, _MARK, True)


def bound_request_timeout(producer: AIOKafkaProducer, seconds: float) -> None:
    """Each request of the not yet started ``producer`` waits at most ``seconds`` for its answer,
    then its connection is dropped; the batches' lifetime (the accumulator's) stays as set."""
    ms = int(seconds * 1000)
    client = producer.client
    client._request_timeout_ms = ms
    producer._sender._request_timeout_ms = ms
    get_conn = client._get_conn

    async def _get_conn(node_id: Any, **kwargs: Any) -> AIOKafkaConnection | None:
        conn = await get_conn(node_id, **kwargs)
        if conn is not None:
            close_on_timeout(conn)
        return conn

    client._get_conn = _get_conn  # type: ignore[method-assign]
