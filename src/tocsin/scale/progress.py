"""What a user sees while a corpus is coded: a progress bar with rate and ETA on stderr, and a
per-article error log (JSON Lines of ``{"origin", "reason"}``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable, Optional, TextIO

from tocsin.errors import InputError, OutputError


class ErrorLog:
    """Failed articles, one JSON object a line, flushed as they come (a killed run keeps them)."""

    def __init__(self, path: Optional[Path], echo: Callable[[str], None]):
        self.echo = echo
        self.count = 0
        self.fh: Optional[TextIO] = None
        if path is not None:
            try:
                self.fh = open(path, "a", encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror})") from None

    def __call__(self, exc: InputError) -> None:
        self.count += 1
        if self.fh is not None:
            origin = getattr(exc, "origin", "?")
            reason = getattr(exc, "reason", str(exc))
            self.fh.write(json.dumps({"origin": origin, "reason": reason}, ensure_ascii=False) + "\n")
            self.fh.flush()
        else:
            self.echo(f"tocsin: {exc}".replace("\n", " "))

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


class Bar:
    """A tqdm bar on stderr counting articles (rate in articles/s, ETA from the input count)."""

    def __init__(self, total: Optional[int], enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="art", file=sys.stderr, dynamic_ncols=True,
                            smoothing=0.1, mininterval=0.5)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
