"""`stancewire feed --no-validate`: a record too large for any broker is reported, not a crash."""

from __future__ import annotations

import asyncio
import json

import pytest

from stancewire.broker import EmbeddedBroker
from stancewire.readers import RawRecord
from stancewire.settings import Settings
from streams.clients.feed import feed_records

pytestmark = pytest.mark.broker


def test_oversize_unvalidated_record_is_rejected_and_the_rest_is_sent(broker: EmbeddedBroker) -> None:
    settings = Settings(broker=broker.bootstrap, topic_prefix="feednv")
    huge = json.dumps({"id": "huge", "text": "word " * 400_000}).encode()
    good = json.dumps({"id": "good", "text": "Ama Koro said the bridge was safe."}).encode()
    records = [RawRecord("in:1", huge), RawRecord("in:2", good), RawRecord("in:3", b"{not json")]
    summary = asyncio.run(feed_records(settings, records, validate=False))
    # The malformed record is sent as is (the worker dead-letters it); the huge one cannot be.
    assert summary.sent == 2
    assert [origin for origin, _ in summary.rejected] == ["in:1"]
    assert summary.rejected[0][1].startswith("oversize:")
