"""Actors: who acted and who was targeted, from the parse, with normalised names.

:func:`actor_from_token` turns the head token of a subject, object or
"on"/"against" phrase into a normalised actor name ("the SDF" ->
"Syrian Democratic Forces", "Isis" -> "ISIS", "the Turks" -> "Turkish forces").
:func:`actor_country` gives the country an actor implies ("Iraqi Air Force" -> IQ).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from geoevents.events.memo import memoised

#: Lower-cased alias -> (canonical name, ISO country or None).
ALIASES: dict[str, tuple[str, str | None]] = {}


def _alias(canonical: str, country: str | None, *names: str) -> None:
    for name in (canonical, *names):
        ALIASES[name.lower()] = (canonical, country)


_alias("Syrian Democratic Forces", "SY", "SDF", "Syrian Democratic Force", "QSD")
_alias(
    "ISIS",
    None,
    "Isis",
    "ISIL",
    "IS",
    "Islamic State",
    "Daesh",
    "Daish",
    "DAESH",
    "Islamic State of Iraq and Syria",
    "Islamic State of Iraq and the Levant",
    "Islamic State group",
    "the Islamic State",
)
_alias(
    "Syrian Arab Army",
    "SY",
    "SAA",
    "Syrian Army",
    "Syrian army",
    "Syrian government forces",
    "Syrian regime forces",
    "regime forces",
    "Syrian troops",
    "Syrian forces",
)
_alias("Iraqi Army", "IQ", "Iraqi army", "Iraqi Armed Forces")
_alias("Iraqi Air Force", "IQ", "IQAF")
_alias(
    "Popular Mobilization Forces",
    "IQ",
    "PMF",
    "PMU",
    "Hashd al-Shaabi",
    "Popular Mobilisation Forces",
    "Popular Mobilization Units",
)
_alias("Hayat Tahrir al-Sham", "SY", "HTS", "Hay'at Tahrir al-Sham", "Tahrir al-Sham")
_alias("Free Syrian Army", "SY", "FSA")
_alias("Syrian National Army", "SY", "SNA")
_alias("People's Protection Units", "SY", "YPG")
_alias("Kurdistan Workers' Party", "TR", "PKK")
_alias("Hezbollah", "LB", "Hizbullah", "Hizbollah", "Hizballah")
_alias("Hamas", "PS")
_alias(
    "Israel Defense Forces",
    "IL",
    "IDF",
    "Israeli army",
    "Israeli Army",
    "Israel Defence Forces",
    "Israeli Defense Forces",
)
_alias("Taliban", "AF", "the Taliban")
_alias("Al-Shabaab", "SO", "al-Shabab", "Al Shabaab", "al Shabab", "Shabaab")
_alias("Boko Haram", "NG")
_alias("Houthis", "YE", "Houthi", "Ansar Allah", "Houthi rebels", "Huthis", "Huthi")
_alias("Al-Qaeda", None, "al-Qaida", "al Qaeda", "Al Qaeda", "AQ")
_alias(
    "US-led coalition",
    None,
    "coalition",
    "the coalition",
    "US-led Coalition",
    "international coalition",
    "Global Coalition",
)
_alias("Rapid Support Forces", "SD", "RSF")
_alias("Sudanese Armed Forces", "SD", "SAF")
_alias("Wagner Group", "RU", "Wagner")
_alias("Jama'at Nusrat al-Islam wal-Muslimin", None, "JNIM")
_alias("Turkish Armed Forces", "TR", "TSK")
_alias("Afghan National Army", "AF", "ANA")
_alias("Saudi-led coalition", "SA", "Saudi-led Coalition", "Arab coalition", "Arab Coalition")
_alias("ELN", "CO", "National Liberation Army", "Ejercito de Liberacion Nacional")
_alias("FARC dissidents", "CO", "FARC dissident", "FARC-EP dissidents", "FARC")
_alias("Allied Democratic Forces", "CD", "ADF")
_alias("M23", "CD", "March 23 Movement", "M23 rebels")
_alias("Arakan Army", "MM")
_alias("Kachin Independence Army", "MM", "KIA")
_alias("Jalisco New Generation Cartel", "MX", "CJNG", "Jalisco cartel", "Jalisco Cartel")
_alias("Sinaloa Cartel", "MX", "Sinaloa cartel")
_alias("Gulf Clan", "CO", "Clan del Golfo", "AGC", "Gaitanista Self-Defense Forces of Colombia")
_alias("Tehrik-i-Taliban Pakistan", "PK", "TTP", "Pakistani Taliban")
_alias("Islamic State West Africa Province", "NG", "ISWAP")
_alias("Islamic State Sahel Province", None, "IS Sahel", "ISSP")

#: Demonym adjective (lower) -> (country name, ISO code).
DEMONYMS: dict[str, tuple[str, str]] = {
    "afghan": ("Afghanistan", "AF"),
    "algerian": ("Algeria", "DZ"),
    "american": ("United States", "US"),
    "armenian": ("Armenia", "AM"),
    "azerbaijani": ("Azerbaijan", "AZ"),
    "bahraini": ("Bahrain", "BH"),
    "british": ("United Kingdom", "GB"),
    "burkinabe": ("Burkina Faso", "BF"),
    "burmese": ("Myanmar", "MM"),
    "cameroonian": ("Cameroon", "CM"),
    "chadian": ("Chad", "TD"),
    "chinese": ("China", "CN"),
    "colombian": ("Colombia", "CO"),
    "congolese": ("DR Congo", "CD"),
    "egyptian": ("Egypt", "EG"),
    "ethiopian": ("Ethiopia", "ET"),
    "french": ("France", "FR"),
    "georgian": ("Georgia", "GE"),
    "german": ("Germany", "DE"),
    "indian": ("India", "IN"),
    "iranian": ("Iran", "IR"),
    "iraqi": ("Iraq", "IQ"),
    "israeli": ("Israel", "IL"),
    "jordanian": ("Jordan", "JO"),
    "kenyan": ("Kenya", "KE"),
    "lebanese": ("Lebanon", "LB"),
    "libyan": ("Libya", "LY"),
    "malian": ("Mali", "ML"),
    "mexican": ("Mexico", "MX"),
    "moroccan": ("Morocco", "MA"),
    "mozambican": ("Mozambique", "MZ"),
    "nigerian": ("Nigeria", "NG"),
    "nigerien": ("Niger", "NE"),
    "pakistani": ("Pakistan", "PK"),
    "palestinian": ("Palestine", "PS"),
    "qatari": ("Qatar", "QA"),
    "russian": ("Russia", "RU"),
    "saudi": ("Saudi Arabia", "SA"),
    "somali": ("Somalia", "SO"),
    "sudanese": ("Sudan", "SD"),
    "syrian": ("Syria", "SY"),
    "tunisian": ("Tunisia", "TN"),
    "turkish": ("Turkey", "TR"),
    "ugandan": ("Uganda", "UG"),
    "ukrainian": ("Ukraine", "UA"),
    "us": ("United States", "US"),
    "u.s.": ("United States", "US"),
    "yemeni": ("Yemen", "YE"),
    "emirati": ("United Arab Emirates", "AE"),
    "philippine": ("Philippines", "PH"),
    "filipino": ("Philippines", "PH"),
    "mozambiquan": ("Mozambique", "MZ"),
    "south sudanese": ("South Sudan", "SS"),
    "burundian": ("Burundi", "BI"),
    "rwandan": ("Rwanda", "RW"),
    "haitian": ("Haiti", "HT"),
    "venezuelan": ("Venezuela", "VE"),
    "beninese": ("Benin", "BJ"),
    "togolese": ("Togo", "TG"),
    "ghanaian": ("Ghana", "GH"),
    "senegalese": ("Senegal", "SN"),
    "mauritanian": ("Mauritania", "MR"),
    "eritrean": ("Eritrea", "ER"),
    "tanzanian": ("Tanzania", "TZ"),
    "bangladeshi": ("Bangladesh", "BD"),
    "myanmar": ("Myanmar", "MM"),
}

#: Plural people-nouns that stand for a country's forces ("the Turks").
_PEOPLE = {
    "turks": "turkish",
    "iraqis": "iraqi",
    "syrians": "syrian",
    "russians": "russian",
    "americans": "american",
    "israelis": "israeli",
    "iranians": "iranian",
    "ukrainians": "ukrainian",
    "saudis": "saudi",
    "afghans": "afghan",
    "yemenis": "yemeni",
    "libyans": "libyan",
    "egyptians": "egyptian",
    "pakistanis": "pakistani",
    "palestinians": "palestinian",
    "somalis": "somali",
    "nigerians": "nigerian",
    "malians": "malian",
    "british": "british",
    "french": "french",
    "chinese": "chinese",
}

_GENERIC_SUFFIX = {
    "fighters",
    "militants",
    "insurgents",
    "rebels",
    "members",
    "jets",
    "warplanes",
    "forces",
    "troops",
    "militiamen",
    "gunmen",
    "jihadists",
    "supporters",
    "units",
    "drones",
    "aircraft",
    "group",
    "cell",
    "cells",
    "helicopters",
    "tanks",
    "artillery",
    "planes",
    "soldiers",
    "commandos",
    "gunboats",
    "police",
    "officers",
    "militia",
    "militias",
    "positions",
    "guerrillas",
    "dissidents",
    "combatants",
    "gangs",
    "mercenaries",
}
_VICTIMS = {
    "civilians",
    "villagers",
    "farmers",
    "residents",
    "shepherds",
    "herders",
    "worshippers",
    "passengers",
    "pilgrims",
    "refugees",
    "civilian",
    "villager",
    "farmer",
    "resident",
    "families",
    "children",
    "women",
    "fishermen",
    "traders",
}

_COUNTRY_NAMES = {name.lower(): (name, iso) for name, iso in DEMONYMS.values()}
_COUNTRY_NAMES.update(
    {
        "usa": ("United States", "US"),
        "us": ("United States", "US"),
        "u.s.": ("United States", "US"),
        "america": ("United States", "US"),
        "uk": ("United Kingdom", "GB"),
        "britain": ("United Kingdom", "GB"),
        "turkiye": ("Turkey", "TR"),
        "türkiye": ("Turkey", "TR"),
    }
)

#: Head nouns that name an armed, political or civilian group.
ACTOR_NOUNS = {
    "force",
    "army",
    "troop",
    "soldier",
    "militant",
    "fighter",
    "rebel",
    "insurgent",
    "police",
    "policeman",
    "officer",
    "gunman",
    "jihadist",
    "militia",
    "militiaman",
    "protester",
    "demonstrator",
    "rioter",
    "civilian",
    "resident",
    "villager",
    "government",
    "regime",
    "coalition",
    "jet",
    "warplane",
    "aircraft",
    "plane",
    "helicopter",
    "drone",
    "air",
    "military",
    "guard",
    "terrorist",
    "group",
    "mob",
    "crowd",
    "student",
    "worker",
    "farmer",
    "journalist",
    "activist",
    "supporter",
    "member",
    "unit",
    "battalion",
    "brigade",
    "commander",
    "people",
    "man",
    "woman",
    "child",
    "family",
    "shepherd",
    "teacher",
    "doctor",
    "gunboat",
    "marine",
    "paramilitary",
    "squad",
    "artillery",
    "assailant",
    "attacker",
    "bomber",
    "kidnapper",
    "raider",
    "extremist",
    "separatist",
    "opposition",
    "side",
    "authority",
    "personnel",
    "cell",
    "faction",
    "tribesman",
    "clan",
    "bandit",
    "pirate",
    "navy",
    "junta",
    "administration",
    "authorities",
    "council",
    "worshipper",
    "passenger",
    "pilgrim",
    "refugee",
    "herder",
    "trader",
    "fisherman",
    "parishioner",
    "patient",
    "detainee",
    "prisoner",
    "migrant",
    "displaced",
    "guerrilla",
    "dissident",
    "combatant",
    "cartel",
    "gang",
    "auxiliary",
    "mercenary",
}

#: Nouns that are things belonging to an actor ("ISIS positions").
HOLDINGS = {
    "position",
    "post",
    "base",
    "hideout",
    "stronghold",
    "target",
    "convoy",
    "vehicle",
    "checkpoint",
    "headquarters",
    "depot",
    "camp",
    "outpost",
    "line",
    "territory",
    "fortification",
    "tunnel",
    "cell",
    "warehouse",
    "barrack",
    "barracks",
    "site",
    "facility",
    "office",
    "patrol",
    "airfield",
    "airport",
    "boat",
    "ship",
    "tank",
}

#: Armed state forces: actor names that count as "the government" for ACLED.
_STATE_WORDS = re.compile(
    r"\b(army|armed forces|air force|navy|military|police|government|regime|"
    r"security forces|gendarmerie|national guard|troops|soldiers|forces of|"
    r"defense forces|defence forces|state)\b",
    re.IGNORECASE,
)
_NON_STATE = re.compile(
    r"\b(rebel|militant|insurgent|isis|islamic state|democratic forces|sdf|hts|taliban|shabaab|"
    r"boko|houthi|hezbollah|hamas|militia|jihadist|ypg|pkk|free syrian|"
    r"gunmen|protesters|rioters|mob|qaeda|wagner|rapid support|farc|eln|arakan|m23|cartel|"
    r"gang|liberation army|independence army|resistance army|allied democratic|mai-mai|"
    r"guerrilla|dissident|bandit|jnim|iswap|ttp|ansar|people's defen[cs]e)\b",
    re.IGNORECASE,
)

_ACLED_STATE = re.compile(r"^(military|police) forces of (?:the )?(.+)$")
_DETS = re.compile(r"^(the|a|an|some|several|many|its|their|his|her|our)\s+", re.IGNORECASE)
_POSS = re.compile(r"(’s|'s|’|')$")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The canonical spelling of an actor name ("the SDF" -> "Syrian Democratic Forces")."""
    text = re.sub(r"\s+", " ", name).strip(" ,.;:()[]\"'")
    text = _DETS.sub("", text)
    text = _POSS.sub("", text).strip()
    text = re.sub(r"^(US|U\.S\.|Russian|Turkish|Iranian)-(backed|led|supported)\s+", "", text)
    key = text.lower()
    if key in ALIASES:
        return ALIASES[key][0]
    if m := _ACLED_STATE.match(key):  # ACLED's "Military Forces of Syria" is "Syrian forces"
        adjective = next((d for d, (c, _i) in DEMONYMS.items() if c.lower() == m[2]), None)
        if adjective:
            return f"{_demonym_title(adjective)} {'police' if m[1] == 'police' else 'forces'}"
    words = key.split()
    if len(words) > 1 and words[-1] in _GENERIC_SUFFIX and " ".join(words[:-1]) in ALIASES:
        return ALIASES[" ".join(words[:-1])][0]  # "Boko Haram insurgents" -> Boko Haram
    if key.split()[-1:] and key.split()[-1] in _VICTIMS:
        return "Civilians"
    if key in _PEOPLE:
        return _demonym_title(_PEOPLE[key]) + " forces"
    words = key.split()
    if (
        len(words) == 2
        and words[0] in DEMONYMS
        and words[1]
        in {
            "troops",
            "soldiers",
            "forces",
            "jets",
            "warplanes",
            "aircraft",
            "planes",
            "military",
            "drones",
            "helicopters",
            "artillery",
            "militaries",
            "drone",
            "jet",
            "warplane",
            "plane",
            "helicopter",
            "soldier",
            "tank",
            "tanks",
            "navy",
            "warship",
            "warships",
            "commandos",
            "special",
        }
    ):
        return _demonym_title(words[0]) + " forces"
    if key in DEMONYMS:
        return DEMONYMS[key][0]
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key][0]
    return text


