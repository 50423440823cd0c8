#!/usr/bin/env python3
"""Anchor an audit draft (figures given by ctx + text) to char offsets.

Usage: audit_gold.py DOC DRAFT OUT
DOC is the document's text (UTF-8); DRAFT has one check a line (see AUDIT_ANNOTATE.md);
OUT gets the same checks with each figure's `start` and `end` (char offsets into DOC)
instead of `ctx`/`nth`. Errors name the line and the figure, and nothing is written.
"""
import json
import sys

CHECKS = {"parts", "structure", "growth", "share", "conflict"}
ROLES = {
    "parts": {"total", "part"},
    "structure": {"part"},
    "growth": {"value", "rate", "increase", "base", "points"},
    "share": {"part", "whole", "share"},
    "conflict": {"a", "b"},
}


def anchor(text, fig):
    ctx, surface = fig.get("ctx"), fig.get("text")
    if not ctx or not surface:
        return None, "needs ctx and text"
    at = text.find(ctx)
    if at < 0:
        return None, f"ctx {ctx!r} not in the document"
    if text.find(ctx, at + 1) >= 0:
        return None, f"ctx {ctx!r} occurs more than once"
    nth = fig.get("nth", 0)
    pos = -1
    for _ in range(nth + 1):
        pos = ctx.find(surface, pos + 1)
        if pos < 0:
            return None, f"text {surface!r} (nth {nth}) not in ctx {ctx!r}"
    return at + pos, None


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    doc, draft, out = sys.argv[1:]
    with open(doc, encoding="utf-8-sig", newline=None) as f:
        text = f.read()
    name = doc.rsplit("/", 1)[-1]
    errors, rows = [], []
    with open(draft, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: not JSON: {e}")
                continue
            check = row.get("check")
            if check not in CHECKS:
                errors.append(f"line {n}: check {check!r} is not one of {sorted(CHECKS)}")
                continue
            if row.get("verdict") not in ("consistent", "inconsistent"):
                errors.append(f"line {n}: verdict must be consistent or inconsistent")
            if check == "parts" and not isinstance(row.get("complete"), bool):
                errors.append(f"line {n}: parts needs complete: true or false")
            figures = []
            for i, fig in enumerate(row.get("figures", [])):
                if fig.get("role") not in ROLES[check]:
                    errors.append(f"line {n} figure {i}: role {fig.get('role')!r} not in {sorted(ROLES[check])}")
                start, err = anchor(text, fig)
                if err:
                    errors.append(f"line {n} figure {i}: {err}")
                    continue
                figures.append({"role": fig["role"], "start": start,
                                "end": start + len(fig["text"]), "text": fig["text"]})
            if len(figures) < 2:
                errors.append(f"line {n}: a check relates two figures or more")
            rows.append({"doc": name, "check": check, "verdict": row.get("verdict"),
                         "complete": row.get("complete") if check == "parts" else None,
                         "figures": figures, "note": row.get("note", "")})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    rows.sort(key=lambda r: min(f["start"] for f in r["figures"]))
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} checks written to {out}")


if __name__ == "__main__":
    main()
