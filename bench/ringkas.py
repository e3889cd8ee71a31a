"""The targets table: every `target_X=limit` in the result lines, next to the measured X.

`target_min_X` is a floor (X must be at least the limit), any other `target_X` a ceiling.
Usage: python bench/ringkas.py RESULTS_FILE   (standard library only)
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

IDENTITY = ("db", "server", "cache", "page", "call", "conns", "anchor")


def main(path: str) -> None:
    rows = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if " target_" not in raw:
            continue
        section, *pairs = shlex.split(raw)
        figures = dict(pair.split("=", 1) for pair in pairs if "=" in pair)
        measured = section + " " + " ".join(f"{k}={figures[k]}" for k in IDENTITY if k in figures)
        for key, limit in figures.items():
            if not key.startswith("target_"):
                continue
            name = key.removeprefix("target_")
            floor = name.startswith("min_")
            name = name.removeprefix("min_")
            bound = (">= " if floor else "<= ") + limit
            if name not in figures:  # a target whose figure the line does not carry: a bench bug, shown as such
                rows.append((measured, name, "-", bound, "NOT MEASURED"))
                continue
            value = float(figures[name])
            ok = value >= float(limit) if floor else value <= float(limit)
            rows.append((measured, name, figures[name], bound, "met" if ok else "MISSED"))
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)] if rows else [0] * 4
    print("targets:")
    for row in rows:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  " + row[4])
    missed = sum(r[4] != "met" for r in rows)
    print(f"summary targets={len(rows)} met={len(rows) - missed} missed={missed}")


if __name__ == "__main__":
    main(sys.argv[1])
