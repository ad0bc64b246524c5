"""Turn a trigger kind plus its context into an ACLED sub-event type (or None).

Context is local: the trigger's own modifiers and arguments, so that two events
in one sentence ("airstrikes ... in support of the attack") keep their own types.
Text about crime, disasters or diplomacy gives None.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from geoevents.events.actors import ACTOR_NOUNS, actor_from_token, actor_words, is_state_actor
from geoevents.events.memo import memoised

_AIR = {"air", "airstrike", "drone", "glide", "aerial", "warplane", "jet", "aircraft", "plane",
        "helicopter", "uav", "bomber", "airforce", "gunship", "f-16", "sukhoi", "mig"}
_SHELL = {"artillery", "shell", "shelling", "mortar", "rocket", "missile", "howitzer", "tank",
          "grad", "katyusha", "barrage", "bombardment", "projectile", "cannon"}
_IED = {"ied", "landmine", "mine", "roadside", "explosive", "device", "car", "vbied", "bomb",
        "booby", "booby-trapped", "detonate", "explosion", "blast"}
_CHEM = {"chemical", "chlorine", "sarin", "gas", "toxic", "mustard", "nerve"}
_CIVILIANS = {"civilian", "resident", "villager", "farmer", "shepherd", "worker", "journalist",
              "child", "woman", "family", "people", "man", "student", "teacher", "doctor",
              "passenger", "worshipper", "pilgrim", "refugee", "aid", "patient", "boy", "girl",
              "nurse", "trader", "merchant", "driver", "herder", "fisherman", "wedding",
              "hospital", "school", "market", "mosque", "church", "home", "house", "camp",
              "civilians", "villagers", "activist", "lawyer", "official", "elder", "cleric",
              "wife", "widow"}
_ARMED = {"soldier", "troop", "force", "army", "militant", "fighter", "rebel", "insurgent",
          "police", "policeman", "officer", "gunman", "jihadist", "militia", "guard",
          "position", "base", "post", "checkpoint", "convoy", "patrol", "unit", "military",
          "commander", "terrorist", "outpost", "barrack", "headquarters", "jet", "plane",
          "member", "personnel", "militiaman", "paramilitary", "brigade", "battalion",
          "assailant", "attacker", "guerrilla", "combatant", "dissident", "bandit", "raider",
          "extremist", "jihadi"}
_PROTESTERS = {"protester", "demonstrator", "protestor", "rioter", "crowd", "marcher",
               "protest", "demonstration", "rally", "youth", "youths"}
_PERSON_NOUNS = _CIVILIANS | _ARMED | {"leader", "suspect", "member", "hostage", "person"}
#: Things that carry weapons: "a boat carrying grenades".
_CARRIERS = {"boat", "ship", "vessel", "truck", "lorry", "car", "vehicle", "van", "container",
             "shipment", "consignment", "convoy", "dhow", "plane", "bag", "crate", "cargo"}
#: Person-list words that are places or things, not people ("overran an outpost").
_FACILITIES = {"position", "base", "post", "checkpoint", "outpost", "barrack", "headquarters",
               "convoy", "hospital", "school", "market", "mosque", "church", "home", "house",
               "camp", "wedding"}
_WEAPONS = {"weapon", "arm", "ammunition", "munition", "explosive", "rocket", "missile",
            "bomb", "ied", "drone", "rifle", "gun", "cache", "shipment", "mortar", "grenade"}
_PLACEISH = {"town", "village", "city", "area", "territory", "crossing", "border", "hill",
             "neighbourhood", "neighborhood", "district", "airport", "base", "road", "highway",
             "bridge", "dam", "field", "oilfield", "region", "province", "countryside",
             "position", "post", "checkpoint", "island", "port", "settlement", "zone", "camp",
             "outskirts", "control", "building", "headquarters", "mountain", "valley",
             "airbase", "garrison", "stronghold", "locality", "hamlet", "suburb", "quarter",
             "line", "front", "junction", "station", "compound", "centre", "center", "capital",
             "enclave", "pocket", "crossroads", "township", "commune", "county", "department",
             "municipality", "outpost", "palace", "parliament", "ministry", "barracks"}
_PROPERTY = {"house", "home", "building", "shop", "market", "church", "mosque", "village",
             "vehicle", "car", "property", "crop", "field", "office", "school", "store",
             "dwelling", "hut", "farm", "livestock", "warehouse", "hospital", "headquarters",
             "temple", "shrine", "infrastructure", "bank", "station", "facility", "tent",
             "centre", "center", "polling", "commission", "court", "clinic", "truck", "bus"}
_CRIME = {"robbery", "theft", "burglary", "drug", "drugs", "fraud", "smuggling", "bribery",
          "corruption", "shoplifting", "robber", "thief", "burglar", "trafficking",
          "domestic", "narcotic", "narcotics", "stolen", "steal", "dui", "embezzlement",
          "heist", "mugging", "jewelry", "jewellery", "scam", "poaching"}
_DISASTER = {"earthquake", "flood", "wildfire", "storm", "hurricane", "cyclone", "accident",
             "leak", "lightning", "short-circuit", "malfunction", "landslide", "tornado",
             "typhoon", "blaze", "gas", "factory", "plant", "refinery", "volcano", "drought",
             "crash", "collapse", "tsunami", "firework", "fireworks", "boiler", "cylinder"}
_INTERVENTION = {"disperse", "tear", "teargas", "cannon", "baton", "break", "rubber", "detain",
                 "arrest", "stun", "pepper", "crackdown", "beat", "charge", "truncheon"}
_LETHAL = {"kill", "live", "dead", "shoot", "gun", "fatally", "massacre"}
_PROTEST_VIOLENCE = {"stone", "rock", "torch", "burn", "smash", "vandalize", "vandalise",
                     "loot", "molotov", "clash", "throw", "storm", "riot", "set", "attack",
                     "hurl", "firebomb", "petrol"}
_NOT_TERRITORY = {"support", "candidacy", "bill", "treaty", "deal", "agreement", "talks",
                  "race", "election", "competition", "tournament", "accord", "pact", "coalition",
                  "negotiation", "application", "offer", "statement", "lawsuit", "complaint"}
_DEFUSING = {"defuse", "dismantle", "find", "discover", "seize", "clear", "neutralize",
             "neutralise", "remove", "detect", "intercept", "confiscate", "recover", "uncover",
             "locate", "destroy", "disarm", "plant"}
_PROTEST_ACTS = {"gather", "march", "rally", "block", "chant", "demand", "protest", "occupy",
                 "throw", "burn", "torch", "storm", "set", "clash", "attack", "take", "hurl",
                 "barricade", "sit", "shout", "carry", "wave", "converge", "stage", "hold",
                 "demonstrate", "call", "denounce", "condemn", "fill", "flood", "pelt", "loot"}
_AGAINST_PROTESTERS = {"disperse", "shoot", "kill", "arrest", "detain", "fire", "attack",
                       "beat", "tear", "teargas", "charge", "injure", "wound", "use", "assault",
                       "clash", "confront", "break", "scatter", "repress", "crack", "open"}


def _protest_role(head: Token) -> bool:
    """A protester noun taking part in a protest, or protesters being acted against."""
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in {
        "NOUN", "NUM", "PRON"
    }:
        head = head.head.head  # "hundreds of demonstrators"
    verb = head.head
    if head.dep_ == "pobj":
        verb = head.head.head
    if head.dep_ in {"nsubj", "compound"} or (head.dep_ == "conj" and verb.pos_ != "VERB"):
        return verb.lemma_.lower() in _PROTEST_ACTS
    return verb.lemma_.lower() in _AGAINST_PROTESTERS


#: Nouns that count aircraft: "a wave of drones", "a swarm of drones".
_FLEET = {"wave", "swarm", "fleet", "squadron", "barrage", "salvo", "series", "dozen", "dozens",
          "hundreds", "number", "volley", "group", "pair", "couple"}
#: Verbs that make an aircraft an attack: "warplanes pounded", "hit by drones".
_AIR_HITS = {"hit", "strike", "pound", "bomb", "target", "attack", "raid", "hammer", "blast",
             "fire", "kill", "wound", "injure", "destroy", "shell", "bombard", "rake", "strafe",
             "slam", "damage", "launch", "send"}
#: Words of sport and games, where "storm", "beat" and "fire" are no violence.
_SPORTS = {"match", "goal", "striker", "hat-trick", "league", "cup", "tournament", "coach",
           "stadium", "penalty", "championship", "semi-final", "fixture", "derby",
           "midfielder", "goalkeeper", "scorer", "innings", "wicket", "medal", "olympic",
           "playoff", "referee", "footballer", "goalless", "4-0", "3-0", "2-0", "1-0", "2-1",
           "3-1", "3-2", "concert", "festival", "gig", "audience", "carnival"}
#: Words that make a deal or a release part of a conflict.
_CONFLICT_WORDS = {"hostility", "hostilities", "ceasefire", "truce", "peace", "war", "fighting",
                   "rebel", "prisoner", "armed", "disarmament", "militia", "conflict",
                   "cessation", "insurgent", "violence", "hostage", "detainee", "captive",
                   "prisoners", "hostages", "detainees", "fighter", "troop", "soldier"}
#: Modifiers that make a soldier or police officer a civilian target.
_OFF_DUTY = {"former", "retired", "off-duty", "ex", "ex-", "unarmed", "demobilised",
             "demobilized"}
#: Places of civilian life: "stormed the village", "raided a wedding".
_CIVIL_PLACES = {"village", "hamlet", "home", "house", "school", "market", "church", "mosque",
                 "hospital", "wedding", "camp", "farm", "bar", "hotel", "restaurant", "clinic",
                 "centre", "center", "compound", "neighbourhood", "neighborhood", "settlement"}


def aircraft_verb(head: Token) -> Token | None:
    """The verb an aircraft noun attacks through ("drones hit Kyiv" -> hit), or None."""
    node = head
    while node.dep_ == "pobj" and node.head.lower_ == "of" and (
        node.head.head.lemma_.lower() in _FLEET
    ):
        node = node.head.head
    if node.dep_ == "nsubj" and node.head.pos_ in {"VERB", "AUX"}:
        gov = node.head
    elif node.dep_ == "pobj" and node.head.dep_ == "agent":
        gov = node.head.head
    elif node.dep_ == "dobj" and node.head.lemma_.lower() in {"launch", "send", "fire"}:
        gov = node.head
    else:
        return None
    return gov if gov.lemma_.lower() in _AIR_HITS else None


#: People by kin, trade or origin ("her three brothers", "a former mechanic", "foreigners").


def is_person(tok: Token) -> bool:
    """The token names or points to people, not a place: "Rana", "she", "her cousins",
    "two foreigners", "Germans", "Omar, a baker from Hama"."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in actor_words("pronoun"):
        return True
    people = actor_words("people")
    if tok.lemma_.lower() in (_PERSON_NOUNS | people) - _FACILITIES or tok.lower_ in people:
        return True
    if tok.ent_type_ == "NORP" and tok.tag_ in {"NNS", "NNPS"}:
        return True  # "two Britons"
    return any(c.dep_ == "appos" and is_person(c) for c in tok.children)


