#!/usr/bin/env python3
"""Score an --audit output against the audit gold (fixtures/audit/<doc-stem>.jsonl).

    python3 eval/audit.py fixtures/audit AUDIT.jsonl [--errors N]

A predicted check matches a gold check of the same document when their kinds are equal,
they relate the same number of figures, and their figures pair one to one with overlapping
spans (roles are not compared: a share's part and whole, or a growth's base, are read off
the same spans). Checks are paired one to one, each gold check with the first unpaired
prediction that matches it. Reported: precision and recall of the relations per kind and
overall, and precision and recall of the `inconsistent` verdicts (a predicted inconsistent
check is right when it matches a gold check whose verdict is inconsistent).
"""
import argparse
import collections
import json
import os
import sys


def stem(doc):
    base = os.path.basename(doc)
    return base.rsplit(".", 1)[0] if "." in base else base


def spans_pair(gold, pred):
    """Whether the figures pair one to one with overlapping spans (small bipartite match)."""
    if len(gold) != len(pred):
        return False
    used = [False] * len(pred)

    def go(i):
        if i == len(gold):
            return True
        g = gold[i]
        for j, p in enumerate(pred):
            if not used[j] and p["start"] < g["end"] and g["start"] < p["end"]:
                used[j] = True
                if go(i + 1):
                    return True
                used[j] = False
        return False

    return go(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir")
    ap.add_argument("pred")
    ap.add_argument("--errors", type=int, default=0, help="list up to N misses and false checks")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()

    gold = collections.defaultdict(list)
    for name in sorted(os.listdir(a.gold_dir)):
        if name.endswith(".jsonl"):
            with open(os.path.join(a.gold_dir, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        gold[name[:-6]].append(json.loads(line))
    pred = collections.defaultdict(list)
    with open(a.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                if stem(p["doc"]) in gold:
                    pred[stem(p["doc"])].append(p)

    tp = collections.Counter()
    npred = collections.Counter()
    ngold = collections.Counter()
    inc = {"tp": 0, "pred": 0, "gold": 0}
    misses, false = [], []
    for doc in sorted(gold):
        gs, ps = gold[doc], pred.get(doc, [])
        taken = [False] * len(ps)
        for g in gs:
            ngold[g["check"]] += 1
            inc["gold"] += g["verdict"] == "inconsistent"
            hit = None
            for j, p in enumerate(ps):
                if not taken[j] and p["check"] == g["check"] and spans_pair(g["figures"], p["claims"]):
                    hit = j
                    break
            if hit is None:
                misses.append((doc, g))
                continue
            taken[hit] = True
            tp[g["check"]] += 1
            p = ps[hit]
            if p["verdict"] == "inconsistent" and g["verdict"] == "inconsistent":
                inc["tp"] += 1
        for j, p in enumerate(ps):
            npred[p["check"]] += 1
            inc["pred"] += p["verdict"] == "inconsistent"
            if not taken[j]:
                false.append((doc, p))

    def pr(t, np_, ng):
        return (t / np_ if np_ else 1.0), (t / ng if ng else 1.0)

    out = {"kinds": {}}
    print(f"{'check':10} {'gold':>5} {'pred':>5} {'match':>5} {'prec':>6} {'recall':>6}")
    for k in sorted(set(ngold) | set(npred)):
        p, r = pr(tp[k], npred[k], ngold[k])
        out["kinds"][k] = {"gold": ngold[k], "pred": npred[k], "match": tp[k], "precision": p, "recall": r}
        print(f"{k:10} {ngold[k]:5} {npred[k]:5} {tp[k]:5} {p:6.3f} {r:6.3f}")
    T, P, G = sum(tp.values()), sum(npred.values()), sum(ngold.values())
    p, r = pr(T, P, G)
    out["overall"] = {"gold": G, "pred": P, "match": T, "precision": p, "recall": r}
    print(f"{'overall':10} {G:5} {P:5} {T:5} {p:6.3f} {r:6.3f}")
    ip, ir = pr(inc["tp"], inc["pred"], inc["gold"])
    out["inconsistent"] = {**inc, "precision": ip, "recall": ir}
    print(f"inconsistent verdicts: gold {inc['gold']}, predicted {inc['pred']}, true {inc['tp']}: "
          f"precision {ip:.3f}, recall {ir:.3f}")
    if a.json:
        print(json.dumps(out))
    for what, rows in (("MISS", misses), ("FALSE", false)):
        for doc, c in rows[: a.errors]:
            figs = c.get("figures") or c.get("claims")
            print(what, doc, c["check"], c["verdict"], " ".join(f"{x['text']}@{x['start']}" for x in figs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
