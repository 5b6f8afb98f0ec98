"""Reference words ("now", "recently", "the future" -> PRESENT_REF, PAST_REF, FUTURE_REF) and
sets ("every week", "daily", "on Mondays", "twice a year")."""
from __future__ import annotations

import re
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.durations import duration_value
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import capitalised, key, pod_suffix
from tocsin.extract.time.resolution import Env, Resolved


def proper_name(c: Candidate, env: Env) -> bool:
    """'Daily Beast', 'Current Affairs': a capitalised word inside a name."""
    word = env.cased(c.start, c.end)
    if not word[:1].isupper() or c.start == env.sent_start:
        return False
    return bool(re.match(r"\s+[A-Z]", env.cased(c.end, c.end + 3)))


def discourse_marker(c: Candidate, env: Env) -> bool:
    """'Now, he says ...': a sentence-initial word set off by a comma opens the sentence as a
    discourse marker, not as a time adverbial."""
    lead = env.text[env.sent_start:c.start]
    return not lead.strip(" \t\n\"'`“‘") and env.text[c.end:c.end + 1] == ","


def norm_ref(c: Candidate, env: Env) -> Optional[Resolved]:
    if proper_name(c, env):
        return None
    k = key(c.g("ref"))
    if k in lx.lexicon()["discourse_marker_refs"] and discourse_marker(c, env):
        return None
    m = re.match(r"\s+([\w-]+)", env.text[c.end:c.end + 20])
    if m and k.startswith("the ") and _is_count(m.group(1)):
        return None                                    # "the past three summers": a count follows
    if k in lx.lexicon()["future_only_refs"]:
        return Resolved("DATE", lx.lexicon()["future_only_refs"][k]) if env.tense == "future" else None
    v = lx.lexicon()["refs"].get(k)
    return Resolved("DATE", v) if v else None


def norm_set(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    if g.get("setadv"):
        if proper_name(c, env) or (env.cased(c.start, c.end)[:1].isupper() and c.start != env.sent_start):
            return None
        return Resolved("SET", str(lx.lexicon()["set_adverbs"][key(g["setadv"])]))
    if g.get("wdpl"):
        wd = lx.weekday_number(g["wdpl"][:-1])
        return Resolved("SET", f"XXXX-WXX-{wd}" + pod_suffix(g.get("pod")))
    if g.get("freq") or g.get("q") and g.get("unit"):
        if key(g.get("q")) == "per" and key(g.get("unit")) in ("second", "minute", "hour"):
            return None                                # a rate ("20 metres per second")
        n = 2 if g.get("other") else (lx.number(g["num"]) if g.get("num") else 1)
        if g.get("freq"):
            n = 1
        return Resolved("SET", duration_value(n, g["unit"]))
    if g.get("wd"):
        return Resolved("SET", f"XXXX-WXX-{lx.weekday_number(g['wd'])}")
    if g.get("mon"):
        if not capitalised(g["mon"]):
            return None
        return Resolved("SET", f"XXXX-{lx.month_number(g['mon']):02d}")
    if g.get("season"):
        return Resolved("SET", "XXXX-" + lx.lexicon()["seasons"][key(g["season"])])
    if g.get("pod"):
        return Resolved("SET", "XXXX-XX-XX" + pod_suffix(g["pod"]))
    return None


def _is_count(word: str) -> bool:
    w = word.lower()
    if w[0].isdigit() or w in lx.lexicon()["vague_numbers"]:
        return True
    return w not in ("and", "a", "an") and lx.number(w) is not None
