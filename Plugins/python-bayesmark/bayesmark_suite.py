"""bayesmark's scikit-learn tuning problems: models, search spaces, data sets, split, cross-validation, metrics.

This module is the objective of every ``bayesmark-*`` plugin and of ``Tests/Scripts/bayesmark_agreement.py``;
it imports only NumPy and scikit-learn (not ``kurobako``), so that it runs in the environment bayesmark 0.0.8
itself runs in (NumPy 1.26, scikit-learn 1.1.3) as well as on today's libraries.

The facts below are bayesmark 0.0.8's (Uber, github.com/uber/bayesmark; ``bayesmark/sklearn_funcs.py``,
``data.py``, ``constants.py``, ``space.py``), restated:

- 9 models x 6 data sets x 2 metrics = 108 problems; classification data sets (breast, digits, iris, wine) take
  the metrics ``nll`` (log-loss) and ``acc`` (minus the accuracy), regression ones (boston, diabetes) ``mae`` and
  ``mse``; every model exists as a classifier and as a regressor (``sklearn_funcs.py`` MODELS_CLF, MODELS_REG).
- The data come from scikit-learn's loaders unscaled (``data.py`` DATA_LOADERS, ``load_*(return_X_y=True)``);
  Boston, removed from scikit-learn 1.2, from the copy of its file in ``data/`` (see README.md).
- One split: ``train_test_split(X, y, test_size=0.2, random_state=0, shuffle=True)``, not stratified
  (``SklearnModel.__init__``, shuffle_seed 0); the objective is minus the mean of ``cross_val_score(model,
  X_train, y_train, scoring=SCORER, cv=5)`` (``SklearnModel.evaluate``, CV_SPLITS = 5): stratified unshuffled
  folds for classifiers, plain unshuffled folds for regressors (scikit-learn's ``check_cv``).
- No model gets a ``random_state``: they draw from NumPy's global generator, which bayesmark seeds once per study.
  Here it is seeded before every evaluation (``evaluate(..., seed=s)``), so that a configuration and a seed give one
  value.
- bayesmark's evaluation also refits on the whole training part and scores the held-out 20% (its
  ``generalization`` objective, which optimizers never see); that is left out here. The cross-validation loss, the
  value bayesmark's optimizers see and its leaderboard scores, is computed first and does not depend on it, except
  that in a bayesmark study a refit that raises makes the whole evaluation inf.

On scikit-learn versions that removed what bayesmark uses (see ``Adaptations``), the closest estimator is used and
README.md says which values differ and why.
"""

import math
import os
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.ensemble import AdaBoostClassifier, AdaBoostRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.svm import SVC, SVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

DATA_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

# ---------------------------------------------------------------------------------------------------------------
# Search spaces
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One hyperparameter as bayesmark declares it: ``kind`` real, int or bool; ``warp`` linear, log or logit.

    The protocol sees a logit-warped real as a real on ``[logit(low), logit(high)]`` (uniform there, as bayesmark's
    optimizers see it) and a bool as the integers 0 and 1; ``value`` maps a protocol value back.
    """

    name: str
    kind: str
    low: float = 0.0
    high: float = 1.0
    warp: str = "linear"

    def value(self, x: float) -> Any:
        """The estimator argument for protocol value ``x``: the inverse logit (``1 / (1 + e^-x)``) of a logit real,
        clipped to ``[low, high]`` as bayesmark's ``Space.unwarp`` clips; an int as it is; 1 is ``True``."""
        if self.kind == "bool":
            return bool(int(round(x)))
        if self.kind == "int":
            return int(round(x))
        if self.warp == "logit":
            x = 1.0 / (1.0 + math.exp(-x))
        return float(min(max(x, self.low), self.high))


def _real(name: str, low: float, high: float, warp: str = "linear") -> Parameter:
    return Parameter(name, "real", low, high, warp)


def _int(name: str, low: int, high: int, warp: str = "linear") -> Parameter:
    return Parameter(name, "int", low, high, warp)


def _bool(name: str) -> Parameter:
    return Parameter(name, "bool")


