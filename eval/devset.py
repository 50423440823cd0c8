#!/usr/bin/env python3
"""Score a press-stats binary on the development set, per document and per genre.

usage: devset.py [--bin PATH] [--dev DIR] [--markdown] [--keep OUT.jsonl]

DIR (default fixtures/dev) holds texts/<name>.txt and gold/<name>.jsonl with
gold/<name>.meta.json. The documents' dates, titles, regions and publishers
are given to the binary with --meta, as a researcher who knows them would.
Prints claims F1, department and date accuracy for each document and genre.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as scorer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/press-stats")
    ap.add_argument("--dev", default="fixtures/dev")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--keep", metavar="OUT")
    ap.add_argument("--no-meta", action="store_true", help="run without --meta")
    a = ap.parse_args()
    gold_dir = os.path.join(a.dev, "gold")
    metas = {}
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".meta.json"):
            with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
                m = json.load(f)
            stem = name[: -len(".meta.json")]
            if os.path.exists(os.path.join(gold_dir, stem + ".jsonl")):
                metas[stem] = m
    with tempfile.TemporaryDirectory() as tmp:
        texts = os.path.join(tmp, "texts")
        os.mkdir(texts)
        for stem in metas:
            os.symlink(os.path.abspath(os.path.join(a.dev, "texts", stem + ".txt")),
                       os.path.join(texts, stem + ".txt"))
        meta_path = os.path.join(tmp, "meta.jsonl")
        with open(meta_path, "w", encoding="utf-8") as f:
            for stem, m in metas.items():
                row = {"doc": stem + ".txt"}
                for k in ("date", "title", "region", "publisher"):
                    row[k] = m.get(k)
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        out = a.keep or os.path.join(tmp, "pred.jsonl")
        cmd = [a.bin, texts, "-o", out]
        if not a.no_meta:
            cmd += ["--meta", meta_path]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"{a.bin} failed: {r.stderr[-2000:]}")
        preds = scorer.load_jsonl(out)
        rows, by_genre = [], defaultdict(lambda: defaultdict(float))
        for stem, m in metas.items():
            one = os.path.join(tmp, "one_" + stem)
            os.mkdir(one)
            os.symlink(os.path.abspath(os.path.join(gold_dir, stem + ".jsonl")),
                       os.path.join(one, stem + ".jsonl"))
            pp = os.path.join(tmp, stem + ".pred.jsonl")
            with open(pp, "w", encoding="utf-8") as f:
                for c in preds:
                    if scorer.doc_key(c.get("doc")) == stem:
                        f.write(json.dumps(c, ensure_ascii=False) + "\n")
            res, _ = scorer.score(one, pp)
            c = res["counts"]
            at = res["attributes"]
            n = res["matched"]
            rows.append((stem, m.get("genre"), c["tp"] + c["fn"], res["claims_value"]["f1"],
                         at["department"], at["date"], n))
            g = by_genre[m.get("genre")]
            for k in ("tp", "fp", "fn"):
                g[k] += c[k]
                by_genre["all"][k] += c[k]
            for k in ("department", "date"):
                g[k] += at[k] * n
                by_genre["all"][k] += at[k] * n
            g["n"] += n
            by_genre["all"]["n"] += n
            g["docs"] += 1
            by_genre["all"]["docs"] += 1
    if a.markdown:
        print("| document | genre | gold claims | F1 | department | date |")
        print("|---|---|---|---|---|---|")
    for stem, genre, ng, f1, dep, date, _ in rows:
        if a.markdown:
            print(f"| {stem} | {genre} | {ng} | {f1:.3f} | {dep:.3f} | {date:.3f} |")
        else:
            print(f"{stem:34s} {genre:10s} gold {ng:4d}  F1 {f1:.3f}  dept {dep:.3f}  date {date:.3f}")
    print()
    for genre, g in sorted(by_genre.items(), key=lambda kv: kv[0] == "all"):
        p, r, f1 = scorer.prf(g["tp"], g["fp"], g["fn"])
        n = g["n"] or 1
        print(f"{genre:10s} docs {int(g['docs']):2d}  claims P {p:.3f} R {r:.3f} F1 {f1:.3f}"
              f"  dept {g['department'] / n:.3f}  date {g['date'] / n:.3f}")


if __name__ == "__main__":
    main()