def _off_duty(tokens: Iterable[Token]) -> bool:
    return any(c.lower_ in _OFF_DUTY for t in tokens for c in t.children if c.dep_ in {
        "amod", "compound", "advmod"})


_CONSEQUENCE_HEADS = {"hit", "strike", "kill", "target", "destroy", "damage", "wound"}


def lemmas(tokens: Iterable[Token]) -> set[str]:
    """Lower-cased lemmas (and lower forms) of tokens."""
    out: set[str] = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


@memoised
def sentence_lemmas(sent: Span) -> frozenset[str]:
    """:func:`lemmas` of a sentence (remembered while a doc's events are extracted)."""
    return frozenset(lemmas(sent))


@memoised
def _sentence_words(sent: Span) -> tuple[bool, frozenset[str]]:
    """Whether the sentence speaks of riot police, and its lemmas that are not verbs."""
    riot_police = any(
        t.lower_ == "riot" and t.head.lemma_ in {"police", "squad", "gear", "unit", "officer"}
        for t in sent
    )
    return riot_police, frozenset(t.lemma_.lower() for t in sent if t.pos_ != "VERB")


def local_context(trigger: Span, anchors: list[Token], args_tokens: list[Token]) -> set[str]:
    """Lemmas near the trigger: the span, its anchors' modifiers and argument phrases."""
    toks: list[Token] = list(trigger)
    for a in anchors:
        toks.append(a)
        for c in a.children:
            if c.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis", "mark", "cc"}:
                continue
            if c.dep_ == "prep" and c.lower_ not in {"with", "by", "using", "from"}:
                toks.append(c)
                continue
            toks.extend(c.subtree)
    for t in args_tokens:
        toks.extend(x for x in t.subtree if x.dep_ not in {"relcl"})
    return lemmas(toks)


