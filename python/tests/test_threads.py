"""The extractor releases the GIL: Python threads run while it extracts.

How much faster two threads are than one is a measurement, not a test:
`python python/benches/threads.py`.
"""

import threading
import time


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
