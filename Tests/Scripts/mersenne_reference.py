#!/usr/bin/env python3
"""Prints the reference values of MersenneTwisterTests: NumPy's legacy RandomState draws.

Usage: python3 mersenne_reference.py
- RandomState(0): the first five 32-bit words (randint over [0, 2^32) draws one word each) and permutation(10);
- RandomState(0).permutation(1797): its first ten entries (the digits table's hold-out order in bayesmark);
- RandomState(12345).permutation(7).
"""
import numpy as np

rs = np.random.RandomState(0)
print("words(0)", [int(v) for v in rs.randint(0, 2**32, size=5, dtype=np.uint64)])
print("permutation(0, 10)", np.random.RandomState(0).permutation(10).tolist())
print("permutation(0, 1797)[:10]", np.random.RandomState(0).permutation(1797)[:10].tolist())
print("permutation(12345, 7)", np.random.RandomState(12345).permutation(7).tolist())
