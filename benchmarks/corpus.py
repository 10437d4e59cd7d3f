"""A deterministic synthetic news corpus for the benchmarks.

Every person, country and organisation here is fictional; each article is marked ``synthetic: true``
with a metadata note saying so. Articles are built from templates (wire and feature style; politics,
business, sport, courts, science), run 300-900 words, mix direct, indirect and mixed quotes with
stance verbs (praise, accuse, threaten sanctions, agree to talks ...) and are dated over a few months.

Each (actor, target) relationship has a "turning date": before it the actor's statements about the
target lean one way, after it the other way, so positions build up *and* stance-change alerts fire.
The same seed always yields the same articles (``random.Random(seed)``, no global state), so two
runs of the benchmark parse exactly the same text.

    python -m benchmarks.corpus --articles 5 | head   # peek at the JSONL
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

NOTE = "Synthetic benchmark article: all people, countries and organisations are fictional."
START = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
SPAN_DAYS = 100  # "a few months": long enough for the 7-day half-life to let positions turn

# (country, demonym, capital)
COUNTRIES = [
    ("Veltria", "Veltrian", "Port Anselm"),
    ("Corvenia", "Corvenian", "Dravik"),
    ("Kaldoria", "Kaldorian", "Marrowgate"),
    ("Sarvonia", "Sarvonian", "Ostrel"),
    ("Marundi", "Marundian", "Keltha"),
    ("Belmora", "Belmoran", "Syrrin"),
    ("Drovania", "Drovanian", "Halvik"),
    ("Lusmark", "Lusmarker", "Tarnholm"),
]
GIVEN = [
    "Ilse",
    "Tomas",
    "Anja",
    "Olaf",
    "Dana",
    "Petra",
    "Ruben",
    "Mirela",
    "Jonas",
    "Katya",
    "Elvin",
    "Sanne",
    "Bruno",
    "Livia",
    "Aurel",
    "Nadia",
    "Teodor",
    "Greta",
    "Marek",
    "Selma",
    "Oskar",
    "Vera",
    "Halvard",
    "Irina",
]
SURNAMES = [
    "Varga-Tamm",
    "Reyel",
    "Birk",
    "Renn",
    "Oskarsson",
    "Lund",
    "Castellan",
    "Dravos",
    "Holm",
    "Ventrel",
    "Markova",
    "Sadri",
    "Quist",
    "Balden",
    "Morrow",
    "Teskel",
    "Arvo",
    "Lindqvist",
    "Pellan",
    "Korth",
    "Nyberg",
    "Falkenrath",
    "Strand",
    "Voskuijl",
]
COMPANIES = [
    "Norwind Mining",
    "Halden Mining Company",
    "Tessel Motors",
    "Brightwater Energy",
    "Orlan Bank",
    "Kestrel Airways",
    "Vantor Telecom",
    "Greymoor Shipping",
]
CLUBS = ["Port Anselm Athletic", "Dravik Rovers", "Marrowgate United", "Ostrel City"]
COURTS = ["the High Court of Corvenia", "the Veltrian Supreme Court", "the Kaldorian Court of Appeal"]
UNIS = ["Halden University", "the Keltha Institute of Technology", "Syrrin Polytechnic"]


@dataclass(frozen=True)
class Person:
    name: str
    title: str  # "Veltrian Foreign Minister", "chief executive of Norwind Mining", ...
    short: str  # surname, for later references
    domain: str
    pronoun: str


@dataclass(frozen=True)
class Relation:
    actor: Person
    target: str  # a person's name, a country or an organisation
    turn: datetime  # stance flips here
    positive_first: bool


DOMAINS = ("politics", "business", "sport", "courts", "science")
DOMAIN_WEIGHTS = (0.4, 0.2, 0.15, 0.12, 0.13)

POSITIVE = [
    "{A} praised {T} as a “reliable partner” on {day}.",
    "{A} agreed to hold talks with {T} on {issue}.",
    "“We welcome the proposal from {T} and we are ready to work together,” {A} said.",
    "{A} thanked {T} for the support on {issue}, calling it “a real step forward”.",
    "{A} said {P_lower} government would back {T} in the coming vote.",
    "{A} hailed {T} as “courageous” after the agreement on {issue}.",
    "“{T} has kept every promise so far,” {A} told reporters in {city}.",
    "{A} endorsed {T}'s plan on {issue} and said talks would resume next week.",
]
NEGATIVE = [
    "{A} accused {T} of breaking the agreement on {issue}.",
    "{A} threatened {T} with sanctions over {issue} on {day}.",
    "“If {T} does not change course, there will be serious consequences,” {A} warned.",
    "{A} condemned {T} for the handling of {issue}, calling it “reckless”.",
    "{A} rejected {T}'s offer of talks and said the dispute over {issue} was “far from over”.",
    "{A} said {T} had misled the public about {issue}.",
    "“We will not be bullied by {T},” {A} told reporters in {city}.",
    "{A} denounced {T} and warned of a trade embargo if the row over {issue} continued.",
]
NEUTRAL_QUOTES = [
    "“We are studying the figures carefully and will say more next week,” {A} said.",
    "{A} said the committee would meet again on {day} to review {issue}.",
    "“There is a lot of work ahead of us,” {A} told reporters, adding that no decision had been taken.",
    "According to {A}, the final report on {issue} is expected before the summer.",
]
ISSUES = {
    "politics": [
        "the river border",
        "the fishing quotas",
        "the Sulenka dam",
        "the regional council",
        "the customs union",
        "visa rules",
    ],
    "business": [
        "the merger",
        "the quarterly results",
        "the pension fund",
        "the new plant",
        "the pricing dispute",
        "the supply contract",
    ],
    "sport": [
        "the transfer window",
        "the stadium lease",
        "the league schedule",
        "the doping inquiry",
        "the broadcast deal",
    ],
    "courts": [
        "the appeal",
        "the tenancy ruling",
        "the extradition request",
        "the data-protection case",
        "the sentencing guidelines",
    ],
    "science": [
        "the climate study",
        "the vaccine trial",
        "the research budget",
        "the telescope project",
        "the fisheries survey",
    ],
}
FILLER = {
    "politics": [
        "The two governments have argued over {issue} for more than a decade.",
        "Officials in {city} declined to give details of the schedule.",
        "Turnout in the last election was the lowest since the country's independence.",
        "Diplomats said a joint statement was being drafted but had not been agreed.",
        "The opposition has called for a parliamentary debate on the matter.",
        "Trade between the neighbours fell by almost a fifth last year, according to official data.",
    ],
    "business": [
        "Shares in the company rose 3.2 percent in early trading before falling back.",
        "Analysts expect revenue to grow modestly over the next two quarters.",
        "The firm employs about 4,000 people across three countries.",
        "Regulators in {city} are reviewing the deal and are expected to rule by the autumn.",
        "The company's bonds have traded below par since the spring.",
        "Unions have asked for guarantees on jobs at the older sites.",
    ],
    "sport": [
        "The club finished fourth last season, two points short of a European place.",
        "Tickets for the next home game sold out within an hour.",
        "The injured striker is expected to return after the international break.",
        "Attendance at league matches has risen for a third straight year.",
        "The match in {city} was delayed by twenty minutes because of heavy rain.",
    ],
    "courts": [
        "The hearing in {city} lasted more than four hours.",
        "Lawyers for both sides are expected to file written submissions within a month.",
        "The case has drawn protesters to the courthouse steps every morning this week.",
        "Legal experts said the ruling could set a precedent for similar disputes.",
        "The court did not say when it would publish its full reasoning.",
    ],
    "science": [
        "The study followed more than 2,000 participants over six years.",
        "The findings were published in a peer-reviewed journal on Wednesday.",
        "Independent researchers said the results would need to be replicated.",
        "Funding for the project comes partly from a regional development fund.",
        "The team plans to release its raw data later this year.",
    ],
}
HEADLINES = {
    True: ["{As} praises {T} over {issue}", "{As} agrees to talks with {T}", "{As} backs {T} on {issue}"],
    False: [
        "{As} accuses {T} over {issue}",
        "{As} threatens {T} with sanctions",
        "{As} rejects {T}'s offer on {issue}",
    ],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _people(rnd: random.Random) -> list[Person]:
    names = [
        f"{g} {s}"
        for g, s in zip(rnd.sample(GIVEN, len(GIVEN)), rnd.sample(SURNAMES, len(SURNAMES)), strict=False)
    ]
    out: list[Person] = []
    roles: list[tuple[str, str]] = []
    for _country, demonym, _capital in COUNTRIES:
        roles.append(("politics", f"{demonym} President"))
        roles.append(("politics", f"{demonym} Foreign Minister"))
    roles += [("business", f"chief executive of {c}") for c in COMPANIES[:4]]
    roles += [("sport", f"coach of {c}") for c in CLUBS[:2]]
    roles += [("courts", "chief prosecutor"), ("science", f"lead researcher at {UNIS[0]}")]
    for name, (domain, title) in zip(names, roles, strict=False):
        out.append(
            Person(
                name=name,
                title=title,
                short=name.split(" ", 1)[1],
                domain=domain,
                pronoun=rnd.choice(["his", "her"]),
            )
        )
    return out


def _relations(rnd: random.Random, people: list[Person]) -> list[Relation]:
    rels: list[Relation] = []
    for p in people:
        if p.domain == "politics":
            pool = [q.name for q in people if q.domain == "politics" and q is not p]
            pool += [c[0] for c in COUNTRIES]
        elif p.domain == "business":
            pool = COMPANIES + [q.name for q in people if q.domain == "business" and q is not p]
        elif p.domain == "sport":
            pool = CLUBS + [q.name for q in people if q.domain == "sport" and q is not p]
        elif p.domain == "courts":
            pool = COMPANIES[4:] + [q.name for q in people if q.domain == "politics"][:4]
        else:
            pool = UNIS[1:] + COMPANIES[:2]
        for target in rnd.sample(pool, min(3, len(pool))):
            turn = START + timedelta(days=rnd.uniform(0.3, 0.7) * SPAN_DAYS)
            rels.append(Relation(p, target, turn, rnd.random() < 0.5))
    return rels


def _fill(template: str, rnd: random.Random, rel: Relation, domain: str, first: bool) -> str:
    a = rel.actor
    actor = f"{a.title} {a.name}" if first else rnd.choice([a.name, a.short])
    return template.format(
        A=actor,
        T=rel.target,
        P_lower=a.pronoun,
        issue=rnd.choice(ISSUES[domain]),
        city=rnd.choice(COUNTRIES)[2],
        day=rnd.choice(DAYS),
    )


def _article(rnd: random.Random, i: int, rels: list[Relation], people: list[Person]) -> dict:
    published = START + timedelta(seconds=rnd.uniform(0, SPAN_DAYS * 86_400))
    # Weighted by domain, not by how many actors a domain has (politics has the most).
    domain = rnd.choices(DOMAINS, weights=DOMAIN_WEIGHTS)[0]
    main = rnd.choice([r for r in rels if r.actor.domain == domain])
    domain = main.actor.domain
    same_domain = [r for r in rels if r.actor.domain == domain and r is not main] or rels
    side_rels = rnd.sample(same_domain, min(2, len(same_domain)))
    style = rnd.choice(["wire", "wire", "feature"])
    target_words = rnd.randint(300, 900)
    city = rnd.choice(COUNTRIES)[2]

    def positive(rel: Relation) -> bool:
        before = published < rel.turn
        lean = rel.positive_first if before else not rel.positive_first
        return lean if rnd.random() < 0.85 else not lean  # some noise: real coverage is not uniform

    def stance_sentence(rel: Relation, first: bool) -> str:
        pool = POSITIVE if positive(rel) else NEGATIVE
        if rnd.random() < 0.15:
            pool = NEUTRAL_QUOTES
        return _fill(rnd.choice(pool), rnd, rel, domain, first)

    lead = stance_sentence(main, first=True)
    if style == "wire":
        lead = f"{city.upper()}, {published:%B} {published.day} (Example Wire) - {lead}"
    else:
        lead = f"On a grey morning in {city}, the mood was tense. " + lead
    paras = [lead]
    introduced = {main.actor.name}
    words = len(lead.split())
    while words < target_words:
        sents = []
        for _ in range(rnd.randint(2, 4)):
            roll = rnd.random()
            if roll < 0.45:
                rel = main if rnd.random() < 0.6 else rnd.choice(side_rels)
                first = rel.actor.name not in introduced
                introduced.add(rel.actor.name)
                sents.append(stance_sentence(rel, first))
            else:
                sents.append(rnd.choice(FILLER[domain]).format(issue=rnd.choice(ISSUES[domain]), city=city))
        para = " ".join(sents)
        paras.append(para)
        words += len(para.split())
    headline = rnd.choice(HEADLINES[positive(main)]).format(
        As=main.actor.short, T=main.target, issue=rnd.choice(ISSUES[domain])
    )
    return {
        "id": f"bench-{i:05d}",
        "url": f"https://news.example.org/{published:%Y/%m/%d}/bench-{i:05d}",
        "source": "Example Wire (fictional)" if style == "wire" else "Example Weekly (fictional)",
        "title": headline,
        "text": "\n\n".join(paras),
        "published_at": published.isoformat().replace("+00:00", "Z"),
        "language": "en",
        "synthetic": True,
        "metadata": {"synthetic": True, "note": NOTE, "domain": domain, "style": style, "corpus": "bench-v1"},
    }


def generate(n: int = 1000, seed: int = 2025) -> list[dict]:
    """``n`` article dicts (``Article``-shaped), sorted by publication time, same for the same seed."""
    rnd = random.Random(seed)
    people = _people(rnd)
    rels = _relations(rnd, people)
    arts = [_article(rnd, i, rels, people) for i in range(n)]
    # Feed in event-time order like a live wire; ids stay tied to generation order.
    arts.sort(key=lambda a: a["published_at"])
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description="Print the synthetic benchmark corpus as JSONL.")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    for art in generate(args.articles, args.seed):
        sys.stdout.write(json.dumps(art, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
