"""Build the synthetic event gold set for issue 16 (``tests/data/events/``).

Usage::

    .venv/bin/python scripts/build_event_gold.py [--reference /work/shared/reference] [--check]

Writes ``event_sentences.dev.jsonl``, ``event_sentences.heldout.jsonl`` (the fixed held-out part)
and ``event_sentences.actors.jsonl`` (registry records for the fictional actors, picked up by the
scorer as the gold file's sidecar). ``--check`` compares instead of writing (exit 1 on a
difference). Deterministic: the same templates and world always give the same files.

Where the sentences come from: ``scripts/event_gold_templates.py`` holds hand-written wire-style
templates, one block per PLOVER category, with slots filled here from a fictional world
(:data:`COUNTRIES`, :data:`PERSONS`, :data:`ORGS`, :data:`GROUPS`). Slots:

* ``{A}`` ``{B}`` actor countries, ``{T}`` ``{U}`` target countries, ``{X}`` a third country that
  is neither (a venue). Plain ``{A}`` is the country's name, its capital or its seat of power
  (metonymy); ``{A:n}`` the name, ``{A:d}`` the adjective/demonym ("Veltrian officials"),
  ``{A:c}`` the capital, ``{A:s}`` the seat of power.
* ``{P}`` a person actor, ``{Q}`` a person target (titled: "President Anika Strell", sometimes
  with the country adjective in front).
* ``{O}``/``{R}``/``{V}`` an international organisation as actor/target/venue, ``{N}``/``{M}`` a
  domestic organisation (union, party, students) as actor/target, ``{G}``/``{H}``/``{W}`` an armed
  group as actor/target/bystander; ``:b`` drops the article ("Black Ridge Militia fighters").
  The slot letter, not the position, says who acts: a passive's "by" agent is an actor slot.

Gold per sentence: the actor ids (slots A B P O N G), target ids (T U Q R M H), PLOVER
category and mode, modality, the PLOVER score of category + mode from ``plover-scores.csv``
and the expected direction after the project's modality convention
(``stancewire.nlp.stance.code_score``): negated cooperative acts point ``-``, negated
conflictual acts ``0``, other modalities keep the sign of the score, and ``|score| <= 0.25`` is
``0`` (REQUEST to meet). Expected evidence items are ``pairs``: every actor with every target
(coordinated subjects and targets give one each); reciprocal templates (``REC``: "A and B
agreed to meet") pair each actor with the other ones.

Split: within each category every third template (the 3rd, 6th, 9th ...) goes, with all its
sentences, to the held-out file, so held-out sentences are new phrasings, not new names in a
phrasing tuned on. Both files cover all 16 categories.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "tests" / "data" / "events"
STEM = "event_sentences"
PER_TEMPLATE = 2
PUBLISHED_AT = "2025-06-02T09:00:00Z"
NOTE = "synthetic: fictional people, countries, organisations and armed groups"
CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
DIRECTION_EPS = 0.25  # the scorer's threshold (stancewire.eval.stance_eval.DIRECTION_EPS)
MODALITY_FLAGS = {"NEG": "negated", "INT": "intended", "COND": "conditional", "HYP": "hypothetical"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adj: str
    capital: str
    seat: str | None  # seat of power used as metonymy, with its article

    @property
    def id(self) -> str:
        # gov:<code> like the Phoenix-derived registry, so that role and demonym lookups that go
        # through the country code (registry.government) find it. The codes are from ISO
        # 3166-1's user-assigned range (X..), which no real country has.
        return f"gov:{self.code.lower()}"


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    country: str
    gender: str

    @property
    def id(self) -> str:
        return "person:" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Org:
    name: str  # without the article
    kind: str  # organisation | group
    country: str | None
    aliases: tuple[str, ...] = ()
    # International organisations: political | bank | relief; domestic: union | party | students.
    role: str = "political"

    @property
    def id(self) -> str:
        prefix = "group" if self.kind == "group" else "org"
        return f"{prefix}:" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


# Fictional world. The first eight country names also appear in tests/data/stance_sentences.jsonl
# (with other ids there); the rest are new, and so are all capitals, seats, people and groups.
COUNTRIES = [
    Country("XVT", "Veltria", "Veltrian", "Orsenna", "the Lindenhof Palace"),
    Country("XCV", "Corvenia", "Corvenian", "Tavrin", "the Granite House"),
    Country("XKD", "Kaldoria", "Kaldorian", "Brennholm", "the Kestrel Palace"),
    Country("XSV", "Sarvonia", "Sarvonian", "Meridan", None),
    Country("XDV", "Dravenia", "Dravenian", "Koval", "Korsak Castle"),
    Country("XMU", "Marundi", "Marundian", "Port Selu", None),
    Country("XTV", "Telvania", "Telvanian", "Ristova", "the Amber Hall"),
    Country("XBM", "Belmira", "Belmiran", "Casavel", "the Azure Palace"),
    Country("XNK", "Norvask", "Norvaskan", "Hollin", None),
    Country("XHW", "Harwen", "Harwenian", "Eldmoor", "the Weir House"),
]
PERSONS = [
    Person("Anika Strell", "President", "XVT", "f"),
    Person("Jonas Veerland", "Foreign Minister", "XVT", "m"),
    Person("Teodor Halic", "Prime Minister", "XCV", "m"),
    Person("Ilona Brask", "Defence Minister", "XCV", "f"),
    Person("Lorna Vask", "President", "XKD", "f"),
    Person("Edvin Malko", "Prime Minister", "XSV", "m"),
    Person("Bogdan Reszel", "President", "XDV", "m"),
    Person("Nia Okavu", "President", "XMU", "f"),
    Person("Pavel Dorn", "Interior Minister", "XTV", "m"),
    Person("Mirela Casado", "Foreign Minister", "XBM", "f"),
    Person("Henrik Vasstad", "Prime Minister", "XNK", "m"),
    Person("Oskar Rellin", "President", "XHW", "m"),
]
ORGS = [  # {O}: international organisations
    Org("League of Free Nations", "organisation", None, ("lfn",)),
    Org("Northern Maritime Alliance", "organisation", None, ("nma",)),
    Org("Aurel Economic Union", "organisation", None, ("aeu",)),
    Org("Halvard Development Bank", "organisation", None, (), "bank"),
    Org("Red Lantern Society", "organisation", None, (), "relief"),
]
DOMESTIC = [  # {N}/{M}: unions, parties, students; each belongs to a country
    Org("Tavrin Dockworkers' Union", "organisation", "XCV", ("tavrin dockworkers union",), "union"),
    Org("Civic Renewal Party", "organisation", "XVT", (), "party"),
    Org("Brennholm Students' League", "organisation", "XKD", ("brennholm students league",), "students"),
    Org("Marundi Farmers' Association", "organisation", "XMU", ("marundi farmers association",), "union"),
    Org("Harwen Workers' Front", "organisation", "XHW", ("harwen workers front",), "union"),
]
GROUPS = [  # {G}/{H}: armed groups
    Org("Black Ridge Militia", "group", "XDV", ()),
    Org("Red Dawn Brigade", "group", "XSV", ()),
    Org("Free Coast Front", "group", "XMU", ()),
    Org("Ashfall Movement", "group", "XTV", ()),
]

_SLOT_RE = re.compile(r"\{([A-Z])(?::([a-z]+))?\}")
# Categories where a capital or a seat of power stands naturally for a government as the one
# acted on ("accused Brennholm of ..."); in material acts a capital reads as the city
# ("sent aid to Tavrin"), so targets there are always named. Seats as actors only here too.
SEAT_OK = frozenset(
    ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"]
)
ORG_ROLES = {"bank": ("bank",), "relief": ("relief",), "aid": ("bank", "relief")}
_COUNTRY_SLOTS = "ABTUX"


@dataclass(frozen=True)
class Template:
    category: str
    mode: str
    flags: frozenset[str]
    text: str
    index: int  # position within its category block

    @property
    def key(self) -> str:
        return f"{self.category}-{self.index + 1:02d}"

    @property
    def modality(self) -> str:
        for flag, mod in MODALITY_FLAGS.items():
            if flag in self.flags:
                return mod
        return "asserted"

    @property
    def split(self) -> str:
        return "heldout" if self.index % 3 == 2 else "dev"


def load_templates() -> list[Template]:
    path = ROOT / "scripts" / "event_gold_templates.py"
    spec = importlib.util.spec_from_file_location("event_gold_templates", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out: list[Template] = []
    category = ""
    index = 0
    for raw in mod.TEMPLATES.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("=="):
            category = line[2:].strip()
            if category not in CATEGORIES:
                raise ValueError(f"unknown category block {category!r}")
            index = 0
            continue
        mode, flags, text = (p.strip() for p in line.split("|", 2))
        out.append(Template(category, mode, frozenset(f for f in flags.split(",") if f), text, index))
        index += 1
    return out


def load_scores(reference: Path) -> dict[tuple[str, str], float]:
    with (reference / "plover-scores.csv").open(encoding="utf-8") as f:
        return {(r["category"], r["mode"]): float(r["score"]) for r in csv.DictReader(f)}


def expected_direction(score: float, modality: str) -> str:
    if modality == "negated":
        # The project's convention: a cooperative act that did not happen counts against the
        # target (x -0.25), a conflictual act that did not happen is no evidence either way.
        return "-" if score > 0 else "0"
    if score > DIRECTION_EPS:
        return "+"
    if score < -DIRECTION_EPS:
        return "-"
    return "0"


def _country_form(
    c: Country, form: str | None, rng: random.Random, feats: set[str], target: bool, category: str
) -> str:
    if form is None:
        # Plain slot: mostly the name, sometimes the capital or the seat of power (metonymy),
        # where a wire editor would let it stand for the government.
        if target:
            choices = ["n", "n", "n", "c"] if category in SEAT_OK else ["n"]
        else:
            choices = ["n", "n", "n", "c"] + (["s"] if c.seat and category in SEAT_OK else [])
        form = rng.choice(choices)
    if form == "n":
        return c.name
    if form == "d":
        feats.add("demonym")
        return c.adj
    if form == "c":
        feats.add("metonymy")
        return c.capital
    if form == "s":
        feats.add("metonymy")
        return c.seat or c.capital
    raise ValueError(f"unknown country form {form!r}")


def _person_form(p: Person, rng: random.Random) -> str:
    if rng.random() < 0.4:
        adj = next(c.adj for c in COUNTRIES if c.code == p.country)
        return f"{adj} {p.title} {p.name}"
    return f"{p.title} {p.name}"


def _org_form(o: Org, form: str | None) -> str:
    return o.name if form == "b" else f"the {o.name}"  # role forms (bank, relief) keep "the"


# Slot letters by role. Actors: A B (countries), P (person), O (international organisation),
# N (domestic organisation), G (armed group). Targets: T U, Q, R, M, H. Neither (a venue or a
# bystander named in the sentence): X (country), V (organisation), W (armed group).
ACTOR_SLOTS = "ABPONG"
TARGET_SLOTS = "TUQRMH"


def instantiate(t: Template, rng: random.Random) -> dict:
    slots = {m.group(1) for m in _SLOT_RE.finditer(t.text)}
    countries = {c.code: c for c in COUNTRIES}
    pick: dict[str, Country | Person | Org] = {}
    used: set[str] = set()  # country codes already in the sentence
    for s in "NM":
        if s in slots:
            # {N:union}: only a union can go on strike; otherwise any domestic organisation.
            kinds = {m.group(2) for m in _SLOT_RE.finditer(t.text) if m.group(1) == s} - {None, "b"}
            pick[s] = rng.choice([o for o in DOMESTIC if not kinds or o.role in kinds])
            home = pick[s].country  # type: ignore[union-attr]
            assert home is not None
            if "SAME" in t.flags:
                # A domestic group and its own government or leader.
                for other in slots & set("ATPQ"):
                    if other in "AT":
                        pick[other] = countries[home]
                    else:
                        pick[other] = next(p for p in PERSONS if p.country == home)
            used.add(home)
    for s in "PQ":
        if s in slots and s not in pick:
            p = rng.choice([p for p in PERSONS if p.country not in used])
            pick[s] = p
            used.add(p.country)
    for s in _COUNTRY_SLOTS:
        if s in slots and s not in pick:
            c = rng.choice([c for c in COUNTRIES if c.code not in used])
            pick[s] = c
            used.add(c.code)
    for s in "ORV":
        if s in slots:
            # {O:bank} / {O:relief} / {O:aid}: a lender or relief body; else a political one.
            forms_used = {m.group(2) for m in _SLOT_RE.finditer(t.text) if m.group(1) == s}
            roles = next((ORG_ROLES[f] for f in forms_used if f in ORG_ROLES), ("political",))
            cands = [o for o in ORGS if o.role in roles and o not in pick.values()]
            pick[s] = rng.choice(cands)
    chosen = rng.sample(GROUPS, 3)
    for s, o in zip("GHW", chosen, strict=True):
        if s in slots:
            pick[s] = o

    feats: set[str] = set()
    forms: dict[str, str] = {}

    def fill(m: re.Match[str]) -> str:
        slot, form = m.group(1), m.group(2)
        key = f"{slot}:{form}"
        if key not in forms:
            obj = pick[slot]
            if isinstance(obj, Country):
                forms[key] = _country_form(obj, form, rng, feats, slot in TARGET_SLOTS, t.category)
            elif isinstance(obj, Person):
                forms[key] = _person_form(obj, rng)
            else:
                forms[key] = _org_form(obj, form)
        return forms[key]

    text = _SLOT_RE.sub(fill, t.text)
    text = text[0].upper() + text[1:]
    actor_slots = [s for s in ACTOR_SLOTS if s in slots]
    target_slots = [s for s in TARGET_SLOTS if s in slots]
    actors = [pick[s].id for s in actor_slots]
    targets = [pick[s].id for s in target_slots]
    if "REC" in t.flags:
        targets = list(actors) + targets
        pairs = [[a, b] for a, b in itertools.permutations(actors, 2)]
        pairs += [[a, x] for a in actors for x in targets if x not in actors]
    else:
        pairs = [[a, x] for a in actors for x in targets]
    if (
        not actors
        or not pairs
        or len(set(actors) | set(targets))
        != len(actors) + len(targets) - (len(actors) if "REC" in t.flags else 0)
    ):
        raise ValueError(f"{t.key}: bad actor/target slots in {t.text!r}")
    if len(actors) > 1:
        feats.add("coordinated_actors")
    if len(target_slots) > 1:
        feats.add("coordinated_targets")
    if "REC" in t.flags:
        feats.add("reciprocal")
    flag_feats = {
        "P": "passive",
        "MW": "multiword",
        "THR": "threatened",
        "NEG": "negated",
        "INT": "intended",
        "COND": "conditional",
        "HYP": "hypothetical",
        "ATT": "attributed",
    }
    feats |= {flag_feats[f] for f in t.flags if f in flag_feats}
    if slots & set("ORNM"):
        feats.add("organisation")
    if slots & set("GH"):
        feats.add("armed_group")
    if slots & set("PQ"):
        feats.add("person")
    return {"text": text, "actors": actors, "targets": targets, "pairs": pairs, "features": sorted(feats)}


def build(reference: Path) -> dict[str, list[dict]]:
    scores = load_scores(reference)
    templates = load_templates()
    out: dict[str, list[dict]] = {"dev": [], "heldout": []}
    seen: set[str] = set()
    n = 0
    for t in templates:
        base = scores.get((t.category, t.mode))
        if base is None:
            raise ValueError(f"{t.key}: no PLOVER score for {t.category}/{t.mode!r}")
        rng = random.Random(f"{t.key}|{t.text}")
        made = 0
        tries = 0
        while made < PER_TEMPLATE:
            tries += 1
            if tries > 50:
                raise ValueError(f"{t.key}: cannot make {PER_TEMPLATE} distinct sentences")
            inst = instantiate(t, rng)
            if inst["text"] in seen:
                continue
            seen.add(inst["text"])
            made += 1
            n += 1
            rec = {
                "id": f"ev-{n:03d}",
                "split": t.split,
                "template": t.key,
                "text": inst["text"],
                "synthetic": True,
                "note": NOTE,
                "published_at": PUBLISHED_AT,
                "features": inst["features"],
                "expected": {
                    "actors": inst["actors"],
                    "targets": inst["targets"],
                    "pairs": inst["pairs"],
                    "category": t.category,
                    "mode": t.mode or None,
                    "modality": t.modality,
                    "score": base,
                    "direction": expected_direction(base, t.modality),
                },
            }
            out[t.split].append(rec)
    return out


def actor_records() -> list[dict]:
    recs: list[dict] = [
        {
            "_meta": {
                "note": "Registry records for the fictional actors of the synthetic event gold set "
                "(issue 16); generated by scripts/build_event_gold.py. Nothing here is real."
            }
        }
    ]
    for c in COUNTRIES:
        name, adj = c.name.lower(), c.adj.lower()
        aliases = [name, adj, f"{adj} government", f"government of {name}", c.capital.lower()]
        if c.seat:
            aliases.append(c.seat.lower().removeprefix("the "))
        recs.append(
            {
                "id": c.id,
                "name": c.name,
                "kind": "government",
                "country": c.code,
                "aliases": aliases,
                "roles": [],
                "synthetic": True,
            }
        )
    for p in PERSONS:
        recs.append(
            {
                "id": p.id,
                "name": p.name,
                "kind": "person",
                "gender": p.gender,
                "country": p.country,
                "aliases": [p.name.split()[-1].lower()],
                "roles": [{"title": p.title.lower(), "country": p.country, "valid_from": "2020-01-01"}],
                "synthetic": True,
            }
        )
    for o in ORGS + DOMESTIC + GROUPS:
        rec = {
            "id": o.id,
            "name": o.name,
            "kind": o.kind,
            "aliases": [o.name.lower(), *o.aliases],
            "roles": [],
            "synthetic": True,
        }
        if o.country:
            rec["country"] = o.country
        recs.append(rec)
    return recs


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def outputs(reference: Path) -> dict[Path, str]:
    data = build(reference)
    return {
        OUT_DIR / f"{STEM}.dev.jsonl": render(data["dev"]),
        OUT_DIR / f"{STEM}.heldout.jsonl": render(data["heldout"]),
        OUT_DIR / f"{STEM}.actors.jsonl": render(actor_records()),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, default=Path("/work/shared/reference"))
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    args = ap.parse_args()
    files = outputs(args.reference)
    if args.check:
        bad = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in bad:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if bad else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
