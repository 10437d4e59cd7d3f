"""Quote detection over a parsed Doc: direct, indirect, mixed and floating quotes.

Input is one spaCy ``Doc`` (one parse per article) and the output is a list of
:class:`QuoteCandidate` with exact character offsets of the *content* and the token that names the
speaker (resolved to an actor later by :mod:`stancewire.nlp.attribution`).

Span rules (the same ones the gold annotators follow; ``text[start:end] == quote.text`` always):

* **direct**: the text inside the quote marks, marks excluded, surrounding whitespace excluded,
  punctuation inside the marks kept (``“We will win,” he said`` -> ``We will win,``). A quote that
  continues over several paragraphs (each opening with a mark, only the last one closed) yields one
  direct quote per paragraph; continuation paragraphs share the speaker and carry no cue. Split
  quotes (``“A,” he said. “B.”``) are two quotes with the same speaker. ``Name: words`` (colon
  attribution, no marks, e.g. Q&A transcripts) is direct with content = everything after the colon
  to the end of the paragraph.
* **indirect**: the reported content after the cue: for ``said (that) X`` the complement clause,
  its complementiser included (``said that X`` -> ``that X``, as PolNeAR and PARC draw it); a
  clause after any verb whose subject can speak (``quotes/clauses.py``); for object frames
  everything after the cue word(s) to the end of the complement (``accused Putin of seeking
  ...`` -> ``Putin of seeking ...``,
  ``called for a truce`` -> ``a truce``, ``expressed concern over X`` -> ``X``, ``vowed to rebuild
  the pier`` -> ``to rebuild the pier``, ``urged X to Y`` -> ``X to Y``); for
  ``according to S, X`` the clause X (S may be a document or poll, as may ``in a poll, X``);
  ``“X,” Y said, according to S``: S's attribution of the quote with its frame, beside the direct
  quote, which stays Y's (``quotes/relayed.py``).
  A report's content ends before a joined clause with its own subject and its own cue
  (``said A, and he railed against B``: ``quotes/own_clause.py``).
  Beyond speech verbs (issue 15, PolNeAR's conventions): an appearance or passive raising cue
  takes its subject with the predicate and has no speaker (``Trump seemed to suggest ...``,
  ``Obama is expected to join ...``: the writer's reading), unless a "to" phrase names whose
  reading it is (``seemed more credible to the public``, ``known to fans as X``); ``declined
  to X`` -> ``to X``; the reporter's question ``Asked whether X`` -> ``whether X`` (no
  speaker); ``see X as Y`` -> ``X as Y``; ``referring to X`` / ``citing X`` / ``talked about
  X`` -> ``X``; a cue noun's object or infinitive (``Trump's call for a ban`` -> ``a ban``,
  ``her decision to run`` -> ``to run``). A final period or comma is never part of the span.
* **mixed**: an indirect statement whose content contains quoted fragments (``praising him as a
  “smart” and “pragmatic” individual``); the span is the indirect content (marks included).
  Fragments consumed by a mixed quote are not reported separately.
* **floating**: a sentence-level quotation with no cue of its own (usually a whole paragraph);
  content as for direct; the speaker comes from context (the previous speaker).

Not quotes: short quoted words outside reported speech (scare quotes), titles of works
("the film “Blue Horizon”", Title Case fragments), "said to be", negated speech ("did not say
that"); the speech verb inside a refusal ("declined to say whether ...") is no quote of its
own, the refusal is. A negated verb of saying before an embedded question ("would not say
whether X", "did not say when X") is such a refusal: ``whether X``, cue "not say".
"""

from __future__ import annotations

from stancewire.nlp.quotes.candidate import QuoteCandidate
from stancewire.nlp.quotes.finder import QuoteFinder

__all__ = ["QuoteCandidate", "QuoteFinder"]
