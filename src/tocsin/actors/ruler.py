"""An entity ruler fed by the actor knowledge base: every name, alias, demonym and capital in
the KB is matched in one pass (spaCy PhraseMatcher on exact token text) and fixes the
statistical NER ("Kataib Hezbollah" is ORG, not PERSON; "Twitter" is a medium, not a person).

Matches are kept in ``doc.spans["tocsin_actors"]`` with ``kb_id_`` set to the KB id
(``USA``, ``dem:IRQ``, ``cap:IRNGOV`` or an actor id); they also replace the overlapping
``doc.ents`` unless a longer organisation name contains them ("the Senate Armed Services
Committee" keeps its span).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tocsin import pipeline_hooks
from tocsin.actors import kb as kb_mod

SPAN_KEY = "tocsin_actors"
COMPONENT = "tocsin_actor_ruler"

_LABELS = {"person": "PERSON", "country": "GPE"}


def _variants(form: str) -> set[str]:
    out = {form}
    if form[:1].islower():
        out.add(form[:1].upper() + form[1:])
    if form.startswith("the "):
        out.add("The " + form[4:])
        out.add(form[4:])
    return out


class ActorRuler:
    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.version = None
        self.matcher = None
        self.lower_matcher = None
        self.title_words: set[str] = set()
        self.labels: dict[str, str] = {}

    def _build(self, kb) -> None:
        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        forms: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        for form, aid in kb.phrases.items():
            forms.setdefault(aid, set()).update(_variants(form))
            a = kb.actors[aid]
            labels[aid] = _LABELS.get(a.kind, "ORG")
        for form, code in kb.demonyms.items():
            key = "dem:" + code
            forms.setdefault(key, set()).update(_variants(form))
            labels[key] = "NORP"
        for form, gov in kb.capitals.items():
            key = "cap:" + gov
            forms.setdefault(key, set()).update(_variants(form))
            labels[key] = "GPE"
        lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for key, fs in forms.items():
            matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(fs))))
            # odd casing ("iSrael", "President obama"): names of 4+ letters, checked in __call__
            lf = sorted({f for f in fs if len(f) >= 4 and not f.isupper() and labels[key] in ("GPE", "PERSON", "NORP")})
            if lf:
                lower.add(key, list(self.nlp.tokenizer.pipe(lf)))
        self.title_words = {w.split()[-1].lower() for w, _ in kb.titles}
        self.matcher, self.lower_matcher, self.labels, self.version = matcher, lower, labels, kb.version

    def __call__(self, doc: Doc) -> Doc:
        kb = kb_mod.load()
        if self.version != kb.version or self.matcher is None:
            self._build(kb)
        vocab = doc.vocab.strings
        spans = []
        for match_id, s, e in self.matcher(doc):
            key = vocab[match_id]
            spans.append(Span(doc, s, e, label=self.labels.get(key, "ORG"), kb_id=key))
        exact = {(sp.start, sp.end) for sp in spans}
        for match_id, s, e in self.lower_matcher(doc):
            if (s, e) in exact:
                continue
            text = doc[s:e].text
            odd = any(c.isupper() for c in text[1:]) and not text.isupper()
            after_title = s > 0 and doc[s - 1].lower_.rstrip(".") in self.title_words
            if odd or (after_title and text.islower()):
                key = vocab[match_id]
                spans.append(Span(doc, s, e, label=self.labels.get(key, "ORG"), kb_id=key))
        spans = filter_spans(spans)
        # a state or city name inside a person's name is part of the name ("Chad Wolf",
        # "Jordan Peterson"): the NER's PERSON stands
        persons = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
        if persons:
            spans = [sp for sp in spans if not (sp.label_ in ("GPE", "NORP") and any(
                p.start <= sp.start and sp.end <= p.end and (p.start, p.end) != (sp.start, sp.end) for p in persons))]
        doc.spans[SPAN_KEY] = spans
        if spans:
            doc.ents = _merge(doc, spans)
        return doc


def _merge(doc: Doc, matches: list[Span]) -> list[Span]:
    """NER entities overlaid with the KB matches."""
    keep = []
    taken = set()
    for m in matches:
        taken.update(range(m.start, m.end))
    out = list(matches)
    for ent in doc.ents:
        toks = set(range(ent.start, ent.end))
        inside = [m for m in matches if m.start >= ent.start and m.end <= ent.end]
        if not toks & taken:
            keep.append(ent)
            continue
        # a longer organisation name that contains a KB match keeps its span
        outside = [t for t in ent if not any(m.start <= t.i < m.end for m in inside)]
        if (ent.label_ in ("ORG", "FAC") and inside and len(ent) > max(len(m) for m in inside)
                and all(t.is_alpha or t.lower_ in ("&", "'s") for t in outside)
                and not any(t.tag_ == "POS" for t in ent) and not any(m.label_ in ("PERSON", "GPE", "NORP") and m.start == ent.start for m in inside)
                and all(m.start >= ent.start and m.end <= ent.end for m in matches if set(range(m.start, m.end)) & toks)):
            out = [m for m in out if not (m.start >= ent.start and m.end <= ent.end)]
            keep.append(ent)
    return filter_spans(out + keep)


@Language.factory(COMPONENT)
def make_actor_ruler(nlp: Language, name: str):
    return ActorRuler(nlp)


@pipeline_hooks.register
def add_to_pipeline(nlp: Language) -> None:
    """Pipeline hook: place the ruler right after the NER."""
    if COMPONENT not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, after="ner")
        else:
            nlp.add_pipe(COMPONENT, last=True)
