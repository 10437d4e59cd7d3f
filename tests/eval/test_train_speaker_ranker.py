"""The speaker ranker's training script: labels from Source annotations, the learner, the skip.

Fictional annotated texts (invented people); the real corpus is never needed here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stancewire.eval.polnear_corpus import CorpusArticle, GoldAttribution
from stancewire.eval.train_speaker_ranker import Instance, accuracy, fold_of, label, main, train, train_model
from stancewire.nlp.attribution.candidates import Decision
from stancewire.nlp.attribution.ranker import FEATURES

TEXT = (
    "Tomas Brennick said the fictional Valdoran budget would pass. "
    "Arvid Solenne said it would not. He said grain cost too much. "
    "The minister said little. A spokesman said nothing."
)


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


def _gold(source: str, nth: int = 0) -> GoldAttribution:
    a, b = _at(source, nth)
    return GoldAttribution(content=((b + 6, b + 10),), cue="said", source=source, source_frags=((a, b),))


ARTICLE = CorpusArticle(
    name="fictional",
    text=TEXT,
    attributions=[
        _gold("Tomas Brennick"),
        _gold("Arvid Solenne"),
        _gold("He"),
        _gold("The minister"),
        _gold("A spokesman"),
    ],
)
ZERO = [0.0] * len(FEATURES)


def _decision(word: str, kind: str, ids: list[str | None]) -> Decision:
    a, b = _at(word)
    return Decision(kind, a, b, ids, [list(ZERO) for _ in ids], 0, 0)


def test_pronoun_label_is_the_nearest_earlier_named_source_among_candidates() -> None:
    d = _decision("He", "pronoun", ["person:tomas-brennick", "person:arvid-solenne"])
    mask = label(ARTICLE, d)
    assert mask is not None and mask.tolist() == [False, True]
    # Solenne not among the candidates (say, another gender): the named Source before wins.
    d = _decision("He", "pronoun", ["person:tomas-brennick", "person:kira-lund"])
    mask = label(ARTICLE, d)
    assert mask is not None and mask.tolist() == [True, False]
    # No gold Source at the token: no label.
    assert label(ARTICLE, _decision("grain", "pronoun", ["person:tomas-brennick"])) is None


def test_role_label_null_for_an_indefinite_source() -> None:
    d = _decision("The minister", "role", ["person:arvid-solenne", None])
    mask = label(ARTICLE, d)
    assert mask is not None and mask.tolist() == [True, False]
    d = _decision("A spokesman", "role", ["person:arvid-solenne", None])
    mask = label(ARTICLE, d)
    assert mask is not None and mask.tolist() == [False, True]


def test_training_learns_what_separates_positives_and_is_deterministic() -> None:
    # Positives are the candidate that spoke before, whatever its distance: the learner must
    # put weight on spoke_before, and pick it on unseen instances.
    spoke, dist = FEATURES.index("spoke_before"), FEATURES.index("char_distance")
    rng = np.random.default_rng(0)
    insts = []
    for k in range(60):
        f = np.zeros((3, len(FEATURES)))
        f[:, dist] = rng.random(3)
        pos = k % 3
        f[pos, spoke] = 1.0
        insts.append(Instance(f"a{k}", "pronoun", f, np.arange(3) == pos, 0))
    w = train(insts)
    assert w == train(insts)
    assert w[spoke] > 1.0
    model = train_model(insts, {})
    right, n = accuracy(model, insts)
    assert right == n == 60
    assert accuracy(None, insts)[0] == 20  # the "rules" (index 0) are right a third of the time


def test_folds_are_fixed_and_cover_every_fold() -> None:
    names = [f"article-{i}" for i in range(200)]
    assert {fold_of(n, 5) for n in names} == set(range(5))
    assert [fold_of(n, 5) for n in names] == [fold_of(n, 5) for n in names]


def test_without_the_corpus_the_script_skips_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model.json"
    assert main(["--polnear-dir", str(tmp_path / "absent"), "--out", str(out)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not out.exists()
