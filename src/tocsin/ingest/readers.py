"""Turn paths (files, folders, JSON Lines, HTML, gzip, stdin) into :class:`ArticleInput` items.

Readers stream: a JSONL file of any size is read one line at a time. A bad item is yielded as an
:class:`~tocsin.errors.InputError` (not raised) so a batch can report it and go on.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from tocsin.errors import InputError, UsageError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000


@dataclass
class ArticleInput:
    """One article as read, before any processing."""

    text: str
    origin: str
    id: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    from_html: bool = False
    line: Optional[int] = None
    extra: dict = field(default_factory=dict)


Item = Union[ArticleInput, InputError]


def parse_published(value: object, origin: str = "--published") -> Optional[str]:
    """Normalise a publication date to ``YYYY-MM-DD``; ``None`` stays ``None``.

    Accepts ISO dates and datetimes (``2019-12-31``, ``2019-12-31T08:00:00Z``).
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UsageError(f"{origin}: publication date must be a string, got {type(value).__name__}")
    s = value.strip()
    try:
        if len(s) == 10:
            d = date.fromisoformat(s)
        else:
            d = datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        raise UsageError(f"{origin}: invalid publication date {value!r} (expected YYYY-MM-DD)") from None
    if not 1800 <= d.year <= 2200:
        raise UsageError(f"{origin}: publication date {value!r} is out of range")
    return d.isoformat()


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputError(origin, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    return text


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(str(path), f"larger than the maximum article size ({max_bytes} bytes)")
    return data


def _inner_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def read_html(html: str, origin: str) -> ArticleInput:
    """Main text, title, date and author of an HTML page (trafilatura, no network)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if doc is None:
        raise InputError(origin, "no article text found in the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (meta.get("text") or "").strip()
    if not text:
        raise InputError(origin, "no article text found in the HTML")
    published = None
    if meta.get("date"):
        try:
            published = parse_published(meta["date"], origin)
        except UsageError:
            published = None
    return ArticleInput(
        text=text,
        origin=origin,
        title=meta.get("title"),
        author=meta.get("author"),
        url=meta.get("url"),
        source=meta.get("sitename"),
        published=published,
        from_html=True,
    )


def _from_json_obj(obj: object, origin: str, line: int) -> ArticleInput:
    if not isinstance(obj, dict):
        raise InputError(origin, "a JSON object is expected on each line")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "missing or empty \"text\"")
    try:
        published = parse_published(obj.get("published"), origin)
    except UsageError as exc:
        raise InputError(origin, str(exc).split(": ", 1)[-1]) from None
    ident = obj.get("id")
    return ArticleInput(
        text=text,
        origin=origin,
        id=str(ident) if ident is not None else None,
        published=published,
        title=obj.get("title"),
        source=obj.get("source"),
        url=obj.get("url"),
        author=obj.get("author"),
        line=line,
    )


def iter_jsonl(stream: IO[str], name: str, max_line: Optional[int] = None) -> Iterator[Item]:
    """Articles of a JSON Lines stream, one per non-blank line (a line over the limit is refused)."""
    if max_line is None:
        from tocsin.limits import current

        max_line = current().max_line_chars
    for n, raw in enumerate(stream, start=1):
        origin = f"{name}:{n}"
        if not raw.strip():
            continue
        if len(raw) > max_line:
            yield InputError(origin, f"line longer than the maximum ({max_line} characters)")
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"malformed JSON ({exc.msg})")
            continue
        try:
            yield _from_json_obj(obj, origin, n)
        except InputError as exc:
            yield exc


def _iter_file(path: Path, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    suffix = _inner_suffix(path)
    if suffix in JSONL_SUFFIXES:
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rb") as raw:
                stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
                try:
                    yield from iter_jsonl(stream, origin)
                except UnicodeDecodeError:
                    yield InputError(origin, "not UTF-8 text")
        except (OSError, EOFError) as exc:
            yield InputError(origin, f"cannot read ({exc.__class__.__name__}: {exc})")
        return
    try:
        data = _read_bytes(path, max_bytes)
        text = _decode(data, origin)
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            yield read_html(text, origin)
        else:
            yield ArticleInput(text=text, origin=origin, id=path.name.split(".")[0])
    except InputError as exc:
        yield exc
    except (OSError, EOFError) as exc:
        yield InputError(origin, f"cannot read ({exc.__class__.__name__})")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _iter_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError("-", f"larger than the maximum article size ({max_bytes} bytes)")
        return
    try:
        text = _decode(data, "-")
    except InputError as exc:
        yield exc
        return
    first = text.lstrip()[:1]
    if first == "{":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            yield from iter_jsonl(io.StringIO(text), "-")
            return
    if _looks_like_html(text):
        try:
            yield read_html(text, "-")
        except InputError as exc:
            yield exc
        return
    yield ArticleInput(text=text, origin="-")


def iter_inputs(
    paths: Iterable[str], published: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Every article under ``paths`` (files, folders, globs, ``-`` for stdin), in a stable order.

    ``published`` (already validated) fills in the date where the input itself gives none.
    """
    for p in paths:
        for item in _iter_path(p, max_bytes):
            if isinstance(item, ArticleInput) and item.published is None and published:
                item.published = published
            yield item


def _iter_path(p: str, max_bytes: int) -> Iterator[Item]:
    if p == "-":
        yield from _iter_stdin(max_bytes)
        return
    path = Path(p)
    if any(ch in p for ch in "*?[") and not path.exists():
        matches = sorted(Path().glob(p)) if not path.is_absolute() else sorted(
            Path(path.anchor).glob(str(path.relative_to(path.anchor)))
        )
        if not matches:
            yield InputError(p, "no file matches this pattern")
        for m in matches:
            yield from _iter_path(str(m), max_bytes)
        return
    if not path.exists():
        yield InputError(p, "no such file or directory")
        return
    if path.is_dir():
        files = sorted(
            f for f in path.rglob("*")
            if f.is_file() and not f.name.startswith(".") and _inner_suffix(f) in KNOWN_SUFFIXES
        )
        if not files:
            yield InputError(p, "folder holds no .txt, .html or .jsonl files")
        for f in files:
            yield from _iter_file(f, max_bytes)
        return
    yield from _iter_file(path, max_bytes)
