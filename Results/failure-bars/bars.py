"""Issue 21's failure bars, read from the report's report/failure-cost.csv (written by `tunebench report
Results/failure-bars --alpha 0.01`).

For every failing problem whose region is away from the optimum (`halfspace`, `ball`) and every optimizer, a cell
passes when
  - no complete run failed more than max(10%, twice the region's share) of its trials (`worst-run-share`), and
  - its final regret is not significantly worse than on the same instances without failures (`outcome` is not
    `worse` at the report's alpha, 0.01; and no run failed as a whole where the base's did not).
Regions touching or surrounding the optimum (`optimum`, `band`) are reported, not barred.

Usage: python3 bars.py [FOLDER]   (default: the folder of this script); prints the tables.
"""

import csv
import os
import sys
from collections import defaultdict

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(folder, "report", "failure-cost.csv"))))
optimizers = list(dict.fromkeys(r["optimizer"] for r in rows))


def passes(row):
    share = float(row["failure-share"])
    worst = float(row["worst-run-share"] or 0)
    rate_ok = worst <= max(0.10, 2 * share) + 1e-12
    regret_ok = row["outcome"] != "worse" and int(row["failed-runs"]) <= int(row["base-failed-runs"])
    return rate_ok, regret_ok


print("Away from the optimum (half-space and ball; 2%, 10%, 30%): cells passing each bar, of all cells")
print(f"{'optimizer':12s} {'rate bar':>9s} {'regret bar':>11s} {'both':>6s}  cells missing a bar")
for optimizer in optimizers:
    cells = [r for r in rows if r["optimizer"] == optimizer and r["failure"] in ("halfspace", "ball")]
    results = [(r, *passes(r)) for r in cells]
    rate = sum(ok for _, ok, _ in results)
    regret = sum(ok for _, _, ok in results)
    both = sum(a and b for _, a, b in results)
    misses = [
        f"{r['problem']} ({'rate ' + format(100 * float(r['worst-run-share'] or 0), '.0f') + '%' if not a else ''}"
        f"{' ' if not a and not b else ''}{'regret p=' + format(float(r['p']), '.2g') if not b else ''})"
        for r, a, b in results if not (a and b)
    ]
    print(f"{optimizer:12s} {rate:4d}/{len(cells):<4d} {regret:6d}/{len(cells):<4d} {both:3d}/{len(cells):<3d} "
          + "; ".join(misses))

print()
print("Touching (optimum, 10%) and surrounding (band) the optimum: failed share (worst run), regret outcome at alpha")
by_optimizer = defaultdict(list)
for r in rows:
    if r["failure"] in ("optimum", "band"):
        by_optimizer[r["optimizer"]].append(r)
for optimizer in optimizers:
    cells = by_optimizer[optimizer]
    worse = sum(r["outcome"] == "worse" for r in cells)
    mean_share = sum(float(r["failed-share"] or 0) for r in cells) / max(len(cells), 1)
    worst = max((float(r["worst-run-share"] or 0) for r in cells), default=0)
    print(f"{optimizer:12s} mean failed share {100 * mean_share:5.1f}%, worst run {100 * worst:5.1f}%, "
          f"regret worse on {worse} of {len(cells)}")