# bayesmark 0.0.8 sklearn_funcs.py: the api_config of each model (ranges, types, warps).
_TREE = [
    _int("max_depth", 1, 15),
    _real("min_samples_split", 0.01, 0.99, "logit"),
    _real("min_samples_leaf", 0.01, 0.49, "logit"),
    _real("min_weight_fraction_leaf", 0.01, 0.49, "logit"),
    _real("max_features", 0.01, 0.99, "logit"),
    _real("min_impurity_decrease", 0.0, 0.5),
]
_MLP_COMMON = [
    _int("hidden_layer_sizes", 50, 200),
    _real("alpha", 1e-5, 1e1, "log"),
    _int("batch_size", 10, 250),
    _real("learning_rate_init", 1e-5, 1e-1, "log"),
    _real("tol", 1e-5, 1e-1, "log"),
    _real("validation_fraction", 0.1, 0.9, "logit"),
]
SPACES: Dict[str, List[Parameter]] = {
    "kNN": [_int("n_neighbors", 1, 25), _int("p", 1, 4)],
    "SVM": [_real("C", 1.0, 1e3, "log"), _real("gamma", 1e-4, 1e-3, "log"), _real("tol", 1e-5, 1e-1, "log")],
    "DT": _TREE,
    "RF": _TREE,
    "MLP-adam": _MLP_COMMON
    + [
        _real("beta_1", 0.5, 0.99, "logit"),
        _real("beta_2", 0.9, 1.0 - 1e-6, "logit"),
        _real("epsilon", 1e-9, 1e-6, "log"),
    ],
    "MLP-sgd": _MLP_COMMON
    + [_real("power_t", 0.1, 0.9, "logit"), _real("momentum", 0.001, 0.999, "logit")],
    "ada": [_int("n_estimators", 10, 100), _real("learning_rate", 1e-4, 1e1, "log")],
}
_LINEAR_CLASSIFIER = [_real("C", 1e-2, 1e2, "log"), _real("intercept_scaling", 1e-2, 1e2, "log")]
# The linear models' spaces differ between their classifier (logistic regression) and regressor (Lasso, Ridge).
SPACES_BY_TYPE: Dict[Tuple[str, str], List[Parameter]] = {
    ("lasso", "clf"): _LINEAR_CLASSIFIER,
    ("linear", "clf"): _LINEAR_CLASSIFIER,
    ("lasso", "reg"): [
        _real("alpha", 1e-2, 1e2, "log"),
        _bool("fit_intercept"),
        _bool("normalize"),
        _int("max_iter", 10, 5000, "log"),
        _real("tol", 1e-5, 1e-1, "log"),
        _bool("positive"),
    ],
    ("linear", "reg"): [
        _real("alpha", 1e-2, 1e2, "log"),
        _bool("fit_intercept"),
        _bool("normalize"),
        _int("max_iter", 10, 5000, "log"),
        _real("tol", 1e-4, 1e-1, "log"),
    ],
}

MODELS = ["kNN", "SVM", "DT", "RF", "MLP-adam", "MLP-sgd", "ada", "lasso", "linear"]
DATASETS = {"breast": "clf", "digits": "clf", "iris": "clf", "wine": "clf", "boston": "reg", "diabetes": "reg"}
METRICS = {"clf": ["nll", "acc"], "reg": ["mae", "mse"]}
# bayesmark's metrics as scikit-learn scorers; the loss is minus the score (so "acc" is minus the accuracy).
SCORERS = {"nll": "neg_log_loss", "acc": "accuracy", "mae": "neg_mean_absolute_error", "mse": "neg_mean_squared_error"}


def space(model: str, dataset: str) -> List[Parameter]:
    """The parameters of ``model`` on ``dataset``, sorted by name as bayesmark's ``JointSpace`` orders them."""
    kind = DATASETS[dataset]
    parameters = SPACES_BY_TYPE.get((model, kind)) or SPACES[model]
    return sorted(parameters, key=lambda p: p.name)


def problems() -> List[Tuple[str, str, str]]:
    """Every (model, dataset, metric), in bayesmark's launcher order (model, data set, metric)."""
    return [(m, d, metric) for m in MODELS for d in DATASETS for metric in METRICS[DATASETS[d]]]


def problem_name(model: str, dataset: str, metric: str) -> str:
    """The registry name: ``bayesmark-rf-digits-nll`` (bayesmark's own is ``RF_digits_nll``)."""
    return "bayesmark-{}-{}-{}".format(model.lower(), dataset, metric)


# ---------------------------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------------------------


