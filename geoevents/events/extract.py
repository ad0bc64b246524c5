"""The events stage: find triggers, keep the real ones, code them as ACLED does."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from geoevents.events.actors import (
    ALIASES,
    acled_name,
    actor_from_token,
    civilians_of,
    entities_within,
    is_country_name,
    normalise,
    qualify,
)
from geoevents.events.arguments import Arguments, arguments
from geoevents.events.classify import (
    CONSEQUENCE_KINDS,
    aircraft_verb,
    by_actor,
    classify,
    local_context,
    sentence_lemmas,
)
from geoevents.events.context import context_actor, is_reference
from geoevents.events.dates import format_date, resolve_date
from geoevents.events.decision import Candidate, Decision, DecisionModel, features, shipped_model
from geoevents.events.fatalities import deaths_in
from geoevents.events.location import (
    Located,
    PlaceSpans,
    locate,
    specificity,
    tree_distance,
    usable,
)
from geoevents.events.memo import memoised, memos
from geoevents.events.modality import not_event_reason, source_actor
from geoevents.events.patterns import TriggerMatch, find_triggers
from geoevents.events.taxonomy import BATTLES, REMOTE, coding
from geoevents.models import Document, Event, Place, SectionKind

#: Verbs of coming together or walking out, whose purpose "to protest" did happen.
_GATHER_VERBS = {"gather", "assemble", "march", "walk", "converge", "rally", "pour", "flock",
                 "stage", "block", "occupy", "strike", "take", "come", "turn", "stop", "down"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_REPORT_LEMMAS = {"say", "claim", "report", "announce", "state", "confirm", "add", "reveal",
                  "tell", "declare", "admit", "acknowledge", "insist"}


@dataclass
class _Candidate:
    match: TriggerMatch
    head: Token
    sub: str
    args: Arguments
    actors: list[str]
    targets: list[str]
    located: Located | None
    date: tuple[str | None, int | None]
    source_actor: str | None
    anaphoric: bool


def _place_tokens(placed: PlaceSpans) -> dict[int, Place]:
    out: dict[int, Place] = {}
    for place, span in placed:
        if span is not None:
            for i in range(span.start, span.end):
                out[i] = place
    return out


#: Words after a span of time that make it a date relative to another ("days before").
_RELATIVE_AFTER = {"before", "earlier", "later", "after", "afterwards", "ago"}


def _phrase_text(ent: Span) -> str:
    """A DATE entity's words with those the model leaves outside it: a day number before
    ("5" + "September 2022"), "that" before ("that May"), "before" after ("days before")."""
    doc, sent = ent.doc, ent.sent
    text = ent.text
    before = ent.start - 1
    if before >= sent.start and doc[before].like_num and doc[before].text.isdigit():
        text = f"{doc[before].text} {text}"
    elif before >= sent.start and doc[before].lower_ == "that" and (
        ent.start <= doc[before].head.i < ent.end
    ):
        text = f"that {text}"
    after = ent.end
    if after < sent.end and doc[after].lower_ in _RELATIVE_AFTER and (
        ent.root.head.i == after  # not "on Sunday after a battle"
    ):
        text = f"{text} {doc[after].text}"
    return text


@memoised
def _date_phrases(sent: Span) -> tuple[tuple[Span, str, bool], ...]:
    """The DATE and TIME phrases of the sentence before and of this one: (entity, its
    text, whether it is in this sentence)."""
    doc = sent.doc
    prev = [doc[sent.start - 1].sent] if sent.start > 0 else []
    return tuple(
        (ent, _phrase_text(ent), span is sent)
        for span in [*prev, sent] for ent in entities_within(span)
        if ent.label_ in {"DATE", "TIME"}
    )


def _dates_told(sent: Span, document: Document) -> list[tuple[Span, str | None, int | None]]:
    """The date phrases of a sentence, each resolved against the document's date and the
    date told before it (in the sentence or the one before: "in November 2015 ... in the
    same month")."""
    anchor: str | None = None
    out = []
    for ent, text, own in _date_phrases(sent):
        date, precision = resolve_date(text, document.date, document.date_precision,
                                       anchor=anchor)
        anchor = date or anchor
        if own:
            out.append((ent, date, precision))
    return out


def _clause_chain(head: Token, *, through_participle: bool = False) -> list[Token]:
    """The trigger and the clauses that hold it, up to a relative clause or a modifier
    clause; with ``through_participle`` on, up through the trigger itself when it is a
    present participle modifying a noun ("militants were killed by troops repelling a
    raid": the repelling is at the killing's time)."""
    chain: list[Token] = [head]
    cur = head
    while cur.head.i != cur.i and (cur.dep_ not in {"relcl", "acl"} or (
        through_participle and cur is head and cur.dep_ == "acl" and cur.tag_ == "VBG"
    )):
        cur = cur.head
        chain.append(cur)
    return chain


def _clause_of(tok: Token, chain: list[Token]) -> Token:
    """The clause a date phrase belongs to: the verb it hangs from (a gerund object, "at
    the crossing", is no clause of its own), or the first token of ``chain`` on the way."""
    attach = tok.head
    while (attach.pos_ not in {"VERB", "AUX"} or attach.dep_ in {"pobj", "dobj"}) and (
        attach not in chain and attach.head.i != attach.i
    ):
        attach = attach.head
    return attach


def _describes(tok: Token, noun: Token, *, relative: bool) -> int | None:
    """Steps from a date phrase up to ``noun`` when it modifies the noun ("the siege of
    1986", "2014's use"), or, with ``relative``, tells the time of a relative clause on it
    ("a raid that last month drove families out"); None when a clause of its own
    comes between. A date that is the noun itself ("since early 2016, when they were
    driven out") is no steps away."""
    if tok.i == noun.i:
        return 0
    if not noun.is_ancestor(tok):
        return None
    steps, cur = 0, tok.head
    while cur.i != noun.i:
        clause = cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"prep", "agent"}
        if clause and not (relative and cur.dep_ in {"relcl", "acl"} and cur.head.i == noun.i):
            return None
        steps, cur = steps + 1, cur.head
    return steps


