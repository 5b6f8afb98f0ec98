"""Score ASSAULT events against MUC-4 (terrorism stories and answer-key templates).

Per story: incident detection (the story has an incident template / tocsin codes an asserted
or claimed ASSAULT). Role-filler entity F1 as in GRIT (Du et al. 2021): document-level sets
of fillers for PerpInd (slot 9), PerpOrg (10), Target (12), Victim (18, 19) and Weapon (6);
a predicted string matches a gold entity when it equals one of its alternatives or shares
its head noun (the last word). Also: date (slot 2) and location (slot 3) accuracy, and victim
counts: on templates whose slot 21/23 give a number and a DEATH or INJURY effect, whether an
event of the story has that many dead / injured. The stories are all capitals: the pipeline
truecases them for the parser (:mod:`tocsin.ingest.truecase`). ``tocsin evaluate muc --data ../shared/data/muc4
--split tst1,tst2``.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import PRF, echo, require_path

ROLES = {"PerpInd": ("9",), "PerpOrg": ("10",), "Target": ("12",), "Victim": ("18", "19"), "Weapon": ("6",)}
_STORY = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})(?:[ \t]+\([A-Z]+\))?[ \t]*$", re.M)
_SLOT = re.compile(r"^(\d+)\.\s+([A-Z ]+:[A-Z ]+?)\s{2,}(.*)$")
_MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_DATE = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b")
_DETS = re.compile(r"^(THE|A|AN|SOME|TWO|THREE|SEVERAL|OTHER|ITS|THEIR|HIS)\s+")


def read_stories(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="latin-1")
    parts = _STORY.split(text)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def read_keys(path: Path) -> dict[str, list[dict]]:
    """Story id -> its templates, each a dict slot number -> list of value lines."""
    out: dict[str, list[dict]] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="latin-1")):
        tpl: dict[str, list[str]] = {}
        last = None
        for line in block.splitlines():
            if line.startswith(";"):
                continue
            m = _SLOT.match(line)
            if m:
                last = m.group(1)
                tpl[last] = [m.group(3).strip()]
            elif last and line.strip():
                tpl[last].append(line.strip())
        if "0" in tpl:
            sid = tpl["0"][0].split()[0]  # "DEV-MUC3-0001 (NCCOSC)" -> the story id
            out.setdefault(sid, [])
            if tpl.get("1", ["*"])[0] != "*" and tpl.get("4", ["*"])[0] != "*":
                out[sid].append(tpl)
    return out


def story_text(text: str) -> str:
    """A story as an article: wrapped lines joined into paragraphs, the "[TEXT]" markers
    dropped. The case stays: the pipeline truecases all-capitals text before parsing."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    t = "\n\n".join(" ".join(x.strip() for x in p.splitlines() if x.strip()) for p in paragraphs)
    return re.sub(r"\[(?:TEXT|EXCERPT)\]\s*", "", t)


def published(text: str) -> Optional[str]:
    m = _DATE.search(text[:300])
    if not m:
        return None
    d, mon, y = int(m.group(1)), _MONTHS[m.group(2)], 1900 + int(m.group(3))
    try:
        return date(y, mon, d).isoformat()
    except ValueError:
        return None


def _strings(value_lines: list[str], before_colon: bool = False) -> list[tuple[str, ...]]:
    """Gold entities of a slot: each line one entity, its alternatives split by "/"."""
    ents = []
    for line in value_lines:
        if line in ("-", "*"):
            continue
        if before_colon and ":" in line:
            line = line.split(":")[0]
        alts = tuple(norm(a) for a in re.findall(r'"((?:[^"\\]|\\.)*)"', line))
        if alts:
            ents.append(alts)
    return ents