def _demonym_title(word: str) -> str:
    return "US" if word in {"us", "u.s.", "american"} else word.capitalize()


def actor_country(name: str | None) -> str | None:
    """The ISO code of the country an actor implies, if any ("Iraqi Air Force" -> IQ)."""
    if not name:
        return None
    key = normalise(name).lower()
    if key in ALIASES:
        return ALIASES[key][1]
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key][1]
    for word in re.findall(r"[a-z.]+", key):
        if word in DEMONYMS:
            return DEMONYMS[word][1]
        if word in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[word][1]
    return None


_BARE_STATE = {
    "army",
    "military",
    "troops",
    "soldiers",
    "forces",
    "government forces",
    "security forces",
    "government troops",
    "armed forces",
    "regime forces",
    "army troops",
    "government soldiers",
    "state forces",
    "the army",
    "police",
    "policemen",
    "police officers",
    "security personnel",
    "army soldiers",
}


#: Head words of a state force's name.
_STATE_HEADS = {"forces", "troops", "soldiers", "units", "police", "commandos", "personnel",
                "army", "military", "gendarmes", "gendarmerie", "policemen", "servicemen"}
#: Words that leave a force's name bare: "army units", "special forces".
_STATE_GENERIC = _STATE_HEADS | {"government", "security", "state", "regime", "armed", "army",
                                 "special", "counter-terrorism", "counterterrorism", "elite",
                                 "riot", "federal", "national", "officers", "officer", "the"}