class Adaptations:
    """What this scikit-learn still has of what bayesmark 0.0.8 uses (it was written for 0.2x-1.1).

    - ``normalize`` of Lasso and Ridge (removed in 1.2);
    - ``multi_class="ovr"`` of LogisticRegression (deprecated in 1.5, removed in 1.8; ``penalty`` deprecated in 1.8);
    - AdaBoostClassifier's default ``algorithm="SAMME.R"`` (deprecated in 1.4, gone from 1.6, leaving SAMME; the
      ``algorithm`` parameter itself stayed a few versions longer, so the version decides).
    """

    normalize = "normalize" in Lasso().get_params()
    multi_class = "multi_class" in LogisticRegression().get_params()
    samme_r = tuple(int(v) for v in sklearn.__version__.split(".")[:2]) < (1, 6)


class NormalizedLinear(sklearn.base.RegressorMixin, sklearn.base.BaseEstimator):
    """Lasso or Ridge with scikit-learn 1.1's ``normalize=True`` on a scikit-learn without it.

    With ``fit_intercept`` and ``normalize``, scikit-learn 1.1 centred each column and divided it by its centred L2
    norm, ``s_j sqrt(n)`` for standard deviation ``s_j`` and ``n`` rows; on standardised columns the same fit has
    Ridge's penalty ``alpha n`` and Lasso's ``alpha sqrt(n)`` (Ridge minimises ``|y - Xw|^2 + alpha |w|^2``, Lasso
    ``|y - Xw|^2 / (2n) + alpha |w|_1``). Without ``fit_intercept``, ``normalize`` had no effect.
    """

    def __init__(self, kind="ridge", alpha=1.0, fit_intercept=True, normalize=False, max_iter=1000, tol=1e-4,
                 positive=False):
        self.kind = kind
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.normalize = normalize
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        n = X.shape[0]
        self.scale_ = self.fit_intercept and self.normalize
        alpha = self.alpha
        if self.scale_:
            self.mean_ = X.mean(axis=0)
            self.std_ = X.std(axis=0)
            self.std_[self.std_ == 0] = 1.0
            X = (X - self.mean_) / self.std_
            alpha = alpha * (n if self.kind == "ridge" else math.sqrt(n))
        if self.kind == "ridge":
            self.model_ = Ridge(alpha=alpha, fit_intercept=self.fit_intercept, max_iter=self.max_iter, tol=self.tol)
        else:
            self.model_ = Lasso(alpha=alpha, fit_intercept=self.fit_intercept, max_iter=self.max_iter, tol=self.tol,
                                positive=self.positive)
        self.model_.fit(X, y)
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        if self.scale_:
            X = (X - self.mean_) / self.std_
        return self.model_.predict(X)


def _linear_classifier(penalty: str, arguments: Dict[str, Any]) -> Any:
    """bayesmark's ``LogisticRegression(penalty=P, fit_intercept=True, solver="liblinear", multi_class="ovr")``.

    Without ``multi_class``: liblinear fits one-vs-rest itself for more than two classes in scikit-learn 1.1, and
    refuses them from 1.7 on, so ``OneVsRestClassifier`` fits the binary problems (close to 1.1's values, not equal:
    README.md); two classes are one binary problem either way. ``penalty`` becomes ``l1_ratio`` (1 for L1).
    """
    if Adaptations.multi_class:
        return LogisticRegression(penalty=penalty, fit_intercept=True, solver="liblinear", multi_class="ovr",
                                  **arguments)
    l1 = {"l1_ratio": 1.0} if penalty == "l1" else {}
    return _OneVsRestLogistic(LogisticRegression(fit_intercept=True, solver="liblinear", **l1, **arguments))


class _OneVsRestLogistic(sklearn.base.ClassifierMixin, sklearn.base.BaseEstimator):
    """The logistic regression itself for two classes, ``OneVsRestClassifier`` of it for more."""

    def __init__(self, estimator=None):
        self.estimator = estimator

    def fit(self, X, y):
        from sklearn.multiclass import OneVsRestClassifier

        binary = len(np.unique(y)) <= 2
        self.model_ = sklearn.base.clone(self.estimator) if binary else OneVsRestClassifier(self.estimator)
        self.model_.fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X):
        return self.model_.predict(X)

    def predict_proba(self, X):
        return self.model_.predict_proba(X)


