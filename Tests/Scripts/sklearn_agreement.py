#!/usr/bin/env python3
"""Fits scikit-learn's counterparts of Tunebench's learners on a split exported by Tunebench's tests.

Usage: python3 sklearn_agreement.py DIR

DIR holds train.csv and validation.csv (header x0,...,x{d-1},y; Dataset.csv() writes numbers in shortest
round-trip form, so they load as the same doubles) and cases.json, a list of
{"name": ..., "model": "knn" | "random-forest" | "logreg" | "ridge", "params": {...}, "random_states": [...]} whose params
are the estimator's keyword arguments. For each case and each random state (a random forest visits features in a random
order, which breaks ties between equally good splits; a case without "random_states" is fitted once) the script
fits the estimator on the training rows, and prints, as one JSON object on stdout,
{name: [{"probabilities": [[...], ...], "log_loss": ...}, ...]}, one entry per random state, for the validation
rows. The log-loss is computed as Tunebench's LearningLoss does (probability of the true class clipped to
[1e-15, 1 - 1e-15], mean of -ln). A regression case ("ridge") gives {"predictions": [...], "mse": ...} instead.

Exit status 0 on success, 2 when scikit-learn is missing (with a message on stderr), 1 on any other error.
"""

import json
import os
import sys

try:
    import numpy as np
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.neighbors import KNeighborsClassifier
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"scikit-learn is not available: {error}; install it with 'pip install scikit-learn'", file=sys.stderr)
    sys.exit(2)


REGRESSION = {"ridge"}


def load(path):
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return table[:, :-1], table[:, -1]


def estimator(case, random_state):
    params = dict(case["params"])
    if random_state is not None:
        params["random_state"] = random_state
    if case["model"] == "knn":
        return KNeighborsClassifier(algorithm="brute", **params)
    if case["model"] == "random-forest":
        return RandomForestClassifier(**params)
    if case["model"] == "ridge":
        return Ridge(**params)
    if case["model"] == "logreg":
        return LogisticRegression(**params)
    raise ValueError(f"unknown model {case['model']!r} in case {case['name']!r}")


def main(folder):
    x_train, y_train = load(os.path.join(folder, "train.csv"))
    x_validation, y_validation = load(os.path.join(folder, "validation.csv"))
    with open(os.path.join(folder, "cases.json")) as file:
        cases = json.load(file)
    results = {}
    for case in cases:
        results[case["name"]] = []
        if case["model"] in REGRESSION:
            model = estimator(case, None).fit(x_train, y_train)
            predictions = model.predict(x_validation)
            mse = float(np.mean((predictions - y_validation) ** 2))
            results[case["name"]].append({"predictions": predictions.tolist(), "mse": mse})
            continue
        labels, validation_labels = y_train.astype(int), y_validation.astype(int)
        classes = int(max(labels.max(), validation_labels.max())) + 1
        for random_state in case.get("random_states", [None]):
            model = estimator(case, random_state).fit(x_train, labels)
            # Columns follow model.classes_; spread them onto every class index seen in either part.
            full = np.zeros((len(x_validation), classes))
            full[:, model.classes_] = model.predict_proba(x_validation)
            true = np.clip(full[np.arange(len(validation_labels)), validation_labels], 1e-15, 1 - 1e-15)
            results[case["name"]].append({"probabilities": full.tolist(), "log_loss": float(-np.mean(np.log(true)))})
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    sys.exit(main(sys.argv[1]))
