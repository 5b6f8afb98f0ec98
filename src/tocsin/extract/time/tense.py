"""The tense that governs a time expression, read from the dependency parse.

``governing_tense(doc, start, end)`` climbs from the expression's head to its verb and returns
"past", "future", "present" or None. News uses it to resolve "Friday", "May" and "the summer":
past looks back from the publication date, future forward.
"""
from __future__ import annotations

from typing import Optional

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d", "ll"}
_IMPLICATIVE = {"try", "attempt", "begin", "start", "continue", "refuse", "fail", "manage", "use",
                "help", "seem", "appear", "come", "go", "need", "have", "be", "get", "cease", "stop"}
_MODAL_FUTURE = {"might", "may", "should", "must"}
_SCHEDULED = {"expect", "schedule", "set", "plan", "slate", "due", "intend", "propose", "anticipate"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "intend", "hope", "aim", "want", "seek", "prepare",
                 "set", "due", "likely", "going", "poised", "slate", "propose"}


def verb_of(tok):
    """The verb that governs ``tok`` (itself when it is a verb), or None."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux":
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def verb_tense(v, depth: int = 0) -> Optional[str]:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & (_MODAL_FUTURE | {"would", "could", "'d"}) and "have" in low and v.tag_ == "VBN":
        return "past"                        # "may have been responsible for a drop on Wednesday"
    if low & _FUTURE_AUX or low & _MODAL_FUTURE:
        return "future"
    if v.tag_ == "VBN" and v.lemma_ in _SCHEDULED and not any(a.lemma_ == "have" for a in auxes):
        return "future"                      # "is expected Tuesday", "a summit set for April"
    if v.tag_ == "VBN" and v.lemma_ in _SCHEDULED and any(a.lower_ in ("has", "have", "'ve", "'s") for a in auxes):
        return "future"                      # "has scheduled a news conference Thursday"
    if v.tag_ == "VBN" and not auxes and v.dep_ in ("acl", "relcl", "advcl", "amod"):
        return "past"                        # "attacks attributed to Iran in May"
    if v.tag_ == "VBD" or any(a.tag_ in ("VBD",) for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes) and v.tag_ == "VBN":
        return "past"
    if "to" in low and depth < 2 and v.head.i != v.i:
        # a to-infinitive is not yet realised ("agreed to buy it in January"), except after
        # verbs that report it as done or tried ("managed to", "began to")
        head = v.head
        hv = verb_of(head)
        for x in (head, hv):
            if x is not None and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in x.children):
                return "past"                 # "had been due to expire Friday"
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"                   # "is to resume trading Tuesday"
        if head.lemma_ in _IMPLICATIVE or v.dep_ == "advcl":
            hv = verb_of(head)
            return verb_tense(hv, depth + 1) if hv is not None and hv is not v else None
        return "future"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        # "is going to", "is to"
        if any(c.lower_ == "going" for c in v.children) or v.lower_ == "going":
            return "future"
        return "present"
    if v.tag_ == "MD":
        return "future" if v.lower_ in _FUTURE_AUX else None
    return None


def governing_tense(doc, start: int, end: int) -> Optional[str]:
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a bad span is no tense, never an error
        return None
    if span is None or len(span) == 0:
        return None
    v = verb_of(span.root)
    if v is None:
        root = span.sent.root
        v = root if root.pos_ in ("VERB", "AUX") else None
    return verb_tense(v) if v is not None else None


def pluperfect(doc, start: int, end: int) -> bool:
    """Whether the verb governing the span is in the past perfect ("had not called")."""
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a bad span is no verb
        return False
    if span is None or len(span) == 0:
        return False
    v = verb_of(span.root)
    return v is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in v.children)
