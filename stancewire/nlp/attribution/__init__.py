"""Speaker resolution: turn a quote candidate's speaker token/span into a canonical ``Speaker``.

Quotes are attributed in text order so the previous speaker is known:

* a token inside a name mention -> that person (``mention_kind=name``), with the affiliation the
  article gave ("Kremlin spokesman Dmitry Peskov" -> affiliation "Kremlin");
* an organisation or place ("the Kremlin", "Kyiv") -> its actor (``organisation``);
* a role noun ("the US president", "the company", "the American side") -> the article's earlier
  mention or the registry role holder at ``published_at`` (``role``); unresolved role nouns and
  plural groups ("officials", "analysts") become ``group:``/``unknown:`` speakers named by the phrase;
* a relative pronoun ("X, who said") -> its antecedent, re-read where the parser hung the clause
  on the wrong noun ("familiar with the talks, who", "a magnate who" in apposition to a name;
  ``relatives.py``);
* a pronoun -> salience: the previous speaker if compatible (gender, number) and recent, else the
  nearest preceding compatible subject (``pronoun``); "I"/"we" inside quotes -> the quote's speaker;
* split quotes take the previous quote's speaker; floating quotes the last speaker within two
  paragraphs (``floating``).
* where those rules would guess (a "he"/"she" speaker, a definite singular role noun or person
  description the role facts do not resolve), the learned speaker ranker decides among the
  actors mentioned before (``candidates.py`` builds them and their features, ``ranker.py``
  scores them with the weights in ``nlp/data/speaker_ranker.json``); the rules' pick is one of
  its features, and a rules' pick that is the latest subject stands (``held_by_rules``).
  ``STANCEWIRE_SPEAKER_RANKER`` says what it decides: ``on`` (both), ``roles`` (role nouns
  only), ``off`` (the default: the rules decide everything).

Ids of unknown actors: ``person:<slug>`` for names, ``group:<slug>`` for groups ("officials"),
``unknown:<slug>`` for a role noun that could not be resolved ("the minister").
"""

from __future__ import annotations

from stancewire.nlp.attribution.attributor import Attributor

__all__ = ["Attributor"]