def qualify(name: str | None, iso: str | None) -> str | None:
    """A bare state force named for the country of the event ("the army" in Sudan ->
    "Sudanese forces", "police" -> "Sudanese police")."""
    bare = bool(name) and (name.lower() in _BARE_STATE or (
        set(name.lower().split()) <= _STATE_GENERIC and name.lower().split()[-1] in _STATE_HEADS
    ))
    if not name or not iso or not bare:
        return name
    adjective = next((d for d, (_c, code) in DEMONYMS.items() if code == iso.upper()), None)
    if adjective is None:
        return name
    kind = "police" if "police" in name.lower() else "forces"
    return f"{_demonym_title(adjective)} {kind}"


#: Words that make a name a country's armed forces or police in ACLED's naming.
_MILITARY_WORDS = frozenset({
    "forces", "troops", "soldiers", "military", "army", "jets", "warplanes", "aircraft", "planes",
    "drones", "helicopters", "artillery", "navy", "commandos", "regime", "government",
})
_POLICE_WORDS = frozenset({"police", "policemen", "gendarmerie", "gendarmes"})


@lru_cache(maxsize=1)
def _acled_rows() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The rows of ``data/acled_actors.tsv``: names anywhere, and (country, name) pairs."""
    from importlib import resources

    text = resources.files("geoevents.events").joinpath("data/acled_actors.tsv").read_text("utf-8")
    anywhere: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, acled, *country = (cell.strip() for cell in line.split("\t"))
        if country and country[0]:
            local[(country[0].upper(), name.lower())] = acled
        else:
            anywhere[name.lower()] = acled
    return anywhere, local


def _local_name(key: str, iso: str | None) -> str | None:
    """The ACLED name a row for the event's country gives the name or its last words
    ("10,000-strong rebel force" in Syria -> "Syrian rebels"), unless the words left over
    name another country ("Iraqi Kurdish fighters")."""
    if not iso:
        return None
    local = _acled_rows()[1]
    words = key.split()
    for i in range(len(words)):
        found = local.get((iso.upper(), " ".join(words[i:])))
        if found is None:
            continue
        others = {DEMONYMS[w][1] for w in words[:i] if w in DEMONYMS} - {iso.upper()}
        return None if others else found
    return None


#: Names of a state's civil power, whose arrests are its police's ("the authorities").
_AUTHORITIES = frozenset({"authorities", "authority", "government", "officials", "state"})


def acled_name(name: str | None, iso: str | None = None, *, arrest: bool = False) -> str | None:
    """An actor named as ACLED names it: "Turkish forces" -> "Military Forces of Turkey",
    "British police" -> "Police Forces of the United Kingdom", "the regime" in Syria ->
    "Military Forces of Syria", "ISIS" -> "Islamic State", "Kurdish fighters" in Syria ->
    "Syrian Democratic Forces"; "the authorities" who arrest in Turkey -> "Police Forces of
    Turkey" (``arrest``); other names unchanged."""
    if not name:
        return name
    key = name.lower()
    anywhere = _acled_rows()[0]
    if key in anywhere:
        return anywhere[key]
    if local := _local_name(key, iso):
        return local
    words = key.replace("-", " ").split()
    if arrest and words and words[-1] in _AUTHORITIES:
        words[-1] = "police"  # ACLED codes an arrest by a state's authorities to its police
    state_words = _STATE_GENERIC | _MILITARY_WORDS | _POLICE_WORDS | {"assad"}
    if not set(words) - set(DEMONYMS) <= state_words:
        return name  # "Syrian Democratic Forces" is a group of its own, not Syria's forces
    country = next((DEMONYMS[w][0] for w in words if w in DEMONYMS), None)
    if country is None and iso and set(words) <= _STATE_GENERIC | {"assad"}:
        country = next((c for c, code in DEMONYMS.values() if code == iso.upper()), None)
    if country is None:
        return name  # "pro-regime forces" are militias, not the state's own forces
    the = "the " if country in {"United States", "United Kingdom"} else ""
    if words[-1] in _POLICE_WORDS:
        return f"Police Forces of {the}{country}"
    if words[-1] in _MILITARY_WORDS or words[-1] in _STATE_HEADS:
        return f"Military Forces of {the}{country}"
    return name


