"""The one place the stancewire ``nlp`` object is built: the spaCy model plus the rule components.

``stancewire extract``, the NLP worker and the evaluations all get their pipeline here (through
:class:`~stancewire.nlp.extract.Extractor`), so they run the same components in the same order.
The model name is the only setting (``STANCEWIRE_MODEL_NAME``); the pipeline is built once per
model name and process.
"""

from __future__ import annotations

from spacy.language import Language

from stancewire.nlp.attribute_table import compile_attribute_ruler
from stancewire.nlp.components import ATTRIBUTION, MENTIONS, QUOTES, RULE_COMPONENTS, STANCE
from stancewire.nlp.events.component import EVENTS  # importing it registers the factory
from stancewire.nlp.line_sentences import LINE_SENTENCES
from stancewire.nlp.model import DEFAULT_MODEL, load_model, once_per_name
from stancewire.nlp.tokenizer_rules import keep_title_abbreviations, split_glued_quotes

# Order matters: attribution reads the mentions and the quote candidates, stance reads the quotes,
# events (reported acts, issue 16) reads the mentions and merges into the stance evidence.
PIPELINE = (MENTIONS, QUOTES, ATTRIBUTION, STANCE, EVENTS)
assert set(PIPELINE) == {*RULE_COMPONENTS, EVENTS}


@once_per_name
def build_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The full pipeline for ``model_name`` (cached per name; the model loads once per process)."""
    nlp = load_model(model_name)
    # Same tags, POS, morphology and lemmas as the model's own ruler, from a table (attribute_table.py).
    compile_attribute_ruler(nlp)
    split_glued_quotes(nlp)
    keep_title_abbreviations(nlp)
    # Before the parser: a line break ends a sentence (see line_sentences.py).
    nlp.add_pipe(LINE_SENTENCES, first=True)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp


def has_rules(nlp: Language) -> bool:
    """Whether ``nlp`` carries every stancewire component (was made by :func:`build_nlp`): the
    quote rules count on the line-break sentence starts as much as on the rule components."""
    return all(name in nlp.pipe_names for name in (LINE_SENTENCES, *PIPELINE))
