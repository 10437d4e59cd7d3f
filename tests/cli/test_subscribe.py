"""`stancewire subscribe` logic without a broker: filter, readable output, webhook warnings, dedupe bound."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from stancewire.alerts import AlertFilter, SeenIds, Webhook, render
from stancewire.schemas import ActorRef, EvidenceSummary, Position, StanceChange, TargetRef

AT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
VT = ActorRef(id="person:ilse-varga-tamm", name="Ilse Varga-Tamm")
REYEL = TargetRef(id="person:tomas-reyel", name="Tomas Reyel")
BIRK = ActorRef(id="person:anja-birk", name="Anja Birk")


def alert(
    kind: str = "change",
    actor: ActorRef = VT,
    target: TargetRef = REYEL,
    delta: float = -5.5,
    change_id: str = "chg-1",
) -> StanceChange:
    current = Position(
        actor=actor,
        target=target,
        score=-3.25,
        label="conflictual",
        evidence_count=3,
        first_seen=AT,
        last_seen=AT,
    )
    return StanceChange(
        change_id=change_id,
        kind=kind,
        first_seen=kind == "new",
        actor=actor,
        target=target,  # type: ignore[arg-type]
        current=current,
        previous_label=None if kind == "new" else "cooperative",
        new_label="conflictual",
        delta=delta,
        at=AT,
        evidence=[
            EvidenceSummary(
                evidence_id="e1",
                article_id="synth-seq-09",
                score=-6.0,
                category="ACCUSE",
                published_at=AT,
                quote_text="They betrayed\nthe accord.",
            )
        ],
    )


# --------------------------------------------------------------------------- AlertFilter.matches


def test_default_filter_takes_changes_not_new_records() -> None:
    assert AlertFilter().matches(alert())
    assert not AlertFilter().matches(alert(kind="new", delta=0.0))
    assert AlertFilter(include_new=True).matches(alert(kind="new", delta=0.0))


@pytest.mark.parametrize("actor", ["person:ilse-varga-tamm", "Ilse Varga-Tamm"])
def test_actor_filter_by_id_or_name(actor: str) -> None:
    assert AlertFilter(actor=actor).matches(alert())
    assert not AlertFilter(actor=actor).matches(alert(actor=BIRK))


@pytest.mark.parametrize("target", ["person:tomas-reyel", "Tomas Reyel"])
def test_target_filter_by_id_or_name(target: str) -> None:
    assert AlertFilter(target=target).matches(alert())
    assert not AlertFilter(target=target).matches(
        alert(target=TargetRef(id="issue:tariffs", name="tariffs", kind="issue"))
    )


def test_min_delta_is_absolute_and_inclusive_and_spares_new_records() -> None:
    assert AlertFilter(min_delta=5.5).matches(alert(delta=-5.5))
    assert AlertFilter(min_delta=5.5).matches(alert(delta=6.0))
    assert not AlertFilter(min_delta=5.6).matches(alert(delta=-5.5))
    # A first-seen record has no previous score: min_delta does not apply to it.
    assert AlertFilter(min_delta=5.0, include_new=True).matches(alert(kind="new", delta=0.0))


# --------------------------------------------------------------------------- render


def test_render_change() -> None:
    text = render(alert())
    head, basis, evidence = text.splitlines()
    assert head == (
        "CHANGE  Ilse Varga-Tamm -> Tomas Reyel: cooperative -> conflictual "
        "(delta -5.5, now -3.2)  [2025-03-14] id=chg-1"
    )
    # What the change rests on, then the position's whole mix (3 evidence, none of them acts).
    assert basis == "    basis: said (1 said); position: 3 said"
    # one line per item; "said" (quoted words) or "did" (a reported act) first
    assert evidence == "    said ACCUSE -6.0 synth-seq-09: They betrayed the accord."


def test_render_shows_a_reported_act_as_did() -> None:
    change = alert()
    change.evidence[0] = change.evidence[0].model_copy(update={"basis": "did", "category": "SANCTION"})
    change.current = change.current.model_copy(update={"did_count": 2})
    lines = render(change).splitlines()
    assert lines[1] == "    basis: did (1 did); position: 1 said, 2 did"
    assert lines[2].startswith("    did SANCTION -6.0 synth-seq-09:")
    both = change.model_copy(update={"evidence": [*change.evidence, alert().evidence[0]]})
    assert render(both).splitlines()[1] == "    basis: said+did (1 said, 1 did); position: 1 said, 2 did"


def test_render_new() -> None:
    head, basis = render(alert(kind="new", delta=0.0)).splitlines()[:2]
    assert head == "NEW  Ilse Varga-Tamm -> Tomas Reyel: conflictual (-3.2)  [2025-03-14] id=chg-1"
    assert basis == "    basis: said (1 said); position: 3 said"


# --------------------------------------------------------------------------- webhook warnings


def test_webhook_warns_when_retries_are_exhausted() -> None:
    attempts: list[int] = []
    warnings: list[str] = []

    def always_503(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        return httpx.Response(503)

    async def main() -> Webhook:
        hook = Webhook(
            "http://hook.invalid/x",
            retries=2,
            backoff=0.001,
            transport=httpx.MockTransport(always_503),
            on_warning=warnings.append,
        )
        hook.start()
        hook.offer(alert())
        await hook.close(drain_timeout=5)
        return hook

    hook = asyncio.run(main())
    assert len(attempts) == 3 and hook.failed == 1 and hook.delivered == 0
    assert len(warnings) == 1
    assert "chg-1" in warnings[0] and "HTTP 503" in warnings[0] and "after 3 attempts" in warnings[0]


def test_webhook_warns_when_its_queue_is_full() -> None:
    warnings: list[str] = []

    async def main() -> list[bool]:
        hook = Webhook(
            "http://hook.invalid/x",
            queue_size=1,
            on_warning=warnings.append,
            transport=httpx.MockTransport(lambda r: httpx.Response(200)),
        )
        offered = [hook.offer(alert(change_id="a")), hook.offer(alert(change_id="b"))]
        await hook.client.aclose()  # never started: nothing to drain
        return offered

    assert asyncio.run(main()) == [True, False]
    assert len(warnings) == 1 and "queue full" in warnings[0] and "alert b" in warnings[0]


def test_default_warning_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from stancewire.alerts import warn

    warn("webhook queue full")
    out, err = capsys.readouterr()
    assert out == "" and err == "warning: webhook queue full\n"


# --------------------------------------------------------------------------- dedupe memory


def test_seen_ids_are_bounded_oldest_first() -> None:
    seen = SeenIds(limit=1000)
    for n in range(5000):
        seen.add(f"c{n}")
    assert len(seen) == 1000
    assert "c4999" in seen and "c4000" in seen and "c3999" not in seen and "c0" not in seen
    seen.add("c4000")  # seen again: now the newest, not evicted next
    seen.add("new")
    assert "c4000" in seen and "c4001" not in seen


def test_webhook_payload_says_which_basis_the_change_came_from() -> None:
    import json

    bodies: list[dict] = []

    def record(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(200)

    change = alert()
    change.evidence[0] = change.evidence[0].model_copy(update={"basis": "did"})
    change.current = change.current.model_copy(update={"did_count": 1})

    async def main() -> None:
        hook = Webhook("http://hook.invalid/x", transport=httpx.MockTransport(record))
        hook.start()
        hook.offer(change)
        await hook.close(drain_timeout=5)

    asyncio.run(main())
    (body,) = bodies
    assert body["basis"] == "did" and body["basis_counts"] == {"said": 0, "did": 1}
    assert body["evidence"][0]["basis"] == "did"
    assert (body["current"]["said_count"], body["current"]["did_count"]) == (2, 1)
    # A receiver that validates with the same schema reads it back (the derived fields are ignored).
    assert StanceChange.model_validate(body).basis == "did"
