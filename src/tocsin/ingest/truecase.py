"""Give an all-capitals article plausible letter case before it is parsed.

Wire-service archives (MUC-4, old teletype feeds) are upper case throughout, and the parser and
NER read every word as a name. :func:`truecase` lower-cases such a text, then restores capitals
where the text most likely had them: sentence and paragraph starts, "I", month and weekday
names, place names of the gazetteer, names, aliases, demonyms and capitals of the actor
knowledge base, and words no English word list knows (a name: "Cerezo"; an acronym when short:
"FMLN"). Only case changes, so the result has the text's length and every offset stays valid:
the parser reads the truecased text, spans take their text from the original. A text that is
not mostly upper case is returned unchanged. Settings live in ``data/truecase.yaml``.
"""
from __future__ import annotations

import calendar
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml

_WORD = re.compile(r"[^\W\d_]+")
_SENT_END = re.compile(r"[\"'”’)\]]*[.!?][\"'”’)\]]*\s+[\"'“‘(\[]*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_VOWELS = set("aeiouy")
_lock = threading.Lock()


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    low: str

    @property
    def capitalised(self) -> str:
        return self.low[:1].upper() + self.low[1:]


def mostly_upper(text: str, share: Optional[float] = None) -> bool:
    """Whether more than ``share`` of the text's letters (of 20 or more; the first 5,000
    characters decide) are capitals."""
    share = _settings()["min_upper_share"] if share is None else share
    letters = upper = 0
    for ch in text[:5_000]:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters >= 20 and upper > share * letters


def truecase(text: str) -> str:
    """``text`` with plausible case when it is mostly upper case, else ``text`` itself."""
    if not mostly_upper(text):
        return text
    chars = [c if len(c.lower()) != 1 else c.lower() for c in text]
    low = "".join(chars)
    words = [_Word(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(low)]
    know = _Knowledge.get()
    done: set[int] = set()

    def put(w: _Word, form: str) -> None:
        if len(form) == w.end - w.start:
            chars[w.start:w.end] = list(form)

    # phrase names first (longest first): "san miguel", "farabundo marti ...", "el salvador"
    i = 0
    while i < len(words):
        n = know.phrase_at(words, i, low)
        if n:
            forms = know.phrase_forms(words[i:i + n], low)
            for w, f in zip(words[i:i + n], forms):
                put(w, f)
                done.add(w.start)
            i += n
        else:
            i += 1
    in_brackets = {m.group(1) for m in re.finditer(r"[\[(]([^\W\d_]+)[\])]", low)}
    named: set[int] = set()  # indexes of words restored as (parts of) names
    for k, w in enumerate(words):
        if w.start in done:
            named.add(k)
            continue
        form = know.word_form(w.low, words, k, low, in_brackets)
        if form is not None:
            put(w, form)
            if form[:1].isupper() and len(w.low) > 1 and w.low not in know.calendar:
                named.add(k)
    # first names before a name ("Carlos Garcia"), and a word between two name words
    # ("Carlos Valencia Garcia", "Waldemar Franklin Quintero")
    def name_at(k: int) -> bool:
        return 0 <= k < len(words) and (k in named or words[k].low in know.first_names)

    def linked(a: int, b: int) -> bool:
        return 0 <= a and b < len(words) and _joined(low, words[a], words[b])

    def plain(k: int) -> bool:
        """A word that may be a name by its neighbours: no function, calendar or reporting word."""
        low_k = words[k].low
        return not (low_k in know.edge or low_k in know.stop or low_k in know.calendar
                    or low_k in know.not_surnames or low_k.endswith(("ed", "ing", "ly")))

    # a title before a name ("COL VARGAS", "MSGR OSCAR ARNULFO ROMERO"): the title and the
    # word after it
    for k, w in enumerate(words[:-1]):
        if w.low in know.titles and linked(k, k + 1) and plain(k + 1):
            put(w, w.capitalised)
            nxt = words[k + 1]
            if k + 1 not in named:
                put(nxt, nxt.capitalised)
                named.add(k + 1)
    base = set(named)  # restored from knowledge, not by these neighbour rules
    for _ in range(3):
        grew = False
        for k, w in enumerate(words):
            if k in named or w.low in know.edge or w.low in know.stop or w.low in know.calendar:
                continue
            first = w.low in know.first_names and linked(k, k + 1) and (
                k + 1 in base or words[k + 1].low in know.first_names or (linked(k + 1, k + 2) and k + 2 in base))
            between = linked(k - 1, k) and linked(k, k + 1) and name_at(k - 1) and k + 1 in base
            # a surname after a first name or two name words ("JULIO TORRES WAS", "BERNARDO
            # JARAMILLO OSSA AND"), not after a known place or actor name ("SAN MIGUEL DEPARTMENT")
            after = (linked(k - 1, k) and k - 1 in named and plain(k) and words[k - 1].start not in done
                     and (words[k - 1].low in know.first_names or (linked(k - 2, k - 1) and k - 2 in named)))
            if first or between or after:
                put(w, w.capitalised)
                named.add(k)
                grew = True
        if not grew:
            break
    # sentence and paragraph starts
    prev_end = 0
    for w in words:
        gap = low[prev_end:w.start]
        if prev_end == 0 or _BLANK_LINE.search(gap) or _SENT_END.match(gap):
            chars[w.start] = chars[w.start].upper() if len(chars[w.start].upper()) == 1 else chars[w.start]
        prev_end = w.end
    return "".join(chars)


class _Knowledge:
    """English words, names and place names, loaded once per process."""

    _instance: Optional["_Knowledge"] = None

    @classmethod
    def get(cls) -> "_Knowledge":
        with _lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def __init__(self) -> None:
        cfg = _settings()
        self.cfg = cfg
        self.english = _english_words() | {w.lower() for w in cfg["common_words"]}
        self.edge = frozenset(cfg["name_edge_stopwords"])
        self.max_words = int(cfg["max_name_words"])
        self.acronym_max = int(cfg["acronym_max_letters"])
        self.ambiguous_months = frozenset(cfg["ambiguous_months"])
        self.calendar = {n.lower(): n for n in list(calendar.month_name)[1:] + list(calendar.day_name)}
        self.abbreviations = frozenset(n.lower() for n in calendar.month_abbr[1:]) - set(self.calendar)
        self.calendar.update({n.lower(): n for n in calendar.month_abbr[1:]})
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop = frozenset(w.lower() for w in STOP_WORDS)
        self.always: dict[str, str] = {}  # lower-case form -> cased form (restored wherever seen)
        self.guarded: dict[str, str] = {}  # single names restored only when not an English word
        self.phrases: dict[str, str] = {}  # multiword lower-case form -> cased form
        from tocsin.actors import kb as kb_mod

        kb = kb_mod.load()
        self.first_names = kb.given_names()
        self.titles = frozenset(w.lower() for w in cfg.get("title_words") or [])
        self.word_acronyms = frozenset(w.lower() for w in cfg.get("word_acronyms") or [])
        self.not_surnames = frozenset(w.lower() for w in cfg.get("not_surnames") or [])
        for form in list(kb.demonyms) + list(kb.capitals):
            self._add(form, self.always)
        for form, aid in kb.phrases.items():
            actor = kb.actors.get(aid)
            # a country's acronym that is a common word ("CAR") is guarded like other names
            country = actor is not None and actor.kind == "country"
            target = self.always if country and form.lower() not in self.word_acronyms else self.guarded
            self._add(form, target)
        self.place_features = frozenset(cfg["common_word_place_features"])
        self.min_pop = int(cfg["min_population"])
        self._gaz = None
        self._gaz_failed = False

    def _add(self, form: str, single: dict[str, str]) -> None:
        form = form.strip()
        if form.lower().startswith("the "):
            form = form[4:]
        ws = _WORD.findall(form.lower())
        if not ws or not any(c.isupper() for c in form):
            return
        if len(ws) == 1 and len(form) == len(ws[0]):
            single.setdefault(form.lower(), form)
        elif len(ws) > 1:
            self.phrases.setdefault(" ".join(ws), form)

    def _gazetteer(self):
        if self._gaz is None and not self._gaz_failed:
            try:
                from tocsin.geo import gazetteer

                self._gaz = gazetteer.load()
            except Exception:  # noqa: BLE001 - no gazetteer: names from the actor base only
                self._gaz_failed = True
        return self._gaz

    def _is_place(self, key: str) -> bool:
        gaz = self._gazetteer()
        if gaz is None:
            return False
        ws = key.split()
        all_english = all(w in self.english for w in ws)
        for c in gaz.lookup(key):
            if c.kind == 2:
                continue
            p = c.place
            if not all_english or p.feature in self.place_features or p.pop >= self.min_pop:
                return True
        return False

    def phrase_at(self, words: list[_Word], i: int, low: str) -> int:
        """Number of words of the longest known name starting at word ``i`` (0 if none)."""
        if words[i].low in self.edge:
            return 0
        best = 0
        for n in range(min(self.max_words, len(words) - i), 1, -1):
            seg = words[i:i + n]
            if seg[-1].low in self.edge:
                continue
            if any(not _joined(low, a, b) for a, b in zip(seg, seg[1:])):
                continue
            key = " ".join(w.low for w in seg)
            if key in self.phrases or self._is_place(key):
                best = n
                break
        return best

    def phrase_forms(self, seg: list[_Word], low: str) -> list[str]:
        key = " ".join(w.low for w in seg)
        form = self.phrases.get(key)
        if form is not None:
            parts = _WORD.findall(form)
            if len(parts) == len(seg) and all(p.lower() == w.low for p, w in zip(parts, seg)):
                return parts
        return [w.low if (w.low in self.edge or w.low in ("de", "del", "la", "las", "los", "el")) and k
                else w.capitalised for k, w in enumerate(seg)]

    def word_form(self, w: str, words: list[_Word], k: int, low: str, in_brackets: set[str]) -> Optional[str]:
        if w == "i":
            return "I"
        if len(w) == 1:
            if w == "a" or low[max(0, words[k].start - 1):words[k].start] in ("'", "’"):
                return None  # "a", the "s" of "country's"
            return w.upper()  # an initial ("Jose A. Perez", "U.S.")
        if w in self.calendar:
            if (w in self.ambiguous_months or w in self.abbreviations) and not _next_to_number(words, k, low):
                return None
            return self.calendar[w]
        if w in self.always:
            return self.always[w]
        if w in in_brackets and len(w) <= self.acronym_max and w not in self.stop:
            return w.upper()  # "ARMY OF NATIONAL LIBERATION (ELN)": a short word alone in brackets
            # is an acronym even where a word list knows it
        if w in self.english:
            return None
        if w in self.guarded:
            return self.guarded[w]
        if len(w) <= self.acronym_max and (w in in_brackets or not (set(w) & _VOWELS)):
            return w.upper()
        if not _english_form(w, self.english):
            return w[:1].upper() + w[1:]
        return None


def _joined(low: str, a: _Word, b: _Word) -> bool:
    gap = low[a.end:b.start]
    return len(gap) <= 3 and gap.strip(" \n-") == "" and gap.count("\n") <= 1


def _next_to_number(words: list[_Word], k: int, low: str) -> bool:
    w = words[k]
    around = low[max(0, w.start - 4):w.start] + " " + low[w.end:w.end + 4]
    return bool(re.search(r"\d", around))


_SUFFIXES = (("men", "man"), ("ies", "y"), ("ied", "y"), ("ves", "f"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
             ("ing", ""), ("ing", "e"), ("ly", ""), ("ly", "le"), ("er", ""), ("er", "e"), ("est", ""), ("est", "e"),
             ("ers", ""), ("ers", "e"), ("ment", ""), ("ness", ""), ("ion", "e"), ("ions", "e"), ("ist", ""),
             ("ists", ""), ("ism", ""), ("ity", ""), ("al", ""), ("ally", ""), ("less", ""), ("ful", ""))


def _english_form(w: str, english: frozenset) -> bool:
    """Whether ``w`` is an inflected or derived form of a known English word."""
    if w in english:
        return True
    parts = w.split("'")
    if len(parts) > 1:
        return _english_form(parts[0], english)
    for suf, rep in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: len(w) - len(suf)] + rep
            if stem in english:
                return True
            if rep == "" and len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in english:
                return True  # "kidnapped", "running"
            if suf in ("ed", "ing") and any(_compound(x, english) for x in (stem, stem[:-1] if stem[-1:] == stem[-2:-1] else "")):
                return True  # "machinegunned": a name seldom ends in a verb's inflection
    for pre in ("un", "re", "non", "anti", "counter", "pre", "post", "sub", "ex", "over", "under", "mis"):
        if w.startswith(pre) and len(w) > len(pre) + 2 and _english_form(w[len(pre):], english):
            return True
    return False


def _compound(w: str, english: frozenset) -> bool:
    """Whether ``w`` is two English words of three letters or more written as one ("machinegun")."""
    return any(w[:i] in english and w[i:] in english for i in range(3, len(w) - 2))


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load_yaml("truecase.yaml")


@lru_cache(maxsize=1)
def _english_words() -> frozenset:
    """Lower-case English words: the parser model's lemma index and exception tables, and its
    stop words (data the model package ships)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from tocsin import nlp as nlp_loader

    words: set[str] = {w.lower() for w in STOP_WORDS}
    try:
        lookups = nlp_loader.load().get_pipe("lemmatizer").lookups
        for name in ("lemma_index", "lemma_exc"):
            if lookups.has_table(name):
                for key, val in lookups.get_table(name).items():
                    if isinstance(val, dict):
                        for k2, v2 in val.items():
                            words.add(str(k2).lower())
                            words.update(str(x).lower() for x in v2)
                    else:
                        words.update(str(x).lower() for x in val)
    except Exception:  # noqa: BLE001 - a model without tables: stop words only
        pass
    return frozenset(w for w in words if "_" not in w)