def estimator(model: str, kind: str, arguments: Dict[str, Any]) -> Any:
    """The unfitted estimator of ``model`` for ``kind`` ("clf" or "reg") with the searched ``arguments``:
    ``class(**{**arguments, **fixed})`` with bayesmark's fixed arguments (``sklearn_funcs.py``)."""
    clf = kind == "clf"
    if model == "kNN":
        return (KNeighborsClassifier if clf else KNeighborsRegressor)(**arguments)
    if model == "SVM":
        return SVC(kernel="rbf", probability=True, **arguments) if clf else SVR(kernel="rbf", **arguments)
    if model == "DT":
        return (DecisionTreeClassifier if clf else DecisionTreeRegressor)(max_leaf_nodes=None, **arguments)
    if model == "RF":
        return (RandomForestClassifier if clf else RandomForestRegressor)(
            n_estimators=10, max_leaf_nodes=None, **arguments)
    if model == "MLP-adam":
        return (MLPClassifier if clf else MLPRegressor)(solver="adam", early_stopping=True, **arguments)
    if model == "MLP-sgd":
        if clf:
            return MLPClassifier(solver="sgd", early_stopping=True, learning_rate="invscaling",
                                 nesterovs_momentum=True, **arguments)
        return MLPRegressor(activation="tanh", solver="sgd", early_stopping=True, learning_rate="invscaling",
                            nesterovs_momentum=True, **arguments)
    if model == "ada":
        return (AdaBoostClassifier if clf else AdaBoostRegressor)(**arguments)
    if model in ("lasso", "linear"):
        if clf:
            return _linear_classifier("l1" if model == "lasso" else "l2", arguments)
        if Adaptations.normalize:
            return Lasso(**arguments) if model == "lasso" else Ridge(solver="auto", **arguments)
        return NormalizedLinear(kind="lasso" if model == "lasso" else "ridge", **arguments)
    raise ValueError("unknown model '{}'".format(model))


# ---------------------------------------------------------------------------------------------------------------
# Data and evaluation
# ---------------------------------------------------------------------------------------------------------------


def load_boston() -> Tuple[np.ndarray, np.ndarray]:
    """The Boston house prices (506 x 13, target MEDV) from ``data/boston_house_prices.csv``, the file scikit-learn
    1.1.3's ``load_boston`` read: a line ``506,13``, a header, then rows whose last column is the target."""
    with open(os.path.join(DATA_FOLDER, "boston_house_prices.csv")) as f:
        rows = f.read().splitlines()
    count, features = (int(v) for v in rows[0].split(",")[:2])
    table = np.array([[float(v) for v in row.split(",")] for row in rows[2:2 + count]], dtype=np.float64)
    assert table.shape == (count, features + 1), table.shape
    return table[:, :features], table[:, features]


LOADERS: Dict[str, Callable[[], Tuple[np.ndarray, np.ndarray]]] = {
    "breast": lambda: datasets.load_breast_cancer(return_X_y=True),
    "digits": lambda: datasets.load_digits(return_X_y=True),
    "iris": lambda: datasets.load_iris(return_X_y=True),
    "wine": lambda: datasets.load_wine(return_X_y=True),
    "boston": load_boston,
    "diabetes": lambda: datasets.load_diabetes(return_X_y=True),
}


class Problem:
    """One (model, data set, metric): the training part of bayesmark's split and the evaluation."""

    def __init__(self, model: str, dataset: str, metric: str):
        if model not in MODELS:
            raise ValueError("unknown model '{}'; one of {}".format(model, ", ".join(MODELS)))
        if dataset not in DATASETS:
            raise ValueError("unknown data set '{}'; one of {}".format(dataset, ", ".join(DATASETS)))
        self.kind = DATASETS[dataset]
        if metric not in METRICS[self.kind]:
            raise ValueError("metric '{}' does not fit data set '{}'; one of {}".format(
                metric, dataset, ", ".join(METRICS[self.kind])))
        self.model, self.dataset, self.metric = model, dataset, metric
        self.parameters = space(model, dataset)
        X, y = LOADERS[dataset]()
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.int64 if self.kind == "clf" else np.float64)
        self.X, _, self.y, _ = train_test_split(X, y, test_size=0.2, random_state=0, shuffle=True)

    def arguments(self, values: List[float]) -> Dict[str, Any]:
        """The estimator arguments for protocol values in ``self.parameters``' order."""
        return {p.name: p.value(v) for p, v in zip(self.parameters, values)}

    def evaluate(self, arguments: Dict[str, Any], seed: Optional[int] = None) -> float:
        """The 5-fold cross-validation loss of the estimator with ``arguments``, NumPy's global generator seeded with
        ``seed`` first (when given). Warnings are silenced, as bayesmark silences its models' UserWarnings."""
        if seed is not None:
            np.random.seed(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = estimator(self.model, self.kind, arguments)
            scores = cross_val_score(model, self.X, self.y, scoring=SCORERS[self.metric], cv=5)
        return float(-np.mean(scores))
