"""Stance evidence: who is for or against whom/what, from quotes and reported actions.

Entry point :func:`stance_evidence` runs once per article on the Doc the extractor already parsed
(no re-parse) and returns one :class:`StanceEvidence` per attributed statement (quote with a
resolved speaker) and per reported action of an actor in narrative sentences.

How a piece of evidence is coded (rules only, linear in the number of tokens):

1. **Triggers.** Verbs are looked up in the stance lexicon (CAMEO verb patterns + hand additions,
   see :mod:`stancewire.nlp.lexicon`); the most specific pattern wins ("impose sanctions" over
   "impose"). Nominal triggers ("openness to talks", "a possible meeting", "his threat") fire only
   when no verb trigger governs them. A trigger inside another trigger's complement is folded into
   it: "threatened to impose sanctions" is one THREATEN, "refused to hold talks" one REJECT (meet),
   "agreed to meet" one AGREE whose implied issue is the meeting.
2. **Source.** The clause subject (following control, coordination, relative clauses and passive
   agents), resolved with ``mentions.actor_at``; unresolved pronouns fall back to the most recent
   named actor of a compatible kind. For quotes the source is always the quote's speaker. A relay
   (``Quote.relayed``: "“…,” Morn said, according to the Ledger") gives no evidence: the words are
   the direct quote's, whose speaker is who said them.
3. **Target.** The first object that resolves to an actor other than the source: direct object,
   then prepositional objects of the verb or its object ("sanctions *on* Ostrava"), then objects
   inside its complement ("accused Putin of seeking to manipulate Trump" -> Putin). Otherwise an
   issue from the issue lexicon in the object phrase (peace talks, a deal, a ceasefire ...) for
   verbal categories. Conflict acts with no explicit target fall back to the article's main
   counterpart (the most-mentioned other actor) with reduced confidence, because sanctions or
   strikes are *against someone* and an "issue:sanctions" target would invert the stance sign.
4. **Modality** (:mod:`stancewire.nlp.stance.modality`) and **score** (PLOVER score of category +
   mode, then adjusted, see :func:`code_score`).
"""

from __future__ import annotations

from stancewire.nlp.stance.evidence import stance_evidence

__all__ = ["stance_evidence"]
