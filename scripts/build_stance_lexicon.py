#!/usr/bin/env python3
"""Build ``stancewire/nlp/data/stance_lexicon.json`` from the CAMEO/PLOVER reference tables.

Inputs (``/work/shared/reference`` by default, or ``--reference DIR``):

* ``cameo-verbs.txt``   CAMEO verb patterns (MIT, (c) 2015 Open Event Data Alliance, PETRARCH2)
* ``cameo2plover.txt``  CAMEO code -> PLOVER category/mode (PLOVER manual draft 0.8, CC BY-SA 4.0)
* ``plover-scores.csv`` PLOVER score per category and mode (PLOVER manual, CC BY-SA 4.0)

The output keeps only what the rule-based stance coder needs:

* ``scores``: category -> {"": default, mode: score}
* ``verbs``: verb lemma -> list of entries ``{"c": category, "m": mode, "code": ..., "w": slots,
  "src": "cameo"|"hand", ...}``; ``w`` is a list of word slots (each a list of alternatives) that
  must follow the verb in its clause, empty for the verb's default reading.
* ``nouns``: nominal triggers (``talks``, ``summit``, ``sanctions`` ...) -> entry.

Hand additions (common news phrasings CAMEO lacks or codes in a way that does not fit news stance)
are listed below and win over CAMEO entries for the same verb and words. Because the scores and the
category/mode table are derived from PLOVER, the output file is CC BY-SA 4.0 and carries that
attribution in its ``_licence`` field (plus ``stancewire/nlp/data/LICENSE-stance-data.md``).

Run: ``.venv/bin/python scripts/build_stance_lexicon.py``
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "stancewire" / "nlp" / "data" / "stance_lexicon.json"
ISSUES_OUT = REPO / "stancewire" / "nlp" / "data" / "issues.jsonl"
DEFAULT_REF = Path("/work/shared/reference")

LICENCE = (
    "Derived from the PLOVER manual (draft 0.8, 2021; CAMEO->PLOVER table and conflict/cooperation "
    "scores), (c) Open Event Data Alliance, licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/), and from the CAMEO verb dictionary of the "
    "PETRARCH2 project, (c) 2015 Open Event Data Alliance, MIT licence. This derived data file is "
    "distributed under CC BY-SA 4.0. Changes: reduced to verbs/patterns that map to PLOVER categories, "
    "CAMEO 02x appeals mapped to REQUEST like 10x demands, hand additions for news phrasings."
)

# CAMEO 02x ("appeal for ...") is not in the conversion table; PLOVER folds appeals into REQUEST,
# so they get the same modes as the matching 10x demand codes.
APPEAL_MODES = {
    "020": "",
    "021": "assist",
    "022": "assist",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}

# Generic verbs whose CAMEO default reading fires far too often in news prose ("die", "engage",
# "make") or is a statement cue rather than an event; their specific patterns are still kept.
NO_DEFAULT = {
    "die",
    "engage",
    "target",
    "make",
    "link",
    "grant",
    "enact",
    "boost",
    "allocate",
    "consider",
    "hear",
    "introduce",
    "arrive",
    "assemble",
    "notify",
    "cable",
    "go",
    "signal",
    "prepare",
    "revive",
    "strive",
    "hope",
    "suggest",
    "appeal",
    "influence",
    "disclose",
    "coordinate",
    "rejoice",
    "respect",
    "reassert",
    "bless",
    "encourage",
    "favor",
    "regret",
    "lament",
    "despair",
    "dismay",
    "curse",
    "disturb",
    "march",
    "provoke",
    "confine",
    "exclude",
    "impel",
    "extract",
    "fine",
    "sentence",
    "pound",
    "repulse",
    "destroy",
    "call",
    "ask",
    "question",
    "face",
    "brave",
    "confront",
    "contact",
    "encounter",
    "interact",
    "place",
    "set",
    "put",
    "post",
    "base",
    "stage",
    "position",
    "arrange",
    "format",
    "pose",
    "station",
    "situate",
    "hurt",
    "rip",
    "abuse",
    "import",
    "purchase",
    "trade",
    "merge",
    "finance",
    "defend",
    "release",
    "allow",
    "submit",
    "abandon",
    "yield",
    "retreat",
    "endanger",
    "charge",
    "intend",
    "offer",
    "promise",
    "pledge",
    "recognise",
    "recognize",
    "honor",
    "honour",
    "reward",
    "celebrate",
    "commemorate",
    "toast",
    "greet",
    "clap",
    "inspect",
    "probe",
    "investigate",
    "insist",
    "deny",
    "resist",
    "withstand",
    "refuse",
    "overfly",
    "patrol",
    "parade",
    # Generic verbs whose CAMEO default reading misfires in ordinary news prose ("provided
    # details", "take place", "claimed that", "wanted to", "left out of").
    "add",
    "administer",
    "affect",
    "aim",
    "allot",
    "analyse",
    "apply",
    "approach",
    "argue",
    "ascertain",
    "assign",
    "associate",
    "attach",
    "attire",
    "augment",
    "award",
    "benefit",
    "best",
    "better",
    "bid",
    "bide",
    "bill",
    "bind",
    "blend",
    "blow",
    "break",
    "buy",
    "catch",
    "certify",
    "chain",
    "check",
    "claim",
    "clear",
    "combine",
    "command",
    "communicate",
    "compensate",
    "compete",
    "compound",
    "concert",
    "conduct",
    "confess",
    "confide",
    "conform",
    "connect",
    "constitute",
    "contain",
    "contemplate",
    "contrast",
    "control",
    "correlate",
    "cry",
    "deal",
    "debate",
    "decide",
    "deepen",
    "defer",
    "delay",
    "depart",
    "desire",
    "detach",
    "determine",
    "dictate",
    "differ",
    "dig",
    "direct",
    "disappoint",
    "disorder",
    "divulge",
    "embark",
    "enable",
    "endeavor",
    "endeavour",
    "enhance",
    "enlarge",
    "enroll",
    "ensure",
    "equip",
    "escalate",
    "establish",
    "exaggerate",
    "exchange",
    "expand",
    "expect",
    "explore",
    "expose",
    "express",
    "fail",
    "fill",
    "found",
    "furnish",
    "fuse",
    "gather",
    "gear",
    "give",
    "govern",
    "groom",
    "handle",
    "head",
    "heighten",
    "hint",
    "hit",
    "impact",
    "improve",
    "increase",
    "inhabit",
    "innovate",
    "insert",
    "inspire",
    "institute",
    "integrate",
    "intensify",
    "issue",
    "join",
    "journey",
    "lead",
    "learn",
    "leave",
    "lend",
    "loan",
    "magnify",
    "manage",
    "master",
    "match",
    "mean",
    "meditate",
    "mine",
    "mitigate",
    "moderate",
    "mourn",
    "muse",
    "need",
    "order",
    "organise",
    "organize",
    "outfit",
    "oversee",
    "pass",
    "pay",
    "plan",
    "ponder",
    "prefer",
    "prescribe",
    "prize",
    "pull",
    "push",
    "ready",
    "reason",
    "recede",
    "regulate",
    "relate",
    "relax",
    "remove",
    "render",
    "reside",
    "resolve",
    "retire",
    "reveal",
    "ring",
    "risk",
    "rule",
    "ruminate",
    "scan",
    "search",
    "seek",
    "serve",
    "skim",
    "speculate",
    "steer",
    "stock",
    "study",
    "supervise",
    "sweep",
    "table",
    "take",
    "task",
    "tax",
    "tend",
    "think",
    "tour",
    "train",
    "travel",
    "triumph",
    "unveil",
    "upset",
    "value",
    "vote",
    "want",
    "weigh",
    "whine",
    "withdraw",
    "wish",
    "steal",
    "touring",
    "volunteer",
    "subscribe",
    "stall",
    "postpone",
    "shelve",
    "remit",
    "protect",
    "shield",
    "guard",
    "ward",
    "safeguard",
    "stabilise",
    "stabilize",
    "contribute",
    "evacuate",
    "intervene",
    "interfere",
    "sponsor",
    "underwrite",
    "swap",
    "capture",
    "force",
    "pressure",
    "challenge",
    "counter",
    "contest",
    "dispute",
    "disagree",
    "object",
    "fight",
    "battle",
    "struggle",
    "combat",
    "clash",
}

# Verbs that frame another action ("wanted to reach a deal", "plans to sign") carry modality, not
# a category: stance_modality reads them; no lexicon entry at all, or they would swallow the
# action they govern.
MODAL_LEMMAS = {
    "want",
    "wish",
    "hope",
    "plan",
    "intend",
    "expect",
    "await",
    "wait",
    "aim",
    "mean",
    "decide",
    "continue",
    "try",
    "attempt",
    "prepare",
    "be",
    "have",
    "do",
    "get",
    "say",
    "tell",
}

# (lemma, words-after-verb, category, mode, extras). Words: list of slots, slot = "a|b|c".
# extras: issue id the trigger implies ("meet" -> a meeting), "prefer_issue" when the issue is
# the natural target ("call for a ceasefire"), "conf" confidence.
HAND: list[tuple[str, str, str, str, dict]] = [
    # --- SUPPORT (verbal cooperation: praise, endorse, defend verbally, sign formal agreements)
    ("praise", "", "SUPPORT", "", {}),
    ("welcome", "", "SUPPORT", "", {}),
    ("back", "", "SUPPORT", "", {}),
    ("endorse", "", "SUPPORT", "", {}),
    ("applaud", "", "SUPPORT", "", {}),
    ("commend", "", "SUPPORT", "", {}),
    ("hail", "", "SUPPORT", "", {}),
    ("laud", "", "SUPPORT", "", {}),
    ("support", "", "SUPPORT", "", {}),
    ("thank", "", "SUPPORT", "", {}),
    ("congratulate", "", "SUPPORT", "", {}),
    ("salute", "", "SUPPORT", "", {}),
    ("defend", "", "SUPPORT", "", {}),
    ("champion", "", "SUPPORT", "", {}),
    ("admire", "", "SUPPORT", "", {}),
    ("compliment", "", "SUPPORT", "", {}),
    ("apologize", "", "SUPPORT", "", {}),
    ("apologise", "", "SUPPORT", "", {}),
    ("forgive", "", "SUPPORT", "", {}),
    ("recognize", "", "SUPPORT", "", {}),
    ("recognise", "", "SUPPORT", "", {}),
    ("sign", "", "SUPPORT", "", {}),
    ("ratify", "", "SUPPORT", "", {}),
    ("stand", "with|by|behind", "SUPPORT", "", {}),
    ("side", "with", "SUPPORT", "", {}),
    ("express", "support|solidarity|gratitude", "SUPPORT", "", {}),
    ("voice", "support|solidarity", "SUPPORT", "", {}),
    ("pledge", "support", "SUPPORT", "", {}),
    ("offer", "support|condolences", "SUPPORT", "", {}),
    ("vouch", "for", "SUPPORT", "", {}),
    ("agree", "with", "SUPPORT", "", {}),
    # --- AGREE (intent to cooperate, meet, settle; offers and promises)
    ("agree", "", "AGREE", "", {}),
    ("pledge", "", "AGREE", "", {}),
    ("promise", "", "AGREE", "", {}),
    ("vow", "", "AGREE", "", {}),
    ("commit", "", "AGREE", "", {}),
    ("offer", "", "AGREE", "", {}),
    ("accept", "invitation|proposal|offer|plan", "AGREE", "", {}),
    ("accept", "", "AGREE", "", {}),
    ("reach", "deal|agreement|accord|compromise|understanding|settlement", "AGREE", "", {}),
    ("strike", "deal|agreement|accord|bargain", "AGREE", "", {}),
    ("seal", "deal|agreement|accord", "AGREE", "", {}),
    ("clinch", "deal|agreement|accord", "AGREE", "", {}),
    ("express", "willingness|readiness|openness|interest", "AGREE", "", {}),
    ("signal", "willingness|readiness|openness", "AGREE", "", {}),
    ("offer", "mediate|mediation", "AGREE", "", {"issue": "issue:peace-talks"}),
    # --- CONSULT (meetings, talks, visits, calls, mediation)
    ("meet", "", "CONSULT", "meet", {"issue": "issue:meeting", "also_issue": True}),
    (
        "hold",
        "talks|meeting|meetings|summit|negotiations|consultations|call",
        "CONSULT",
        "",
        {"issue": "issue:meeting", "also_issue": True},
    ),
    ("negotiate", "", "CONSULT", "", {"issue": "issue:meeting", "also_issue": True}),
    ("talk", "", "CONSULT", "", {"issue": "issue:meeting"}),
    ("discuss", "", "CONSULT", "", {}),
    ("confer", "", "CONSULT", "", {}),
    ("consult", "", "CONSULT", "", {}),
    ("host", "", "CONSULT", "visit", {}),
    ("visit", "", "CONSULT", "visit", {}),
    ("phone", "", "CONSULT", "phone", {}),
    ("call", "", "CONSULT", "phone", {"need_actor_object": True}),
    ("speak", "with|to", "CONSULT", "phone", {}),
    ("mediate", "", "CONSULT", "third-party", {}),
    ("receive", "delegation|envoy|minister|president|counterpart", "CONSULT", "visit", {}),
    # --- CONCEDE (yield to demands, ease restrictions)
    ("concede", "", "CONCEDE", "", {}),
    ("yield", "", "CONCEDE", "", {}),
    ("relent", "", "CONCEDE", "", {}),
    ("compromise", "", "CONCEDE", "", {}),
    ("back", "down", "CONCEDE", "", {}),
    ("give", "in", "CONCEDE", "", {}),
    ("accept", "demand|demands|terms|conditions|request", "CONCEDE", "", {}),
    ("accede", "", "CONCEDE", "", {}),
    ("cave", "", "CONCEDE", "", {}),
    ("ease", "restrictions|ban|rules|curbs|controls", "CONCEDE", "", {}),
    ("drop", "demand|demands|objection|objections|opposition|charges", "CONCEDE", "", {}),
    ("soften", "stance|position", "CONCEDE", "", {}),
    ("pardon", "", "CONCEDE", "", {}),
    ("allow", "", "CONCEDE", "", {}),
    # --- COOPERATE (material cooperation)
    ("cooperate", "", "COOPERATE", "", {}),
    ("collaborate", "", "COOPERATE", "", {}),
    ("partner", "with", "COOPERATE", "", {}),
    ("team", "up", "COOPERATE", "", {}),
    ("share", "intelligence|information|data|technology", "COOPERATE", "", {}),
    ("work", "with|together", "COOPERATE", "", {}),
    ("join", "forces", "COOPERATE", "", {}),
    ("trade", "with", "COOPERATE", "", {}),
    ("extradite", "", "COOPERATE", "", {}),
    ("conduct", "joint", "COOPERATE", "", {}),
    ("invest", "", "COOPERATE", "", {}),
    ("supply", "", "COOPERATE", "", {}),
    ("export", "", "COOPERATE", "", {}),
    ("launch", "joint", "COOPERATE", "", {}),
    ("build", "jointly", "COOPERATE", "", {}),
    # --- AID (provide aid)
    ("aid", "", "AID", "", {}),
    ("assist", "", "AID", "", {}),
    ("help", "", "AID", "", {}),
    ("donate", "", "AID", "", {}),
    ("fund", "", "AID", "", {}),
    ("rescue", "", "AID", "", {}),
    (
        "send",
        "aid|assistance|relief|supplies|food|medicine|doctors|peacekeepers|help|vaccines",
        "AID",
        "",
        {},
    ),
    ("provide", "", "AID", "", {}),
    ("deliver", "", "AID", "", {}),
    ("grant", "asylum", "AID", "", {}),
    ("grant", "aid|loan|assistance|funds", "AID", "", {}),
    ("offer", "aid|assistance|help|relief|loan|asylum", "AID", "", {}),
    ("airlift", "", "AID", "", {}),
    ("shelter", "", "AID", "", {}),
    # --- RETREAT (withdraw, release, ceasefire, disarm, ease sanctions, resign)
    ("withdraw", "troops|forces|soldiers|army|units", "RETREAT", "withdraw", {}),
    ("pull", "out|back", "RETREAT", "withdraw", {}),
    ("retreat", "", "RETREAT", "withdraw", {}),
    ("release", "", "RETREAT", "release", {}),
    ("free", "", "RETREAT", "release", {}),
    ("return", "", "RETREAT", "release", {}),
    ("declare", "ceasefire|truce|armistice", "RETREAT", "ceasefire", {"issue": "issue:ceasefire"}),
    ("agree", "ceasefire|truce|armistice", "RETREAT", "ceasefire", {"issue": "issue:ceasefire"}),
    ("observe", "ceasefire|truce", "RETREAT", "ceasefire", {"issue": "issue:ceasefire"}),
    ("halt", "fire|fighting|strikes|attacks|offensive|shelling", "RETREAT", "ceasefire", {}),
    ("stop", "fighting|strikes|attacks|shelling", "RETREAT", "ceasefire", {}),
    ("disarm", "", "RETREAT", "disarm", {}),
    ("demobilize", "", "RETREAT", "disarm", {}),
    ("demobilise", "", "RETREAT", "disarm", {}),
    ("surrender", "", "RETREAT", "disarm", {}),
    (
        "lift",
        "sanctions|embargo|blockade|tariffs|ban|restrictions",
        "RETREAT",
        "",
        {"issue": "issue:sanctions"},
    ),
    ("ease", "sanctions|embargo|blockade|tariffs", "RETREAT", "", {"issue": "issue:sanctions"}),
    ("resign", "", "RETREAT", "resign", {}),
    ("step", "down", "RETREAT", "resign", {}),
    ("reopen", "border|crossing|airspace|embassy", "RETREAT", "access", {}),
    ("admit", "inspectors|observers|monitors", "RETREAT", "access", {}),
    ("allow", "inspectors|observers|monitors|aid|access", "RETREAT", "access", {}),
    # --- REQUEST (call for, demand, urge, ask, appeal)
    ("call", "for|on|upon", "REQUEST", "", {"prefer_issue": True}),
    ("urge", "", "REQUEST", "", {}),
    ("demand", "", "REQUEST", "change", {}),
    ("ask", "", "REQUEST", "", {}),
    ("ask", "for", "REQUEST", "assist", {}),
    ("appeal", "", "REQUEST", "", {}),
    ("request", "", "REQUEST", "", {}),
    ("press", "for", "REQUEST", "", {}),
    ("push", "for", "REQUEST", "", {"prefer_issue": True}),
    ("plead", "", "REQUEST", "", {}),
    ("implore", "", "REQUEST", "", {}),
    ("insist", "", "REQUEST", "", {}),
    ("press", "", "REQUEST", "", {"need_actor_object": True}),
    ("petition", "", "REQUEST", "", {}),
    ("seek", "help|aid|assistance|support|loan|funding", "REQUEST", "assist", {}),
    # --- ACCUSE (criticise, condemn, blame, allege, investigate, sue)
    ("accuse", "", "ACCUSE", "allege", {}),
    ("blame", "", "ACCUSE", "disapprove", {}),
    ("criticise", "", "ACCUSE", "disapprove", {}),
    ("criticize", "", "ACCUSE", "disapprove", {}),
    ("condemn", "", "ACCUSE", "disapprove", {}),
    ("denounce", "", "ACCUSE", "disapprove", {}),
    ("slam", "", "ACCUSE", "disapprove", {}),
    ("blast", "", "ACCUSE", "disapprove", {}),
    ("lambast", "", "ACCUSE", "disapprove", {}),
    ("lambaste", "", "ACCUSE", "disapprove", {}),
    ("rebuke", "", "ACCUSE", "disapprove", {}),
    ("castigate", "", "ACCUSE", "disapprove", {}),
    ("deplore", "", "ACCUSE", "disapprove", {}),
    ("decry", "", "ACCUSE", "disapprove", {}),
    ("censure", "", "ACCUSE", "disapprove", {}),
    ("chastise", "", "ACCUSE", "disapprove", {}),
    ("berate", "", "ACCUSE", "disapprove", {}),
    ("scold", "", "ACCUSE", "disapprove", {}),
    ("attack", "verbally", "ACCUSE", "disapprove", {}),
    ("lash", "out", "ACCUSE", "disapprove", {}),
    ("allege", "", "ACCUSE", "allege", {}),
    ("charge", "with", "ACCUSE", "allege", {}),
    ("sue", "", "ACCUSE", "allege", {}),
    ("investigate", "", "ACCUSE", "investigate", {}),
    ("probe", "", "ACCUSE", "investigate", {}),
    ("complain", "", "ACCUSE", "disapprove", {}),
    ("protest", "to", "ACCUSE", "disapprove", {}),
    ("voice", "concern|concerns|alarm|outrage|anger|dismay", "ACCUSE", "disapprove", {}),
    ("express", "concern|concerns|alarm|outrage|anger|dismay|disappointment", "ACCUSE", "disapprove", {}),
    ("raise", "concern|concerns|alarm", "ACCUSE", "disapprove", {}),
    ("file", "complaint|lawsuit|suit", "ACCUSE", "allege", {}),
    ("summon", "ambassador|envoy|diplomat|charge", "ACCUSE", "disapprove", {}),
    ("clash", "", "ASSAULT", "", {}),
    ("fight", "", "ASSAULT", "", {}),
    ("battle", "", "ASSAULT", "", {}),
    ("mock", "", "ACCUSE", "disapprove", {}),
    ("ridicule", "", "ACCUSE", "disapprove", {}),
    ("fault", "", "ACCUSE", "disapprove", {}),
    ("vilify", "", "ACCUSE", "disapprove", {}),
    ("brand", "", "ACCUSE", "disapprove", {}),
    ("smear", "", "ACCUSE", "disapprove", {}),
    ("disapprove", "", "ACCUSE", "disapprove", {}),
    # --- REJECT (reject, refuse, dismiss, veto, rule out)
    ("reject", "", "REJECT", "", {}),
    ("refuse", "", "REJECT", "", {}),
    ("dismiss", "", "REJECT", "", {}),
    ("rebuff", "", "REJECT", "", {}),
    ("veto", "", "REJECT", "", {}),
    ("spurn", "", "REJECT", "", {}),
    ("snub", "", "REJECT", "", {}),
    ("decline", "", "REJECT", "", {}),
    ("rule", "out", "REJECT", "", {}),
    ("turn", "down", "REJECT", "", {}),
    ("defy", "", "REJECT", "", {}),
    ("oppose", "", "REJECT", "", {}),
    ("block", "deal|agreement|resolution|bid|proposal|plan|merger|takeover", "REJECT", "", {}),
    ("deny", "request|access|visa|permission|entry|application|bail", "REJECT", "", {}),
    ("resist", "", "REJECT", "", {}),
    ("refute", "", "REJECT", "", {}),
    ("vote", "against", "REJECT", "", {}),
    ("scrap", "", "REJECT", "", {}),
    # --- THREATEN (threats, warnings, ultimatums)
    ("threaten", "", "THREATEN", "", {}),
    ("warn", "", "THREATEN", "", {}),
    ("vow", "retaliate|retaliation|revenge|respond|punish|crush", "THREATEN", "violence", {}),
    ("issue", "ultimatum|threat|warning", "THREATEN", "relations", {}),
    ("give", "ultimatum", "THREATEN", "relations", {}),
    ("menace", "", "THREATEN", "", {}),
    ("intimidate", "", "THREATEN", "", {}),
    # --- PROTEST (demonstrations, strikes, boycotts)
    ("protest", "", "PROTEST", "demo", {}),
    ("demonstrate", "", "PROTEST", "demo", {}),
    ("rally", "against", "PROTEST", "demo", {}),
    ("march", "", "PROTEST", "demo", {}),
    ("picket", "", "PROTEST", "demo", {}),
    ("riot", "", "PROTEST", "riot", {}),
    ("boycott", "", "PROTEST", "boycott", {}),
    ("walk", "out", "PROTEST", "strike", {}),
    ("strike", "over|against", "PROTEST", "strike", {}),
    ("stage", "protest|protests|demonstration|rally|strike|sit-in|walkout", "PROTEST", "demo", {}),
    ("go", "strike", "PROTEST", "strike", {}),
    ("blockade", "", "PROTEST", "obstruct", {}),
    # --- SANCTION (reduce or break relations, embargo and sanctions, expel, halt talks)
    (
        "impose",
        "sanctions|embargo|tariffs|tariff|penalties|levies",
        "SANCTION",
        "",
        {"issue": "issue:sanctions"},
    ),
    ("slap", "sanctions|tariffs|embargo", "SANCTION", "", {"issue": "issue:sanctions"}),
    ("sanction", "", "SANCTION", "", {"issue": "issue:sanctions"}),
    ("tighten", "sanctions|embargo", "SANCTION", "", {"issue": "issue:sanctions"}),
    ("expand", "sanctions", "SANCTION", "", {"issue": "issue:sanctions"}),
    ("extend", "sanctions", "SANCTION", "", {"issue": "issue:sanctions"}),
    ("sever", "", "SANCTION", "withdraw", {}),
    ("cut", "ties|relations|links", "SANCTION", "withdraw", {}),
    ("break", "off|ties|relations", "SANCTION", "withdraw", {}),
    ("recall", "ambassador|envoy|diplomats", "SANCTION", "withdraw", {}),
    ("expel", "", "SANCTION", "expel", {}),
    ("suspend", "", "SANCTION", "discontinue", {}),
    ("freeze", "", "SANCTION", "", {}),
    (
        "halt",
        "aid|talks|negotiations|cooperation|imports|exports|trade|funding|deliveries",
        "SANCTION",
        "discontinue",
        {},
    ),
    ("cut", "aid|funding|imports|exports|supplies", "SANCTION", "discontinue", {}),
    ("cancel", "", "SANCTION", "withdraw", {}),
    ("call", "off", "SANCTION", "withdraw", {}),
    ("pull", "out|of", "SANCTION", "withdraw", {}),
    ("embargo", "", "SANCTION", "", {}),
    ("blacklist", "", "SANCTION", "", {}),
    ("downgrade", "ties|relations", "SANCTION", "withdraw", {}),
    ("ban", "imports|exports|flights|products", "SANCTION", "", {}),
    ("close", "embassy|consulate", "SANCTION", "withdraw", {}),
    ("terminate", "", "SANCTION", "withdraw", {}),
    ("exit", "", "SANCTION", "withdraw", {}),
    # --- MOBILIZE (military/police shows of force)
    ("mobilize", "", "MOBILIZE", "troops", {}),
    ("deploy", "troops|forces|soldiers|warships|missiles|tanks|units|reservists", "MOBILIZE", "troops", {}),
    ("mobilise", "", "MOBILIZE", "troops", {}),
    ("deploy", "", "MOBILIZE", "troops", {}),
    ("send", "troops|soldiers|forces|warships|tanks", "MOBILIZE", "troops", {}),
    ("mass", "troops|forces", "MOBILIZE", "troops", {}),
    ("station", "troops|forces|missiles", "MOBILIZE", "weapons", {}),
    ("put", "alert", "MOBILIZE", "troops", {}),
    ("raise", "alert", "MOBILIZE", "troops", {}),
    ("stage", "exercises|drills|exercise|drill", "MOBILIZE", "troops", {}),
    ("hold", "exercises|drills|exercise|drill", "MOBILIZE", "troops", {}),
    ("conduct", "exercises|drills|exercise|drill", "MOBILIZE", "troops", {}),
    ("reinforce", "", "MOBILIZE", "troops", {}),
    ("amass", "", "MOBILIZE", "troops", {}),
    ("test", "missile|missiles|weapon|weapons", "MOBILIZE", "weapons", {}),
    ("arm", "", "MOBILIZE", "weapons", {}),
    # --- COERCE (arrests, seizures, bans, deportation, curfews, blockades, cyber)
    ("arrest", "", "COERCE", "arrest", {}),
    ("detain", "", "COERCE", "arrest", {}),
    ("jail", "", "COERCE", "arrest", {}),
    ("imprison", "", "COERCE", "arrest", {}),
    ("prosecute", "", "COERCE", "arrest", {}),
    ("indict", "", "COERCE", "arrest", {}),
    ("seize", "", "COERCE", "seize", {}),
    ("confiscate", "", "COERCE", "seize", {}),
    ("nationalize", "", "COERCE", "seize", {}),
    ("nationalise", "", "COERCE", "seize", {}),
    ("occupy", "", "COERCE", "seize", {}),
    ("annex", "", "COERCE", "seize", {}),
    ("ban", "", "COERCE", "restrict", {}),
    ("outlaw", "", "COERCE", "restrict", {}),
    ("deport", "", "COERCE", "deport", {}),
    ("censor", "", "COERCE", "censor", {}),
    ("impose", "curfew", "COERCE", "curfew", {}),
    ("impose", "", "COERCE", "restrict", {}),
    ("declare", "law|emergency", "COERCE", "martial-law", {}),
    ("hack", "", "COERCE", "cyber", {}),
    ("restrict", "", "COERCE", "restrict", {}),
    ("raid", "", "COERCE", "seize", {}),
    ("fine", "", "COERCE", "restrict", {}),
    ("block", "", "COERCE", "restrict", {}),
    ("close", "border|borders|airspace|port", "COERCE", "restrict", {}),
    ("expel", "journalists|reporters|migrants|workers|nationals|citizens", "COERCE", "deport", {}),
    ("suppress", "", "COERCE", "", {}),
    ("crack", "down", "COERCE", "", {}),
    ("spread", "disinformation|misinformation|propaganda", "COERCE", "misinformation", {}),
    # --- ASSAULT (use of force)
    ("attack", "", "ASSAULT", "", {}),
    ("bomb", "", "ASSAULT", "aerial", {}),
    ("shell", "", "ASSAULT", "heavy-weapons", {}),
    ("strike", "", "ASSAULT", "", {}),
    ("invade", "", "ASSAULT", "", {}),
    ("kill", "", "ASSAULT", "", {}),
    ("shoot", "", "ASSAULT", "firearms", {}),
    ("fire", "", "ASSAULT", "firearms", {}),
    ("open", "fire", "ASSAULT", "firearms", {}),
    (
        "launch",
        "attack|attacks|strike|strikes|offensive|missiles|missile|drones|raid|airstrikes|assault|invasion",
        "ASSAULT",
        "",
        {},
    ),
    ("carry", "attack|attacks|strike|strikes|airstrikes|raid|bombing", "ASSAULT", "", {}),
    ("assassinate", "", "ASSAULT", "targeted", {}),
    ("kidnap", "", "ASSAULT", "abduct", {}),
    ("abduct", "", "ASSAULT", "abduct", {}),
    ("torture", "", "ASSAULT", "torture", {}),
    ("massacre", "", "ASSAULT", "", {}),
    ("ambush", "", "ASSAULT", "firearms", {}),
    ("storm", "", "ASSAULT", "", {}),
    ("besiege", "", "ASSAULT", "", {}),
    ("beat", "", "ASSAULT", "beat", {}),
    ("assault", "", "ASSAULT", "beat", {}),
    ("destroy", "", "ASSAULT", "destroy", {}),
    ("raze", "", "ASSAULT", "destroy", {}),
    ("pound", "", "ASSAULT", "heavy-weapons", {}),
    ("target", "", "ASSAULT", "", {}),
]

# Nominal triggers: a stance-bearing noun governed by a light/communication verb ("expressed
# their openness to talks", "awaiting signals regarding a possible meeting", "his threat of
# sanctions"). Category, mode, issue it stands for.
NOUNS: dict[str, tuple[str, str, str | None]] = {
    "meeting": ("CONSULT", "meet", "issue:meeting"),
    "summit": ("CONSULT", "meet", "issue:meeting"),
    "talks": ("CONSULT", "", "issue:meeting"),
    "dialogue": ("CONSULT", "", "issue:meeting"),
    "negotiations": ("CONSULT", "", "issue:meeting"),
    "visit": ("CONSULT", "visit", None),
    "openness": ("AGREE", "", None),
    "readiness": ("AGREE", "", None),
    "willingness": ("AGREE", "", None),
    "praise": ("SUPPORT", "", None),
    "support": ("SUPPORT", "", None),
    "backing": ("SUPPORT", "", None),
    "endorsement": ("SUPPORT", "", None),
    "solidarity": ("SUPPORT", "", None),
    "condemnation": ("ACCUSE", "disapprove", None),
    "criticism": ("ACCUSE", "disapprove", None),
    "accusation": ("ACCUSE", "allege", None),
    "accusations": ("ACCUSE", "allege", None),
    "threat": ("THREATEN", "", None),
    "threats": ("THREATEN", "", None),
    "ultimatum": ("THREATEN", "relations", None),
    "sanctions": ("SANCTION", "", "issue:sanctions"),
    "embargo": ("SANCTION", "", "issue:sanctions"),
    "tariffs": ("SANCTION", "", "issue:trade"),
    "aid": ("AID", "", None),
    "assistance": ("AID", "", None),
    "ceasefire": ("RETREAT", "ceasefire", "issue:ceasefire"),
    "truce": ("RETREAT", "ceasefire", "issue:ceasefire"),
    "rejection": ("REJECT", "", None),
    "demand": ("REQUEST", "change", None),
    "demands": ("REQUEST", "change", None),
    "call": ("REQUEST", "", None),
    "calls": ("REQUEST", "", None),
    "appeal": ("REQUEST", "", None),
}


# News targets first: where an alias is also in a Phoenix list, the first issue to claim it wins.
NEWS_ISSUES: list[tuple[str, str, list[str]]] = [
    (
        "issue:peace-talks",
        "Peace talks",
        [
            "peace talks",
            "peace negotiations",
            "peace process",
            "peace conference",
            "peace summit",
            "peace efforts",
            "peace initiative",
            "peace mission",
        ],
    ),
    (
        "issue:peace-deal",
        "Peace deal",
        [
            "peace deal",
            "peace agreement",
            "peace accord",
            "peace plan",
            "peace treaty",
            "peace settlement",
            "peace proposal",
            "peace framework",
            "end to the war",
            "end the war",
            "end to the conflict",
            "end the conflict",
            "resolution to the conflict",
            "resolution of the conflict",
            "peace",
        ],
    ),
    (
        "issue:ceasefire",
        "Ceasefire",
        [
            "ceasefire",
            "cease-fire",
            "cease fire",
            "truce",
            "armistice",
            "ceasefire deal",
            "ceasefire agreement",
            "humanitarian pause",
            "halt to the fighting",
        ],
    ),
    (
        "issue:meeting",
        "Meeting or summit",
        [
            "meeting",
            "summit",
            "talks",
            "dialogue",
            "negotiations",
            "consultations",
            "face-to-face",
            "bilateral talks",
            "round of talks",
            "phone call",
            "state visit",
            "visit",
        ],
    ),
    (
        "issue:sanctions",
        "Sanctions",
        [
            "sanctions",
            "sanction",
            "embargo",
            "asset freeze",
            "export controls",
            "sanctions package",
            "economic sanctions",
            "penalties",
        ],
    ),
    (
        "issue:trade",
        "Trade and tariffs",
        [
            "trade",
            "tariffs",
            "tariff",
            "trade deal",
            "trade agreement",
            "free trade",
            "trade war",
            "import duties",
            "customs union",
            "exports",
            "imports",
            "trade pact",
        ],
    ),
    (
        "issue:election",
        "Election",
        [
            "election",
            "elections",
            "vote",
            "ballot",
            "referendum",
            "polls",
            "runoff",
            "snap election",
            "presidential election",
            "general election",
        ],
    ),
    (
        "issue:climate",
        "Climate",
        [
            "climate",
            "climate change",
            "emissions",
            "carbon tax",
            "climate deal",
            "climate accord",
            "net zero",
            "global warming",
            "climate targets",
        ],
    ),
    (
        "issue:migration",
        "Migration",
        [
            "migration",
            "migrants",
            "migrant",
            "immigration",
            "asylum seekers",
            "refugees",
            "border wall",
            "deportations",
            "asylum policy",
            "migration pact",
        ],
    ),
    (
        "issue:nuclear-programme",
        "Nuclear programme",
        [
            "nuclear programme",
            "nuclear program",
            "uranium enrichment",
            "enrichment",
            "nuclear deal",
            "nuclear weapons",
            "nuclear talks",
            "nuclear arsenal",
            "nuclear tests",
        ],
    ),
    (
        "issue:military-aid",
        "Military aid",
        [
            "military aid",
            "arms deliveries",
            "weapons deliveries",
            "arms shipments",
            "arms sales",
            "military assistance",
            "weapons",
        ],
    ),
    (
        "issue:humanitarian-aid",
        "Humanitarian aid",
        [
            "humanitarian aid",
            "aid",
            "relief",
            "humanitarian assistance",
            "food aid",
            "aid convoy",
            "assistance",
        ],
    ),
    (
        "issue:deal",
        "Agreement or deal",
        [
            "deal",
            "agreement",
            "accord",
            "pact",
            "treaty",
            "merger",
            "takeover",
            "contract",
            "partnership",
            "memorandum of understanding",
            "compromise",
            "settlement",
            "proposal",
            "plan",
            "bill",
            "reform",
            "budget",
            "law",
            "resolution",
            "bid",
            "offer",
        ],
    ),
    ("issue:war", "War", ["war", "invasion", "conflict", "offensive", "fighting", "hostilities"]),
    ("issue:nato-membership", "NATO membership", ["nato membership", "nato accession", "nato"]),
    ("issue:strike-action", "Labour strike", ["strike", "walkout", "industrial action"]),
    ("issue:protests", "Protests", ["protests", "protest", "demonstrations", "rally"]),
]

# Phoenix sub-labels that name actors or are too broad to be a stance target.
SKIP_PHOENIX = {"NAMED_TERROR_GROUP", "DISEASE", "SEXTRANS_DISEASE"}


def parse_phoenix_issues(path: Path) -> list[dict]:
    """``phoenix-issues.txt`` -> issue records, one per bracketed label, verbs dropped."""
    by_label: dict[str, dict] = {}
    category = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        m = re.match(r'<ISSUE CATEGORY="([^"]+)"', line)
        if m:
            category = m.group(1)
            continue
        if not line or line.startswith(("<", "#", "~")):
            continue
        lm = re.match(r"^(.*?)\s*(?:\[([A-Za-z_\-]+)\])?$", line)
        if not lm:
            continue
        phrase, label = lm.group(1), (lm.group(2) or category).upper()
        if label in SKIP_PHOENIX or "v:" in phrase:
            continue  # verb phrases describe events, not targets
        phrase = phrase.replace("n:", "").replace("+", "-").strip().lower()
        if not phrase or len(phrase) < 3:
            continue
        rec = by_label.setdefault(
            label,
            {
                "id": "issue:" + label.lower().replace("_", "-"),
                "name": label.replace("_", " ").capitalize(),
                "aliases": [],
                "group": category,
                "source": "phoenix",
            },
        )
        if phrase not in rec["aliases"]:
            rec["aliases"].append(phrase)
    return list(by_label.values())


def build_issues(ref: Path) -> list[dict]:
    out: list[dict] = []
    claimed: set[str] = set()
    for iid, name, aliases in NEWS_ISSUES:
        out.append({"id": iid, "name": name, "aliases": aliases, "group": "NEWS", "source": "stancewire"})
        claimed.update(aliases)
    for rec in parse_phoenix_issues(ref / "phoenix-issues.txt"):
        if rec["id"] in {r["id"] for r in out}:
            # Same id as a news issue (sanctions, election): fold the Phoenix phrases into it.
            target = next(r for r in out if r["id"] == rec["id"])
            target["aliases"] += [a for a in rec["aliases"] if a not in claimed]
            target["source"] = "stancewire+phoenix"
            claimed.update(rec["aliases"])
            continue
        rec["aliases"] = [a for a in rec["aliases"] if a not in claimed]
        claimed.update(rec["aliases"])
        if rec["aliases"]:
            out.append(rec)
    return out


def parse_cameo2plover(path: Path) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?", line)
        if not m:
            continue
        code, cat, mode = m.group(1), m.group(2), (m.group(3) or "").strip().lower()
        if len(code) == 2:  # group headers ("03: AGREE") only name the block
            continue
        table.setdefault(code, (cat, mode))
    for code, mode in APPEAL_MODES.items():
        table.setdefault(code, ("REQUEST", mode))
    return table


def parse_scores(path: Path) -> dict[str, dict[str, float]]:
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            scores[row["category"].strip()][row["mode"].strip().lower()] = float(row["score"])
    return dict(scores)


def _norm_word(w: str) -> str:
    return w.strip("_").replace("_", " ").lower()


def parse_cameo_verbs(path: Path, plover: dict[str, tuple[str, str]]) -> dict[str, list[dict]]:
    """CAMEO verb blocks -> {lemma: [entry, ...]} keeping only codes that map to PLOVER."""
    sets: dict[str, list[str]] = {}
    verbs: dict[str, list[dict]] = defaultdict(list)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    cur_set: str | None = None
    block_code: str | None = None
    block_verbs: list[tuple[str, list[list[str]]]] = []
    in_patterns = False

    def map_code(raw: str) -> tuple[str, str, str] | None:
        code = raw.split(":")[0].strip()
        if not code or code.startswith("-") or code not in plover:
            return None
        cat, mode = plover[code]
        return code, cat, mode

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            cur_set = None
            continue
        if not in_patterns:
            if line.startswith("&"):
                cur_set = line[1:].strip()
                sets[cur_set] = []
            elif line.startswith("+") and cur_set:
                sets[cur_set].append(_norm_word(line[1:]))
            elif not line.strip():
                cur_set = None
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block_code = m.group(2)
            block_verbs = []
            continue
        if not line.strip() or block_code is None:
            continue
        if line.startswith("-"):
            # The comment names the verb the pattern was written for; PETRARCH applies a pattern
            # to the whole synonym block, but that multiplies rare phrasings across ~20 synonyms
            # ("accuse trial unfair") for no gain, so keep it on its own verb when named.
            named = set(re.findall(r"[A-Z][A-Z_\-]+", raw.split("#", 1)[1])) if "#" in raw else set()
            pm = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if not pm:
                continue
            body, code = pm.group(1), pm.group(2)
            mapped = map_code(code)
            if mapped is None or "*" not in body:
                continue
            left, right = body.split("*", 1)
            if left.replace("$", "").replace("+", "").strip():
                continue  # words before the verb: subject-side patterns, not used here
            slots = _pattern_slots(right, sets)
            if not slots:
                continue
            owners = [
                (lem, ex)
                for lem, ex in block_verbs
                if "_".join([lem] + [e[0] for e in ex]).upper() in named or lem.upper() in named
            ] or block_verbs
            for lemma, extra in owners:
                verbs[lemma].append(
                    {"w": extra + slots, "code": mapped[0], "c": mapped[1], "m": mapped[2], "src": "cameo"}
                )
            continue
        # A verb line: WORD {FORMS} [code] or +MULTI_WORD {forms} [code]
        vm = re.match(r"^(\+?)([A-Z][A-Z'\-_]*)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line.strip())
        if not vm:
            continue
        word = vm.group(2).strip("_").lower()
        parts = word.split("_")
        lemma, extra = parts[0], [[p] for p in parts[1:] if p]
        if lemma in ("meet", "go") and extra and extra[0][0] in ("people", "somewhere"):
            extra = []
        block_verbs.append((lemma, extra))
        code = vm.group(4) if vm.group(4) else block_code
        mapped = map_code(code or "")
        if mapped and (extra or lemma not in NO_DEFAULT):
            verbs[lemma].append(
                {"w": extra, "code": mapped[0], "c": mapped[1], "m": mapped[2], "src": "cameo"}
            )
    return verbs


def _pattern_slots(right: str, sets: dict[str, list[str]]) -> list[list[str]]:
    """``SANCTIONS (ON {NEW SANCTIONS}) &CEASEFIRE`` -> [["sanctions"], ["on"], ["new"], ...]."""
    slots: list[list[str]] = []
    for tok in re.findall(r"&\w+|[A-Za-z][A-Za-z'\-_/]*", right):
        if tok.startswith("&"):
            alts = [a for a in sets.get(tok[1:], []) if " " not in a]
            if alts:
                slots.append(sorted(set(alts)))
            continue
        if "/" in tok:
            slots.append([_norm_word(t) for t in tok.split("/")])
            continue
        slots.append([_norm_word(tok)])
    return slots


def build(ref: Path) -> dict:
    plover = parse_cameo2plover(ref / "cameo2plover.txt")
    scores = parse_scores(ref / "plover-scores.csv")
    verbs = parse_cameo_verbs(ref / "cameo-verbs.txt", plover)
    hand: dict[str, list[dict]] = defaultdict(list)
    for lemma, words, cat, mode, extra in HAND:
        slots = [w.split("|") for w in words.split()] if words else []
        hand[lemma].append({"w": slots, "code": "hand", "c": cat, "m": mode, "src": "hand", **extra})
    merged: dict[str, list[dict]] = {}
    for lemma in sorted((set(verbs) | set(hand)) - MODAL_LEMMAS):
        seen: set[tuple] = set()
        entries: list[dict] = []
        # Hand entries first: the matcher takes the most specific (most slots) match and breaks
        # ties by order, so hand readings beat CAMEO readings of the same phrase.
        for e in hand.get(lemma, []) + verbs.get(lemma, []):
            key = (json.dumps(e["w"]), e["c"])
            if key in seen:
                continue
            seen.add(key)
            entries.append(e)
        merged[lemma] = entries
    nouns = {n: {"c": c, "m": m, "issue": i, "src": "hand"} for n, (c, m, i) in sorted(NOUNS.items())}
    return {
        "_licence": LICENCE,
        "_generated_by": "scripts/build_stance_lexicon.py",
        "scores": scores,
        "verbs": merged,
        "nouns": nouns,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REF)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.reference)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # One entry per line keeps the file diffable without bloating it with indentation.
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("{\n")
        fh.write(f'"_licence": {json.dumps(data["_licence"])},\n')
        fh.write(f'"_generated_by": {json.dumps(data["_generated_by"])},\n')
        fh.write(f'"scores": {json.dumps(data["scores"], sort_keys=True)},\n')
        fh.write(f'"nouns": {json.dumps(data["nouns"], sort_keys=True)},\n')
        fh.write('"verbs": {\n')
        items = list(data["verbs"].items())
        for i, (lemma, entries) in enumerate(items):
            sep = "," if i < len(items) - 1 else ""
            fh.write(f"{json.dumps(lemma)}: {json.dumps(entries, separators=(',', ':'))}{sep}\n")
        fh.write("}\n}\n")
    issues = build_issues(args.reference)
    with ISSUES_OUT.open("w", encoding="utf-8") as fh:
        for rec in issues:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {ISSUES_OUT}: {len(issues)} issues")
    n_entries = sum(len(v) for v in data["verbs"].values())
    print(f"wrote {args.out}: {len(data['verbs'])} verbs, {n_entries} entries, {len(data['nouns'])} nouns")


if __name__ == "__main__":
    main()
