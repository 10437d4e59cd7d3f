# ruff: noqa: E501 - one template per line reads better than wrapped data
"""Hand-written wire-style event templates for the synthetic event gold set (issue 16).

Read by ``scripts/build_event_gold.py``; see its docstring for the slot syntax. One block per
PLOVER category; one line per template::

    MODE | FLAGS | TEXT

* ``MODE``: a PLOVER mode as spelled in ``plover-scores.csv`` (``Firearms``, ``Expel``), empty for
  the category's default score.
* ``FLAGS`` (comma-separated): ``P`` passive with a "by" agent, ``MW`` multiword verb pattern
  ("impose sanctions on", "open fire on", "hand over ... to", "call for"), ``THR`` a threat
  verb, ``INT`` intended ("will", "plans to", "offered to", "pledged to", "vowed to"), ``COND``
  conditional, ``HYP`` hypothetical ("could", "might", "would"), ``NEG`` negated ("did not"),
  ``REC`` reciprocal (coordinated subjects acting on each other: every actor is the others'
  target), ``SAME`` (a domestic group and its own government), ``ATT`` the act is reported in an
  attribution ("The Veltrian Foreign Ministry said it had ...": the speaker is the actor).

Coding follows the PLOVER table in ``/work/shared/reference/`` and the project's documented
convention (``stancewire.nlp.stance.code_score``): an intended, conditional or hypothetical
material act is coded as the PLOVER "intent" category (THREATEN for conflict, AGREE for
cooperation), so those templates sit in the THREATEN and AGREE blocks. "Sign an agreement
with" is SUPPORT (CAMEO 057 in the reference table); economic sanctions are SANCTION, as in the
project's stance gold (the reference table files CAMEO 163 under COERCE).

Every name used here is fictional.
"""

