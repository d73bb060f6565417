#!/usr/bin/env python3
"""The real data sets that Tunebench ships (Sources/TunebenchProblems/Learning/Data/Real/), from scikit-learn.

Usage (from the repository root, with scikit-learn):

    python3 Tests/Scripts/real_datasets.py write     # writes RealDataset+NAME.swift, one per data set
    python3 Tests/Scripts/real_datasets.py print NAME  # the data set as CSV, for RealDatasetTests

Each data set is what ``sklearn.datasets.load_NAME(return_X_y=True)`` returns (diabetes with its default scaling),
as comma-separated values, one row per line: the features, then the target, every number in Python's shortest
round-trip form (``repr``), which Swift's ``Double(String)`` reads back bit for bit.
"""

import os
import sys

import numpy as np
from sklearn import datasets

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.join(HERE, os.pardir, os.pardir, "Sources", "TunebenchProblems", "Learning", "Data", "Real")
LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "diabetes": datasets.load_diabetes,
}


def number(x: float) -> str:
    """Python's shortest round-trip form, integral values without a fraction (``3`` for 3.0)."""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def csv(name: str) -> str:
    X, y = LOADERS[name](return_X_y=True)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return "".join(",".join(number(v) for v in list(row) + [target]) + "\n" for row, target in zip(X, y))


def write() -> None:
    import sklearn

    for name in LOADERS:
        path = os.path.join(FOLDER, "RealDataset+{}.swift".format(name.capitalize()))
        with open(path, "w") as f:
            f.write("// Written by Tests/Scripts/real_datasets.py from scikit-learn {}'s load_{}: do not edit.\n".format(
                sklearn.__version__, {"breast": "breast_cancer"}.get(name, name)))
            f.write("extension RealDataset {\n")
            f.write("    /// The rows of `{}`: the features, then the target.\n".format(name))
            f.write("    static let {}Rows = \"\"\"\n".format(name))
            f.write(csv(name))
            f.write("\"\"\"\n}\n")
        print(path, os.path.getsize(path))


def main() -> int:
    if sys.argv[1:] == ["write"]:
        write()
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "print" and sys.argv[2] in LOADERS:
        sys.stdout.write(csv(sys.argv[2]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
