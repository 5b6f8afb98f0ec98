"""Bounded load test of the REST API on loopback: N concurrent clients for T seconds.

    .venv/bin/python benchmarks/load.py [--clients 16] [--seconds 60] [--db sqlite:///tocsin.db]

Starts `tocsin serve` on a free 127.0.0.1 port over the given store (default: a temporary copy
of the bundled examples), then each client loops over a mix of requests: POST /extract with a
short article and GET /events with varied filters. Traffic goes only to 127.0.0.1 and stops by
itself. Prints requests, errors (non-2xx or transport), throughput and p50/p95/p99 latency per
endpoint.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("BAGHDAD (Tigris Wire) - Rockets struck near a base outside Kirkuk on Friday, killing one "
           "contractor, officials said. \u201cWe will respond,\u201d a spokesman said on Saturday.")
QUERIES = [{}, {"type": "ASSAULT"}, {"country": "IQ"}, {"actor": "USA"}, {"since": "2020-01-01"},
           {"text": "embassy"}, {"modality": "claimed"}, {"bbox": "38,29,49,38"}, {"limit": 5, "offset": 5}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("server did not come up")


def client(url: str, stop: float, n: int, results: list, lock: threading.Lock) -> None:
    i = n
    with httpx.Client(base_url=url, timeout=60) as c:
        while time.monotonic() < stop:
            i += 1
            if i % 4 == 0:
                name, send = "POST /extract", lambda: c.post("/extract", json={"text": ARTICLE, "published": "2019-12-28"})
            else:
                q = QUERIES[i % len(QUERIES)]
                name, send = "GET /events", lambda: c.get("/events", params=q)
            t0 = time.perf_counter()
            try:
                ok = 200 <= send().status_code < 300
            except httpx.HTTPError:
                ok = False
            with lock:
                results.append((name, time.perf_counter() - t0, ok))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", default=None, help="store URL (default: the bundled examples in a temporary store)")
    args = ap.parse_args()
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 600:
        raise SystemExit("--clients 1..256 and --seconds 1..600")
    tmp = tempfile.mkdtemp(prefix="tocsin-load-")
    db = args.db
    tocsin = [sys.executable, "-m", "tocsin"]
    if db is None:
        db = f"sqlite:///{tmp}/load.db"
        subprocess.run(tocsin + ["ingest", str(ROOT / "examples" / "articles"), "--db", db], check=True,
                       stderr=subprocess.DEVNULL)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(tocsin + ["serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        wait_up(url, proc)
        httpx.post(url + "/extract", json={"text": ARTICLE}, timeout=120)  # warm the model
        results: list = []
        lock = threading.Lock()
        start = time.monotonic()
        stop = start + args.seconds
        threads = [threading.Thread(target=client, args=(url, stop, n, results, lock)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    errors = sum(1 for _, _, ok in results if not ok)
    print(f"clients {args.clients}, {elapsed:.0f} s, requests {len(results)}, errors {errors}, "
          f"throughput {len(results) / elapsed:.1f} req/s  (loadavg {os.getloadavg()[0]:.1f})")
    for name in sorted({r[0] for r in results}):
        lat = [d * 1000 for n, d, _ in results if n == name]
        errs = sum(1 for n, _, ok in results if n == name and not ok)
        print(f"  {name:<14} n {len(lat):>6}  errors {errs}  {len(lat) / elapsed:6.1f} req/s  "
              f"p50 {statistics.median(lat):7.1f} ms  p95 {pct(lat, 95):7.1f} ms  p99 {pct(lat, 99):7.1f} ms")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
