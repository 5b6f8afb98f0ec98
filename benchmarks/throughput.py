"""Throughput on one corpus in one run: tocsin's full extraction vs a plain ``nlp.pipe`` of the
same spaCy model, on 1 and 2 processes; words/s, articles/s, the ratio, peak resident memory per
worker; and whether 1 worker, 2 workers and Dask give the same records.

    .venv/bin/python benchmarks/throughput.py [--articles 60] [--words 1200] [--no-dask]

Times exclude start-up (process start, model and knowledge-base loading): each run begins with
a warm-up batch per process and the clock starts when those are done. tocsin's time includes
reading, cleanup, storing (SQLite); the plain parse's does not. A benchmark, not a test: figures
depend on the machine and its load (printed first). The corpus is built at run time from news paragraphs under ../shared (seed, PolNeAR) and examples/, each
paragraph used once where possible; nothing is written into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_mb(who) -> float:
    if who == resource.RUSAGE_SELF:
        from tocsin.scale.worker import peak_rss_mb

        return peak_rss_mb()
    return resource.getrusage(who).ru_maxrss / 1024.0


# -- one measurement, run in a fresh process so memory figures are its own ------------------
# Each run starts with short warm-up articles (one batch per process) so that process start-up,
# model and knowledge-base loading are not timed; the clock starts when they are all done.
PLAIN_BATCH, TOCSIN_BATCH = 16, 8


def _warm_texts(n: int) -> list[str]:
    return [f"Warm-up item {i}: the army attacked a depot in Arlen on Monday, officials said.\n"
            for i in range(n)]


def _measure_plain(corpus: Path, n_process: int) -> dict:
    import spacy

    from tocsin.nlp import MODEL_NAME

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    warm = _warm_texts(PLAIN_BATCH * n_process)
    nlp = spacy.load(MODEL_NAME)
    n, start = 0, None
    for _doc in nlp.pipe(warm + texts, n_process=n_process, batch_size=PLAIN_BATCH):
        n += 1
        if n == len(warm):
            start, cpu0 = time.perf_counter(), time.process_time()
    end, cpu = time.perf_counter(), time.process_time() - cpu0
    return {"elapsed": end - start, "articles": n - len(warm), "cpu": cpu if n_process == 1 else None,
            "rss": {"main": _peak_mb(resource.RUSAGE_SELF),
                    "largest child": _peak_mb(resource.RUSAGE_CHILDREN) if n_process > 1 else None}}


def _measure_tocsin(corpus: Path, workers: int) -> dict:
    from tocsin.ingest.run import ingest_paths

    warm = _warm_texts(TOCSIN_BATCH * workers)
    state = {"n": 0, "start": None}

    def progress(k: int) -> None:
        state["n"] += k
        if state["start"] is None and state["n"] >= len(warm):
            state["start"], state["cpu0"] = time.perf_counter(), time.process_time()

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(warm):
                fh.write(json.dumps({"id": f"warm{i}", "text": t}) + "\n")
            fh.write(corpus.read_text(encoding="utf-8"))
        summary = ingest_paths([str(src)], f"sqlite:///{tmp}/bench.db", workers=workers,
                               batch=TOCSIN_BATCH, progress=progress)
    end, cpu = time.perf_counter(), time.process_time() - state["cpu0"]
    rss = {f"worker {pid}": round(mb, 1) for pid, mb in summary.peak_rss_mb.items()}
    if workers > 1:
        rss["main"] = _peak_mb(resource.RUSAGE_SELF)
    return {"elapsed": end - state["start"], "articles": state["n"] - len(warm),
            "cpu": cpu if workers == 1 else None,
            "failed": summary.failed, "events": summary.events, "rss": rss}


def _child(mode: str, corpus: Path, n: int) -> dict:
    cmd = [sys.executable, __file__, "--measure", mode, "--corpus", str(corpus), "--n", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{mode} x{n} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- same records from 1 worker, 2 workers and Dask ------------------------------------------
def _same_records(corpus: Path, use_dask: bool) -> dict:
    from tocsin.ingest.run import ingest_paths
    from tocsin.store import open_store

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        def records(url):
            with open_store(url) as store:
                return {r.article.text_sha256: r.model_dump_json() for r in store.records()}

        ingest_paths([str(corpus)], f"sqlite:///{tmp}/w1.db", workers=1, batch=4)
        ingest_paths([str(corpus)], f"sqlite:///{tmp}/w2.db", workers=2, batch=4)
        ref = records(f"sqlite:///{tmp}/w1.db")
        out["articles"] = len(ref)
        out["2 workers == 1 worker"] = records(f"sqlite:///{tmp}/w2.db") == ref
        if use_dask:
            from distributed import Client, LocalCluster

            from tocsin.scale import dask_run

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                dask_run([str(corpus)], client, db=f"sqlite:///{tmp}/dk.db", batch=4)
            out["Dask (LocalCluster, 2 workers) == 1 worker"] = records(f"sqlite:///{tmp}/dk.db") == ref
    return out


def _words(corpus: Path) -> int:
    return sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--words", type=int, default=1200)
    ap.add_argument("--same-records", type=int, default=16, help="articles for the 1/N/Dask check")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.measure:
        fn = _measure_plain if args.measure == "plain" else _measure_tocsin
        print(json.dumps(fn(Path(args.corpus), args.n)))
        return

    from _corpus import news_corpus

    print(f"machine: {os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
          f" (uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()})")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(news_corpus(args.articles, args.words)):
                fh.write(json.dumps({"id": f"b{i}", "text": text, "published": "2019-12-31"}) + "\n")
        words = _words(corpus)
        print(f"corpus: {args.articles} articles, {words} words ({words / args.articles:.0f} per article)\n")
        rows = []
        for mode, n in (("plain", 1), ("tocsin", 1), ("plain", 2), ("tocsin", 2)):
            r = _child(mode, corpus, n)
            r.update(mode=mode, n=n, aps=r["articles"] / r["elapsed"], wps=words / r["elapsed"])
            rows.append(r)
            rss = ", ".join(f"{k} {v:.0f} MB" for k, v in r["rss"].items() if v)
            label = "plain nlp.pipe" if mode == "plain" else "tocsin ingest "
            print(f"{label} x{n}: {r['elapsed']:6.1f} s  {r['wps']:7.0f} words/s  {r['aps']:5.2f} articles/s"
                  f"  peak RSS: {rss}",
                  flush=True)
        print()
        for n in (1, 2):
            plain = next(r for r in rows if r["mode"] == "plain" and r["n"] == n)
            ours = next(r for r in rows if r["mode"] == "tocsin" and r["n"] == n)
            print(f"ratio tocsin / plain parse, {n} process(es): {ours['aps'] / plain['aps']:.2f}x (wall)")
        p1 = next(r for r in rows if r["mode"] == "plain" and r["n"] == 1)
        t1 = next(r for r in rows if r["mode"] == "tocsin" and r["n"] == 1)
        if p1.get("cpu") and t1.get("cpu"):
            print(f"1 process, by CPU time (less sensitive to the machine's load): plain "
                  f"{words / p1['cpu']:.0f} words/s, tocsin {words / t1['cpu']:.0f} words/s "
                  f"({args.articles / t1['cpu']:.2f} articles/s per core); ratio {p1['cpu'] / t1['cpu']:.2f}x")
        best = max(r["aps"] for r in rows if r["mode"] == "tocsin")
        print(f"tocsin best: {best:.2f} articles/s (target >= 10); target ratio >= 2.0x; "
              f"target peak RSS <= 1024 MB per worker")
        sub = Path(tmp) / "same.jsonl"
        with sub.open("w", encoding="utf-8") as fh:
            for line in list(corpus.open(encoding="utf-8"))[: args.same_records]:
                fh.write(line)
        print("\nsame records:", json.dumps(_same_records(sub, not args.no_dask)))
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