def _date_rank(ent: Span, head: Token) -> tuple[int, int] | None:
    """How surely a date phrase of the sentence tells the trigger's time (lower is surer):
    0 the trigger's clause chain, 1 a modifier of the trigger or of a relative clause on
    it, 2 a modifier of the noun whose relative clause holds the trigger ("the 1986
    siege, when the army detained..."; not a noun's complement, "the claim last
    week that strikes killed..."), 3 the clause a trigger that is a present participle
    hangs from; then nearest in the parse. None for a clause of another event
    ("X, which fell in 2014, was bombed on Sunday")."""
    chain = _clause_chain(head)
    clause = _clause_of(ent.root, chain)
    if clause in chain:
        return 0, chain.index(clause)
    if (steps := _describes(ent.root, head, relative=True)) is not None:
        return 1, steps
    end = chain[-1]
    if end.dep_ == "relcl" and not end.is_ancestor(ent.root) and (
        (steps := _describes(ent.root, end.head, relative=False)) is not None
    ):
        return 2, steps
    wider = _clause_chain(head, through_participle=True)
    if clause in wider:
        return 3, wider.index(clause)
    return None


def _date_of(head: Token, document: Document) -> tuple[str | None, int | None]:
    """The date of the trigger's event: the surest date phrase of its sentence that
    resolves (see :func:`_date_rank`), then the nearest in the text; None when the
    sentence tells none."""
    best: tuple[tuple[int, int, int], tuple[str | None, int | None]] | None = None
    for ent, date, precision in _dates_told(head.sent, document):
        if date is None or (rank := _date_rank(ent, head)) is None:
            continue
        key = (*rank, abs(ent.root.i - head.i))
        if best is None or key < best[0]:
            best = (key, (date, precision))
    return best[1] if best else (None, None)


def _antecedent(tok: Token) -> Token | None:
    """The subject a pronoun agent stands for: "The army said it had arrested..." -> army."""
    cur = tok.head
    while cur.head.i != cur.i:
        if cur.dep_ in {"ccomp", "xcomp"} and cur.head.lemma_.lower() in _REPORT_LEMMAS:
            for c in cur.head.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON":
                    return c
            return None
        cur = cur.head
    return None


def _previous_subject(tok: Token) -> Token | None:
    """The named subject of the sentence before: "Syrian forces advanced ... they entered"."""
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    for c in prev.root.children:
        if c.dep_ == "nsubj" and c.pos_ != "PRON" and actor_from_token(c):
            return c
    return None


