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

Usage: python3 sklearn_agreement.py --bayesmark DATASET CASES

bayesmark 0.0.8's protocol on one of scikit-learn's data sets (iris, wine, breast, digits, diabetes): the hold-out of
train_test_split(X, y, test_size=0.2, random_state=0) and cross_val_score(model, X_train, y_train, cv=5, scoring=...)
(stratified 5-fold for a classifier, 5-fold for a regressor, unshuffled), as bayesmark's SklearnModel uses them. CASES
is a JSON file listing {"name", "model", "params", "scoring"} (scoring a scikit-learn scorer name such as "accuracy" or
"neg_mean_squared_error"). Prints {"train": [...], "test": [...], "folds": [...], "cases": {name: [fold scores]}}: the
row indices of the training and test parts, the fold of each training row, and each case's score on each fold.

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
    from sklearn.model_selection import StratifiedKFold, KFold, cross_val_score, train_test_split
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


def bayesmark(name, cases_path):
    """bayesmark's split and cross-validation (sklearn_funcs.py of bayesmark 0.0.8) on a loader's data."""
    from real_datasets import LOADERS  # beside this script: the loaders of Tunebench's real data sets

    x, y = LOADERS[name](return_X_y=True)
    rows = np.arange(len(y))
    train, test = train_test_split(rows, test_size=0.2, random_state=0, shuffle=True)
    regression = name == "diabetes"
    splitter = KFold(5) if regression else StratifiedKFold(5)
    folds = np.zeros(len(train), dtype=int)
    for fold, (_, validation) in enumerate(splitter.split(x[train], y[train])):
        folds[validation] = fold
    with open(cases_path) as file:
        cases = json.load(file)
    scores = {}
    for case in cases:
        model = estimator(case, None)
        # cv=5 as bayesmark passes it: check_cv picks the splitter above from the estimator's type.
        scores[case["name"]] = cross_val_score(model, x[train], y[train], scoring=case["scoring"], cv=5).tolist()
    json.dump({"train": train.tolist(), "test": test.tolist(), "folds": folds.tolist(), "cases": scores}, sys.stdout)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bayesmark":
        sys.exit(bayesmark(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    sys.exit(main(sys.argv[1]))