def _heads(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def classify(
    kind: str,
    trigger: Span,
    ctx: set[str],
    sent_lemmas: set[str],
    agents: list[Token],
    patients: list[Token],
    agent_name: str | None,
    patient_is_place: bool,
) -> str | None:
    """The ACLED sub-event type for one trigger in its context, or None."""
    head = trigger.root
    lemma = head.lemma_.lower()
    riot_police, things = _sentence_words(head.sent)
    if riot_police:
        sent_lemmas = sent_lemmas - {"riot"}  # "riot police" are no riot
    # disaster words as things, not acts ("a device planted" is no power plant)
    disaster = things & _DISASTER
    agent_armed = any(c.dep_ == "amod" and c.lower_ in {"armed", "masked", "uniformed"}
                      for a in agents for c in a.children)
    patient_heads = _heads(patients) | {  # "a military camp" is an armed target
        "military" for p in patients for c in p.children
        if c.dep_ in {"amod", "compound"} and c.lemma_.lower() in {
            "military", "army", "police", "security", "rebel", "militia", "insurgent"
        }
    }
    agent_heads = _heads(agents) | ({"gunman"} if agent_armed else set())
    civ_target = bool(patient_heads & _CIVILIANS) and not patient_heads & _ARMED
    if patient_heads & _ARMED and _off_duty(patients):
        civ_target, patient_heads = True, patient_heads - _ARMED | {"civilian"}
    if kind in {"CLASH", "ATTACK", "KILL", "TAKE", "SHELL", "STRIKE"} and (
        len(sent_lemmas & _SPORTS) >= 1 and not sent_lemmas & (_WEAPONS | {"soldier", "troop"})
    ):
        return None  # "stormed back to beat Ghana", "fired a hat-trick"
    if kind == "CLASH" and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back"
                               for c in head.children):
        return None  # "stormed back", "fought back tears"
    armed_target = bool(patient_heads & _ARMED) or patient_is_place
    protest_agents = bool(agent_heads & _PROTESTERS)

    def remote_from(words: set[str]) -> str | None:
        # "Rockets struck ...": a capitalised plural may keep its "s" as its lemma
        words = words | {w[:-1] for w in words if w.endswith("s") and len(w) > 4}
        if "suicide" in words:
            return "Suicide bomb"
        if words & _CHEM and ("chemical" in words or words & {"chlorine", "sarin", "mustard",
                                                               "nerve", "toxic"}):
            return "Chemical weapon"
        if words & _AIR:
            return "Air/drone strike"
        if "grenade" in words:
            return "Grenade"
        if words & _SHELL:
            return "Shelling/artillery/missile attack"
        if words & (_IED - {"car", "device", "bomb", "explosion", "blast"}):
            return "Remote explosive/landmine/IED"
        return None

    if kind == "AIR":
        return "Air/drone strike"
    if kind == "AIRCRAFT":
        return "Air/drone strike" if aircraft_verb(head) is not None else None
    if kind == "SUICIDE":
        return "Suicide bomb"
    if kind == "CHEM":
        if lemma in {"chlorine"} and not sent_lemmas & {
            "drop", "attack", "fire", "strike", "bomb", "canister", "barrel", "use", "suffocate",
            "breathe", "choke", "shell", "launch", "rocket", "weapon"
        }:
            return None
        return "Chemical weapon"
    if kind == "GRENADE":
        if sent_lemmas & {"throw", "hurl", "lob", "explode", "attack", "toss", "detonate",
                          "hit", "kill", "wound", "injure", "blast"}:
            return "Grenade"
        return None
    if kind == "STRIKE":
        if sent_lemmas & {"worker", "union", "labour", "labor", "hunger", "general", "employee",
                          "teacher", "doctor", "nurse", "walkout", "wage", "pay"} or (
            head.head.lemma_ == "go" and head.dep_ == "pobj"
        ):
            return "Peaceful protest"
        found = remote_from(ctx)
        if found:
            return found
        if agent_name and (is_state_actor(agent_name) or agent_heads & {"coalition"}):
            return "Air/drone strike"
        gov = head.head.head if head.dep_ == "pobj" and head.head.lower_ in {
            "in", "by", "from", "during"
        } else head.head if head.dep_ == "nsubj" else None
        if gov is not None and gov.lemma_.lower() in {"kill", "die", "wound", "injure"}:
            return "Air/drone strike"  # "14 civilians were killed in strikes on Sunday"
        if sent_lemmas & {"earthquake", "lightning", "storm", "disaster", "tragedy"}:
            return None
        return "Air/drone strike" if ctx & {"target", "position", "base", "airstrike"} else None
    if kind == "BOMB":
        if sent_lemmas & {"nuclear", "atomic", "threat", "hoax"}:
            return None
        found = remote_from(ctx)
        if found and found != "Remote explosive/landmine/IED":
            return found
        if lemma == "bombard" or lemma == "bombardment":
            return "Shelling/artillery/missile attack"
        if head.pos_ == "VERB" and (agent_name and is_state_actor(agent_name)):
            return "Air/drone strike"
        return "Remote explosive/landmine/IED"
    if kind == "SHELL":
        if head.pos_ == "VERB" or lemma in {"shelling", "shellfire", "barrage"}:
            return remote_from(ctx) if ctx & _AIR else "Shelling/artillery/missile attack"
        # a weapon noun: only an event when fired, launched, landing or hitting
        if head.dep_ == "compound" and head.head.lemma_.lower() in {
            "round", "shell", "bomb", "projectile", "fire", "salvo", "volley"
        }:
            head = head.head  # "mortar rounds landed"
        while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in {
            "NOUN", "NUM"
        }:
            head = head.head.head  # "dozens of rockets"
        gov = head.head.lemma_.lower()
        if head.dep_ == "compound" and gov in {"attack", "strike", "fire", "barrage", "salvo"}:
            return "Shelling/artillery/missile attack"
        if gov in {"fire", "launch", "lob", "hit", "strike", "land", "fall", "rain", "target",
                   "slam", "pound", "explode", "shell", "hurl"}:
            shooters = {c.lemma_.lower() for c in head.head.children if c.dep_ == "nsubj"}
            if ctx & {"drone"} or (gov == "launch" and ctx & {"air"}) or shooters & (
                _AIR - {"air"}
            ):
                return "Air/drone strike"  # "helicopters fired missiles"
            return "Shelling/artillery/missile attack"
        if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.lemma_ in {
            "attack", "target", "hit", "strike", "shell", "pound", "bombard"
        }:
            return "Shelling/artillery/missile attack"
        return None
    if kind == "IED" and lemma in {"set", "touch"}:
        charges = {"explosive", "bomb", "device", "charge", "vest", "belt", "ied", "mine"}
        if not ctx & charges:
            return None  # "set off for the capital"
        if agent_heads & {"bomber", "attacker"} and not ctx & (_AIR - {"bomber"}):
            return "Suicide bomb"  # a bomber setting off her own explosives
        return remote_from(ctx - {"bomber"}) or "Remote explosive/landmine/IED"
    if kind == "IED":
        gov = head.head.head if head.dep_ == "pobj" else head.head
        if gov.lemma_.lower() in _DEFUSING and head.dep_ in {"dobj", "pobj", "nsubjpass"}:
            return None
        if gov.lemma_.lower() in {"drop"} or "barrel" in ctx:
            return remote_from(ctx) or "Air/drone strike"
        if disaster and not sent_lemmas & {"ied", "bomb", "explosive", "mine",
                                                         "attack", "suicide", "militant"}:
            return None
        if lemma in {"explosion", "blast", "explode", "detonate", "detonation"} and not (
            sent_lemmas & {"bomb", "ied", "explosive", "device", "mine", "landmine", "suicide",
                           "grenade", "car", "attack", "militant", "bomber", "booby", "convoy",
                           "patrol", "checkpoint", "soldier", "troop", "military"}
        ):
            return None
        if lemma == "mine" and not sent_lemmas & {"explode", "step", "hit", "blast", "plant",
                                                  "land", "detonate", "kill", "wound",
                                                  "injure", "strike", "clear"}:
            return None
        if lemma == "bomb" and not sent_lemmas & {"explode", "detonate", "plant", "go", "kill",
                                                  "wound", "injure", "hit", "attack", "blast",
                                                  "target", "strike", "rip", "tear", "off"}:
            return None
        if sent_lemmas & {"vest", "belt"} and sent_lemmas & {"explosive", "suicide"}:
            return "Suicide bomb"  # "an attacker wearing an explosive vest detonated it"
        found = remote_from(ctx | (sent_lemmas & {"suicide", "grenade"}))
        if found in {"Suicide bomb", "Grenade", "Chemical weapon", "Air/drone strike"}:
            return found
        return "Remote explosive/landmine/IED"
    if kind in {"CLASH", "ATTACK"} and agents and patients and not patient_is_place and not any(
        p.ent_type_ or actor_from_token(p) for p in patients
    ) and not patient_heads & (_PROPERTY | _PLACEISH | _ARMED | _CIVILIANS | _PROTESTERS |
                               _CIVIL_PLACES | {"vehicle", "convoy", "target", "ship",
                                                "community", "tribe", "clan", "group",
                                                "faction", "gang", "side", "rival"}):
        return None  # "residents attacked the plan": no one and nothing physical
    if kind in {"CLASH", "ATTACK"}:
        if head.dep_ == "pobj" and head.head.head.lemma_.lower() in {
            "pause", "halt", "end", "lull", "cessation", "break", "suspension", "stop",
            "reduction", "de-escalation", "respite"
        }:
            return None  # "a pause in fighting": the agreement, not the fighting
        if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.dep_ in {"nsubj",
                                                                              "nsubjpass"}:
            return None  # "soldiers fighting alongside Wagner killed...": who, not what
        if not agents and patients and not patient_is_place and not any(
            p.ent_type_ or actor_from_token(p) for p in patients
        ) and not patient_heads & (_PROPERTY | _PLACEISH | _ARMED | _CIVILIANS | _PROTESTERS):
            return None  # "an attack on press freedom": no one and nowhere
        if "arson" in ctx:
            return "Looting/property destruction"
        found = remote_from(ctx)
        air_raid_guess = found == "Air/drone strike" and lemma == "raid" and not ctx & {"air"}
        if found and (kind == "ATTACK" or lemma in {"raid", "assault"}) and not air_raid_guess:
            return found
        if protest_agents or (agent_heads & {"mob"}):
            return "Mob violence" if "mob" in agent_heads else "Violent demonstration"
        if agent_heads & (_CIVILIANS - {"aid", "official"}) and not agent_heads & _ARMED and (
            not agent_name or not is_state_actor(agent_name)
        ) and lemma in {"attack", "storm", "raid", "assault"}:
            return "Mob violence"  # "residents attacked the house of..."
        if lemma in {"storm", "raid", "assault"} and patient_heads & _CIVIL_PLACES and not (
            patient_heads & _ARMED or (agent_name and is_state_actor(agent_name))
        ):
            return "Attack"  # gunmen storming a village
        if kind == "CLASH" and lemma in {"clash", "confrontation", "scuffle", "fight", "skirmish",
                                         "fighting"} and (
            (patient_heads | agent_heads) & _PROTESTERS
        ) and not sent_lemmas & {"kill", "dead", "live", "bullet"}:
            return "Violent demonstration"  # "clashes between police and youths"
        if patient_heads & _PROTESTERS and agent_name:
            return "Excessive force against protesters"
        if "open" in _heads(trigger) and patient_heads & _PROTESTERS:
            return "Excessive force against protesters"
        if civ_target and kind == "ATTACK":
            return "Attack"
        if kind == "ATTACK" and patient_heads & _PROPERTY and not patient_heads & _ARMED:
            return "Looting/property destruction"
        if sent_lemmas & {"chemical", "chlorine", "sarin", "mustard"} and kind == "ATTACK":
            return "Chemical weapon"
        if lemma in {"raid"} and sent_lemmas & {"arrest", "detain", "round", "apprehend",
                                                "custody"}:
            return "Arrests"
        if kind == "CLASH" and lemma == "storm" and protest_agents:
            return "Violent demonstration"
        if sent_lemmas & _CRIME and not armed_target:
            return None
        return "Armed clash"
    if kind == "KILL":
        mass = any(c.dep_ == "nummod" and c.like_num and _num(c) >= 3
                   for p in patients for c in p.children)
        if (sent_lemmas & _CRIME and not (mass and agents)) or sent_lemmas & {
            "accident", "crash", "disease", "covid"
        }:
            return None
        if lemma == "beat" and head.pos_ == "VERB" and not patients:
            return None
        if patient_heads & _PROTESTERS:
            return "Excessive force against protesters"
        if agent_heads & {"mob", "crowd"}:
            return "Mob violence"
        if patient_heads & _ARMED and agent_name:
            return "Armed clash"
        armed_agent = bool(agent_name) and (
            bool(agent_heads & (_ARMED | {"gunman", "assailant", "attacker"}))
            or is_state_actor(agent_name)
            or any(t.ent_type_ in {"ORG", "NORP"} for t in agents)
        )
        mass_killing = civ_target and bool(agent_name) and not disaster and any(
            c.dep_ == "nummod" and _num(c) >= 3 for p in patients for c in p.children
        )
        if mass_killing or (civ_target and lemma in {"execute", "massacre", "behead"}):
            return "Attack"  # "men in uniform executed 20 civilians"
        if civ_target and (armed_agent or not agents):
            return "Attack" if patient_heads - {"people"} or armed_agent else None
        if armed_agent and patients:
            return "Attack"
        return None
    if kind == "TAKE":
        if lemma == "enter" and head.pos_ == "VERB":
            placeish = patient_is_place or patient_heads & _PLACEISH or any(
                t.ent_type_ in {"GPE", "LOC", "FAC"} for t in patients
            )
            armed = agent_heads & _ARMED or (agent_name and (
                is_state_actor(agent_name) or any(t.ent_type_ in {"ORG", "NORP"} for t in agents)
            ))
            if not placeish or not armed or agent_heads & (_CIVILIANS | _PROTESTERS):
                return None  # "the company entered the market", "the delegation entered"
            unopposed = {
                t.lemma_.lower() for c in head.children if c.dep_ == "prep" and c.lower_ in {
                    "without", "unopposed"
                } for t in c.subtree
            }
            if unopposed & {"fight", "resistance", "shot", "battle", "fighting", "bloodshed"}:
                return "Non-violent transfer of territory"
        if agent_heads & _PROTESTERS:
            return "Peaceful protest" if lemma in {"occupy"} else None
        if patient_heads & _WEAPONS and not patient_heads & _PLACEISH:
            return "Disrupted weapons use"
        carried = {t.lemma_.lower() for p in patients for c in p.children if c.dep_ in {
            "acl", "prep"} for t in c.subtree}
        if patient_heads & _CARRIERS and carried & _WEAPONS:
            return "Disrupted weapons use"  # "seized a boat carrying grenades"
        # the taken themselves, not where ("captured Rana at a checkpoint"): people or a place
        core = [p for p in patients if p.dep_ != "pobj"]
        people = [p for p in core if is_person(p)]
        if people and not _heads(core) & _PLACEISH and all(
            is_person(p) or p.ent_type_ not in {"GPE", "LOC", "FAC"} for p in core
        ):
            if agent_name and is_state_actor(agent_name):
                return "Arrests"
            if civ_target:
                return "Abduction/forced disappearance"
            if not _heads(people) & _ARMED:  # a named person, "she", "three foreigners"
                return "Abduction/forced disappearance" if agent_name else "Arrests"
            return "Armed clash"
        placeish = patient_is_place or bool(patient_heads & _PLACEISH) or "control" in ctx or (
            any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in patients)
        ) or lemma == "fall"
        if not placeish:
            return None
        if lemma in {"secure"} and not (patient_is_place or patient_heads & _PLACEISH):
            return None
        if agent_name is None:
            return (
                "Government regains territory"
                if lemma in {"recapture", "retake", "regain", "liberate", "liberation"}
                else "Non-state actor overtakes territory"
            )
        if is_state_actor(agent_name):
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if kind == "EXPEL":
        if agent_name is None or patient_heads & _CIVILIANS and not patient_heads & _ARMED:
            return None
        if is_state_actor(agent_name):
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if kind == "WITHDRAW":
        if agent_heads & _CIVILIANS - {"aid"} or patient_heads & _NOT_TERRITORY or (
            sent_lemmas & {"ambassador", "embassy", "candidate", "candidacy"}
        ):
            return None
        if lemma in {"evacuate", "evacuation"} and (
            not agent_heads & (_ARMED | {"force"}) or disaster
        ):
            return None
        for c in head.children:
            if (
                c.dep_ == "dobj"
                and c.lemma_.lower() not in _ARMED | {"force", "troop", "fighter"}
                and not (patient_is_place or c.lemma_.lower() in _PLACEISH)
            ):
                return None
        return "Non-violent transfer of territory"
    if kind == "ABDUCT":
        if lemma in {"snatch", "grab"} and not patient_heads & (_PERSON_NOUNS | {"aid"}) - (
            _FACILITIES
        ):
            return None  # "snatched a bag": theft
        if lemma == "disappear" and not (ctx & {"forcibly", "forced"} or head.tag_ == "VBN"):
            return None
        return "Abduction/forced disappearance"
    if kind == "SEXUAL":
        return "Sexual violence"
    if kind == "PROTEST" and lemma in {"walk", "walkout"} and not sent_lemmas & {
        "protest", "strike", "wage", "salary", "pay", "demand", "union", "grievance", "arrears"
    }:
        return None  # "walked out of the meeting"
    if kind == "PROTEST" and head.pos_ == "NOUN" and head.dep_ == "compound" and (
        head.head.lemma_.lower() in {"organiser", "organizer", "leader", "movement", "group",
                                     "organisation", "organization", "song", "camp", "site"}
    ):
        return None  # "protest organisers": people, not a protest
    if kind == "PROTEST":
        grievance: set[int] = set()
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in {"against", "over", "about", "after"}:
                grievance |= {t.i for t in c.subtree}
        sent_lemmas = lemmas(t for t in head.sent if t.i not in grievance)
        if riot_police:
            sent_lemmas -= {"riot"}
        people = {"protester", "protestor", "demonstrator", "marcher"}
        if lemma in people and not _protest_role(head):
            return None
        if lemma in {"march", "rally"} and head.pos_ == "NOUN" and not any(
            c.dep_ == "prep" and c.lower_ in {"in", "on", "to", "through", "against", "from"}
            for c in head.children
        ) and head.head.lemma_.lower() not in _AGAINST_PROTESTERS | {
            "hold", "stage", "organise", "organize", "attend", "join", "lead"
        }:
            return None
        if lemma in {"demonstrate"} and any(c.dep_ == "dobj" for c in head.children):
            return None
        if lemma in {"rally", "march"} and head.pos_ != "NOUN" and not (
            sent_lemmas & {"protest", "protester", "demonstrator", "against", "demand",
                           "supporter", "thousand", "hundred", "opposition", "activist",
                           "disperse", "tear", "teargas", "slogan", "chant", "placard"}
        ):
            return None
        if lemma == "rally" and head.pos_ == "VERB" and any(
            c.dep_ == "dobj" for c in head.children
        ):
            return None
        if head.head.lemma_ in {"lodge", "file", "summon", "register"} or sent_lemmas & {
            "ambassador", "embassy", "diplomatic", "envoy", "note"
        }:
            return None
        lethal = bool(sent_lemmas & {"kill", "dead", "live"}) or bool(
            sent_lemmas & {"shoot", "fire"}
        ) and not sent_lemmas & {"tear", "teargas", "rubber", "water", "cannon", "warning"}
        if lethal and sent_lemmas & {"police", "security", "force", "soldier", "troop", "army"}:
            return "Excessive force against protesters"
        if sent_lemmas & _PROTEST_VIOLENCE and not sent_lemmas & {"peaceful", "peacefully"}:
            return "Violent demonstration"
        if sent_lemmas & _INTERVENTION:
            return "Protest with intervention"
        return "Peaceful protest"
    if kind == "BLOCK":
        people = agent_heads & (_CIVILIANS | _PROTESTERS | {"trucker", "taxi", "motorist",
                                                          "union", "supporter", "miner"})
        if people and not agent_heads & _ARMED and patient_heads & {
            "road", "highway", "street", "bridge", "junction", "entrance", "motorway",
            "route", "roundabout", "port", "border", "crossing", "railway", "access", "traffic"
        }:
            return "Peaceful protest"
        return None
    if kind == "RIOT":
        if lemma in {"pelt", "hurl", "throw"} and not sent_lemmas & {
            "stone", "rock", "brick", "bottle", "molotov", "firebomb", "petrol", "projectile",
            "stones", "rocks", "bricks", "bottles", "police", "security"
        }:
            return None  # "pelted the stage with flowers"
        return "Violent demonstration"
    if kind == "MOB":
        return "Mob violence"
    if kind == "AGREE" and lemma in {"sign", "reach", "strike", "conclude", "seal", "ink"}:
        if not sent_lemmas & _CONFLICT_WORDS:
            return None  # a trade or business deal
        return "Agreement"
    if kind == "AGREE" and lemma == "agree" and not sent_lemmas & _CONFLICT_WORDS:
        return None  # "agreed to release funds"
    if kind == "AGREE":
        if head.dep_ == "nsubj" and head.head.lemma_ in {
            "hold", "collapse", "expire", "remain", "last", "break", "falter", "appear", "seem",
            "be", "survive", "crumble", "fray", "endure"
        }:
            return None  # "the ceasefire largely held": a truce already in place
        if head.head.lemma_ in {"violate", "breach", "break", "reject", "discuss", "negotiate",
                                "propose", "seek", "collapse"}:
            return None
        return "Agreement"
    if kind == "ARREST":
        if sent_lemmas & _CRIME:
            return None
        return "Arrests"
    if kind == "CACHE":
        gov = head.head
        if head.dep_ in {"dobj", "nsubjpass", "conj"} and (
            gov.lemma_.lower() in _DEFUSING | {"bust", "raid", "dismantle"}
        ) and not ctx & (_AIR | _SHELL | {"airstrike", "strike"}):
            return "Disrupted weapons use"  # "troops discovered a bomb-making workshop"
        return None
    if kind == "DISPERSE":
        crowd = sent_lemmas & (_PROTESTERS | {"supporter", "student", "people", "worker",
                                              "activist", "opposition", "teacher", "farmer"})
        if not crowd or sent_lemmas & {"fire", "blaze"} and not sent_lemmas & {"tear",
                                                                                 "water"}:
            return None
        if sent_lemmas & {"kill", "dead", "live", "bullet"}:
            return "Excessive force against protesters"
        return "Protest with intervention"
    if kind == "DISRUPT":
        if lemma in {"intercept", "shoot", "defuse", "dismantle", "down"} and not (
            ctx & (_WEAPONS | {"ied", "device", "mine", "landmine", "missile", "drone"})
        ):
            return None
        if lemma in {"thwart", "foil"} and not ctx & {"attack", "plot", "bombing", "attempt"}:
            return None
        return "Disrupted weapons use"
    if kind == "LOOT" and agent_heads & {"supporter", "fan", "student"} and not (
        agent_heads & _ARMED or agent_name and is_state_actor(agent_name)
    ) and lemma in {"burn", "torch", "set", "smash", "loot", "vandalize", "vandalise", "wreck"}:
        return "Violent demonstration"  # "supporters of the candidate smashed windows"
    if kind == "LOOT" and protest_agents and lemma in {"burn", "torch", "set", "loot",
                                                         "vandalize", "vandalise"}:
        return "Violent demonstration"  # "youths burned tyres"
    if kind == "LOOT":
        if lemma == "set":  # "set fire to a polling centre"
            patient_heads = patient_heads | {
                t.lemma_.lower() for c in head.children if c.dep_ == "prep" and c.lower_ == "to"
                for t in c.subtree
            }
        if disaster and not sent_lemmas & {"militant", "rebel", "attack",
                                                         "gunman", "rioter", "protester"}:
            return None
        if lemma in {"loot", "looting", "plunder", "pillage", "ransack"}:
            return "Violent demonstration" if protest_agents else "Looting/property destruction"
        if not (patient_heads & _PROPERTY or ctx & _PROPERTY):
            return None
        if protest_agents:
            return "Violent demonstration"
        if not agents or head.head.lemma_ in _CONSEQUENCE_HEADS:
            return None
        if agent_heads & (_AIR | _SHELL | {"airstrike", "strike", "shelling", "fire", "blast"}):
            return None
        return "Looting/property destruction"
    if kind == "CHANGE":
        if not agents and lemma not in {"reinforcement"}:
            return None
        if lemma == "surrender" and not (agent_heads & _ARMED or agent_name):
            return None  # "the governor surrendered": a person, not a group's change
        if lemma == "surrender" and patient_heads and not patient_heads & (_WEAPONS | {"arm"}):
            return None  # "surrendered their claim"
        if agent_heads & _CIVILIANS and not agent_heads & _ARMED:
            return None
        return "Change to group/activity"
    if kind == "BASE":
        if lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
            return None  # "set a police station on fire"
        return "Headquarters or base established"
    if kind == "OTHER":
        return "Other"
    return None


