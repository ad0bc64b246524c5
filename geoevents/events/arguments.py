"""Who did what to whom: agent and patient tokens of a trigger, from the parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from geoevents.events.actors import actor_words

#: Verbs that carry a nominal trigger: "carried out airstrikes", "launched an offensive".
LIGHT_VERBS = {
    "carry", "conduct", "launch", "stage", "mount", "execute", "perform", "hold", "organize",
    "organise", "wage", "unleash", "fire", "lead", "make", "begin", "start", "continue",
    "intensify", "step", "resume", "claim", "commit", "perpetrate", "undertake", "initiate",
    "go", "join", "take", "escalate", "renew", "repel", "repulse", "thwart", "drop", "plant",
    "detonate", "hurl", "throw", "lob", "use", "deploy", "order",
}
#: Nouns that count triggers: "a series of airstrikes", "a wave of arrests".
QUANTIFIERS = {"series", "wave", "number", "spate", "round", "barrage", "volley", "string",
               "couple", "flurry", "salvo", "dozen", "dozens", "hundreds", "campaign", "set",
               "chain", "cycle", "lot"}
_TARGET_PREPS = {"on", "against", "at", "upon", "targeting", "into", "over", "from"}
#: Verbs a nominal trigger is the subject of: "clashes broke out between X and Y".
_HAPPEN_VERBS = {"break", "erupt", "continue", "rage", "intensify", "resume", "escalate",
                 "flare", "occur", "take", "ensue", "happen", "renew", "begin", "start",
                 "spread", "persist", "end", "last", "kill", "leave", "hit", "target", "rock"}


@dataclass
class Arguments:
    """Argument tokens of one trigger."""

    agents: list[Token] = field(default_factory=list)
    patients: list[Token] = field(default_factory=list)
    #: Tokens the event hangs from: the trigger, its quantifier, its light verb.
    anchors: list[Token] = field(default_factory=list)
    passive: bool = False


def _conj(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _pobjs(prep: Token) -> list[Token]:
    out: list[Token] = []
    for c in prep.children:
        if c.dep_ == "pobj":
            out.extend(_conj(c))
    return out


def _unquantify(tok: Token) -> Token:
    """The counted noun of "dozens of fighters", "hundreds of protesters"."""
    if tok.lemma_.lower() in QUANTIFIERS | {"thousand", "hundred", "score", "group", "band",
                                            "tonne", "ton", "kilogram", "kg", "quantity",
                                            "haul", "batch", "consignment", "amount"} or (
        tok.like_num
    ):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() not in {
                    "people", "person", "man", "woman", "citizen", "individual"
                }]  # "hundreds of people" stay an unnamed crowd
                if objs:
                    return objs[0]
    return tok


def _subject(verb: Token) -> tuple[list[Token], list[Token], bool]:
    """Agents and passive subjects of a verb, inheriting them across conj/xcomp/relcl."""
    agents: list[Token] = []
    patients: list[Token] = []
    passive = False
    for c in verb.children:
        if c.dep_ == "nsubj":
            agents.extend(_conj(_unquantify(c)))
        elif c.dep_ == "nsubjpass":
            patients.extend(_conj(_unquantify(c)))  # "dozens of villagers were killed"
            passive = True
        elif c.dep_ == "agent":
            agents.extend(_pobjs(c))
        elif c.dep_ == "auxpass":
            passive = True
    # relative clause: "the crossing that was secured by X", "fighters who attacked"
    if verb.dep_ == "relcl":
        rel = [t for t in agents + patients if t.tag_ in {"WDT", "WP"} or t.lower_ == "that"]
        for t in rel:
            if t in agents:
                agents.remove(t)
                agents.append(verb.head)
            else:
                patients.remove(t)
                patients.append(verb.head)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in {
        "NOUN", "PROPN"
    } and any(c.dep_ == "dobj" for c in verb.children):
        agents.append(verb.head)  # a verbless "sentence": "ADF rebels hacked to death 30 ..."
    elif verb.dep_ == "acl" and verb.tag_ == "VBN":
        patients.append(verb.head)
        passive = True
    if not agents and not patients and verb.dep_ in {"conj", "xcomp", "advcl"} and (
        verb.head.pos_ in {"VERB", "AUX"}
    ):
        a, p, pas = _subject(verb.head)
        agents = a if verb.dep_ != "conj" or not pas else []
        if verb.dep_ == "conj" and pas and not passive:
            agents = a
    return agents, patients, passive


def arguments(trigger: Token) -> Arguments:
    """The agents, patients and anchors of a (verbal or nominal) trigger."""
    args = Arguments(anchors=[trigger])
    if trigger.pos_ in {"VERB", "AUX"} or trigger.tag_.startswith("VB"):
        agents, patients, passive = _subject(trigger)
        args.agents, args.patients, args.passive = agents, patients, passive
        has_on = any(c.dep_ == "prep" and c.lower_ in {"on", "against", "upon"}
                     for c in trigger.children)
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "at" and has_on:
                continue  # "opened fire on a bus at a checkpoint": "at" is the place
            if c.dep_ == "dobj" and not passive:
                args.patients.extend(_conj(_unquantify(c)))
                for p in c.children:  # "recaptured the city from ISIS"
                    if p.dep_ == "prep" and p.lower_ in {"from"}:
                        args.patients.extend(_pobjs(p))
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS | {"with"}:
                args.patients.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ == "between":
                _between(c, args)
            elif c.dep_ == "prt" and c.lower_ in {"on"}:
                pass
        return args
    # Nominal trigger: climb "a series of X" to the quantifier.
    anchor = trigger
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and (
        trigger.head.head.lemma_.lower() in QUANTIFIERS
    ):
        anchor = trigger.head.head
        args.anchors.append(anchor)
    by_agent = any(c.dep_ == "prep" and c.lower_ == "by" for c in trigger.children)
    nodes = {trigger, anchor}
    if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in {
        "round", "shell", "projectile", "salvo", "volley", "barrage"
    }:
        nodes.add(trigger.head)  # "mortar rounds fired by X"
    for node in nodes:
        for c in node.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for g in c.children:
                    if g.dep_ == "agent":
                        args.agents.extend(_pobjs(g))  # "rockets fired by Hamas"
            if c.dep_ == "prep" and c.lower_ == "of" and node == trigger and by_agent:
                args.patients.extend(_pobjs(c))  # "the rape of women by fighters"
                continue
            if c.dep_ == "poss":
                args.agents.extend(_conj(c))
            elif c.dep_ in {"compound", "amod", "nmod"} and (
                c.ent_type_ in {"NORP", "ORG", "GPE"} or c.pos_ == "PROPN"
                or c.lemma_.lower() in actor_words("doer")  # "a rebel assault"
            ):
                args.agents.append(c)
            elif c.dep_ == "compound" and c.lemma_.lower() in actor_words("weapon") and any(
                g.dep_ in {"amod", "compound", "nmod", "poss"} for g in c.children
            ):
                args.agents.append(c)  # "a US drone strike": whose drone
            elif c.dep_ == "prep" and (c.lower_ == "by" or c.lower_ == "of" and node == trigger):
                args.agents.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS | {"with"}:
                args.patients.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ == "between":
                _between(c, args)
            elif c.dep_ == "acl" and c.lemma_ in {"target", "hit"}:
                args.patients.extend(x for x in c.children if x.dep_ == "dobj")
    head = anchor.head
    if anchor.dep_ == "nsubj" and head.lemma_.lower() in _HAPPEN_VERBS:
        args.anchors.append(head)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                _between(c, args)
            elif c.dep_ == "prep" and c.lower_ in {"with", "against"}:
                args.patients.extend(_pobjs(c))
            elif c.dep_ == "dobj" and head.lemma_.lower() in {"hit", "target", "rock"}:
                args.patients.extend(_conj(c))
    # Light verb: "X carried out airstrikes", "airstrikes were carried out by X".
    if anchor.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in LIGHT_VERBS:
        args.anchors.append(head)
        if not args.agents:
            agents, _, _ = _subject(head)
            args.agents.extend(agents)
    elif anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in {
        "responsibility", "claim", "credit"
    }:
        owner = head.head
        if owner.dep_ == "dobj" and owner.head.lemma_.lower() in {"claim", "take", "accept"} and (
            not args.agents
        ):  # "IS claimed responsibility for the bombing"
            agents, _, _ = _subject(owner.head)
            args.agents.extend(agents)
    return args


def _between(prep: Token, args: Arguments) -> None:
    objs = _pobjs(prep)
    if objs:
        args.agents.append(objs[0])
        args.patients.extend(objs[1:])