def _names(tokens: list[Token], place_tokens: dict[int, Place], *, targets: bool) -> list[str]:
    names: list[str] = []
    for tok in tokens:
        if tok.pos_ == "PRON" and tok.lower_ in {"it", "they"} and not targets:
            tok = _antecedent(tok) or (
                _previous_subject(tok) if tok.head.sent.root == tok.head else None
            ) or tok
        if targets and civilians_of(tok.text):
            names.append(civilians_of(tok.text))
            continue
        place = place_tokens.get(tok.i)
        if place is not None and targets and (tok.lower_ in ALIASES or _alias_phrase(tok)):
            place = None  # "from al-Shabaab": a group, whatever the gazetteer says
        if place is not None and usable(place) and (targets or tok.ent_type_ not in {
            "ORG", "NORP"
        }) and (place.feature_code or "") not in {"PCLI"} and targets:
            continue  # "shelled Hajin": a place, not a target actor
        if targets and tok.ent_type_ in {"GPE", "LOC", "FAC"} and not is_country_name(tok.text):
            continue  # "shelled Goma": a place, not a target actor
        name = actor_from_token(tok)
        if name and name not in names:
            names.append(name)
    return names


def _alias_phrase(tok: Token) -> bool:
    """The token's phrase is a known armed group ("al-Shabaab", "the Islamic State")."""
    text = tok.doc[tok.left_edge.i : tok.i + 1].text
    return normalise(text).lower() in ALIASES or text.lower() in ALIASES


_MEMBER_NOUNS = {"member", "fighter", "militant", "unit", "cell", "supporter", "commander",
                 "leader", "gunman", "militiaman", "soldier", "officer", "elements"}
_ALLY_VERBS = {"back", "support", "aid", "assist", "accompany", "join", "reinforce", "help"}


def _allies(agents: list[Token]) -> list[Token]:
    """Allies named beside the agents: "backed by militias", "alongside Wagner fighters"."""
    out: list[Token] = []
    for tok in agents:
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _ALLY_VERBS:
                for g in c.children:
                    if g.dep_ == "agent":
                        out.extend(x for x in g.children if x.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in {"alongside"}:
                out.extend(x for x in c.children if x.dep_ == "pobj")
            elif c.dep_ == "acl":  # "soldiers fighting alongside Wagner"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "alongside":
                        out.extend(x for x in p.children if x.dep_ == "pobj")
    return out


def _is_place_patient(tokens: list[Token], place_tokens: dict[int, Place]) -> bool:
    for tok in tokens:
        for t in tok.subtree:
            place = place_tokens.get(t.i)
            if place is not None and usable(place):
                return True
    return False


def _candidate(
    match: TriggerMatch,
    doc: Doc,
    document: Document,
    places: Sequence[Place],
    place_tokens: dict[int, Place],
    offset: int,
) -> _Candidate | None:
    head = match.span.root
    if match.kind == "TAKE" and head.lemma_ == "fall":
        args = Arguments(anchors=[head])
        for c in head.children:
            if c.dep_ == "nsubj":
                args.patients.append(c)
            if c.dep_ == "prep" and c.lower_ in {"to", "into"}:
                args.agents.extend(x for x in c.children if x.dep_ == "pobj")
    else:
        args = arguments(head)
    if match.kind == "AIRCRAFT":
        gov = aircraft_verb(head)
        if gov is not None:  # "warplanes pounded Houthi positions": the verb's objects
            args.anchors.append(gov)
            verb_args = arguments(gov)
            args.patients.extend(t for t in verb_args.patients if t not in args.patients)
            if not args.agents and gov.lemma_.lower() in {"launch", "send", "fire"}:
                args.agents.extend(verb_args.agents)
    protester = match.kind == "PROTEST" and head.lemma_.lower() in {
        "protester", "protestor", "demonstrator", "marcher"
    }
    if head.pos_ == "NOUN" and head.head.dep_ == "acl" and head.head.tag_ == "VBG":
        return None  # "journalists covering the protests": a background mention
    reason = not_event_reason(head.sent.root if protester else head)
    if protester and reason is None:
        role = head.head.head if head.dep_ == "pobj" else head.head
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in role.children):
            reason = not_event_reason(role)  # "police denied firing on protesters"
    if reason == "purpose" and match.kind == "PROTEST" and head.dep_ in {"advcl", "xcomp"} and (
        head.head.lemma_.lower() in _GATHER_VERBS and not_event_reason(head.head) is None
    ):
        reason = None  # "thousands gathered to protest": the gathering is the protest
    if reason is not None:
        return None
    for anchor in args.anchors[1:]:
        if not_event_reason(anchor) is not None:
            return None
    actors = _names(args.agents, place_tokens, targets=False)
    if actors:  # "troops backed by clan militias": the allies are ACLED's associated actor
        for ally in _names(_allies(args.agents), place_tokens, targets=False):
            if ally not in actors:
                actors.append(ally)
    targets = [t for t in _names(args.patients, place_tokens, targets=True) if t not in actors]
    if match.kind == "CLASH" and not targets and len(args.agents) >= 2 and len(actors) >= 2:
        targets = [actors.pop(1)]  # "guards and troops exchanged fire": the two sides
    ctx = local_context(match.span, args.anchors, args.agents + args.patients)
    sent_lemmas = sentence_lemmas(head.sent)
    sub = classify(
        match.kind, match.span, ctx, sent_lemmas, args.agents, args.patients,
        actors[0] if actors else None, _is_place_patient(args.patients, place_tokens),
    )
    if sub is None:
        return None
    located = None
    anaphoric = head.pos_ == "NOUN" and any(
        c.dep_ in {"det", "poss"} and (c.lower_ in _DEFINITE or c.dep_ == "poss")
        for c in head.children
    ) and not targets
    if head.pos_ == "VERB" and head.lemma_.lower() in _ANSWER_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _EVENT_NOUNS and any(
            d.dep_ == "det" and d.lower_ in _DEFINITE for d in c.children
        ) for c in head.children
    ):
        anaphoric = True  # "the soldiers repelled the assault": the attack told before
    return _Candidate(
        match, head, sub, args, actors, targets, located, _date_of(head, document),
        source_actor(head), anaphoric,
    )


