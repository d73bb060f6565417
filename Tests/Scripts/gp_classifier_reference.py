#!/usr/bin/env python3
"""Reference values of scikit-learn's Laplace GP classifier for
Tests/TunebenchNumericsTests/GaussianProcess/GaussianProcessClassifierTests.swift.

Usage: python3 gp_classifier_reference.py CASE.json

CASE.json holds {"X": [[...], ...], "y": [0 or 1, ...], "length_scales": [...], "signal": s, "test": [[...], ...]}.
The script builds GaussianProcessClassifier(kernel=ConstantKernel(s) * Matern(length_scales, nu=2.5),
optimizer=None), which fits the Laplace approximation with the logistic likelihood (Rasmussen and Williams,
Algorithms 3.1 and 5.1) at those hyperparameters, and prints one JSON object:
{"sklearn": version, "log_marginal_likelihood": ..., "gradient": [...], "latent_mean": [...], "latent_variance": [...]}
with the gradient of the log marginal likelihood with respect to (log l_1, ..., log l_d, log s) (scikit-learn orders
the constant first; it is moved last here) and the latent mean and variance at the training rows followed by the
test rows (GaussianProcessClassifier.latent_mean_and_variance, scikit-learn 1.7 or later). Written against
scikit-learn 1.9.1.

Exit status 0 on success, 2 when scikit-learn is missing (with a message on stderr), 1 on any other error.
"""

import json
import sys

try:
    import numpy as np
    import sklearn
    from sklearn.gaussian_process import GaussianProcessClassifier
    from sklearn.gaussian_process.kernels import ConstantKernel, Matern
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"scikit-learn is not available: {error}; install it with 'pip install scikit-learn'", file=sys.stderr)
    sys.exit(2)


def main():
    with open(sys.argv[1]) as handle:
        case = json.load(handle)
    x = np.asarray(case["X"], dtype=float)
    y = np.asarray(case["y"], dtype=int)
    test = np.asarray(case["test"], dtype=float)
    kernel = ConstantKernel(case["signal"]) * Matern(length_scale=case["length_scales"], nu=2.5)
    model = GaussianProcessClassifier(kernel=kernel, optimizer=None).fit(x, y)
    binary = model.base_estimator_
    value, gradient = binary.log_marginal_likelihood(binary.kernel_.theta, eval_gradient=True)
    gradient = list(gradient[1:]) + [gradient[0]]
    mean, variance = model.latent_mean_and_variance(np.vstack([x, test]))
    print(json.dumps({
        "sklearn": sklearn.__version__,
        "log_marginal_likelihood": float(value),
        "gradient": [float(g) for g in gradient],
        "latent_mean": [float(m) for m in mean],
        "latent_variance": [float(v) for v in variance],
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - reported to the test
        print(f"gp_classifier_reference.py: {error}", file=sys.stderr)
        sys.exit(1)
