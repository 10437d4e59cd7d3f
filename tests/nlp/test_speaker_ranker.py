"""The learned speaker ranker (issue 15): its model file, its scoring, and that it really decides.

Every text here is fictional (invented people, places and organisations). The decision tests set
a hand-written model on the attribution component and check that the speaker follows it, and
that with the ranker off the rules' choice comes back: with the ranker bypassed they fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

import pytest

from stancewire.nlp.attribution.candidates import Decision
from stancewire.nlp.attribution.ranker import (
    FEATURES,
    KINDS,
    MODEL_FILE,
    RankerModel,
    RankerModelError,
    held_by_rules,
    load_model,
    ranker_mode,
)
from stancewire.nlp.components import ATTRIBUTION, AttributionComponent
from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

PRONOUN_TEXT = (
    "Tomas Brennick, the finance minister of the fictional Valdora, said the budget would pass.\n\n"
    "Later, Brennick met Arvid Solenne at the market in Kelbridge.\n\n"
    "He said the price of grain was too high."
)
# The rules give "he" to the person asked (Solenne), who is no subject: the ranker may overrule.
ASKED_TEXT = (
    "Radio host Tomas Brennick asked Governor Arvid Solenne whether the fictional port of Kelbridge "
    "would reopen.\n\n"
    "\u201cNext spring, if the weather holds,\u201d he said."
)
ROLE_TEXT = (
    "The council heard from Arvid Solenne, who farms near the fictional town of Kelbridge.\n\n"
    "The veteran economist said prices would rise next year."
)
# The rules give "She" to Brandt, the subject just introduced, who has not spoken yet.
NEW_SUBJECT_TEXT = (
    "Mara Holm, the port director of the fictional Kelbridge, said the ferry would run again in May.\n\n"
    "Ilse Brandt, a baker in the town, got her licence back on Friday. She said the wait had cost "
    "her a summer."
)


def _model(kind_weights: dict[str, float], null: float = 0.0) -> RankerModel:
    w = [kind_weights.get(name, 0.0) for name in FEATURES]
    w[FEATURES.index("null")] = null
    return RankerModel({k: tuple(w) for k in KINDS}, {"note": "hand-written for a test"})


@pytest.fixture
def component(extractor: Extractor) -> Iterator[AttributionComponent]:
    comp = extractor.nlp.get_pipe(ATTRIBUTION)
    saved = comp.scorer, comp.trace
    yield comp
    comp.scorer, comp.trace = saved


def _speakers(extractor: Extractor, text: str, ranker: bool | str) -> list[str | None]:
    ex = Extractor(nlp=extractor.nlp, registry=extractor.registry, with_stance=False, speaker_ranker=ranker)
    res = ex.extract(Article(id="ranker-test", text=text, synthetic=True))
    return [q.speaker.id if q.speaker else None for q in res.quotes]


def test_shipped_model_loads_and_lists_this_codes_features() -> None:
    raw = json.loads(resources.files("stancewire.nlp").joinpath("data", MODEL_FILE).read_text("utf-8"))
    assert raw["features"] == list(FEATURES)
    model = load_model()
    assert set(model.weights) == set(KINDS)
    assert all(len(w) == len(FEATURES) for w in model.weights.values())
    assert "trained_on" in model.meta  # written by the training script, not by hand


def test_a_model_for_other_features_is_refused() -> None:
    raw = _model({"rule_choice": 1.0}).to_dict()
    raw["features"] = [*FEATURES[:-1], "something_else"]
    with pytest.raises(RankerModelError):
        RankerModel.from_dict(raw)
    raw = _model({"rule_choice": 1.0}).to_dict()
    raw["weights"] = {"pronoun": raw["weights"]["pronoun"]}  # type: ignore[index]
    with pytest.raises(RankerModelError):
        RankerModel.from_dict(raw)


def test_best_is_the_highest_score_first_on_ties() -> None:
    m = _model({"spoke_before": 2.0, "char_distance": -1.0})
    f = [0.0] * len(FEATURES)
    far_speaker = list(f)
    far_speaker[FEATURES.index("spoke_before")] = 1.0
    far_speaker[FEATURES.index("char_distance")] = 1.0
    near = list(f)
    near[FEATURES.index("char_distance")] = 0.2
    assert m.best("pronoun", [near, far_speaker]) == 1  # 2 - 1 = 1 beats -0.2
    assert m.best("pronoun", [near, near]) == 0
    assert m.best("pronoun", []) is None


def test_the_ranker_decides_a_pronoun_speaker(extractor: Extractor, component: AttributionComponent) -> None:
    # Rules: "he" is the person asked, Solenne. A model that wants the first person named picks
    # Brennick; one that wants the most recently mentioned person keeps Solenne.
    assert _speakers(extractor, ASKED_TEXT, ranker=False)[-1] == "person:arvid-solenne"
    component.scorer = _model({"first_person_named": 5.0})
    assert _speakers(extractor, ASKED_TEXT, ranker=True)[-1] == "person:tomas-brennick"
    component.scorer = _model({"recency_rank": -5.0})
    assert _speakers(extractor, ASKED_TEXT, ranker=True)[-1] == "person:arvid-solenne"


def test_the_rules_pick_stands_when_it_is_the_latest_subject(
    extractor: Extractor, component: AttributionComponent
) -> None:
    # A model that always wants the last speaker would give "She" to Holm; the subject the
    # article has just introduced (Brandt) is held whatever the scores (held_by_rules).
    assert _speakers(extractor, NEW_SUBJECT_TEXT, ranker=False)[-1] == "person:ilse-brandt"
    component.scorer = _model({"last_person_speaker": 9.0, "spoke_before": 9.0})
    assert _speakers(extractor, NEW_SUBJECT_TEXT, ranker=True)[-1] == "person:ilse-brandt"


def test_held_by_rules_needs_the_rules_pick_as_the_latest_subject_outside_quotes() -> None:
    def feats(*names: str) -> list[float]:
        return [1.0 if n in names else 0.0 for n in FEATURES]

    assert held_by_rules(feats("rule_choice", "last_mention_subject"))
    assert not held_by_rules(feats("last_mention_subject"))  # not the rules' pick
    assert not held_by_rules(feats("rule_choice"))  # its latest mention is no subject
    assert not held_by_rules(feats("rule_choice", "last_mention_subject", "newer_subject_exists"))
    assert not held_by_rules(feats("rule_choice", "last_mention_subject", "last_mention_in_quote"))
    m = _model({"last_speaker": 9.0})
    assert m.best("pronoun", [feats("last_speaker"), feats("rule_choice", "last_mention_subject")]) == 1


def test_the_ranker_decides_a_role_noun_or_leaves_it_a_description(
    extractor: Extractor, component: AttributionComponent
) -> None:
    component.scorer = _model({"surely_person": 3.0}, null=1.0)
    assert _speakers(extractor, ROLE_TEXT, ranker=True) == ["person:arvid-solenne"]
    component.scorer = _model({"surely_person": 3.0}, null=5.0)
    (sp,) = _speakers(extractor, ROLE_TEXT, ranker=True)
    assert sp is not None and sp.startswith("unknown:") and "economist" in sp


def test_the_trace_records_candidates_features_and_the_rules_choice(
    extractor: Extractor, component: AttributionComponent
) -> None:
    component.trace = []
    _speakers(extractor, PRONOUN_TEXT, ranker=False)
    ((article, decisions),) = component.trace
    assert article == "ranker-test"
    (d,) = [d for d in decisions if d.kind == "pronoun"]
    assert isinstance(d, Decision)
    assert PRONOUN_TEXT[d.start : d.end] == "He"
    assert {"person:tomas-brennick", "person:arvid-solenne"} <= set(d.actor_ids)
    assert d.rule is not None and d.actor_ids[d.rule] == "person:tomas-brennick"
    assert d.chosen == d.rule  # ranker off: the rules decide
    assert all(len(f) == len(FEATURES) for f in d.feats)
    spoke = FEATURES.index("spoke_before")
    assert d.feats[d.actor_ids.index("person:tomas-brennick")][spoke] == 1.0
    assert d.feats[d.actor_ids.index("person:arvid-solenne")][spoke] == 0.0


def test_roles_mode_ranks_role_nouns_only(extractor: Extractor, component: AttributionComponent) -> None:
    component.scorer = _model({"first_person_named": 5.0, "surely_person": 3.0}, null=1.0)
    assert _speakers(extractor, ASKED_TEXT, ranker="roles")[-1] == "person:arvid-solenne"
    assert _speakers(extractor, ROLE_TEXT, ranker="roles") == ["person:arvid-solenne"]
    with pytest.raises(ValueError):
        ranker_mode("sometimes")