def _actor_spans(doc: Doc, tokens: Sequence[Token]) -> list[Span]:
    spans = []
    for t in tokens:
        if actor_from_token(t) and not (t.ent_type_ in {"GPE", "LOC", "FAC"}
                                        and not is_country_name(t.text)):
            end = t.i + 1
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) and (
                t.lemma_.lower() in _MEMBER_NOUNS
            ):
                end = t.right_edge.i + 1  # "four members of the Gulf Clan"
            spans.append(doc[t.left_edge.i : end])
    return spans


@dataclass(frozen=True)
class _EventPlaces:
    """The places an event of the section can be at, and the mentions that are groups."""

    places: PlaceSpans
    groups: list[Span]

    @classmethod
    def of(cls, placed: PlaceSpans) -> _EventPlaces:
        # "al-Shabaab" may be in the gazetteer, but a known group is never an event's place
        kept = [(p, s) for p, s in placed if p.mention.text.strip().lower() not in ALIASES
                and normalise(p.mention.text).lower() not in ALIASES]
        groups = [
            s for p, s in kept
            if s is not None and (normalise(p.mention.text) != p.mention.text.strip()
                                  or p.mention.text.lower() in ALIASES)
        ]  # "Al-Shabaab" is a group, not a place
        return cls(PlaceSpans(tuple(p for p, _ in kept), tuple(s for _, s in kept)), groups)


def _locate(
    cand: _Candidate, cands: Sequence[_Candidate], doc: Doc, where: _EventPlaces, offset: int
) -> None:
    """Tie the candidate to its place, keeping clear of actors and other events' clauses."""
    exclude = _actor_spans(doc, cand.args.agents + cand.args.patients) + where.groups
    others = [
        o.head for o in cands
        if o is not cand and o.sub != cand.sub and o.head.pos_ in {"VERB", "AUX"}
    ]
    cand.located = locate(
        doc, cand.head, where.places, offset=offset, anchors=cand.args.anchors[1:],
        exclude=exclude, other_triggers=others,
    )


#: Verbs that answer an event already told: "repelled the assault".
_ANSWER_VERBS = {"repel", "repulse", "thwart", "foil", "beat", "fend", "resist", "counter"}
_EVENT_NOUNS = {"assault", "attack", "offensive", "raid", "incursion", "advance", "onslaught",
                "push", "attempt", "ambush"}
#: Words of a police intervention told in the sentence after a protest.
_INTERVENING = {"disperse", "tear", "teargas", "cannon", "baton", "rubber", "pepper", "clear",
                "scatter", "truncheon", "detain", "arrest", "stun", "beat", "charge"}
_POLICE = {"police", "policeman", "officer", "security", "force", "soldier", "troop", "army",
           "gendarme", "gendarmerie", "guard"}
_CROWD = {"crowd", "protester", "demonstrator", "protestor", "rally", "march", "protest",
          "demonstration", "sit-in", "gathering", "marcher", "them"}


