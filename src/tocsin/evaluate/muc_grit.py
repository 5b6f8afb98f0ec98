"""GRIT's role-filler entity scoring for MUC-4 (Du, Rush and Cardie 2021, the `eval.py` and
`preprocess.py` of their repository), rebuilt from its description:

- gold: per story and role, the entities of every template of the story: PerpInd (slot 9),
  PerpOrg (10), Target (12), Victim (18, the *names* only) and Weapon (6); an entity is a line
  of a slot, its mentions the line's "/" alternatives, lower-cased; an entity whose mentions
  are a subset or superset of one already kept is the same entity; mentions that do not occur
  in the story's text are dropped, and entities left with none;
- predictions: per story and role, entities as lists of mention strings;
- strings are normalised as SQuAD does (lower case, no punctuation, no articles, single
  spaces); a predicted entity scores 1 against a gold entity when all its mentions are among
  the gold entity's mentions (``phi_strict``), else 0; entities are aligned one-to-one to
  maximise the score (CEAF); P = score / predicted entities, R = score / gold entities,
  summed over stories, and over roles for the micro average GRIT reports.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from tocsin.evaluate._common import PRF

ROLE_SLOTS = {"PerpInd": "9", "PerpOrg": "10", "Target": "12", "Victim": "18", "Weapon": "6"}
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)


def normalize(s: str) -> str:
    """Lower case, punctuation and articles removed, whitespace collapsed."""
    return " ".join(_ARTICLES.sub(" ", s.lower().translate(_PUNCT)).split())


def _alternatives(line: str) -> list[str]:
    if line.startswith("?"):
        line = line[1:].strip()
    if ":" in line:  # a colon clause ("DESCRIPTION": "NAME"): no simple strings
        return []
    return [a.replace('\\"', '"').strip().lower() for a in re.findall(r'"((?:[^"\\]|\\.)*)"', line)]


def story_plain(text: str) -> str:
    """The story as GRIT searches it: lower case, all whitespace runs one space."""
    return " ".join(text.lower().split())


def gold_entities(templates: list[dict], text: str) -> dict[str, list[list[str]]]:
    """Role -> gold entities (each a list of normalised mentions found in the text)."""
    plain = story_plain(text)
    out: dict[str, list[list[str]]] = {}
    for role, slot in ROLE_SLOTS.items():
        kept: list[list[str]] = []
        for tpl in templates:
            for line in tpl.get(slot, []):
                if line in ("-", "*"):
                    continue
                cand = _alternatives(line)
                if not cand:
                    continue
                if any(set(cand) <= set(e) or set(e) <= set(cand) for e in kept):
                    continue
                kept.append(cand)
        ents = []
        for ent in kept:
            found = [normalize(m) for m in ent if m and " ".join(m.split()) in plain]
            found = [m for m in dict.fromkeys(found) if m]
            if found:
                ents.append(found)
        out[role] = ents
    return out


def _matching(pred: list[list[str]], gold: list[list[str]]) -> int:
    """Size of a maximum one-to-one alignment where a predicted entity fits a gold entity
    when all its mentions are the gold entity's (phi_strict is 0 or 1, so the best CEAF
    alignment is a maximum bipartite matching)."""
    fits = [[j for j, g in enumerate(gold) if p and all(m in g for m in p)] for p in pred]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(pred)))


@dataclass
class GritScore:
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLE_SLOTS})

    def add(self, pred: dict[str, list[list[str]]], gold: dict[str, list[list[str]]]) -> dict[str, tuple]:
        """Score one story; returns role -> (unmatched predictions, unmatched gold) for error lists."""
        misses = {}
        for role in ROLE_SLOTS:
            p = [[normalize(m) for m in ent if normalize(m)] for ent in pred.get(role, [])]
            p = [e for e in p if e]
            g = gold.get(role, [])
            k = _matching(p, g)
            t = self.roles[role]  # matched alignments are true positives
            t.tp += k
            t.fp += len(p) - k
            t.fn += len(g) - k
            hit_p = [e for e in p if any(all(m in ge for m in e) for ge in g)]
            hit_g = [ge for ge in g if any(all(m in ge for m in e) for e in p)]
            misses[role] = ([e for e in p if e not in hit_p], [ge for ge in g if ge not in hit_g])
        return misses

    @property
    def micro(self) -> PRF:
        return PRF(tp=sum(r.tp for r in self.roles.values()), fp=sum(r.fp for r in self.roles.values()),
                   fn=sum(r.fn for r in self.roles.values()))

    @property
    def macro_f1(self) -> float:
        return sum(t.f1 for t in self.roles.values()) / len(self.roles)
