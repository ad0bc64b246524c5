"""Modality: is a trigger something that happened, and who says so?

Predictions, purposes, negations, conditions and questions are not events.
Claims reported by someone keep who said them (:func:`source_actor`).
"""

from __future__ import annotations

from spacy.tokens import Token

from geoevents.events.memo import memoised

_MODALS = {"will", "would", "may", "might", "could", "should", "shall", "must", "'ll",
           "’ll", "wo", "ca", "can", "need", "ought"}
#: Verbs whose complement has not (yet) happened: intentions, plans, purposes, threats.
_IRREALIS_VERBS = {
    "plan", "threaten", "vow", "aim", "seek", "want", "intend", "prepare", "prevent", "fail",
    "refuse", "allow", "warn", "urge", "call", "expect", "hope", "consider", "propose",
    "demand", "ask", "pledge", "promise", "wish", "deny", "avoid", "stop", "halt", "help",
    "enable", "permit", "forbid", "prohibit", "decide", "offer",
    "need", "require", "order", "foil", "thwart", "avert", "intercept", "fear", "worry",
    "imagine", "suppose", "doubt",
    "oppose", "reject", "dismiss", "refute", "push", "encourage", "persuade", "suspend",
    "postpone", "cancel",
    "like", "love", "predict", "forecast", "anticipate", "mean", "design",
}
#: Verbs after which an infinitive did happen ("managed to capture").
_REALIS_INF_HEADS = {"manage", "succeed", "begin", "start", "continue", "resume", "go",
                     "proceed", "force", "compel", "oblige", "use", "try", "attempt"}
#: Nouns that govern something not (yet) real: "threat of airstrikes", "plans for an offensive".
_IRREALIS_NOUNS = {
    "threat", "plan", "fear", "risk", "possibility", "call", "demand", "warning", "prospect",
    "danger", "proposal", "intention", "prevention", "aim", "goal", "purpose", "rumor",
    "rumour", "chance", "likelihood", "bid", "preparation", "ban", "end", "halt",
    "cessation", "suspension", "absence", "lack", "denial", "hope", "need", "idea",
}
_REPORT_VERBS = {
    "say", "claim", "report", "reveal", "announce", "state", "tell", "confirm", "add",
    "allege", "accuse", "publish", "note", "declare", "write", "post", "insist", "acknowledge",
    "admit", "disclose", "tweet", "show", "indicate", "according",
}
_TITLE_WORDS = {"center", "centre", "media", "office", "spokesman", "spokesperson", "director",
                "commander", "official", "minister", "general", "colonel", "president", "chief"}
_ADJUNCT_PREPS = {"during", "after", "amid", "following", "since", "despite", "in", "throughout"}
_CONTENT_NOUNS = {"report", "claim", "allegation", "rumour", "rumor", "accusation", "news",
                  "statement", "suggestion", "assertion", "speculation", "fear", "threat"}
_CONDITIONAL = {"if", "unless", "whether", "lest"}
_NEG_WORDS = {"not", "n't", "n’t", "never", "no", "neither", "nor", "without"}
_STOP_DEPS = {"relcl", "acl"}
#: Verbs of justice and blame: "sentenced two men for the bombing" tells of a past event.
_AFTERMATH_VERBS = {"sentence", "convict", "charge", "try", "jail", "imprison", "punish",
                    "blame", "prosecute", "indict", "investigate", "acquit", "execute", "fine",
                    "compensate", "commemorate", "mark", "mourn", "remember"}


def _has_modal(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and (
            child.lower_ in _MODALS or child.tag_ == "MD"
        ):
            return True
    # "is going to attack", "are set to", "are about to"
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in {"go", "set", "about", "due", "likely"} and (
        head.tag_ == "VBG" or head.lemma_ != "go"
    )


def _negated(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in {"no", "neither"}):
            return True
    return False


def _conditional(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in tok.children)


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def is_question(tok: Token) -> bool:
    """The trigger's sentence is a question."""
    sent = tok.sent
    for i in range(sent.end - 1, sent.start - 1, -1):  # the last token that is not space
        last = tok.doc[i]
        if not last.is_space:
            return last.text.endswith("?")
    return False


_MANY = {"hundreds", "dozens", "thousands", "scores", "numerous", "countless", "many",
         "repeated", "frequent", "regular"}


def _habitual(trigger: Token) -> bool:
    """A pattern over time ("hundreds of strikes since 2019"), not one event."""
    tok = trigger
    munition = tok.lemma_.lower() in {"rocket", "missile", "shell", "mortar", "bomb", "drone",
                                      "grenade", "bullet", "round", "projectile", "barrel"}
    if not munition and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
        tok.head.head.lower_ in _MANY
    ):
        return True
    if not munition and tok.pos_ == "NOUN" and any(c.lower_ in _MANY for c in tok.children):
        return True
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for c in verb.children:
        if c.lower_ in {"repeatedly", "regularly", "frequently", "routinely", "often"}:
            return True
        if c.dep_ == "prep" and c.lower_ in {"since", "for"} and any(
            (t.like_num and len(t.text) == 4) or t.lower_ in {"years", "decades", "months"}
            for t in c.subtree
        ) and any(a.lower_ in {"has", "have", "'ve"} for a in verb.children):
            return True
    return False


