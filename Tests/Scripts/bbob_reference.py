#!/usr/bin/env python3
"""COCO's bbob functions, through coco-experiment's cocoex.BareProblem, at the points of Tunebench's BBOB test.

Usage: python3 bbob_reference.py SPEC.json OUTPUT

SPEC.json is {"functions": [...], "dimensions": [...], "instances": [...], "points": n, "scales": [...],
"seed": s}. For every function f, then dimension d, then instance i (in that nesting order), the script builds
cocoex.BareProblem("bbob", f, d, i) and appends to OUTPUT, as little-endian float64 numbers:
d numbers best_parameter(), one number best_value(), then the n values at the points below.

The points come from a counter-based generator that BBOBAgreementTests.swift implements too, so that neither side
sends points (7 million of them) to the other:
- the stream of (f, d, i) starts from base = mix(s XOR (f << 40 | d << 32 | i)) and its m-th number (m = 0, 1, ...)
  is u_m = (mix(base + (m + 1) * 0x9E3779B97F4A7C15) >> 11) * 2^-53, all in 64-bit unsigned arithmetic, where mix
  is SplitMix64's finalizer (Steele, Lea and Flood 2014);
- point p, coordinate j uses u_{p d + j};
- the first n // 2 points are uniform in the box: x = 10 u - 5;
- the other points are near the optimum: point n // 2 + q is x = clip(x_opt + r (2 u - 1), -5, 5) with
  x_opt = best_parameter() and r = scales[q % len(scales)].
Every operation is a single IEEE 754 operation (no transcendental function), so both sides get the same doubles.

Exit status 0 on success, 2 when cocoex or NumPy is missing (with a message on stderr), 1 on any other error.
"""

import json
import sys

try:
    import numpy as np
    import cocoex
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"{error}; install it with 'pip install -r Tests/Scripts/requirements-bbob.txt'", file=sys.stderr)
    sys.exit(2)

GAMMA = np.uint64(0x9E3779B97F4A7C15)
MASK = (1 << 64) - 1


def mix(z):
    """SplitMix64's finalizer on a uint64 array."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniforms(seed, f, d, i, count):
    """The first `count` numbers of the stream of (f, d, i)."""
    key = (seed ^ ((f << 40) | (d << 32) | i)) & MASK
    base = mix(np.array([key], dtype=np.uint64))[0]
    counters = np.arange(1, count + 1, dtype=np.uint64)
    return (mix(base + counters * GAMMA) >> np.uint64(11)).astype(np.float64) * 2.0**-53


def points(seed, f, d, i, n, scales, xopt):
    u = uniforms(seed, f, d, i, n * d).reshape(n, d)
    x = np.empty((n, d))
    half = n // 2
    x[:half] = 10.0 * u[:half] - 5.0
    r = np.array([scales[q % len(scales)] for q in range(n - half)]).reshape(-1, 1)
    x[half:] = np.clip(xopt + r * (2.0 * u[half:] - 1.0), -5.0, 5.0)
    return x


def main(spec_path, output_path):
    with open(spec_path) as file:
        spec = json.load(file)
    n, scales, seed = spec["points"], spec["scales"], spec["seed"]
    with np.errstate(over="ignore"), open(output_path, "wb") as output:
        for f in spec["functions"]:
            for d in spec["dimensions"]:
                for i in spec["instances"]:
                    problem = cocoex.BareProblem("bbob", f, d, i)
                    xopt = np.asarray(problem.best_parameter(), dtype=np.float64)
                    values = np.asarray(problem(points(seed, f, d, i, n, scales, xopt)), dtype=np.float64)
                    record = np.concatenate([xopt, [problem.best_value()], values]).astype("<f8")
                    output.write(record.tobytes())
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    sys.exit(main(sys.argv[1], sys.argv[2]))
