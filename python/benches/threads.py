"""Two threads against one: how much the GIL's release buys (a measurement, not a test).

    python python/benches/threads.py [SEED_DIR]

Prints, for `extract` and `extract_table`, the time of two calls in one thread over the time
of the same two calls in two threads (best of 3), next to hashlib's (which releases the GIL
on large inputs) as a reference of what the machine gives now.
"""

import hashlib
import pathlib
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import press_stats

BLOB = bytes(range(256)) * (1 << 17)


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def speedup(work):
    work()
    one = best_of(3, lambda: [work() for _ in range(2)])
    with ThreadPoolExecutor(2) as pool:
        two = best_of(3, lambda: list(pool.map(lambda _: work(), range(2))))
    return one / two


def main():
    seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/seeds")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    extractor = press_stats.Extractor()
    text = "\n".join(texts) * 10
    print(f"hashlib        2 threads vs 1: {speedup(lambda: [hashlib.sha256(BLOB).digest() for _ in range(8)]):.2f}x")
    print(f"extract        2 threads vs 1: {speedup(lambda: extractor.extract(text)):.2f}x")
    print(f"extract_table  2 threads vs 1: {speedup(lambda: extractor.extract_table(texts * 10)):.2f}x")


if __name__ == "__main__":
    main()