def norm(s: str) -> str:
    s = s.upper().replace('\\"', "").replace('"', "")
    s = re.sub(r"[^A-Z0-9 ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _DETS.sub("", s)


_CUT = {"THAT", "WHO", "WHICH", "WHOSE", "OF", "IN", "AT", "ON", "FROM", "WITH", "BY", "FOR", "NEAR", "A", "AN"}


def head_word(s: str) -> str:
    """The head noun of a filler: its last word before a relative clause or a preposition
    ("BUILDING THAT HOUSES THE ..." -> BUILDING, "MEMBERS OF THE FMLN" -> MEMBERS)."""
    words = s.split()
    out = []
    for w in words:
        if w in _CUT and out:
            break
        out.append(w)
    return out[-1] if out else ""


def _match(pred: str, alts: tuple[str, ...]) -> bool:
    p = norm(pred)
    if not p:
        return False
    for a in alts:
        if p == a or (a and head_word(p) == head_word(a)):
            return True
    return False


def gold_roles(templates: list[dict]) -> dict[str, list[tuple[str, ...]]]:
    roles: dict[str, list[tuple[str, ...]]] = {r: [] for r in ROLES}
    for tpl in templates:
        for role, slots in ROLES.items():
            for s in slots:
                for ent in _strings(tpl.get(s, []), before_colon=(s == "19")):
                    if ent not in roles[role]:
                        roles[role].append(ent)
    return roles


def predicted_roles(ctx, lex) -> dict[str, list[str]]:
    from tocsin.extract.events import mentions

    perps = lex.cue_set("perpetrator_nouns")
    orgs = lex.cue_set("org_nouns")
    physical = lex.cue_set("physical_nouns")
    pronouns = {"he", "she", "they", "it", "we", "him", "her", "them", "us", "i", "you", "who", "which", "that"}
    out: dict[str, list[str]] = {r: [] for r in ROLES}

    def head(p) -> str:
        words = (p.text if not p.entity_id else p.name).lower().split()
        return words[-1] if words else ""

    def label(p) -> str:
        return p.name if p.entity_id else p.text

    place_spans = [(p.start, p.end) for p in ctx.places if not p.metonymy] or [
        (e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ in ("GPE", "LOC")]

    def is_place(p) -> bool:
        return any(s <= p.start and p.end <= e for s, e in place_spans)

    for m in mentions(ctx):
        if m.type != "ASSAULT" or m.modality not in ("asserted", "claimed"):
            continue
        for p in m.actors:
            h = head(p)
            if h in pronouns or not h or is_place(p):
                continue
            is_org = h in orgs or (h not in perps and h.rstrip("s") not in perps and len(h) <= 5 and h.isalpha() and not any(c in "aeiou" for c in h[1:3]))
            out["PerpOrg" if is_org else "PerpInd"].append(label(p))
        for p in m.recipients + m.victims:
            h = head(p)
            if h in pronouns or not h or is_place(p):
                continue
            out["Target" if (h in physical or h.rstrip("s") in physical) else "Victim"].append(label(p))
        out["Weapon"] += m.instruments
    for r in out:
        seen, uniq = set(), []
        for s in out[r]:
            if norm(s) and norm(s) not in seen:
                seen.add(norm(s))
                uniq.append(s)
        out[r] = uniq
    return out


def _counts(tpl: dict) -> Optional[tuple[Optional[int], Optional[int]]]:
    """(dead, injured) of a template: slot 21's numbers paired in order with slot 23's
    DEATH/INJURY effects per victim; a kind with an approximate number ("~100", "PLURAL")
    is left out (None)."""
    nums: dict[str, list[Optional[int]]] = {}
    for line in tpl.get("21", []):
        m = re.match(r'^([^:"]+):\s*"(.*)"', line)
        if m:
            val = m.group(1).strip()
            nums.setdefault(norm(m.group(2).split('"')[0]), []).append(int(val) if val.isdigit() else None)
    totals: dict[str, Optional[int]] = {}
    bad: set[str] = set()
    seen: dict[str, int] = {}
    for line in tpl.get("23", []):
        m = re.match(r'^(DEATH|INJURY):\s*"(.*)"', line)
        if not m:
            continue
        key = norm(m.group(2).split('"')[0])
        if key not in nums:
            continue
        i = seen.get(key, 0)
        seen[key] = i + 1
        vals = nums[key]
        n = vals[i] if i < len(vals) else vals[-1]
        if n is None:
            bad.add(m.group(1))
        else:
            totals[m.group(1)] = totals.get(m.group(1), 0) + n
    dead = None if "DEATH" in bad else totals.get("DEATH")
    injured = None if "INJURY" in bad else totals.get("INJURY")
    return None if dead is None and injured is None else (dead, injured)


def command(
    data: Path = typer.Option(Path("../shared/data/muc4"), help="The muc4 folder (dev/, tst1/, tst2/)."),
    split: str = typer.Option("tst1,tst2", help="Comma-separated splits: dev, tst1, tst2."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N stories of each split."),
) -> None:
    """Incident detection, GRIT role-filler F1, date/location and victim-count accuracy on MUC-4."""
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events.lexicon import load

    lex = load()
    detect, roles = PRF(), {r: PRF() for r in ROLES}
    total = PRF()
    dates = [0, 0]
    places = [0, 0]
    counts = [0, 0]
    n = 0
    for sp in [s.strip() for s in split.split(",") if s.strip()]:
        folder = require_path(Path(data) / sp, f"MUC-4 {sp}")
        texts: dict[str, str] = {}
        keys: dict[str, list[dict]] = {}
        for f in sorted(folder.iterdir()):
            if f.name.startswith("key-"):
                keys.update(read_keys(f))
            elif f.is_file():
                texts.update(read_stories(f))
        for k, (sid, raw) in enumerate(sorted(texts.items())):
            if limit is not None and k >= limit:
                break
            n += 1
            tpls = keys.get(sid, [])
            ctx = code_context(story_text(raw), published(raw))
            events = [e for e in ctx.events if e.type == "ASSAULT" and e.modality in ("asserted", "claimed")]
            has_gold, has_pred = bool(tpls), bool(events)
            detect.tp += has_gold and has_pred
            detect.fp += has_pred and not has_gold
            detect.fn += has_gold and not has_pred
            gold = gold_roles(tpls)
            pred = predicted_roles(ctx, lex)
            for r in ROLES:
                used = set()
                for p in pred[r]:
                    hit = next((i for i, g in enumerate(gold[r]) if i not in used and _match(p, g)), None)
                    if hit is None:
                        roles[r].fp += 1
                    else:
                        used.add(hit)
                        roles[r].tp += 1
                roles[r].fn += len(gold[r]) - len(used)
            for tpl in tpls:
                gd = _DATE.search(tpl.get("2", [""])[0])
                if gd and "-" not in tpl.get("2", [""])[0]:
                    dates[1] += 1
                    want = date(1900 + int(gd.group(3)), _MONTHS[gd.group(2)], int(gd.group(1))).isoformat()
                    dates[0] += any(e.date and e.date.value == want for e in events)
                loc = tpl.get("3", ["-"])[0]
                if loc not in ("-", "*"):
                    places[1] += 1
                    parts = {norm(x) for x in re.split(r"[:();]", loc) if norm(x)}
                    places[0] += any(e.location and e.location.name and norm(e.location.name) in parts for e in events)
                c = _counts(tpl)
                if c is not None:
                    counts[1] += 1
                    dead, injured = c
                    counts[0] += any((dead is None or e.dead == dead) and (injured is None or e.injured == injured) for e in events)
    for r in ROLES:
        total.tp += roles[r].tp
        total.fp += roles[r].fp
        total.fn += roles[r].fn
    echo(f"MUC-4 {split}: {n} stories")
    echo(detect.row("incident detection (story)"))
    for r in ROLES:
        echo(roles[r].row(f"  {r}"))
    echo(total.row("role-filler entity (micro)"))
    macro = sum(roles[r].f1 for r in ROLES) / len(ROLES)
    echo(f"role-filler entity F1 (macro over roles) {macro:.3f}")
    echo(f"date accuracy      {dates[0]}/{dates[1]} = {dates[0] / max(dates[1], 1):.3f}")
    echo(f"location accuracy  {places[0]}/{places[1]} = {places[0] / max(places[1], 1):.3f}")
    echo(f"victim counts right on {counts[0]}/{counts[1]} templates with a number and DEATH/INJURY = {counts[0] / max(counts[1], 1):.3f}")