@memoised
def not_event_reason(trigger: Token) -> str | None:
    """Why the trigger is not a real past or present event, or None when it is one."""
    if is_question(trigger):
        return "question"
    if _habitual(trigger):
        return "habitual"
    tok = trigger
    came_from: Token | None = None
    while True:
        is_verbal = tok.pos_ in {"VERB", "AUX"} or tok.dep_ in {"ROOT", "ccomp", "xcomp",
                                                              "advcl", "conj"}
        subject_path = came_from is not None and came_from.dep_ in {"nsubj", "nsubjpass",
                                                                    "expl"}
        if (tok == trigger or (is_verbal and not subject_path)) and _negated(tok):
            return "negated"
        if tok == trigger or is_verbal:
            if _has_modal(tok):
                return "prediction"
            if _conditional(tok):
                return "condition"
        if tok == trigger and tok.pos_ == "NOUN" and tok.dep_ in {"attr", "acomp"} and (
            tok.head.lemma_ == "be"
        ):
            return "predicative"  # "the strategy is an attack on press freedom"
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
        if tok == trigger and tok.pos_ in {"VERB", "AUX"} and _infinitive(tok) and not (
            perfect and tok.head.lemma_.lower() in _REPORT_VERBS
        ) and (tok.head.lemma_ not in _REALIS_INF_HEADS or tok.dep_ == "advcl"):
            return "purpose"
        if tok != trigger and tok.lemma_.lower() in _IRREALIS_VERBS and (
            came_from is not None and came_from.dep_ in {"xcomp", "ccomp", "prep", "pcomp",
                                                          "dobj", "oprd", "nsubjpass"}
        ):
            return "purpose"
        if tok != trigger and tok.pos_ == "NOUN" and tok.lemma_.lower() in _IRREALIS_NOUNS:
            return "purpose"
        if tok != trigger and tok.dep_ == "prep" and tok.lower_ == "since" or (
            tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since"
                                        for c in tok.children)
        ):
            return "background"  # "since the invasion began": a time reference
        if tok != trigger and tok.pos_ in {"VERB"} and tok.lemma_.lower() in _AFTERMATH_VERBS and (
            came_from is not None and came_from.dep_ == "prep" and came_from.lower_ in {
                "for", "over", "of"}
        ):
            return "background"  # "sentenced two men for the 2019 bombing"
        if tok != trigger and tok.pos_ == "NOUN" and _negated(tok) and (
            came_from is not None and came_from.dep_ == "prep"
        ):
            return "negated"  # "no information about arrests"
        if tok != trigger and tok.pos_ == "ADP" and tok.lower_ in {"without", "before"}:
            return "negated" if tok.lower_ == "without" else None
        if tok != trigger and tok.dep_ == "prep" and tok.lower_ in _ADJUNCT_PREPS:
            return None  # "during the march", "after the clashes": presupposed, not negated
        if tok.dep_ in _STOP_DEPS and tok.head.lemma_.lower() in _CONTENT_NOUNS:
            came_from = tok  # "reports that its jets struck": follow the reports
            tok = tok.head
            continue
        if tok.dep_ in _STOP_DEPS or tok.head.i == tok.i:
            return None
        if tok.lemma_.lower() in _REPORT_VERBS and tok != trigger and tok.pos_ == "VERB":
            return None
        if tok.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children
        ) and tok != trigger:
            return "purpose"
        came_from = tok
        tok = tok.head


@memoised
def source_actor(trigger: Token) -> str | None:
    """Who reports the event: the subject of a reporting verb governing it, or "according to X"."""
    from geoevents.events.actors import actor_from_token, normalise

    tok = trigger
    while tok.head.i != tok.i and tok.dep_ not in _STOP_DEPS:
        parent = tok.head
        if parent.lemma_.lower() in _REPORT_VERBS and tok.dep_ in {"ccomp", "dobj", "xcomp",
                                                                   "advcl", "conj"}:
            subjects = [c for c in parent.children if c.dep_ == "nsubj" and c.i < parent.i]
            subjects = subjects or [c for c in parent.children if c.dep_ == "nsubj"]
            if subjects:
                return _speaker(subjects[-1], actor_from_token, normalise)
        tok = parent
    for tok in trigger.sent:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to":
            for child in tok.nbor(1).children:
                if child.dep_ == "pobj":
                    return _speaker(child, actor_from_token, normalise)
    return None


def _speaker(tok: Token, actor_from_token, normalise) -> str | None:
    if tok.pos_ == "PRON":
        return None
    # "the director of the SDF Media Center Mustefa Bali": the person if one is named.
    for t in tok.subtree:
        if t.ent_type_ == "PERSON" and t.dep_ != "compound":
            ent = next(e for e in tok.doc.ents if e.start <= t.i < e.end)
            words = ent.text.split()
            while len(words) > 2 and words[0].lower() in _TITLE_WORDS:
                words.pop(0)
            return " ".join(words)
    name = actor_from_token(tok)
    if name:
        return name
    left = tok.left_edge.i
    return normalise(tok.doc[left : tok.i + 1].text)