TEMPLATES = """
== AGREE
| INT,MW | {A} offered to hand over two suspects in the bombing to {T}.
| REC | {A:n} and {B:n} agreed to resume talks on the disputed fishing grounds.
| REC | {A:d} and {B:d} officials agreed to meet in a neutral city next month.
| INT | {P} pledged to restore gas deliveries to {T} by the end of the month.
| P | {T}'s request for a joint inquiry into the shooting was accepted by {A}.
| NEG | {A} did not agree to {T}'s proposal for joint patrols along the border.
| COND | {A} will resume grain exports to {T:n} if the detained crew is released.
| HYP | {A:c} could resume fuel shipments to {T:n} as early as next month, a diplomatic source said.
| INT | {O} offered to mediate between {T:n} and {H}.
| INT,ATT | The {A:d} Foreign Ministry said the government was ready to negotiate with {T} over the disputed islands.
| | {G} agreed to a prisoner exchange with the {T:d} army.
| INT | {A} will send peacekeepers to {T:n} under a deal reached on Sunday.

== CONSULT
Visit | | {P} arrived in {T:c} on Monday for a two-day visit.
Phone | | {P} spoke by telephone with {Q} on Thursday.
Third-party | REC | {A:d} and {B:d} negotiators met in {X:c} to discuss the disputed border.
Visit | P | {Q} was welcomed by {P} at the start of a three-day official visit.
| NEG | {A} did not attend the talks with {T} in {X:c}.
| | {A:d} and {B:d} delegations held talks with {R:b} officials on the future of the strait.
| | {P} met {Q} on the sidelines of the regional summit.
| | {A} held consultations with {T} on Friday about the stranded cargo ships.
Phone | | {P} phoned {Q} to discuss the grain shipments.
| MW | {A} opened talks with {T} on a new water-sharing treaty.
| ATT | {A:d} officials said they had met envoys of {H} twice in secret.

== SUPPORT
| | {A} recognised {T}'s new government on Thursday.
| | {P} praised {Q}'s handling of the refugee crisis.
| MW | {A} signed a security agreement with {T} on Monday.
| REC,MW | {A:n} and {B:n} signed an accord ending their dispute over the dam.
| P | {T}'s bid for a seat on the council was endorsed by {A}.
| NEG | {A} did not endorse {T}'s candidate for the council presidency.
| HYP | {A} could back {T}'s bid to join {V}.
| | {O} welcomed {T}'s decision to free the jailed journalists.
| | {A:d} officials defended {T}'s right to patrol the strait.
| | {P} congratulated {T:n} and {U:n} on the peace deal.
| | {A:c} apologised to {T} for the border incident.

== CONCEDE
| | {A} eased travel restrictions on {T:d} citizens.
| | {A} bowed to pressure from {T} and dropped its tariff plan.
| | {A} accepted {T}'s demand for an independent inquiry into the crash.
| MW | {A} gave in to {T}'s demands over the disputed shipping fees.
| P | The ban on {T:d} airlines was relaxed by {A} on Friday.
| NEG | {A} did not yield to {T}'s demands for a new vote.
| SAME | {P} conceded to {M}'s demands and withdrew the disputed decree.
| | {A:n} and {B:n} relaxed visa rules for {T:d} students.
| | {A} met {R}'s demand to allow opposition parties to register.
| | {G} accepted {T}'s terms for the handover of the northern villages.

== COOPERATE
| REC | {A:n} and {B:n} held joint naval exercises in the strait.
| | {A} shared intelligence on the bombing with {T}.
| MW | {A} extradited two suspects in the bombing to {T}.
| REC | {A:d} and {B:d} police launched a joint operation against smugglers.
| P,REC | A joint task force to fight piracy was set up by {A:n} and {B:n}.
| NEG | {A} did not cooperate with {T}'s investigation into the sinking.
| | {A} resumed gas deliveries to {T} on Wednesday.
| MW | {A} handed over the suspected hijacker to {T} on Sunday.
| | {A} is sharing radar data with {T:n} and {U:n}.
| | {A} worked with {R} to trace the smuggling network.

== AID
| MW | {A} sent humanitarian aid to {T} after the earthquake.
| | {O:relief} delivered food and medicine to {T:d} refugees.
| P | {T:d} flood victims were given emergency shelter by {A}.
| | {A:n} and {B:n} sent rescue teams to {T}.
| | {O:bank} approved a $400 million emergency loan to {T}.
| NEG | {A} did not send the promised aid to {T}.
| MW | {A} provided military equipment to {T:n} and {U:n}.
| | {A:c} shipped 20,000 tonnes of wheat to {T} after the harvest failed.
| | {A} wrote off half of {T}'s debt to ease the famine.
| P | Two field hospitals were donated to {T} by {A}.

== RETREAT
Withdraw | | {A} withdrew its troops from the border with {T}.
Release | | {A} freed two {T:d} fishermen held since March.
Release | MW | {A} handed back the seized tanker to {T}.
Ceasefire | REC | {A:n} and {B:n} agreed to a ceasefire along the disputed border.
| MW | {A} lifted sanctions on {T}.
Release | P | Two {T:d} journalists were released by {A} on Tuesday.
Access | | {A} allowed {R:b} inspectors into the nuclear plant.
Withdraw | NEG | {A} did not withdraw its warships from {T:d} waters.
Disarm | MW | {G} handed over its heavy weapons to {R:b} monitors.
Withdraw | | {A:c} eased its blockade of {T:d} ports.

== REQUEST
Meet | MW | {A} called for talks with {T} to end the border standoff.
Yield | MW | {P} called on {T} to release the detained crew.
Assist | | {A} asked {R:aid} for emergency aid after the floods.
Change | | {A:d} officials urged {T} to drop its new visa rules.
Yield | P | {T} was urged by {A} to withdraw its troops from the buffer zone.
Yield | | {A:n} and {B:n} demanded that {T} free the detained journalists.
Meet | | {O} urged {T:n} and {U:n} to return to the negotiating table.
Assist | | {P} appealed to {T} for help in fighting the wildfires.
| | {A:c} demanded an explanation from {T} for the airspace violation.
Change | MW,SAME | {N} called for the resignation of {Q}.

== ACCUSE
Allege | MW | {A} accused {T} of shelling civilian areas near the border.
Disapprove | | {P} condemned {T}'s decision to close its embassy.
Allege | P | {T} was accused by {A} of sheltering {W:b} fighters.
Disapprove | | {A:d} and {B:d} officials criticised {T}'s missile test.
Investigate | MW | {O} opened an investigation into {T}'s conduct during the siege.
Allege | NEG | {A} did not accuse {T} of involvement in the attack.
Disapprove | | {A:c} blamed {T} for the collapse of the talks.
Allege | MW | {A} filed a complaint against {T} with {V} over the dam.
Disapprove | | {P} rebuked {T:n} and {U:n} over their joint military drills.
Allege | INT | {A} plans to sue {T} at the international court over the oil spill.

== REJECT
Meet | | {A} rejected {T}'s offer of talks.
Yield | MW | {A} refused to hand over the suspects to {T}.
Change | | {P} dismissed {T}'s demands for a new election.
Meet | P | {T}'s peace plan was rejected by {A} on Monday.
Meet | MW | {A:n} and {B:n} turned down an invitation to the summit hosted by {T}.
Yield | | {A} vetoed the resolution proposed by {T}.
Meet | NEG | {A} did not reject {T}'s proposal outright.
Assist | | {A:c} refused {T}'s request for emergency loans.
| HYP | {A} would reject any ceasefire deal with {T} that left its troops in place.
Yield | | {G} rejected {T}'s demand to lay down its weapons.

== THREATEN
Restrict | THR,MW | {A} threatened to impose sanctions on {T}.
Violence | THR | {A} warned {T} of military retaliation if its jets entered {A:d} airspace again.
Restrict | INT,MW | {A} plans to impose sanctions on {T:d} banks.
Violence | COND | {A} will strike {H:b} positions if the attacks continue.
Expel | HYP | {A} could expel {T}'s ambassador over the spying row.
Relations | THR | {A:n} and {B:n} threatened to cut diplomatic ties with {T}.
Violence | P,THR | {T} was threatened with military action by {A}.
Restrict | NEG,THR | {A} did not threaten to close its border with {T:n}.
Violence | INT | {G} vowed to attack {T:d} army bases across the north.
Relations | THR | {P} gave {T} an ultimatum to withdraw from the island by Friday.
Restrict | COND | {A} will close its airspace to {T:d} airlines if the flights continue.

== PROTEST
Demo | SAME | {N} staged mass protests against {T}'s austerity budget.
Strike | MW,SAME | {N:union} went on strike over {T}'s pension reform.
Boycott | | {N} launched a boycott of {T:d} goods over the fishing dispute.
Riot | SAME | Supporters of {N} clashed with police outside {T:s}.
Obstruct | SAME | {N} blockaded {T:s} for a second day, demanding the finance minister's resignation.
Hunger | MW,SAME | Jailed leaders of {N} began a hunger strike to protest against their detention by {T}.
Demo | P | The {T:d} embassy was picketed by members of {N} on Sunday.
Demo | NEG,SAME | {N} did not join the protests against {T}'s labour law.
Riot | MW | {A:d} demonstrators set fire to the {T:d} embassy in {A:c}.
Demo | | {A:d} protesters marched on the {T:d} embassy to denounce the dam project.

== SANCTION
| MW | {A} imposed sanctions on {T} over the border incident.
Expel | | {A} expelled three {T:d} diplomats on Thursday.
Withdraw | MW | {A} recalled its ambassador from {T:c}.
Withdraw | MW | {A} broke off diplomatic relations with {T}.
| P,MW | Sanctions were imposed on {T} by {A:n} and {B:n}.
Discontinue | | {A} suspended all aid to {T}.
| NEG,MW | {A} has not imposed new sanctions on {T}, despite pressure from its allies.
| MW | {A:c} imposed an arms embargo on {T:n} and {U:n}.
Withdraw | MW | {A} pulled out of the trade talks with {T}.
| MW | {O} imposed sanctions on leaders of {H}.
Expel | ATT | The {A:d} Foreign Ministry said it had expelled two {T:d} diplomats for spying.

== MOBILIZE
Troops | | {A} deployed troops to its border with {T}.
Troops | | {A:d} forces massed near the {T:d} border on Saturday.
Troops | P | Two armoured brigades were sent to the frontier with {T} by {A}.
Troops | | {A:c} put its army on high alert after {T} tested a missile.
Weapons | | {A} moved missile launchers closer to its border with {T}.
Militia | | {G} mobilised hundreds of fighters near {T:d} positions.
Police | SAME | {P} ordered riot police onto the streets ahead of a rally by {M}.
Troops | NEG | {A} did not send troops to the border with {T}.
Troops | MW | {A:n} and {B:n} called up reservists as tensions with {T} rose.
Troops | | {A} sent warships to patrol waters claimed by {T}.

== COERCE
Arrest | | {A:d} police detained two {T:d} journalists near the border.
Seize | | {A} seized a {T:d} oil tanker in the strait.
Deport | | {A} deported 40 {T:d} workers on Monday.
Restrict | | {A} closed its airspace to {T:d} airlines.
Arrest | P | Three {T:d} sailors were arrested by {A} on Friday.
Seize | P | A {T:d} cargo ship was impounded by {A:n} in the port of {A:c}.
Curfew | MW,SAME | {P} imposed a curfew on the capital after clashes with supporters of {M}.
Restrict | | {A} closed its border with {T:n} and {U:n}.
Arrest | NEG | {A} did not detain the crew of the {T:d} trawler.
Cyber | MW | {A} launched a cyberattack on {T}'s power grid, investigators said.
Seize | | {G} seized control of a {T:d} border post.

== ASSAULT
Firearms | MW | {A:d} troops opened fire on {T:d} border guards.
Heavy-weapons | | {A} shelled {T:d} positions along the river.
Aerial | MW | {A:d} jets carried out air strikes on {H:b} bases.
| P | A {T:d} army convoy was attacked by {G:b} fighters near the border.
| P | {T:d} border posts were attacked by {A} overnight.
Abduct | | {G:b} fighters kidnapped two {T:d} engineers.
Drone | MW | {A} launched drone strikes on {T:d} air bases.
| NEG | {A} did not attack {T:d} ships in the strait.
Aerial | | {A:d} and {B:d} warplanes bombed {H:b} hideouts in the mountains.
Heavy-weapons | ATT | The {A:d} Defence Ministry said its artillery had shelled {H:b} positions overnight.
"""
