"""Helpers shared by the evaluators: locating data, P/R/F1 and printing a report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from tocsin.errors import UsageError


def require_path(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{path}: {what} not found (see ../shared/data/README.md)")
    return path


@dataclass
class PRF:
    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, name: str) -> str:
        return f"{name:<34} P {self.p:.3f}  R {self.r:.3f}  F1 {self.f1:.3f}  (tp {self.tp:g}, fp {self.fp:g}, fn {self.fn:g})"


def echo(line: str = "") -> None:
    typer.echo(line)
