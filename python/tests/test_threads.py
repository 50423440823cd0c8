"""The extractor releases the GIL: two threads extract faster than one."""

import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

# A reference that is known to run in parallel: hashlib releases the GIL on large inputs.
BLOB = bytes(range(256)) * (1 << 17)


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def speedup(work):
    """The same work (two calls) in one thread and in two: the time ratio, best of runs."""
    work()
    one = best_of(3, lambda: [work() for _ in range(2)])
    with ThreadPoolExecutor(2) as pool:
        two = best_of(3, lambda: list(pool.map(lambda _: work(), range(2))))
    return one / two


def assert_faster(work, label):
    # A shared machine may be busy during one measurement: a few tries, the best counts.
    ratios, reference = [], []
    for _ in range(4):
        ratios.append(speedup(work))
        if ratios[-1] > 1.3:
            break
        reference.append(speedup(lambda: [hashlib.sha256(BLOB).digest() for _ in range(8)]))
    print(f"{label}, 2 threads vs 1: {max(ratios):.2f}x")
    if max(ratios) <= 1.3 and max(reference) <= 1.3:
        # Not two free cores now: even code known to run in parallel did not speed up.
        pytest.skip(f"no two free cores (reference {max(reference):.2f}x, ours {max(ratios):.2f}x)")
    # Held, the GIL keeps two threads at 1.0x or below; a busy machine takes some of the
    # second core, so anything clearly above that shows the GIL released.
    assert max(ratios) > 1.15, (ratios, reference)


def larger_text(seed_paths, times=10):
    # The seed articles (80 kB) several times over: tens of milliseconds of work a call.
    return "\n".join(p.read_text(encoding="utf-8") for p in seed_paths) * times


def test_python_runs_while_extracting(extractor, seed_paths):
    text = larger_text(seed_paths, times=40)
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    extractor.extract(text)
    t.start()
    time.sleep(0.01)
    before, start = ticks, time.perf_counter()
    extractor.extract(text)  # a held GIL would stop the counter for the whole call
    after, took = ticks, time.perf_counter() - start
    done.set()
    t.join()
    # About one tick a millisecond while the call runs; none at all with the GIL held.
    assert took < 0.02 or after - before > 3, (after - before, took)


def test_two_threads_extract_faster_than_one(extractor, seed_paths):
    text = larger_text(seed_paths)
    assert_faster(lambda: extractor.extract(text), "extract")


def test_two_threads_build_tables_faster_than_one(extractor, seed_paths):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths] * 10
    assert_faster(lambda: extractor.extract_table(texts), "extract_table")
