"""Emulates scikit-optimize's benchmarks/bench_branin.py and bench_hart6.py for dummy_minimize.

Two ways: (a) the 2017 dummy_minimize (commit fc3f4e8): X = space.rvs(n_calls, RandomState(rs)), which draws
one column per dimension, uniform(low, high-low) via scipy's uniform.rvs (= low + scale * random_sample);
(b) today's installed skopt.dummy_minimize. Table statistics as in the scripts: np.mean/np.std (ddof 0) of
res.fun over random_state in range(n_runs), and argmin of np.round(func_vals, 3) + 1.
"""
import sys
import numpy as np
import scipy.stats
from skopt.benchmarks import branin, hart6

def old_dummy(func, bounds, n_calls, rs):
    rng = np.random.RandomState(rs)
    cols = []
    for lo, hi in bounds:
        scale = np.nextafter(hi - lo, hi - lo + 1)  # _uniform_inclusive
        cols.append(scipy.stats.uniform(lo, scale).rvs(size=n_calls, random_state=rng))
    X = np.column_stack(cols)
    return np.array([func(x) for x in X])

def table(name, func, bounds, n_calls, n_runs, new=False):
    funs, calls = [], []
    for rs in range(n_runs):
        if new:
            from skopt import dummy_minimize
            y = np.array(dummy_minimize(func, bounds, random_state=rs, n_calls=n_calls).func_vals)
        else:
            y = old_dummy(func, bounds, n_calls, rs)
        funs.append(y.min())
        calls.append(np.argmin(np.round(y, 3)) + 1)
    print("%-8s %-4s n_calls=%3d n_runs=%2d: %.3f +/- %.3f | best %.3f | f_calls %.1f %.3f %d" % (
        name, "new" if new else "2017", n_calls, n_runs, np.mean(funs), np.std(funs), np.min(funs),
        np.mean(calls), np.std(calls), np.min(calls)))

bb = [(-5.0, 10.0), (0.0, 15.0)]
hb = [(0.0, 1.0)] * 6
for new in (False, True):
    for n_calls, n_runs in [(50, 5), (50, 10), (200, 5), (200, 10)]:
        table("branin", branin, bb, n_calls, n_runs, new)
    for n_calls, n_runs in [(200, 10), (50, 5)]:
        table("hart6", hart6, hb, n_calls, n_runs, new)
