"""The word lists of the quote rules, read from ``nlp/data/quote_words.json``.

* ``TITLE_FRAMES``: nouns and verbs that introduce a title, not a quote ("the film “Blue Horizon”").
* ``NAMING_VERBS``: verbs that name something ("called it “a farce”"): a fragment, not a statement.
* ``XCOMP_VERBS``: cue verbs whose reported content is a to-infinitive ("vowed to rebuild").
* ``NOT_SPEAKER_LABELS``: labels before a colon that are no speaker ("Update:", "Notes to editors:").
* ``DOCUMENT_LABELS``: one-word headline labels that name a document as the source of what
  follows the colon ("Poll: Korr leads in the north", "Report: …"), though no name.
* ``REL_PRONOUNS``: relative pronouns, skipped when looking for the speaker of a relative clause.
* ``DEGREE_WORDS``: degree words after which a past form is part of the same phrase ("so tired").
* ``BELIEF_VERBS``: belief and intention cues ("believes the plan will fail", "wants to run"):
  their clause or to-infinitive is an attributed (indirect) content, as in political news the
  stance is carried by what actors think, expect and want as much as by what they say.
* ``INTENTION_VERBS``: the belief verbs whose to-infinitive is an intention ("wants to run").
* ``EVALUATION_VERBS``: evaluation cues whose object is the content ("endorsed Cruz", "blamed
  the law for the losses"); ``EVALUATION_PREPS`` the prepositions whose phrase joins it.
* ``APPEARANCE_VERBS``: "X seemed to suggest ...", "X appeared uneasy", "it appears that ...":
  the writer attributes a state or stance to X (a cue with no speaker of its own).
* ``RAISING_VERBS``: passives that report an expectation about X ("X is expected to win").
* ``VIEW_VERBS``: "Democrats see Sanders as a threat": the object and its "as" phrase or
  predicate are the holder's view.
* ``PASSIVE_VIEW_VERBS``: "Varnay is widely seen as the favourite", "the plan is considered a
  gamble", "Lind is known for speaking her mind", "the contests known as Grand Tuesday": the
  passive (or participle) of a view verb with its "as"/"for" phrase or predicate is a common view
  of the subject, which PolNeAR annotates as raising is (the subject with its predicate).
* ``POSITION_VERBS``: evaluation verbs that state a position on what they take ("opposed the
  tax", "support deportation"), whose object counts however short; the other evaluation verbs
  ("welcomed the plan", "embraced his mother", "defended the merger") need a name, a pronoun
  or a longer object.
* ``CONDITIONAL_WANT_VERBS``: verbs that state an intention only with "would" ("would like to
  run", "would love to see"): then intention cues like "want".
* ``WANT_VERBS``: "voters want their money back": besides a to-infinitive, an object (of three
  words or a name) is what the holder wants, as for the evaluation verbs.
* ``TOPIC_CUES``: verbs whose object or prepositional object is what someone talked about or
  cited ("referring to reports that …", "talked about trade", "citing the deficit"); the
  preposition list of each ("" for the direct object).
* ``NOUN_PREP_CUES``: cue nouns and the prepositions whose object is their content ("her
  opposition to the Common Core"); ``NOUN_INFINITIVE_CUES`` the nouns whose to-infinitive is
  ("his decision to run"); ``LIGHT_VERBS`` verbs whose subject holds such a noun's position
  ("Pence threw his support behind Ryan", "issued a call for").
* ``POLL_NOUNS``: sources named by an "in" phrase ("In the new poll, 40 percent back Sanders").
* ``VERB_LEMMA_FIXES``: verb forms the model's lemmatizer gets wrong ("hopes" -> "hop"), so
  that cue lexicons match them.
* ``REFUSAL_VERBS``: "X declined to say whether ...": the refused act is X's attributed content.
* ``CLAUSE_STOP_VERBS``: light, aspectual, causative and perception verbs that take a clause
  without reporting it ("made sure that", "it means that"): no cue for the general clause rule
  of :mod:`.clauses`.
* ``CAUSING_VERBS``: verbs that bring their object to do something ("the delay led aides to
  worry", "left senators wondering", "prompted critics to argue"): a cue in their complement is
  the object's, not the causer's. ``KEEPING_VERBS`` the verbs that keep their object from doing
  something ("prevented Morn from writing", "barred her from publishing"): the same, after "from".
* ``ACT_OBJECT_VERBS``: expressive acts whose object is what was attributed ("cast doubt on the
  polls", "released a list", "questioned his record"): the last resort of a verb no other rule
  took (:mod:`.acts`, whose doc says how the list was chosen); ``ACT_PREP_CUES`` the verbs whose
  prepositional object is ("focused on the deficit", "pushed for a recount") and their prepositions;
  ``ACT_INFINITIVE_VERBS`` the verbs whose to-infinitive is an aim ("aims to win", "delegates
  looking to unseat Trump"), when the belief rule did not take it.
* ``SPEAKER_NOUNS``: common nouns besides the mention lists' role, group and organisation nouns
  that can hold a position ("the campaign", "a majority", "62 percent").
"""

from __future__ import annotations

from stancewire.nlp.wordfiles import load_words, word_sets

_DATA = load_words("quote_words.json")

TITLE_FRAMES, NAMING_VERBS, XCOMP_VERBS, NOT_SPEAKER_LABELS, REL_PRONOUNS, DEGREE_WORDS = word_sets(
    _DATA, "title_frames", "naming_verbs", "xcomp_verbs", "not_speaker_labels", "rel_pronouns", "degree_words"
)
BELIEF_VERBS, INTENTION_VERBS = word_sets(_DATA, "belief_verbs", "intention_verbs")
EVALUATION_VERBS, EVALUATION_PREPS, POSITION_VERBS = word_sets(
    _DATA, "evaluation_verbs", "evaluation_preps", "position_verbs"
)
APPEARANCE_VERBS, RAISING_VERBS, REFUSAL_VERBS = word_sets(
    _DATA, "appearance_verbs", "raising_verbs", "refusal_verbs"
)
VIEW_VERBS, PASSIVE_VIEW_VERBS, WANT_VERBS, CONDITIONAL_WANT_VERBS = word_sets(
    _DATA, "view_verbs", "passive_view_verbs", "want_verbs", "conditional_want_verbs"
)
TOPIC_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["topic_cues"].items()}
NOUN_PREP_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["noun_prep_cues"].items()}
NOUN_INFINITIVE_CUES, LIGHT_VERBS = word_sets(_DATA, "noun_infinitive_cues", "light_verbs")
POLL_NOUNS, CLAUSE_STOP_VERBS, SPEAKER_NOUNS = word_sets(
    _DATA, "poll_nouns", "clause_stop_verbs", "speaker_nouns"
)
(ACT_OBJECT_VERBS,) = word_sets(_DATA, "act_object_verbs")
(CAUSING_VERBS,) = word_sets(_DATA, "causing_verbs")
(KEEPING_VERBS,) = word_sets(_DATA, "keeping_verbs")
(DOCUMENT_LABELS,) = word_sets(_DATA, "document_labels")
(ACT_INFINITIVE_VERBS,) = word_sets(_DATA, "act_infinitive_verbs")
ACT_PREP_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["act_prep_cues"].items()}
VERB_LEMMA_FIXES: dict[str, str] = dict(_DATA["verb_lemma_fixes"])
