"""The model's attribute ruler, with its patterns compiled into a lookup table.

spaCy's English models map fine-grained tags to POS and morphology, and fix a few lemmas, with an
``AttributeRuler``: a ``Matcher`` of about 180 token patterns run over every Doc. Matching every
pattern at every token made it the third most expensive component of the whole pipeline, about
as costly as all the stancewire rules together (0.9 s of a 5.6 s parse of the gold corpus), for a
job that is a table lookup: whether a one-token pattern matches depends only on a few attributes
of that token (tag, lower-case form, dependency label, ...), and a Doc has few distinct
combinations of them.

:class:`CompiledAttributeRuler` *is* an ``AttributeRuler`` (same patterns, serialisation, scorer
and pipe name, so anything that reads or disables ``attribute_ruler`` still works), but it
answers :meth:`match` from a table built from those patterns:

* each attribute value is reduced to its *class*: the value itself when some pattern names it,
  otherwise "any other value" plus which of the pattern regexes it matches; every predicate the
  ruler supports gives the same answer for every value in a class;
* the matches of one-token patterns are computed once per distinct combination of classes and
  cached for the life of the process; patterns of several tokens are checked with the same
  per-token answers;
* the result is the list spaCy's own ``match`` returns (pattern order, then start), so the
  inherited ``set_annotations`` writes the attributes exactly as the stock component does.

Patterns it cannot express (operators such as ``OP`` or ``FUZZY``, extension or morphology
attributes, numeric comparisons) make it fall back to the stock ``Matcher``: another model keeps
working, only without the speed-up. ``tests/nlp/test_attribute_table.py`` checks that tags, POS,
morphology, lemmas and dependencies are identical to the stock component's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FACTORY = "stancewire_attribute_table"

# Token attributes whose value ``Doc.to_array`` returns as a string hash, the same value the
# Matcher compares (flags such as IS_SPACE come back as 0/1).
_STRING_ATTRS = frozenset(
    {"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE", "PREFIX", "SUFFIX"}
)


class Unsupported(ValueError):
    """A pattern the table cannot express; the stock Matcher handles such a ruler."""


@dataclass(frozen=True)
class _Predicate:
    column: int  # index into the table's attribute columns
    kind: str  # "EQ", "IN", "NOT_IN" or "REGEX"
    arg: Any  # the literal, a frozenset of literals, or the regex's index within its column


@dataclass
class _Column:
    """One token attribute the patterns read, and the values and regexes they name."""

    name: str
    is_flag: bool
    literals: set[Any] = field(default_factory=set)
    regexes: list[re.Pattern[str]] = field(default_factory=list)
    # value hash -> class id; class tuple -> class id; class id -> (literal or None, regex bits)
    by_value: dict[int, int] = field(default_factory=dict)
    by_class: dict[tuple[Any, tuple[bool, ...]], int] = field(default_factory=dict)
    classes: list[tuple[Any, tuple[bool, ...]]] = field(default_factory=list)

    def class_of(self, value: int, vocab: Vocab) -> int:
        cid = self.by_value.get(value)
        if cid is None:
            if self.is_flag:
                key: tuple[Any, tuple[bool, ...]] = (value, ())
            else:
                text = vocab.strings[value] if value else ""
                # Any value no pattern names answers every EQ/IN/NOT_IN alike: one class for all.
                key = (
                    text if text in self.literals else None,
                    tuple(bool(rx.search(text)) for rx in self.regexes),
                )
            cid = self.by_class.get(key)
            if cid is None:
                cid = self.by_class[key] = len(self.classes)
                self.classes.append(key)
            self.by_value[value] = cid
        return cid


class _Table:
    """The ruler's patterns compiled: per combination of attribute classes, which of them match."""

    def __init__(self, patterns: list[tuple[int, list[dict[str, Any]], int]]) -> None:
        self.columns: list[_Column] = []
        self._col_index: dict[str, int] = {}
        self.single: list[tuple[int, list[_Predicate]]] = []  # (pattern order, predicates)
        self.specs: list[list[_Predicate]] = []  # token specs of longer patterns (one bit each)
        self.multi: list[tuple[int, list[int], int]] = []  # (pattern order, spec bits, target index)
        for order, pattern, index in patterns:
            compiled = [self._spec(tok) for tok in pattern]
            if len(compiled) == 1 and index in (0, -1):
                self.single.append((order, compiled[0]))
            elif len(compiled) == 0:
                raise Unsupported("an empty pattern")
            else:
                if not -len(compiled) <= index < len(compiled):
                    raise Unsupported(f"index {index} outside a pattern of {len(compiled)} tokens")
                bits = []
                for spec in compiled:
                    bits.append(len(self.specs))
                    self.specs.append(spec)
                self.multi.append((order, bits, index % len(compiled)))
        if len(self.specs) > 62:
            raise Unsupported("more multi-token specs than bits in a mask")
        self.attr_ids = [IDS[c.name] for c in self.columns]
        # class combination -> (matching one-token pattern orders, mask of matching specs)
        self._combos: dict[tuple[int, ...], tuple[tuple[int, ...], int]] = {}

    def _column(self, name: str) -> int:
        name = "ORTH" if name == "TEXT" else name
        if name not in self._col_index:
            # IS_SENT_START is a sentence boundary, not a lexeme flag: the Matcher reads it apart.
            is_flag = name.startswith("IS_") and name in IDS and name != "IS_SENT_START"
            if name not in _STRING_ATTRS and not is_flag:
                raise Unsupported(f"attribute {name}")
            self._col_index[name] = len(self.columns)
            self.columns.append(_Column(name, is_flag))
        return self._col_index[name]

    def _spec(self, token: dict[str, Any]) -> list[_Predicate]:
        preds = []
        for key, value in token.items():
            if not isinstance(key, str):
                raise Unsupported(f"attribute key {key!r}")
            j = self._column(key.upper())
            col = self.columns[j]
            if isinstance(value, bool) or (col.is_flag and isinstance(value, int)):
                if not col.is_flag:
                    raise Unsupported(f"a boolean on {col.name}")
                preds.append(_Predicate(j, "EQ", int(value)))
            elif isinstance(value, str) and not col.is_flag:
                col.literals.add(value)
                preds.append(_Predicate(j, "EQ", value))
            elif isinstance(value, dict) and len(value) == 1 and not col.is_flag:
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    col.literals.update(arg)
                    preds.append(_Predicate(j, op, frozenset(arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    col.regexes.append(re.compile(arg))
                    preds.append(_Predicate(j, "REGEX", len(col.regexes) - 1))
                else:
                    raise Unsupported(f"operator {op} on {col.name}")
            else:
                raise Unsupported(f"value {value!r} for {key}")
        return preds

    def _holds(self, preds: list[_Predicate], combo: tuple[int, ...]) -> bool:
        for p in preds:
            literal, bits = self.columns[p.column].classes[combo[p.column]]
            if p.kind == "EQ":
                ok = literal == p.arg
            elif p.kind == "IN":
                ok = literal in p.arg
            elif p.kind == "NOT_IN":
                ok = literal not in p.arg
            else:
                ok = bits[p.arg]
            if not ok:
                return False
        return True

    def combo(self, combo: tuple[int, ...]) -> tuple[tuple[int, ...], int]:
        hit = self._combos.get(combo)
        if hit is None:
            orders = tuple(order for order, preds in self.single if self._holds(preds, combo))
            mask = 0
            for bit, preds in enumerate(self.specs):
                if self._holds(preds, combo):
                    mask |= 1 << bit
            hit = self._combos[combo] = (orders, mask)
        return hit

    def _classes(self, doc: Doc) -> tuple[list[tuple[tuple[int, ...], int]], list[int]]:
        """The per-combination answers, and each token's combination (an index into them)."""
        n = len(doc)
        if not self.columns:  # only patterns that match any token
            return [self.combo(())], [0] * n
        values = doc.to_array(self.attr_ids).reshape(n, len(self.attr_ids))
        classes = np.empty(values.shape, dtype=np.int64)
        vocab = doc.vocab
        for j, col in enumerate(self.columns):
            uniq, inverse = np.unique(values[:, j], return_inverse=True)
            ids = np.fromiter(
                (col.class_of(v, vocab) for v in uniq.tolist()), dtype=np.int64, count=len(uniq)
            )
            classes[:, j] = ids[inverse.reshape(-1)]
        combos, inverse = np.unique(classes, axis=0, return_inverse=True)
        return [self.combo(tuple(c)) for c in combos.tolist()], inverse.reshape(-1).tolist()

    def _multi_matches(
        self, hits: list[tuple[tuple[int, ...], int]], per_token: list[int]
    ) -> list[tuple[int, int, int, int]]:
        """(pattern order, start, end, target token) of the patterns of several tokens."""
        n = len(per_token)
        masks = np.fromiter((hits[c][1] for c in per_token), dtype=np.int64, count=n)
        out = []
        for order, bits, index in self.multi:
            width = len(bits)
            if width > n:
                continue
            ok = np.ones(n - width + 1, dtype=bool)
            for k, bit in enumerate(bits):
                ok &= ((masks[k : n - width + 1 + k] >> bit) & 1).astype(bool)
            out.extend((order, s, s + width, s + index) for s in np.flatnonzero(ok).tolist())
        return out

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern order, start, end) of every match, sorted as AttributeRuler.match sorts."""
        if len(doc) == 0:
            return []
        hits, per_token = self._classes(doc)
        out = [(order, i, i + 1) for i, c in enumerate(per_token) for order in hits[c][0]]
        if self.multi:
            out.extend(m[:3] for m in self._multi_matches(hits, per_token))
        out.sort()
        return out

    def assign(self, doc: Doc, attrs: list[dict[int, Any]]) -> None:
        """What AttributeRuler.set_annotations does with the sorted matches, in one write per
        token: a token's attributes are set in pattern order, so a later pattern's value wins
        and merging the dicts in that order gives the same token."""
        if len(doc) == 0:
            return
        hits, per_token = self._classes(doc)
        extra: dict[int, list[int]] = {}
        if self.multi:
            for order, _s, _e, target in self._multi_matches(hits, per_token):
                extra.setdefault(target, []).append(order)
        merged = [self._merged(orders, attrs) for orders, _mask in hits]
        for i, c in enumerate(per_token):
            more = extra.get(i)
            values = merged[c] if more is None else self._merged(tuple(sorted((*hits[c][0], *more))), attrs)
            if values:
                set_token_attrs(doc[i], values)

    def _merged(self, orders: tuple[int, ...], attrs: list[dict[int, Any]]) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for order in orders:
            out.update(attrs[order])
        return out


def _rows(patterns: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]], int]]:
    """(pattern order, token specs, target index) per pattern; the order is the add order,
    which AttributeRuler.match sorts by."""
    return [
        (order, pattern, spec.get("index", 0))
        for order, spec in enumerate(patterns)
        for pattern in spec["patterns"]
    ]


class CompiledAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose matching is a table lookup (see the module docstring)."""

    def __init__(
        self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False, scorer: Any = None
    ) -> None:
        self._table: _Table | None = None
        self._unsupported: str | None = None
        super().__init__(vocab, name, validate=validate, scorer=scorer)

    # Every way patterns change drops the table; the next Doc rebuilds it.
    def _invalidate(self) -> None:
        self._table = None
        self._unsupported = None

    def clear(self) -> None:
        super().clear()
        self._invalidate()

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._invalidate()

    def from_bytes(self, *args: Any, **kwargs: Any) -> CompiledAttributeRuler:
        super().from_bytes(*args, **kwargs)
        self._invalidate()
        return self

    def from_disk(self, *args: Any, **kwargs: Any) -> CompiledAttributeRuler:
        super().from_disk(*args, **kwargs)
        self._invalidate()
        return self

    @property
    def compiled(self) -> bool:
        """Whether matching runs on the table (False: the patterns need the stock Matcher)."""
        return self._compile() is not None

    @property
    def unsupported(self) -> str | None:
        """Why the table could not be built, if it could not."""
        self._compile()
        return self._unsupported

    def _compile(self) -> _Table | None:
        if self._table is None and self._unsupported is None:
            try:
                self._table = _Table(_rows(self.patterns))
            except Unsupported as e:
                self._unsupported = str(e)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self._compile()
        if table is None:
            return super().__call__(doc)
        try:
            table.assign(doc, self.attrs)
        except Exception as e:  # spaCy's error handler decides, as in the stock component
            return self.get_error_handler()(self.name, self, [doc], e)
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        table = self._compile()
        if table is None:
            return super().match(doc)
        key = self.vocab.strings
        # AttributeRuler.match's shape: (pattern order, match id, start, end), sorted.
        return [(order, key[str(order)], s, e) for order, s, e in table.match(doc)]


@Language.factory(
    FACTORY, default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}}
)
def make_compiled_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Any
) -> CompiledAttributeRuler:
    return CompiledAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap ``nlp``'s stock attribute ruler for a :class:`CompiledAttributeRuler` with the same
    patterns, under the same name and at the same place. Returns whether matching now runs on
    the table: False if there is no such ruler, or if its patterns need the stock Matcher (then
    the stock component stays)."""
    if name not in nlp.component_names:
        return False
    stock = nlp.get_pipe(name)
    if isinstance(stock, CompiledAttributeRuler):
        return stock.compiled
    if type(stock) is not AttributeRuler:
        return False
    try:
        _Table(_rows(stock.patterns))
    except Unsupported:
        return False
    disabled = name in nlp.disabled
    nlp.replace_pipe(name, FACTORY)
    nlp.get_pipe(name).add_patterns(stock.patterns)  # replace_pipe made an empty one
    if disabled:
        nlp.disable_pipe(name)
    return True