def civilians_of(text: str) -> str | None:
    """Civilians of a people named as victims ("25 Palestinians" -> "Civilians (Palestine)")."""
    adjective = _PEOPLE.get(_strip(text).lower())
    if adjective is None:
        return None
    return f"Civilians ({DEMONYMS[adjective][0]})"


def is_country_name(text: str) -> bool:
    """True for a country's name ("Ukraine", "the US") standing as an actor."""
    return _strip(text).lower() in _COUNTRY_NAMES


def is_state_actor(name: str | None) -> bool:
    """True for a state's armed forces or government ("Syrian Arab Army", "Iraqi police")."""
    if not name:
        return False
    if _NON_STATE.search(name):
        return False
    words = normalise(name).lower().split()
    if len(words) == 2 and words[0] in DEMONYMS and words[1] == "forces":
        return True
    if len(words) >= 2 and words[0] in DEMONYMS and words[-1] in _STATE_HEADS:
        return True  # "Iraqi counter-terrorism forces", "Malian army units"
    return bool(_STATE_WORDS.search(name)) or normalise(name).lower() in _COUNTRY_NAMES


def entities_within(span: Span) -> list[Span]:
    """The named entities wholly inside the span (``span.ents`` walks the whole doc's)."""
    doc, out = span.doc, []
    for tok in span:
        if tok.ent_iob == 3:  # begins an entity
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob == 1:
                end += 1
            if end <= span.end:
                out.append(Span(doc, tok.i, end, label=tok.ent_type))
    return out


