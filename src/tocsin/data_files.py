"""Loading the knowledge files shipped in ``tocsin/data`` (YAML, CSV, TSV)."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from tocsin.errors import DataError


def data_path(name: str) -> Path:
    """Path of a file shipped in the package's ``data`` folder."""
    return Path(str(resources.files("tocsin") / "data" / name))


@lru_cache(maxsize=None)
def load_yaml(name: str):
    path = data_path(name)
    return read_yaml(path)


def read_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise DataError(f"{path}: knowledge file not found") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: malformed YAML ({str(exc).splitlines()[0]})") from None


def read_table(name: str, delimiter: str = ",") -> list[dict]:
    path = data_path(name)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return [row for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter=delimiter)]
    except FileNotFoundError:
        raise DataError(f"{path}: knowledge file not found") from None


def validate(model, data, where: str):
    """``data`` checked against a pydantic ``model``; a mismatch is a one-line DataError naming
    ``where`` (the file) and the first offending field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise DataError(f"{where}: {loc}: {first['msg']}") from None
