"""Throughput of Extractor.extract_table against the CLI on the same files, one thread each.

    python python/benches/throughput.py FOLDER [--bin target/release/press-stats] [--runs 3]

Runs the CLI (`-j 1`, JSON Lines to a temporary file; its time includes starting up and
reading the files) and extract_table over the texts of the same files, read with read_path
(timed apart), alternating, and prints the best time of each and their ratios.
"""

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import press_stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--bin", default="target/release/press-stats")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    paths = sorted(p for p in args.folder.rglob("*") if p.suffix == ".txt")
    docs = [str(p.relative_to(args.folder)) for p in paths]
    ex = press_stats.Extractor()

    cli, py, read_py, rows = [], [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "claims.jsonl")
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([args.bin, str(args.folder), "-j", "1", "-o", out], check=True,
                           capture_output=True)
            cli.append(time.perf_counter() - t)
            t = time.perf_counter()
            texts = [press_stats.read_path(p).text for p in paths]
            read = time.perf_counter()
            rows = ex.extract_table(texts, docs=docs).num_rows
            py.append(time.perf_counter() - read)
            read_py.append(time.perf_counter() - t)
        with open(out, encoding="utf-8") as f:
            cli_rows = sum(1 for _ in f)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(paths)} files, {mb:.1f} MB, {rows} claims (CLI {cli_rows})")
    print(f"CLI -j 1:      best {min(cli):.2f} s  ({mb / min(cli):.2f} MB/s)")
    print(f"extract_table: best {min(py):.2f} s  ({mb / min(py):.2f} MB/s)")
    print(f"read_path + extract_table: best {min(read_py):.2f} s")
    print(f"extract_table time / CLI time: {min(py) / min(cli):.2f}"
          f" (with read_path: {min(read_py) / min(cli):.2f})")


if __name__ == "__main__":
    main()