def entity_of(tok: Token) -> Span | None:
    """The named entity that holds the token (walks the IOB tags: ``doc.ents`` is slow)."""
    if tok.ent_iob != 1 and tok.ent_iob != 3:  # 1: inside, 3: begins an entity
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while doc[start].ent_iob == 1 and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob == 1:
        end += 1
    return Span(doc, start, end, label=tok.ent_type)


@memoised
def _np_text(tok: Token) -> str:
    """The head noun with its name-like modifiers ("Iraqi Air Force", "Myanmar's junta")."""
    left = tok.i
    for child in sorted(tok.lefts, key=lambda t: -t.i):
        if child.i != left - 1 and not (child.dep_ == "poss" and child.ent_type_):
            break
        if child.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
            break  # "On Tuesday rebels": the date is no part of the name
        if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ != "DET":
            hyphenated = any(t.text in "-–" for t in child.subtree)  # "Saudi-led coalition"
            left = child.left_edge.i if child.dep_ == "compound" or hyphenated else child.i
        elif (child.dep_ == "poss" and child.ent_type_ in {"GPE", "NORP", "ORG"}) or (
            child.dep_ == "punct" and child.text in "-–"
        ):
            left = child.i
        else:
            break
    return tok.doc[left : tok.i + 1].text


@lru_cache(maxsize=1)
def _alias_words() -> frozenset[str]:
    return frozenset(w for key in ALIASES for w in re.findall(r"\w+", key.lower()))


