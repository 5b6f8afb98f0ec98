"""Coverage-guided fuzzing of the whole extract path with atheris (run outside the test suite).

    .venv/bin/pip install atheris==3.0.0
    .venv/bin/python fuzz/atheris_extract.py -runs=20000 [-max_len=4096] [corpus_dir]

Each input is decoded as text (and, for a quarter of inputs, parsed as HTML first) and coded.
A crash is: any exception other than a typed tocsin error with a one-line message, an offset
outside the text, a span whose text is not the slice, or a record that fails the JSON Schema.
At the end it prints the number of inputs run and the crashes (atheris stops at the first).
"""
from __future__ import annotations

import atexit
import json
import sys

import atheris

with atheris.instrument_imports(include=["tocsin"]):
    import tocsin
    from tocsin.errors import ExtractionError, TocsinError
    from tocsin.ingest.readers import read_html
    from tocsin.record import json_schema
    from tocsin.spans import span_problems

import jsonschema

SCHEMA = json_schema()
RUNS = [0]
CRASHES = [0]
SEEDS = [
    "Iranian-backed militia swarmed the U.S. embassy in Baghdad on Tuesday. “We responded,” Pompeo said.",
    "<html><body><p onerror=alert(1)>Police arrested 5 people in Basra on Friday.</p><script>x()</script></body></html>",
]


def one_input(data: bytes) -> None:
    RUNS[0] += 1
    try:
        check(data)
    except BaseException:
        CRASHES[0] += 1
        raise


def check(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    as_html = fdp.ConsumeIntInRange(0, 3) == 0
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    try:
        if as_html:
            text = read_html(text, "<fuzz>").text
        rec = tocsin.extract(text, published="2019-12-31")
    except ExtractionError:
        raise
    except TocsinError as exc:
        if "\n" in str(exc):
            raise AssertionError(f"multi-line error message: {exc!r}")
        return
    problems = span_problems(rec)
    if problems:
        raise AssertionError("; ".join(problems[:3]))
    jsonschema.validate(json.loads(rec.model_dump_json()), SCHEMA)


def main() -> None:
    atexit.register(lambda: print(f"inputs fuzzed: {RUNS[0]}; crashes: {CRASHES[0]}", file=sys.stderr))
    tocsin.extract(SEEDS[0], published="2019-12-31")  # load the model before fuzzing starts
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
