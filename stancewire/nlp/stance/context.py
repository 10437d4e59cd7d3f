"""The per-article state of the stance rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.issues import IssueLexicon
from stancewire.nlp.lexicon import Lexicon
from stancewire.nlp.stance.coding import Trigger
from stancewire.nlp.stance.syntax import clause_depth
from stancewire.nlp.types import MentionResolver
from stancewire.schemas import ActorRef, Article


@dataclass
class StanceContext:
    """What the stance rules know about one article: its triggers, actors and who addressed whom."""

    doc: Doc
    article: Article
    mentions: MentionResolver
    lex: Lexicon
    issues: IssueLexicon
    triggers: dict[int, Trigger] = field(default_factory=dict)
    counts: Counter[str] | None = None  # actor id -> mentions, counted on first need
    first_seen: dict[str, ActorRef] = field(default_factory=dict)  # actor id -> its first mention's ref
    refs: dict[str, ActorRef] = field(default_factory=dict)
    affiliation: dict[str, set[str]] = field(default_factory=dict)
    # source id -> actor ids it was an explicit target of evidence for, in text order.
    addressed: dict[str, list[str]] = field(default_factory=dict)
    depths: dict[int, int] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)  # mention text / actor name -> actor id
    text: str = ""  # doc.text rebuilds the string on every access; read it once

    def __post_init__(self) -> None:
        self.text = doccache.text(self.doc)

    def depth(self, tok: Token) -> int:
        d = self.depths.get(tok.i)
        if d is None:
            d = self.depths[tok.i] = clause_depth(tok)
        return d

    def ref(self, a: ActorRef) -> ActorRef:
        return self.refs.setdefault(a.id, a)

    def own_side(self, actor_id: str) -> set[str]:
        return {actor_id} | self.affiliation.get(actor_id, set())