def may_name_actor(tok: Token) -> bool:
    """A quick test that :func:`actor_from_token` can name an actor for the token: False
    only when none of its ways applies (no entity, no alias word, no actor, people,
    holding or weapon noun), so a scan over every noun can skip the rest."""
    lemma = tok.lemma_.lower()
    return (
        tok.ent_iob in (1, 3) or tok.lower_ in _alias_words() or tok.text in ALIASES
        or tok.lower_ in _PEOPLE or tok.lower_ in _GENERIC_SUFFIX or lemma in ACTOR_NOUNS
        or lemma in HOLDINGS or lemma in {"series", "number"} or lemma in actor_words("weapon")
    )


def actor_from_token(tok: Token | None) -> str | None:
    """The normalised actor a noun-phrase head stands for, or None when it names no actor."""
    return None if tok is None else _actor_of(tok)


@memoised
def _actor_of(tok: Token) -> str | None:
    if tok.pos_ == "PRON" or tok.lower_ in {"that", "which", "who"}:
        return None
    ent = entity_of(tok)
    lemma = tok.lemma_.lower()
    if tok.lower_ in ALIASES and tok.lower_ not in {"is", "coalition"}:
        return normalise(tok.text)
    if ent is not None and ent.label_ == "PERSON" and _strip(ent.text).lower() in ALIASES:
        return normalise(ent.text)
    phrase = _strip(_np_text(tok)).lower()
    if " " in phrase and phrase in ALIASES:
        return ALIASES[phrase][0]  # "the Islamic State", "the Arakan Army"
    if ent is not None and ent.label_ in {"ORG", "NORP", "GPE", "PERSON"}:
        if ent.label_ == "PERSON" and lemma not in ACTOR_NOUNS:
            return None
        text = ent.text
        # "the Iraqi Air Force": the entity may stop short of the head noun.
        if tok.i >= ent.end:
            text = tok.doc[ent.start : tok.i + 1].text
        abbrev = _abbreviation(tok)
        name = normalise(text)
        if name == _strip(text) and abbrev and normalise(abbrev) != _strip(abbrev):
            return normalise(abbrev)
        if tok.lower_ in _PEOPLE:
            return normalise(tok.text)
        if (
            ent.label_ == "NORP"
            and tok.tag_ == "NNP"
            and any(c.dep_ == "case" for c in tok.children)
        ):
            return normalise(tok.text)  # "the Iraqi's" -> Iraq
        return name
    if (tok.lower_ in ALIASES or tok.text in ALIASES) and tok.lower_ != "coalition":
        return normalise(tok.text)
    if tok.lower_ in _PEOPLE:
        return normalise(tok.text)
    if lemma in HOLDINGS or lemma in {"series", "number"}:
        return _owner(tok)
    if lemma in actor_words("weapon") and (wielder := _wielder(tok)):
        return wielder
    if lemma in ACTOR_NOUNS or tok.lower_ in _GENERIC_SUFFIX:
        owner = None
        if lemma in {"member", "fighter", "militant", "unit", "cell", "supporter", "commander",
                     "gunman", "jihadist", "insurgent", "rebel", "militiaman", "combatant"}:
            owner = _owner(tok)
        if owner:
            return owner
        return normalise(_np_text(tok))
    return None