CAPTURE = ("Arrests", "Abduction/forced disappearance")


def by_actor(
    kind: str, sub: str, patients: list[Token], actor: str | None, iso: str | None
) -> tuple[str, str | None]:
    """The sub-event type once the event's first actor is final (``actor``, named as ACLED
    names it; ``iso``, the event's country), and the rule that decided it (None when no rule
    hangs on the actor). People captured or seized (kind TAKE) are arrested by a state's
    forces or by a group that governs territory, or when they are suspects; taken by another
    group, they are abducted.

    Territory is not decided here: the first actor filled from the article is wrong too
    often ("Kurdish and Arab forces" named "forces", then Syria's), and on the training
    split the clause's own doer (in :func:`classify`) gives the type better.
    """
    if actor is None or actor.startswith(("Civilians", "Protesters", "Rioters")):
        return sub, None
    state = is_state_actor(actor)
    if kind == "TAKE" and sub in CAPTURE:
        suspects = bool(lemmas(t for p in patients for t in p.subtree) & actor_words("suspect"))
        if state:
            new, why = CAPTURE[0], f"capture: people taken by state forces ({actor})"
        elif actor.lower() in actor_words("authority"):  # ACLED: "de facto control"
            new, why = CAPTURE[0], f"capture: people taken by a de facto authority ({actor})"
        elif suspects:
            new, why = CAPTURE[0], f"capture: suspects taken by {actor}"
        else:
            new, why = CAPTURE[1], f"capture: people taken by a non-state actor ({actor})"
        return new, why
    return sub, None


def _num(tok: Token) -> float:
    try:
        return float(tok.text.replace(",", ""))
    except ValueError:
        words = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24,
                 "hundreds": 200, "scores": 40}
        return words.get(tok.lower_, 0)


#: Kinds whose events are usually the result of another event in the same sentence.
CONSEQUENCE_KINDS = {"KILL", "LOOT"}
#: Words that name a person (used to keep persons out of place arguments).
PERSON_WORDS = _PERSON_NOUNS | ACTOR_NOUNS