def _intervention_after(c: _Candidate) -> str | None:
    """The protest's sub-type given the next sentence ("Later, police fired tear gas at the
    crowd"), or None when that sentence tells no intervention."""
    sent = c.head.sent
    if sent.end >= len(sent.doc):
        return None
    nxt = sent.doc[sent.end].sent
    words = sentence_lemmas(nxt)
    if not (words & _INTERVENING and words & _POLICE and words & _CROWD):
        return None
    if words & {"kill", "dead", "live", "bullet"}:
        return "Excessive force against protesters"
    return "Protest with intervention"


_ARMED_WORDS = {"soldier", "troop", "force", "army", "militant", "fighter", "rebel", "police",
                "insurgent", "militia", "position", "base", "post", "checkpoint", "convoy"}
_PROTEST_WORDS = {"protester", "demonstrator", "protestor", "people", "marcher", "activist",
                  "student", "supporter", "dozen", "hundred", "youth", "crowd"}


def _heads(tokens: Sequence[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens}


def _related(a: Token, b: Token, limit: int = 3) -> bool:
    for x, y in ((a, b), (b, a)):
        cur, n = x, 0
        while n < limit and cur.head.i != cur.i:
            cur, n = cur.head, n + 1
            if cur == y:
                return True
    return a.head == b.head and a != b


def _merge_sentence(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per happening: drop consequences and duplicates within a sentence."""
    primary = [c for c in cands if c.match.kind not in CONSEQUENCE_KINDS]
    # "killed two commanders during a raid": the victims are the raid's targets.
    for k in cands:
        if k.match.kind in CONSEQUENCE_KINDS:
            for c in primary:
                if _related(c.head, k.head, 4):
                    if not c.actors and k.actors:
                        c.actors = list(k.actors)
                    if not c.targets:
                        c.targets = [t for t in k.targets if t not in c.actors][:1]
    # "stormed the village, killing 100 civilians": an attack on civilians, not a battle.
    for k in cands:
        if k.match.kind == "KILL" and k.sub == "Attack":
            for c in primary:
                if c.sub == "Armed clash" and _related(c.head, k.head, 3) and not (
                    _heads(c.args.patients) & _ARMED_WORDS
                ):
                    c.sub = "Attack"
    kept = primary if primary else cands
    # "jets dropped chlorine bombs": the aircraft carry the more specific weapon's event.
    kept = [
        c for c in kept
        if not (c.match.kind == "AIRCRAFT" and any(
            o is not c and o.match.kind != "AIRCRAFT" and coding(o.sub).event_type == REMOTE
            and _related(c.head, o.head, 4) for o in kept
        ))
    ]
    # An armed clash tied to a more specific remote-violence trigger is that event.
    out: list[_Candidate] = []
    protest = any(coding(c.sub).event_type == "Protests" for c in kept)
    for c in kept:
        if c.sub == "Armed clash" and any(
            o is not c and o.sub != c.sub
            and coding(o.sub).event_type in {REMOTE, BATTLES}
            and _related(c.head, o.head, 4)
            for o in kept
        ):
            continue
        if c.sub == "Arrests" and protest and (
            not c.args.patients or _heads(c.args.patients) & _PROTEST_WORDS
        ):
            continue  # protesters arrested: the protest's intervention
        twin = next(
            (o for o in out if o.sub == c.sub and (
                _related(c.head, o.head, 4)
                or (
                    (not c.located or not o.located or c.located.place == o.located.place)
                    and (not c.actors or not o.actors or c.actors[0] == o.actors[0])
                )
            )),
            None,
        )
        if twin is not None:
            if not twin.actors and c.actors:
                twin.actors = c.actors
            for name in c.targets + [a for a in c.actors if a not in twin.actors]:
                if not twin.targets and name not in twin.actors:
                    twin.targets = [name]
            if twin.date[0] is None and c.date[0] is not None:
                twin.date = c.date
            continue
        out.append(c)
    # "seized explosives in a raid": the raid is how the other event was done.
    out = [
        c for c in out
        if not (c.sub == "Armed clash" and c.head.lemma_.lower() in {"raid", "operation", "sweep"}
                and c.head.dep_ == "pobj" and c.head.head.lower_ in {"in", "during"}
                and any(o is not c and o.head == c.head.head.head for o in out))
    ]
    # One crowd, one event: "youths burned tyres, blocked roads and pelted police" is a riot.
    graver = {"Violent demonstration", "Excessive force against protesters",
              "Protest with intervention", "Mob violence"}
    # Protesters who clash are rioters (ACLED): a death among them stays the riot's.
    out = [
        c for c in out
        if c.sub not in {"Excessive force against protesters", "Protest with intervention"}
        or not any(
            o.sub == "Violent demonstration" and (
                _related(c.head, o.head, 4)
                or (c.located and o.located and c.located.place == o.located.place)
            )
            for o in out
        )
    ]
    out = [
        c for c in out
        if c.sub != "Peaceful protest" or not any(
            o.sub in graver and (
                _related(c.head, o.head, 4)
                or (c.located and o.located and c.located.place == o.located.place)
            )
            for o in out
        )
    ]
    # "entered the town after rebels withdrew", "after the garrison surrendered": one takeover.
    takes = [c for c in out if c.match.kind in {"TAKE", "EXPEL"}]
    out = [
        c for c in out
        if not (c.match.kind in {"WITHDRAW", "CHANGE"} and any(
            _related(c.head, t.head, 2) for t in takes
        ))
    ]
    # Battles need two sides: borrow the target of a linked event in the same sentence.
    for c in out:
        if coding(c.sub).event_type == BATTLES and not c.targets:
            for o in out:
                if o is not c and o.targets and o.targets[0] not in c.actors:
                    c.targets = [o.targets[0]]
                    break
    return out


def _doers(c: _Candidate) -> tuple[list[str], str | None]:
    """The event's actors, bare state forces qualified for its country ("the army" in Syria
    -> "Syrian forces"), the first filled from the article when the clause names none or
    only "the group" (then also the reason); not yet named as ACLED names them."""
    code = coding(c.sub)
    iso = c.located.place.country_code if c.located else None
    actors = [qualify(a, iso) for a in c.actors]
    if actors and code.event_type in {"Protests", "Riots"} and actors[0].startswith("Civilians"):
        actors = actors[1:]  # residents protesting are protesters, not victims
    if not actors and code.event_type in {"Protests", "Riots"}:
        who = "Protesters" if code.event_type == "Protests" else "Rioters"
        country = c.located.place.country if c.located else None
        if country is None and iso:
            from geoevents.export import country_name

            country = country_name(iso)
        actors = [f"{who} ({country})" if country else who]
    filled = None
    if not actors or is_reference(actors[0]):  # "the group", or no doer in the clause
        found = context_actor(c.head, exclude=c.targets, wants_group=bool(actors), iso=iso)
        actors = [found, *actors[1:]] if found else actors
        actors = [qualify(a, iso) for a in actors]
        filled = f"actor1: from the article ({found})" if found else None
    return actors, filled


def _retype(c: _Candidate) -> tuple[list[str], tuple[str, ...]]:
    """Settle the candidate's sub-type with its final first actor (:func:`by_actor`): its
    actors (from :func:`_doers`) and the rule that decided, if one did."""
    actors, filled = _doers(c)
    iso = c.located.place.country_code if c.located else None
    first = acled_name(actors[0], iso, arrest=True) if actors else None
    c.sub, rule = by_actor(c.match.kind, c.sub, c.args.patients, first, iso)
    return actors, tuple(r for r in (rule, filled) if r)


def _to_event(
    c: _Candidate,
    text: str,
    offset: int,
    section: SectionKind,
    fatalities: int,
    actors: list[str],
    why: tuple[str, ...] = (),
) -> Event:
    """The event of a candidate; ``text`` is the section's text (``doc.text``); ``actors``
    from :func:`_retype`, ``why`` the rules that settled its type and first actor."""
    code = coding(c.sub)
    sent = c.head.sent
    span = c.match.span
    iso = c.located.place.country_code if c.located else None
    targets = [acled_name(qualify(t, iso), iso) for t in c.targets]
    arrest = code.sub_event_type == "Arrests"
    actors = [acled_name(a, iso, arrest=arrest) for a in actors]
    assoc = actors[1] if len(actors) > 1 else None
    return Event(
        event_id="",
        event_type=code.event_type,
        sub_event_type=code.sub_event_type,
        source_sentence=text[sent.start_char : sent.end_char].strip(),
        source_section=section,
        trigger=span.text,
        trigger_start=span.start_char + offset,
        trigger_end=span.end_char + offset,
        place=c.located.place if c.located else None,
        actor1=actors[0] if actors else None,
        actor2=targets[0] if targets else None,
        assoc_actor_1=assoc,
        event_date=c.date[0],
        time_precision=c.date[1],
        geo_precision=c.located.geo_precision if c.located else None,
        source=None,
        source_actor=normalise(c.source_actor) if c.source_actor else None,
        plover_type=code.plover_type,
        plover_mode=code.plover_mode,
        cameo_code=code.cameo_code,
        fatalities=fatalities,
        why=why + (c.located.why if c.located else ()),
    )


def extract_events(
    doc: Doc,
    document: Document,
    places: Sequence[Place],
    *,
    offset: int = 0,
    section: SectionKind = "body",
    decision: DecisionModel | None = None,
) -> list[Event]:
    """The events of one parsed section, coded as ACLED codes them.

    ``doc`` is the section's text parsed by spaCy; ``offset`` is where that
    text starts in ``document.text``; ``places`` are the section's resolved
    places. Offsets in the result are offsets into ``document.text``. A doc
    without tags and a parse (``spacy.blank``) gives no events. ``decision``
    keeps the real events among the candidates (the shipped, fitted model
    when None; :data:`~geoevents.events.decision.KEEP_ALL` keeps every one).
    """
    if not (doc.has_annotation("DEP") and doc.has_annotation("POS")):
        return []  # the patterns need a tagged and parsed doc
    if _is_headline(doc, document, offset, section):
        return []  # a headline restates the body's events; ACLED codes the body
    model = decision or shipped_model()
    with memos(doc):
        return _extract(doc, document, places, offset, section, model)


def _extract(
    doc: Doc,
    document: Document,
    places: Sequence[Place],
    offset: int,
    section: SectionKind,
    model: DecisionModel,
) -> list[Event]:
    placed = PlaceSpans.of(doc, places, offset)
    place_tokens = _place_tokens(placed)
    by_sentence: dict[int, list[_Candidate]] = {}
    matches = find_triggers(doc)
    for match in matches:
        cand = _candidate(match, doc, document, places, place_tokens, offset)
        if cand is not None:
            by_sentence.setdefault(cand.head.sent.start, []).append(cand)
    where = _EventPlaces.of(placed)
    for cands in by_sentence.values():
        for cand in cands:
            _locate(cand, cands, doc, where, offset)
    seen: list[_Candidate] = []
    for start in sorted(by_sentence):
        for c in _merge_sentence(by_sentence[start]):
            # "the airstrike" again, later: the same event, already coded.
            twin = next((s for s in seen if s.sub == c.sub), None)
            if c.anaphoric and twin is not None:
                if not twin.targets and c.actors and c.actors[0] not in twin.actors:
                    twin.targets = c.actors[:1]  # "the soldiers repelled the assault"
                _refine_place(twin, c.located)
                continue
            if c.sub == "Peaceful protest":
                c.sub = _intervention_after(c) or c.sub
            if c.match.kind == "DISPERSE":
                told = [s for s in seen if coding(s.sub).event_type in {"Protests", "Riots"}
                        and c.head.sent.start - s.head.sent.end <= 60]
                if told:  # "... marched. Later, police fired tear gas": that march
                    if told[-1].sub == "Peaceful protest":
                        told[-1].sub = c.sub
                    continue
            if c.anaphoric and not c.actors and (c.located is None or c.located.how == "focus"):
                continue  # "responsibility for the attack": which one, where?
            seen.append(c)
    # "... in Plateau State. The violence centred on Bokkos": the later, finer place.
    for m in matches:
        if m.kind != "REFER" or not any(
            t.dep_ == "det" and t.lower_ in _DEFINITE for t in m.span.root.children
        ):
            continue
        before = [s for s in seen if s.head.i < m.span.start
                  and m.span.sent.start - s.head.sent.end <= 40]
        if before:
            _refine_place(before[-1], locate(doc, m.span.root, placed, offset=offset))
    kept = [
        c for c in seen
        if not (_vague(c) and any(_vaguer_twin(c, o) for o in seen if o is not c))
    ]
    deaths = _fatalities(kept)
    text = doc.text  # joins every token: once per section
    focus = _focus_countries(places)
    sentence_starts = [s.start for s in doc.sents] if kept else []
    per_sentence = Counter(c.head.sent.start for c in kept)
    events = []
    told: set[tuple[str, int | None]] = set()
    told_types: set[str] = set()
    for c in kept:
        fatalities = deaths.get(id(c), 0)
        actors, why = _retype(c)  # the type is final from here on
        event_type = coding(c.sub).event_type
        where = (c.sub, c.located.place.geonameid if c.located else None)
        feats = features(Candidate(
            head=c.head,
            event_type=event_type,
            place_how=c.located.how if c.located else None,
            geo_precision=c.located.geo_precision if c.located else None,
            place_country=c.located.place.country_code if c.located else None,
            date=c.date[0],
            document_date=document.date,
            has_actor=bool(c.actors),
            has_target=bool(c.targets),
            reported=c.source_actor is not None,
            # "the attack" refers back only when an event of its type was told before
            anaphoric=c.anaphoric and event_type in told_types,
            deaths=fatalities,
            section=section,
            sentence_index=bisect_right(sentence_starts, c.head.i) - 1,
            sentence_events=per_sentence[c.head.sent.start],
            article_events=len(kept),
            focus_countries=focus,
            repeats_earlier=where in told,
        ))
        told.add(where)
        told_types.add(event_type)
        verdict = model.decide(feats)
        if verdict.keep:
            event = _to_event(c, text, offset, section, fatalities, actors, why)
            events.append(_decided(event, verdict, feats, document))
    return events


def _focus_countries(places: Sequence[Place]) -> frozenset[str]:
    """The countries that most of the section's places are in (at least a quarter each)."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country_code and usable(p):
            counts[p.country_code] = counts.get(p.country_code, 0) + 1
    total = sum(counts.values())
    return frozenset(cc for cc, n in counts.items() if n * 4 >= total)


def _decided(
    event: Event, verdict: Decision, feats: dict[str, float], document: Document
) -> Event:
    """The event with its decision: confidence, status, why, and the date a recent event
    without one of its own takes, as analysts code it: the month of a news report whose day
    is known (time precision 2). A page dated only by its month gives no such date: the
    event may be older than the page."""
    date, precision = event.event_date, event.time_precision
    if date is None and verdict.status == "recent" and document.date is not None and (
        document.date_precision == 1
    ):
        date, precision = format_date(document.date, 2), 2
    return replace(
        event, confidence=verdict.confidence, status=verdict.status,
        why=(*verdict.why, *event.why),
        event_date=date, time_precision=precision, raw={"features": feats},
    )


#: Event types whose events can have fatalities (ACLED codes 0 for the others).
_DEADLY_TYPES = {BATTLES, REMOTE, "Violence against civilians", "Riots"}


def _fatalities(cands: Sequence[_Candidate]) -> dict[int, int]:
    """Deaths per candidate (by id): each report of deaths in a sentence goes to the
    violent event of that sentence nearest to it in the parse."""
    out: dict[int, int] = {}
    by_sentence: dict[int, list[_Candidate]] = {}
    for c in cands:
        if coding(c.sub).event_type in _DEADLY_TYPES or c.sub == (
            "Excessive force against protesters"
        ):
            by_sentence.setdefault(c.head.sent.start, []).append(c)
    for group in by_sentence.values():
        for word, people in deaths_in(group[0].head.sent):
            nearest = min(
                group,
                key=lambda c: (tree_distance(word, c.head), abs(word.i - c.head.i)),
            )
            out[id(nearest)] = out.get(id(nearest), 0) + people
    return out


def _refine_place(c: _Candidate, where: Located | None) -> None:
    """Give ``c`` the place of a later mention of it when that place is finer."""
    if where is None or where.how != "linked":
        return
    if c.located is None or c.located.how == "focus" or (
        specificity(where.place) < specificity(c.located.place)
    ):
        c.located = where


def _is_headline(doc: Doc, document: Document, offset: int, section: str) -> bool:
    """The section is a one-line title at the top, with more body text after it."""
    if section != "body" or len(doc) > 200:
        return False  # cheap first: ``doc.text`` joins every token
    text = doc.text.strip()
    if "\n" in text or len(text) > 160 or text[-1:] in ".!?\"'”":
        return False
    bodies = [s for s in document.sections if s.kind == "body"]
    return len(bodies) > 1 and bodies[0].start == offset and (
        sum(s.end - s.start for s in bodies[1:]) > 2 * len(text)
    )


def _vaguer_twin(c: _Candidate, o: _Candidate) -> bool:
    """``c`` restates ``o`` (a headline or recap) with a vaguer place and no other facts."""
    if c.sub != o.sub or o.located is None:
        return False
    if c.actors and o.actors and c.actors[0] != o.actors[0]:
        return False
    if c.date[0] and o.date[0] and c.date[0] != o.date[0]:
        return False
    return _vague(c) and not _vague(o)


def _vague(c: _Candidate) -> bool:
    """No place, the document's focus, or a whole region or border for a place."""
    return c.located is None or c.located.how == "focus" or c.located.geo_precision == 3


