"""Actor registry: canonical actors, their aliases and date-bounded roles.

Data files (JSON Lines, one actor per line; a line with a ``_meta`` key is skipped)::

    {"id": "person:vladimir-putin", "name": "Vladimir Putin", "kind": "person",
     "aliases": ["putin", "vladimir vladimirovich putin"], "gender": "m", "country": "RUS",
     "affiliation": "Kremlin",
     "roles": [{"title": "president", "country": "RUS", "valid_from": "2012-05-07"},
               {"title": "prime minister", "country": "RUS", "valid_from": "2008-05-08",
                "valid_to": "2012-05-07"},
               {"code": "RUSGOV", "country": "RUS", "valid_from": "2008-05-08"}]}

* ``id``: ``person:<slug>``, ``gov:<iso3>``, ``org:<slug>`` or ``group:<slug>``. Unknown speakers get
  ``person:<slug of the full name>`` (see :func:`person_id`) so ids agree with a later registry entry.
* ``kind``: an :class:`~stancewire.schemas.ActorKind` value.
* ``aliases``: alternative names (any case; normalised on load). For persons the surname is added
  automatically only for entries from the hand-written file (Phoenix lists its own surname aliases).
* ``roles``: ``title`` (a role noun such as ``president``, ``prime minister``, ``spokesperson``,
  ``foreign minister``, ``secretary-general``), a scope (``country`` ISO3 code and/or ``org`` actor
  id), ``valid_from``/``valid_to`` (ISO dates, inclusive/exclusive, either may be missing) and an
  optional Phoenix ``code`` (``RUSGOV``).
* optional ``gender`` (``m``/``f``, used for pronoun agreement), ``country``, ``affiliation``.

Files loaded, later ones overriding earlier ones field by field (aliases and roles are merged):
``data/actors.jsonl`` (derived from Phoenix by ``scripts/build_registry.py``, MIT, Open Event Data
Alliance), ``data/actors_current.jsonl`` (hand-written, 2015-2026), then any user files given as
``extra_paths`` or in ``STANCEWIRE_ACTORS_PATH`` (``os.pathsep``-separated).

Conventions: a country, its capital and seat-of-government metonyms ("Russia", "Moscow", "the
Kremlin") all resolve to the government actor (``gov:rus``, "Russian government"). Demonyms
("Russian") are aliases of the same actor and are used for role lookups ("the Russian president").
The parsed index is cached as a pickle next to the data (or in a temp dir) keyed by file mtimes.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path

from stancewire.schemas import ActorKind, ActorRef

DATA_DIR = Path(__file__).resolve().parent / "data"
# actors_world.jsonl (issue 16): every country with its capital, demonyms, adjectives and seats of
# power, international organisations and armed groups, so "Czech officials", "Moscow" and "the
# Kremlin" resolve to governments. Derived data (priority 0) like actors.jsonl, loaded last: a
# name a hand-written actor already has stays theirs ("Brussels" is the EU, not Belgium).
WORLD_FILE = "actors_world.jsonl"
DEFAULT_PATHS = (
    DATA_DIR / "actors.jsonl",
    DATA_DIR / "actors_current.jsonl",
    DATA_DIR / WORLD_FILE,
)
ENV_PATH = "STANCEWIRE_ACTORS_PATH"
_CACHE_VERSION = 5

_WS_RE = re.compile(r"\s+")
_ACRONYM_DOTS_RE = re.compile(r"\b((?:[a-z]\.){2,})")
_SLUG_RE = re.compile(r"[^a-z0-9]+")

# Role-noun synonyms -> the canonical title used in the data.
TITLE_SYNONYMS: dict[str, str] = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "press secretary": "spokesperson",
    "premier": "prime minister",
    "pm": "prime minister",
    "prime minister": "prime minister",
    "foreign secretary": "foreign minister",
    "foreign minister": "foreign minister",
    "top diplomat": "foreign minister",
    "secretary general": "secretary-general",
    "secretary-general": "secretary-general",
    "chief": "head",
    "head": "head",
    "boss": "head",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "chair": "chair",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "defense secretary": "defence minister",
    "defence secretary": "defence minister",
    "chief executive": "chief executive",
    "ceo": "chief executive",
    "vice president": "vice president",
    "vice-president": "vice president",
}
# When a text says "the Chinese leader" any of these titles held at the date will do, in order.
LEADER_TITLES = ("leader", "supreme leader", "president", "prime minister", "chancellor", "head")


_FIRST_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used for every lookup key.

    Cached: the same surface strings (names, capitalised words) are normalised many times per
    article by mention building, attribution and registry lookups."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("’", "'").replace("‘", "'").replace("–", "-").replace("‑", "-").lower()
    t = _ACRONYM_DOTS_RE.sub(lambda m: m.group(1).replace(".", ""), t)
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    t = _WS_RE.sub(" ", t).strip(" .,;:")
    if t.startswith("the "):
        t = t[4:]
    return t


def slugify(text: str) -> str:
    return _SLUG_RE.sub("-", normalise(text)).strip("-") or "unknown"


# A middle initial between a given name and a surname: "Paul D. Ryan", "Charles E. Schumer".
_MIDDLE_INITIAL_RE = re.compile(r"(?<=\w) (?:[a-z]\.? )+(?=\w\w)")


def without_middle_initials(key: str) -> str:
    """A normalised name without its middle initials ("paul d. ryan" -> "paul ryan").

    Papers differ in style (NYT writes "Paul D. Ryan", most others "Paul Ryan"): one person must
    get one id whichever paper the article came from, or their positions split in two tables.
    A leading initial stays ("J. Edgar Hoover"), and so does a two-initial cluster that is a
    given name of its own ("H.W." became "hw" in ``normalise``)."""
    return _MIDDLE_INITIAL_RE.sub(" ", key)


def person_id(name: str) -> str:
    return f"person:{slugify(without_middle_initials(normalise(name)))}"


def canonical_title(title: str) -> str:
    t = normalise(title)
    return TITLE_SYNONYMS.get(t, t)


def _to_date(v: object) -> date | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Role:
    title: str | None = None
    country: str | None = None
    org: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    code: str | None = None

    def active(self, at: date | None) -> bool:
        if at is None:
            return self.valid_to is None
        if self.valid_from is not None and at < self.valid_from:
            return False
        return not (self.valid_to is not None and at >= self.valid_to)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind = ActorKind.unknown
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    country: str | None = None
    affiliation: str | None = None
    # 0: derived (Phoenix), 1: hand-written current data, 2: user files. Breaks alias ties.
    priority: int = 0

    def ref(self) -> ActorRef:
        return ActorRef(id=self.id, name=self.name, kind=self.kind)

    def latest_activity(self) -> date:
        best = date.min
        for r in self.roles:
            end = r.valid_to or date.max
            if end > best:
                best = end
        return best


def _file_key(paths: Sequence[Path]) -> str:
    h = blake2b(digest_size=10)
    h.update(str(_CACHE_VERSION).encode())
    for p in paths:
        st = p.stat()
        h.update(f"{p.resolve()}|{st.st_mtime_ns}|{st.st_size}".encode())
    return h.hexdigest()


class ActorRegistry:
    """Canonical actors with name/alias and role-at-date lookups (all dict-based)."""

    def __init__(
        self,
        extra_paths: Iterable[str | Path] = (),
        *,
        paths: Sequence[str | Path] | None = None,
        use_cache: bool = True,
    ) -> None:
        base = [Path(p) for p in (paths if paths is not None else DEFAULT_PATHS)]
        env = os.environ.get(ENV_PATH, "")
        extra = [Path(p) for p in extra_paths] + [Path(p) for p in env.split(os.pathsep) if p]
        self.paths: list[Path] = [p for p in base if p.exists()] + extra
        for p in extra:
            if not p.exists():
                raise FileNotFoundError(f"actor registry file not found: {p}")
        self.actors: dict[str, Actor] = {}
        self._alias: dict[str, list[str]] = {}
        self._surname: dict[str, list[str]] = {}
        self._roles: dict[str, list[tuple[Role, str]]] = {}
        state = self._load_cached() if use_cache else None
        if state is None:
            self._build(base_count=len([p for p in base if p.exists()]))
            if use_cache:
                self._save_cache()
        else:
            self.actors, self._alias, self._surname, self._roles = state

    # ------------------------------------------------------------------ loading

    def _cache_path(self) -> Path:
        key = _file_key(self.paths)
        # A user cache dir, not the package: installs may be read-only and the data dir is shipped.
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        d = Path(base) / "stancewire"
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError:
            d = Path(tempfile.gettempdir()) / "stancewire-registry-cache"
            d.mkdir(exist_ok=True)
        return d / f"registry-{key}.pickle"

    def _load_cached(self) -> tuple | None:
        try:
            with self._cache_path().open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return None

    def _save_cache(self) -> None:
        try:
            path = self._cache_path()
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(
                    (self.actors, self._alias, self._surname, self._roles),
                    f,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            tmp.replace(path)
        except OSError:
            pass  # a read-only install just pays the parse on every start

    def _build(self, base_count: int) -> None:
        for i, path in enumerate(self.paths):
            world = path.name == WORLD_FILE and i < base_count
            priority = 0 if (i == 0 or world) and base_count > 0 else (1 if i < base_count else 2)
            # Names hand-written actors already have stay theirs (see DEFAULT_PATHS).
            claimed = (
                {a: act.id for act in self.actors.values() if act.priority >= 1 for a in act.aliases}
                if world
                else {}
            )
            with path.open(encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError as e:
                        raise ValueError(f"{path}:{lineno}: invalid JSON: {e}") from e
                    if "_meta" in rec:
                        continue
                    known = self.actors.get(rec.get("id", "")) if world else None
                    if known is not None and known.priority >= 1:
                        rec["name"] = known.name  # the hand-written display name stays
                    if claimed and rec.get("aliases"):
                        own = rec.get("id")
                        rec["aliases"] = [a for a in rec["aliases"] if claimed.get(normalise(a), own) == own]
                    self.add_record(rec, priority=priority, index=False)
        self._reindex()

    def add_record(self, rec: dict, priority: int = 2, index: bool = True) -> Actor:
        """Add or merge one actor record (the JSONL format above)."""
        if "id" not in rec or "name" not in rec:
            raise ValueError(f"actor record needs 'id' and 'name': {rec!r}")
        roles = [
            Role(
                title=canonical_title(r["title"]) if r.get("title") else None,
                country=r.get("country"),
                org=r.get("org"),
                valid_from=_to_date(r.get("valid_from")),
                valid_to=_to_date(r.get("valid_to")),
                code=r.get("code"),
            )
            for r in rec.get("roles", [])
        ]
        aliases = [normalise(a) for a in rec.get("aliases", [])]
        kind = ActorKind(rec.get("kind", "unknown"))
        old = self.actors.get(rec["id"])
        if old is None:
            actor = Actor(
                id=rec["id"],
                name=rec["name"],
                kind=kind,
                aliases=[],
                roles=roles,
                gender=rec.get("gender"),
                country=rec.get("country"),
                affiliation=rec.get("affiliation"),
                priority=priority,
            )
            self.actors[actor.id] = actor
        else:
            actor = old
            actor.name = rec["name"]
            actor.kind = kind if "kind" in rec else actor.kind
            # Hand-written roles supersede derived ones that carry no title.
            if priority > actor.priority and roles:
                actor.roles = [r for r in actor.roles if r.code and not r.title] + roles
            else:
                actor.roles.extend(roles)
            actor.gender = rec.get("gender", actor.gender)
            actor.country = rec.get("country", actor.country)
            actor.affiliation = rec.get("affiliation", actor.affiliation)
            actor.priority = max(actor.priority, priority)
        names = [normalise(actor.name), *aliases]
        if priority > 0 and kind == ActorKind.person and len(names[0].split()) > 1:
            names.append(names[0].split()[-1])
        seen = set(actor.aliases)
        for a in names:
            if a and a not in seen:
                actor.aliases.append(a)
                seen.add(a)
        if index:
            self._reindex()
        return actor

    def _reindex(self) -> None:
        alias: dict[str, list[str]] = {}
        surname: dict[str, list[str]] = {}
        roles: dict[str, list[tuple[Role, str]]] = {}
        for actor in self.actors.values():
            for a in actor.aliases:
                alias.setdefault(a, []).append(actor.id)
            if actor.kind == ActorKind.person:
                parts = normalise(actor.name).split()
                if len(parts) > 1:
                    surname.setdefault(parts[-1], []).append(actor.id)
            for r in actor.roles:
                if r.title:
                    roles.setdefault(r.title, []).append((r, actor.id))
        self._alias, self._surname, self._roles = alias, surname, roles

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def _rank(self, ids: Iterable[str], at: date | None, kind: ActorKind | None) -> Actor | None:
        best: tuple | None = None
        best_actor = None
        for i in ids:
            a = self.actors[i]
            if kind is not None and a.kind != kind:
                continue
            active = any(r.active(at) for r in a.roles) if at else False
            key = (a.priority, active, a.kind == ActorKind.government, a.latest_activity())
            if best is None or key > best:
                best, best_actor = key, a
        return best_actor

    def candidates(self, name: str) -> list[Actor]:
        return [self.actors[i] for i in self._alias.get(normalise(name), ())]

    def lookup(
        self,
        name: str,
        at: date | datetime | None = None,
        kind: ActorKind | None = None,
        surname: bool = False,
    ) -> Actor | None:
        """Best actor for a name or alias (case-insensitive). ``surname``: also try surnames of
        hand-written persons (Phoenix surname aliases are ordinary aliases)."""
        key = normalise(name)
        at_d = _to_date(at)
        ids = self._alias.get(key)
        if not ids and (bare := without_middle_initials(key)) != key:
            ids = self._alias.get(bare)  # "Charles E. Schumer" is the registry's "Charles Schumer"
        if ids and kind is None and name.strip().isupper() and len(key.replace(" ", "")) <= 4:
            # An acronym ("UN", "EU") names an organisation or a government before a person
            # whose name ends in those letters (Kim Jong Un).
            found = self._rank([i for i in ids if self.actors[i].kind != ActorKind.person], at_d, None)
            if found is not None:
                return found
        if ids:
            found = self._rank(ids, at_d, kind)
            if found is not None:
                return found
        if surname:
            ids = self._surname.get(key)
            if ids:
                return self._rank(ids, at_d, kind or ActorKind.person)
        return None

    def alias_first_words(self) -> frozenset[str]:
        """Leading word (run of word characters) of every alias key: a cheap pre-check before
        trying n-gram lookups at each capitalised token of an article."""
        cached = getattr(self, "_alias_first_cache", None)
        if cached is None or cached[0] is not self._alias:
            words = frozenset(m.group(0) for k in self._alias if (m := _FIRST_WORD_RE.match(k)))
            cached = (self._alias, words)
            self._alias_first_cache = cached
        return cached[1]

    def country_code(self, word: str) -> str | None:
        """ISO3 code for a country name, demonym or capital ("Russian", "Kyiv" -> RUS, UKR)."""
        for a in self.candidates(word):
            if a.kind == ActorKind.government and a.country:
                return a.country
        return None

    def government(self, country: str) -> Actor | None:
        return self.actors.get(f"gov:{country.lower()}")

    def by_role(
        self,
        title: str,
        country: str | None = None,
        org: str | None = None,
        at: date | datetime | None = None,
    ) -> Actor | None:
        """Holder of a role at a date: ``by_role("president", "USA", at=2024-06-01)`` -> Biden."""
        at_d = _to_date(at)
        t = canonical_title(title)
        titles = LEADER_TITLES if t == "leader" else (t,)
        for tt in titles:
            best: tuple | None = None
            best_id = None
            for role, aid in self._roles.get(tt, ()):
                if country is not None and role.country != country:
                    continue
                if org is not None and role.org != org:
                    continue
                if country is None and org is None:
                    continue  # an unscoped title is too ambiguous for a registry lookup
                if not role.active(at_d):
                    continue
                key = (role.valid_from or date.min, self.actors[aid].priority)
                if best is None or key > best:
                    best, best_id = key, aid
            if best_id is not None:
                return self.actors[best_id]
        return None

    def has_title(self, title: str) -> bool:
        return canonical_title(title) in self._roles


@lru_cache(maxsize=4)
def _default_registry(extra: tuple[str, ...]) -> ActorRegistry:
    return ActorRegistry(extra)


def default_registry(extra_paths: Iterable[str | Path] = ()) -> ActorRegistry:
    """Process-wide registry (shared by extractors that were not given their own)."""
    return _default_registry(tuple(str(p) for p in extra_paths))
