"""Quotation-mark quotes: find each one's cue and speaker, tell direct from partial quotes,
and drop scare quotes.

A quotation's cue is looked for, in order: after the closing mark ("…,” said Graham", "…,”
Pompeo said Tuesday", "…,” according to the report"); up the dependency tree from the quoted
words to a speech verb outside them ("Graham said the president was “determined…”",
"Pompeo said: “…”"); "according to X" elsewhere in the sentence; a cue before a colon that
introduces the quotation ("Caddell continued:"). A quotation with no cue that fills its
sentence keeps no speaker here (the paragraph's speaker is found later); a short quoted phrase
inside a sentence with no cue is a scare quote or a title, not a quotation.

Kinds: ``partial`` when the quotation runs on from a word in the same clause ("was
“determined…”"), else ``direct``. Partial quotations of one or two words are not quotes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from tocsin.context import Context

from . import cues
from .lexicon import Lexicon
from .marks import Marked
from .speakers import Found, build
from .tokens import DocIndex

QUOTE_TOKENS = {'"', "“", "”", "``", "''", "‘", "’"}
_TRAILER_MAX = 45
_MIN_PARTIAL_WORDS = 3


@dataclass
class Cand:
    """A quote being built (record fields plus what the later focus rules need)."""

    start: int
    end: int
    kind: str
    cue: Optional[tuple[int, int]]
    speaker: Optional[Found]
    channel: Optional[str]
    para: int
    marked: bool
    needs_speaker: bool = False  # a quotation with no cue: takes the paragraph's speaker
    pronoun: bool = False  # the speaker is a pronoun no entity resolved
    how: str = ""  # which rule found the cue (for error analysis)


def _cue_span(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok.text)
    if cues.is_according(tok):
        to = tok.doc[tok.i + 1]
        end = to.idx + len(to.text)
    else:
        for ch in tok.rights:
            if ch.dep_ == "prt" and ch.i == tok.i + 1:
                end = ch.idx + len(ch.text)
    return tok.idx, end


def _np_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "amod", "det", "nmod", "poss", "nummod") and tok.head.i > tok.i:
        tok = tok.head
    return tok


_SPEAKER_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}


def _speaker_token(cue: Token, lex: Lexicon, inside, trailer: Optional[list[int]] = None) -> Optional[Token]:
    if cues.is_according(cue):
        return cues.according_object(cue)
    s = cues.subject(cue, lex, outside=lambda t: not inside(t.i))
    if s is not None and s.pos_ in _SPEAKER_POS and trailer and s.i > cue.i and \
            any(cue.doc[k].pos_ in ("PROPN", "PRON", "NOUN") for k in trailer if k < cue.i):
        # "“…?” the 43-year-old asked in the video's description": a noun between the
        # quotation and the cue is the speaker, not one after the cue
        s = None
    if s is not None and s.pos_ in _SPEAKER_POS:
        return s
    if trailer:
        doc = cue.doc
        before = [k for k in trailer if k < cue.i and not doc[k].is_punct]
        after = [k for k in trailer if k > cue.i]
        # "…,” said Graham" looks after the cue, "…,” the 43-year-old asked" before it
        order = before + after
        for k in order:
            t = doc[k]
            if t.pos_ in ("PROPN", "PRON", "NOUN") and t.ent_type_ not in ("DATE", "TIME"):
                return _np_head(t)
        return None
    # "Said Ellis: “…”": a clause-initial inverted cue names its speaker right after it
    nxt = cue.i + 1
    if cue.text[:1].isupper() and nxt < len(cue.doc) and cue.doc[nxt].pos_ == "PROPN" and not inside(nxt):
        return _np_head(cue.doc[nxt])
    return None


def _title_case(text: str) -> bool:
    """Every longer word capitalised: a title or a name, not speech."""
    words = [w.strip(".,:;!?’'\"“”()") for w in text.split()]
    long = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 2 and len(long) >= 1 and all(w[:1].isupper() for w in long)


def _colon_source(doc, lo: int, colon: int, lex: Lexicon) -> Optional[Token]:
    """Who speaks in "X: “…”" (a name before the colon) or "X has adopted the stance: “…”"
    (the subject of the clause that the colon ends)."""
    toks = [t for t in doc[lo:colon] if not t.is_space]
    paren = (toks and toks[-1].text == ")") or doc[colon].text.startswith(")")  # "):" is one token
    if paren and "(" in [t.text for t in toks]:
        # "Rep. Trey Gowdy (R-S.C.): …": the name is before the parenthesis
        k = max(n for n, t in enumerate(toks) if t.text == "(")
        toks = toks[:k]
    if not toks:
        return None
    last = toks[-1]
    if last.pos_ == "PROPN" and (len(toks) <= 6 or last.ent_type_ in ("PERSON", "ORG")):
        # "Pat Caddell: …", "More from Blumenthal and Cohen: …", "… - Philip Bump: …"
        return _np_head(last)
    if last.pos_ == "NOUN" and last.lemma_.lower() in lex.documents and len(toks) <= 6:
        # "More from the report: …"
        return _np_head(last)
    root = last
    while root.head.i != root.i and lo <= root.head.i < colon:
        root = root.head
    if cues.is_verb(root):
        for ch in root.children:
            if ch.dep_ == "nsubj" and (ch.pos_ in ("PROPN", "PRON") or ch.ent_type_ in ("PERSON", "ORG")
                                       or _named_noun(ch)):
                return ch
    return None


def _named_noun(tok: Token) -> bool:
    """A common noun made specific by a name: "the Clinton campaign", "Trump's lawyers"."""
    return tok.pos_ == "NOUN" and any(
        ch.dep_ in ("compound", "poss") and (ch.pos_ == "PROPN" or ch.ent_type_ in ("PERSON", "ORG", "NORP"))
        for ch in tok.lefts
    )


_CONTENT_DEPS = {"ccomp", "xcomp"}
_COMPLEMENT_DEPS = {"dobj", "ccomp", "xcomp", "oprd", "prep", "dative", "attr", "acomp", "advcl", "npadvmod"}


_DASHES = {"―", "—", "–", "-", "--"}
_CLAUSE_STOP = {".", ";", "?", "!", ":", "(", ")", "—", "–"}


def _linear_cue(ix: DocIndex, o_tok: int, words: frozenset, near, reach: int = 25) -> Optional[Token]:
    """The nearest cue verb (lemma in ``words``) before the opening mark in the same clause,
    read left to right rather than from the parse: the small parser often hangs a quoted
    complement on the wrong word ("Comey called Clinton's use of private email servers
    “extremely careless”"). Another finite verb, a clause-ending mark or a quotation stops it."""
    doc = ix.doc
    lo = max(ix.sent_start[o_tok], o_tok - reach)
    for k in range(o_tok - 1, lo - 1, -1):
        t = doc[k]
        if not near(t) or t.text in QUOTE_TOKENS or t.text in _CLAUSE_STOP or t.is_space:
            return None
        if cues.is_verb(t) and t.lemma_.lower() in words:
            return t
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ not in ("aux", "auxpass"):
            return None
    return None


_NP_TOKENS = {"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "PART"}


def _as_cue(ix: DocIndex, o_tok: int, lex: Lexicon, near) -> Optional[Token]:
    """The verb of "[verb] [someone] as “…”": a quoted label put on someone or something
    ("pounding Trump as a “con artist”", "admires Putin as a “strong leader”") is what the
    verb's subject says of it; so is "likened X to a “…”" with a comparing verb. Verbs that only class things ("known as", "served as") are
    data: ``cues.yaml`` ``not_characterizing``."""
    doc = ix.doc
    lo = ix.sent_start[o_tok]
    k = o_tok - 1
    while k >= lo and o_tok - k <= 4 and doc[k].lower_ not in ("as", "to"):
        if not near(doc[k]) or doc[k].pos_ not in ("DET", "ADJ", "ADV", "NUM"):
            return None
        k -= 1
    if k < lo or doc[k].lower_ not in ("as", "to"):
        return None
    likened = doc[k].lower_ == "to"  # "likened X to a “…”": only verbs that compare
    j, seen_np = k - 1, False
    while j >= lo and k - j <= 9:
        t = doc[j]
        if not near(t) or t.text in QUOTE_TOKENS or t.text in _CLAUSE_STOP:
            return None
        if cues.is_verb(t) and t.pos_ != "AUX":
            if not seen_np or t.lemma_.lower() in lex.not_characterizing:
                return None
            if likened and t.lemma_.lower() not in lex.comparing:
                return None
            return t
        if t.pos_ == "ADP" and not likened and seen_np and j > lo and f"{doc[j - 1].lemma_.lower()} {t.lower_}" in lex.phrasal:
            return doc[j - 1]  # "has gone after Trump as a “…”": a phrasal verb's particle
        if t.pos_ in _NP_TOKENS or t.text in (",", "-"):
            seen_np = seen_np or t.pos_ in ("NOUN", "PROPN", "PRON")
            j -= 1
            continue
        return None
    return None


def _passive_naming(cue: Token) -> bool:
    """"the tax loophole called an “inversion”", "what had been called “…”": a passive
    participle names its object; the noun it hangs on is not who spoke."""
    if cue.tag_ != "VBN":
        return False
    if cue.dep_ == "acl" or any(ch.dep_ in ("auxpass", "nsubjpass") for ch in cue.children):
        return True
    k = cue.i - 1
    while k >= 0 and cue.doc[k].tag_ in ("RB",):
        k -= 1
    return k >= 0 and cue.doc[k].lemma_ == "be"


def _naming_speaker(cue: Token, lex: Lexicon, find) -> Optional[Token]:
    """The speaker of a naming verb: its agent when passive ("called … by X"), else ``find``."""
    if _passive_naming(cue):
        for ch in cue.children:
            if ch.dep_ == "agent":
                return next((g for g in ch.children if g.dep_ == "pobj"), None)
        return None
    return find(cue, lex)


def _linear_speaker(cue: Token, lex: Lexicon) -> Optional[Token]:
    """The cue's subject, or the noun just before it ("Trump described …") when the parse
    gives none."""
    s = cues.subject(cue, lex)
    if s is not None and s.pos_ in _SPEAKER_POS and s.i < cue.i:
        return s
    k = cue.i - 1
    while k >= 0 and (cue.doc[k].tag_ in ("RB", "MD") or cue.doc[k].dep_ in ("aux", "auxpass", "neg")):
        k -= 1
    if k >= 0 and cue.doc[k].pos_ in ("PROPN", "PRON", "NOUN") and cues.same_paragraph(cue.doc[k], cue):
        return _np_head(cue.doc[k])
    return None


_VENUE_PREPS = {"in", "on", "during", "at", "with", "to", "via", "through", "after", "before", "while", "from"}
_ADDRESSEE_CUES = {"tell", "inform", "assure", "ask", "email", "text", "message", "write"}


def _venue_or_addressee(cue: Token, holder: Token) -> bool:
    """Does the quoted term sit where the cue names where or to whom it was said ("said in an
    interview on “New Day”", "told NBC's “Today”"), not what was said?"""
    if holder.dep_ == "prep" and holder.lower_ in _VENUE_PREPS:
        return True
    return holder.dep_ in ("dobj", "dative") and cue.lemma_.lower() in _ADDRESSEE_CUES


def _short_quote_clause(ctx: Context, m: Marked, lex: Lexicon, ix: DocIndex, o_tok: int, c_tok: int,
                        para: int, near) -> Optional[Cand]:
    """Reported speech around a short quoted term: the complement of the speech verb that
    governs it ("Romney called [it “disqualifying”]", "described the plan as [“a disaster”]");
    when the parse hangs the term elsewhere, a naming verb shortly before it in its clause
    ("Carson called [that report Friday a “boldfaced lie.”]")."""
    doc = ix.doc
    h = doc[o_tok].head
    for _ in range(6):
        if o_tok <= h.i <= c_tok:
            h = h.head
            continue
        if cues.is_speech(h, lex) and cues.same_paragraph(h, doc[o_tok]):
            break
        if h.head.i == h.i:
            h = None
            break
        h = h.head
    else:
        h = None
    span = None
    if h is not None and cues.is_speech(h, lex):
        kids = [ch for ch in h.children if ch.i > h.i and ch.dep_ in _COMPLEMENT_DEPS]
        holder = next((ch for ch in kids if ch.left_edge.i <= o_tok <= ch.right_edge.i), None)
        if holder is not None and _venue_or_addressee(h, holder):
            return None
        if kids:
            i, j = min(ch.left_edge.i for ch in kids), max(ch.right_edge.i for ch in kids) + 1
            # the quoted words lie in the complement (a closing mark after the full stop
            # hangs on the root: "called it “disqualifying.”")
            last = c_tok - 1 if m.close is not None else c_tok
            while last > o_tok and doc[last].is_punct:
                last -= 1
            if i <= o_tok and last < j:
                span = (i, max(j, c_tok + 1 if m.close is not None else j))
                spk_tok = _naming_speaker(h, lex, cues.subject)
    if span is None:
        h = _linear_cue(ix, o_tok, lex.naming, near, reach=12) or _as_cue(ix, o_tok, lex, near)
        if h is None:
            return None
        span = (h.i + 1, c_tok + 1 if m.close is not None else c_tok)
        spk_tok = _naming_speaker(h, lex, _linear_speaker)
    i, j = span
    while j > i and doc[j - 1].is_punct and doc[j - 1].text not in QUOTE_TOKENS:
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in QUOTE_TOKENS:
        i += 1
    if j <= i:
        return None
    start, end = doc[i].idx, ix.char_end(j - 1)
    if ctx.excluded(start, end):
        return None
    if spk_tok is not None and i <= spk_tok.i < j:
        spk_tok = None
    speaker = build(ctx, spk_tok, lex) if spk_tok is not None else None
    return Cand(start, end, "indirect", _cue_span(h), speaker, cues.channel(h, lex), para, False,
                pronoun=bool(speaker and speaker.pronoun),
                how="short-term")


def _word_count(text: str) -> int:
    return len([w for w in text.split() if any(c.isalnum() for c in w)])


def attribute(ctx: Context, m: Marked, lex: Lexicon, ix: DocIndex) -> Optional[Cand]:
    """The quote for one quotation, or None when it is a scare quote or a title."""
    doc, text = ix.doc, ctx.text
    if not len(doc):
        return None
    o_tok = ix.tok_at(m.open)
    c_tok = ix.tok_at(m.close) if m.close is not None else ix.tok_before(m.end)
    if c_tok < o_tok:
        c_tok = o_tok

    def inside(k: int) -> bool:
        return o_tok <= k <= c_tok

    para = ix.para_of(m.open)
    pstart = ix.paras[para][0]
    pend = ix.paras[ix.para_of(m.close if m.close is not None else m.end - 1)][1]

    def near(t: Token) -> bool:
        # a cue in another paragraph is not this quotation's cue (the parser may run
        # sentences across paragraph breaks)
        return pstart <= t.idx < pend
    # what precedes the opening mark in its sentence (or paragraph)
    s0 = max(doc[ix.sent_start[o_tok]].idx, pstart)
    # a quotation that opens a line runs on from nothing before it
    s0 = max(s0, text.rfind("\n", s0, m.open) + 1)
    before = text[s0:m.open].strip()
    prev_char = before[-1] if before else ""
    embedded = bool(prev_char) and (prev_char.isalnum() or prev_char in ")%’'")
    first_inner = text[m.start:m.end].lstrip(" \"“‘'….")[:1]
    if embedded and first_inner.isupper() and o_tok > 0 and cues.is_speech(doc[o_tok - 1], lex):
        embedded = False
    kind = "partial" if embedded else "direct"
    words = _word_count(text[m.start:m.end])
    short = kind == "partial" and words < _MIN_PARTIAL_WORDS
    content_end = text[m.start:m.end].rstrip()
    ends_clause = bool(content_end) and content_end[-1] in ",?!—–-…:"

    cue: Optional[Token] = None
    spk_tok: Optional[Token] = None
    how = ""

    def tree_cue():
        """2. up the tree from the quoted words to the outermost cue above them."""
        cue = spk_tok = None
        roots = [k for k in range(max(o_tok, ix.tok_at(m.start)), c_tok + 1)
                 if not inside(doc[k].head.i) and not doc[k].is_punct]
        for r in roots:
            # the outermost cue above the quoted words: "He says he believes his campaign has
            # “the wind at our backs”" is what he says
            h = doc[r].head
            speech = thought = aside = None
            nested = True  # the path from the cue found so far up to h runs through its content
            for _ in range(10):
                if inside(h.i) or not near(h):
                    break
                if cues.is_speech(h, lex) and (speech is None or nested):
                    speech, nested = h, True
                elif embedded and cues.is_verb(h) and h.lemma_.lower() in lex.cognition:
                    thought = h
                if aside is None:
                    # "The nominee, he said, watched the Olympics to see “…”": a speech verb
                    # set in the clause as an aside, with its own subject, reports the clause
                    aside = next((c for c in h.children if c.dep_ == "parataxis" and not inside(c.i)
                                  and cues.is_speech(c, lex) and near(c)
                                  and any(g.dep_ == "nsubj" for g in c.children)
                                  and not any(g.dep_ in ("ccomp", "dobj") for g in c.children)), None)
                acc = next((c for c in h.children if cues.is_according(c) and not inside(c.i)), None)
                if acc is not None:
                    speech = acc
                if h.head.i == h.i:
                    break
                # an outer cue reports this one only through its clause complement ("He says
                # he believes …"), not through an adverbial or coordinate clause ("Ryan said
                # …, though he said “…”")
                nested = nested and h.dep_ in _CONTENT_DEPS
                h = h.head
            cue = speech or aside or thought
            if cue is not None:
                return cue, _speaker_token(cue, lex, inside)
        return None, None

    if embedded and not ends_clause:
        # a fragment inside reported speech: its cue is above it, not after it
        cue, spk_tok = tree_cue()
        how = "tree" if cue is not None else how

    # 1. after the closing mark
    trailer: list[int] = []
    if short:
        # a word or two in quotation marks is a scare quote or a term, not a quotation; when a
        # cue verb governs it ("called it “disqualifying”") the clause is reported speech
        return _short_quote_clause(ctx, m, lex, ix, o_tok, c_tok, para, near)
    if m.close is not None and cue is None:
        k = c_tok + 1
        while k < len(doc) and len(trailer) < _TRAILER_MAX:
            t = doc[k]
            if t.is_space and "\n" not in t.text:
                k += 1  # a no-break space the tokenizer kept as a token
                continue
            if t.is_space or t.text in QUOTE_TOKENS or "\n" in text[ix.char_end(k - 1):t.idx]:
                break
            trailer.append(k)
            if t.text in (".", "!", "?", ";"):
                break
            k += 1
        for k in trailer:
            t = doc[k]
            if cues.is_according(t) or cues.is_speech(t, lex):
                own_content = any(
                    ch.dep_ in ("ccomp",) and ch.i > t.i and not inside(ch.i) for ch in t.children
                )
                if own_content and not ends_clause:
                    break
                if content_end.endswith(".") and any(
                        ch.dep_ in ("dobj", "ccomp") and ch.i > t.i for ch in t.children):
                    # "“… overlook.” The star then recalled an incident …": a new sentence
                    # whose verb has its own object is not the quotation's cue
                    break
                if not ends_clause and not embedded and k > c_tok + 4:
                    # "….” Then X said that …": a new sentence with its own cue
                    break
                cue, how = t, "trailer"
                spk_tok = _speaker_token(t, lex, inside, trailer)
                break
            if cues.is_verb(t) and t.dep_ in ("ROOT",) and not ends_clause:
                break
        if cue is None and not embedded and trailer and doc[trailer[0]].text in _DASHES:
            # "“…” ― Carla Sanchez": a name set after a dash signs the quotation
            names = []
            for k in trailer[1:]:
                if doc[k].pos_ == "PROPN" or (names and doc[k].text in (".", "-") and k == trailer[-1]):
                    names.append(k)
                else:
                    break
            names = [k for k in names if doc[k].pos_ == "PROPN"]
            after = names[-1] + 1 if names else 0
            if names and (after >= len(doc) or len(trailer) == len(names) + 1
                          or doc[after].text in (".", ",") or doc[after].is_space):
                cue, how = doc[trailer[0]], "dash"
                spk_tok = doc[names[-1]]
        if cue is None and ends_clause and not embedded:
            # "“…,” Trump barked": after a quotation that ends on a comma, the verb of the
            # short clause that follows reports it, whatever the verb
            for k in trailer[:8]:
                t = doc[k]
                if t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ not in ("aux", "auxpass"):
                    cue, how = t, "trailer-verb"
                    spk_tok = _speaker_token(t, lex, inside, trailer)
                    break
                if t.text in (".", ";", "!", "?"):
                    break

    # 2. up the tree from the quoted words
    if cue is None:
        cue, spk_tok = tree_cue()
        how = "tree" if cue is not None else how

    # 2b. a speech verb just before the opening mark ("…, writing “…”", "to state, “…”")
    if cue is None and not embedded:
        k = o_tok - 1
        lo = max(ix.sent_start[o_tok], o_tok - 10)
        while k >= lo:
            t = doc[k]
            if not near(t):
                break
            if cues.is_speech(t, lex):
                cue, how = t, "leader"
                spk_tok = _speaker_token(cue, lex, inside)
                break
            if cues.is_verb(t) and t.dep_ not in ("aux", "auxpass", "amod"):
                break
            if t.text in QUOTE_TOKENS or t.text in (".", ";", "?", "!"):
                break
            k -= 1

    # 3. "according to X" anywhere in the sentence
    if cue is None:
        lo, hi = ix.sent_start[o_tok], ix.sent_end[c_tok]
        for k in range(lo, hi):
            if not inside(k) and near(doc[k]) and cues.is_according(doc[k]):
                cue, how = doc[k], "according"
                spk_tok = cues.according_object(cue)
                break

    # 4. a cue before a colon that introduces the quotation
    if cue is None and (before.endswith(":") or (not before and para > 0)):
        if before.endswith(":"):
            colon = ix.tok_before(m.open)
            while colon > 0 and not doc[colon].text.endswith(":"):
                colon -= 1
        else:
            prev_end = ix.paras[para - 1][1]
            colon = ix.tok_before(prev_end)
            if doc[colon].text != ":":
                colon = -1
        if colon >= 0:
            lo = max(ix.sent_start[colon], colon - 25)
            for k in range(colon - 1, lo - 1, -1):
                if cues.is_speech(doc[k], lex):
                    cue, how = doc[k], "colon"
                    spk_tok = _speaker_token(cue, lex, inside)
                    break
            if cue is None:
                spk_tok = _colon_source(doc, ix.sent_start[colon], colon, lex)
                how = "colon-source"

    # 5. a fragment whose cue the parse missed: a cue verb shortly before it in its clause
    if cue is None and embedded:
        cue = _linear_cue(ix, o_tok, lex.speech | lex.naming, near) or _as_cue(ix, o_tok, lex, near)
        if cue is not None:
            how = "linear"
            spk_tok = _linear_speaker(cue, lex)

    sentence_like = not embedded
    if cue is None and spk_tok is not None:
        # "Kaine has adopted the stance: “…”", "Darrell Scott: ‘…’"
        speaker = build(ctx, spk_tok, lex)
        return Cand(m.start, m.end, kind, None, speaker, None, para, True,
                    pronoun=speaker.pronoun, how=how)
    if _title_case(text[m.start:m.end]) and (cue is None or cue.i < o_tok or embedded):
        return None  # a title ("Jane The Virgin", “In the Gutter”), not a quotation
    if cue is None:
        if not sentence_like or words < 2:
            return None
        return Cand(m.start, m.end, "direct", None, None, None, para, True, needs_speaker=True, how="uncued")
    speaker = build(ctx, spk_tok, lex) if spk_tok is not None else None
    pronoun = bool(speaker and speaker.pronoun)
    chan = None if cues.is_according(cue) else cues.channel(cue, lex)
    return Cand(m.start, m.end, kind, _cue_span(cue), speaker, chan, para, True,
                needs_speaker=speaker is None, pronoun=pronoun, how=how)