@lru_cache(maxsize=65536)
def _strip(text: str) -> str:
    """The name without articles, possessive 's, spare spaces and punctuation."""
    return _POSS.sub("", _DETS.sub("", re.sub(r"\s+", " ", text).strip(" ,.;:()[]\"'"))).strip()


def _abbreviation(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "appos" and child.text.isupper():
            return child.text
    return None


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    from importlib import resources

    text = resources.files("geoevents.events").joinpath("data/actor_words.tsv").read_text("utf-8")
    sets: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, word, *_ = line.split("\t")
            sets.setdefault(name, set()).add(word.strip().lower())
    return {name: frozenset(words) for name, words in sets.items()}


def actor_words(name: str) -> frozenset[str]:
    """A word set of ``data/actor_words.tsv`` ("doer", "weapon", ...)."""
    return _word_sets().get(name, frozenset())


def _wielder(tok: Token) -> str | None:
    """Who used a weapon, from its modifier: "a Turkish missile" -> "Turkish forces",
    "Syrian and Russian jets" -> "Syrian forces", "regime shells" -> "regime"."""
    for child in tok.children:
        if child.dep_ not in {"amod", "compound", "nmod", "poss"}:
            continue
        if child.lower_ in DEMONYMS:
            return f"{_demonym_title(child.lower_)} forces"
        if child.ent_type_ in {"ORG", "NORP", "GPE"} or child.lower_ in ALIASES or (
            child.lemma_.lower() in actor_words("doer")
        ):
            name = actor_from_token(child)
            if name:
                return name
    return None


def _owner(tok: Token) -> str | None:
    """The actor a holding belongs to: "ISIS positions", "positions of the SDF"."""
    for child in tok.children:
        if child.dep_ in {"compound", "poss", "nmod", "amod"}:
            if (
                child.ent_type_ == "NORP"
                and child.lower_ not in ALIASES
                and tok.lemma_ in {"fighter", "militant", "member", "unit", "cell", "supporter"}
            ):
                continue  # "Kurdish fighters" are named by the whole phrase
            name = actor_from_token(child) if child.ent_type_ or child.lower_ in ALIASES else None
            if name:
                return name
        if child.dep_ == "prep" and child.lower_ in {"of", "belonging", "from"}:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    name = actor_from_token(grand)
                    if name:
                        return name
    return None


def conjuncts(tok: Token) -> list[Token]:
    """The token and the heads coordinated with it ("the SDF and the Iraqi Army")."""
    return [tok, *tok.conjuncts] if tok is not None else []
