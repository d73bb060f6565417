#!/usr/bin/env python3
"""hpbandster 0.7.4's BOHB model on fixed observations, the reference of Tunebench's `bohb` sampler for
Tests/TunebenchOptimizersTests/KernelDensitySamplerTests.swift.

Usage: python3 bohb_reference.py [candidates | imputation]

Prints one JSON object: {"hpbandster": version, "cases": [...]}. Each case gives a search space (reals on [0, 1],
reals on a log scale, categoricals), observations in the order they are reported (budget, values, and a loss that is
a number, "inf", "nan" or null for a crashed run), and what hpbandster's config generator
(hpbandster.optimizers.config_generators.bohb.BOHB with its defaults) built from them through its own `new_result`:
the budget of its largest model (what `get_config` samples from), the rows of the good and bad kernel density
estimates (ConfigSpace vectors: unit positions and choice indices) and their bandwidths after its floor.

The deterministic part is compared exactly: the observations have no inactive parameters, so no imputation draws.
The random part, the candidates and the g/l choice, is compared in distribution: "draws" holds 400 configurations
that `get_config` returns with `random_fraction=0` (NumPy's global generator seeded with 0) from 30 observations of a
real and a categorical parameter. The spaces have no integer parameters: ConfigSpace 1.x codes an integer with its bounds at
0 and 1, where Tunebench (as ConfigSpace 0.4, hpbandster's era) uses the centres of equal cells. Every float is
printed as repr() in a string. Written against hpbandster 0.7.4, ConfigSpace 1.2, NumPy 2.4.6 and statsmodels 0.15.0.

With `candidates`, prints {"hpbandster": version, "continuous": [...], "categorical": [...]}: the draw of one
candidate coordinate around a good row, by hpbandster's own `get_config` on a stub model (one good row `m`, its
bandwidth `h`, pdfs that record the candidates they are asked about and return 1). For a continuous coordinate
`scipy.stats.truncnorm.rvs` is replaced by its quantile at a given uniform `u` (a multiple of 2^-53, so that a test
can feed the same `u` through a generator), so each item gives `m`, `h`, `u` and the candidate hpbandster builds
from them: truncnorm.ppf(u, (0 - m)/bw, (1 - m)/bw, loc=m, scale=bw) with bw = bandwidth_factor * max(h,
min_bandwidth), which the script checks against the formula written out. For a categorical coordinate (the choice `m`
of `choices`, bandwidth `h`) each item gives the shares of the choices among 64,000 candidates drawn with NumPy's
global generator seeded with 0 (hpbandster keeps `m` with probability 1 - h, and otherwise draws uniformly among all
the choices, `m` included: the exact shares are given as "rule", which the script checks the draws against).

With `imputation`, prints {"hpbandster": version, "cases": [...]}: `impute_conditional_data` applied to the vectors
(`Configuration.get_array()`, as `new_result` stores them) of rows of conditional spaces. Each case gives the
parameters in declared order (ConfigSpace orders the vector by the depth of the condition, then by name; the declared
order differs from it), the rows (in declared order: reals as repr strings, choice indices, null when inactive), and
for each row the imputed rows that 20,000 calls (NumPy's global generator seeded with 0) gave, each with its share,
in declared order; a real that no row has is drawn uniformly and printed as null.
"""

import importlib.metadata
import json
import logging
import math
import sys
import warnings
from types import SimpleNamespace

warnings.simplefilter("ignore")  # ConfigSpace 1.x deprecations of the calls hpbandster 0.7.4 makes
logging.disable(logging.WARNING)

import numpy as np  # noqa: E402
import scipy.stats  # noqa: E402
import ConfigSpace as CS  # noqa: E402
import hpbandster.optimizers.config_generators.bohb as bohb_module  # noqa: E402
from hpbandster.core.dispatcher import Job  # noqa: E402
from hpbandster.optimizers.config_generators.bohb import BOHB  # noqa: E402


def text(value):
    return repr(float(value))


def space_of(parameters):
    space = CS.ConfigurationSpace(seed=1)
    for parameter in parameters:
        if parameter["kind"] == "real":
            space.add(CS.UniformFloatHyperparameter(parameter["name"], parameter["lower"], parameter["upper"],
                                                    log=parameter["log"]))
        else:
            space.add(CS.CategoricalHyperparameter(parameter["name"], parameter["choices"]))
    return space


def run(name, parameters, observations):
    space = space_of(parameters)
    # ConfigSpace orders a vector's coordinates by name; the names p0, p1, ... keep the declared order.
    assert list(space.keys()) == [parameter["name"] for parameter in parameters]
    generator = BOHB(space)
    for number, (budget, values, loss) in enumerate(observations):
        config = {}
        for parameter, value in zip(parameters, values):
            config[parameter["name"]] = parameter["choices"][value] if parameter["kind"] == "categorical" else value
        job = Job((0, 0, number), config=config, budget=budget)
        job.result = None if loss is None else {"loss": loss, "info": {}}
        generator.new_result(job)
    model = None
    if generator.kde_models:
        budget = max(generator.kde_models.keys())
        good, bad = generator.kde_models[budget]["good"], generator.kde_models[budget]["bad"]
        model = {
            "budget": budget,
            "good": [[text(v) for v in row] for row in good.data],
            "bad": [[text(v) for v in row] for row in bad.data],
            "good_bw": [text(v) for v in good.bw],
            "bad_bw": [text(v) for v in bad.bw],
        }
    return {
        "name": name,
        "parameters": parameters,
        "observations": [
            {"budget": budget, "values": [v if isinstance(v, int) else text(v) for v in values],
             "loss": None if loss is None else text(loss)}
            for budget, values, loss in observations
        ],
        "model": model,
    }


def draw(rng, parameters):
    """Reals with 10 decimals: ConfigSpace 1.x rounds the values of a Configuration to about 13 digits."""
    values = []
    for parameter in parameters:
        if parameter["kind"] == "categorical":
            values.append(int(rng.integers(len(parameter["choices"]))))
        elif parameter["log"]:
            values.append(round(math.exp(rng.uniform(math.log(parameter["lower"]), math.log(parameter["upper"]))), 10))
        else:
            values.append(round(float(rng.uniform(parameter["lower"], parameter["upper"])), 10))
    return values


def observations(rng, parameters, counts, failures=()):
    """`counts[budget]` observations per budget, interleaved as Hyperband reports them: low budgets first."""
    out = []
    for budget, count in counts:
        for i in range(count):
            values = draw(rng, parameters)
            loss = float(sum((v if isinstance(v, float) else 0.1 * v) for v in values) + 0.01 * rng.random())
            out.append((budget, values, loss))
    for index, loss in failures:
        budget, values, _ = out[index]
        out[index] = (budget, values, loss)
    return out


def real(name, lower=0.0, upper=1.0, log=False):
    return {"name": name, "kind": "real", "lower": lower, "upper": upper, "log": log}


def categorical(name, count):
    return {"name": name, "kind": "categorical", "choices": [f"{name}{i}" for i in range(count)]}


def cases():
    rng = np.random.default_rng(20261206)
    out = []
    # Three reals: budget 3 has a model (9 points: 4 good, 5 bad), budget 9 has 5 points, too few (1 bad row).
    parameters = [real("p0"), real("p1"), real("p2", 1e-4, 1.0, log=True)]
    out.append(run("reals, largest budget with enough points", parameters,
                   observations(rng, parameters, [(1, 20), (3, 9), (9, 5)])))
    # Mixed with categoricals, failed runs at the model's budget (crashed, inf and nan losses count as +inf).
    parameters = [real("p0"), categorical("p1", 3), real("p2", 0.1, 10.0, log=True), categorical("p3", 2)]
    out.append(run("mixed, failures", parameters,
                   observations(rng, parameters, [(1, 25), (3, 25)], failures=[(30, None), (33, math.inf),
                                                                               (41, math.nan)])))
    # One real, 19 points: 2 good and 16 bad, so the worst point is in neither set.
    parameters = [real("p0")]
    out.append(run("one real, 19 points", parameters, observations(rng, parameters, [(1, 19)])))
    # A categorical constant in the good set (bandwidth 0, raised to the floor), 40 points.
    parameters = [real("p0"), categorical("p1", 4)]
    data = observations(rng, parameters, [(1, 40)])
    data = [(b, [v[0], 1 if loss < sorted(l for _, _, l in data)[6] else v[1]], loss) for b, v, loss in data]
    out.append(run("constant categorical in the good set", parameters, data))
    # Too few points anywhere: no model.
    parameters = [real("p0"), real("p1")]
    out.append(run("too few points", parameters, observations(rng, parameters, [(1, 5), (3, 2)])))
    return out


def draws(count=400):
    parameters = [real("p0"), categorical("p1", 3)]
    rng = np.random.default_rng(3)
    data = []
    for _ in range(30):
        x, c = round(float(rng.random()), 10), int(rng.integers(3))
        data.append((1.0, [x, c], (x - 0.3) ** 2 + (0.0 if c == 1 else 0.05)))
    generator = BOHB(space_of(parameters), random_fraction=0)
    for number, (budget, (x, c), loss) in enumerate(data):
        job = Job((0, 0, number), config={"p0": x, "p1": parameters[1]["choices"][c]}, budget=budget)
        job.result = {"loss": loss, "info": {}}
        generator.new_result(job)
    np.random.seed(0)
    out = []
    for _ in range(count):
        config, _ = generator.get_config(1.0)
        out.append([text(config["p0"]), parameters[1]["choices"].index(config["p1"])])
    return {"parameters": parameters, "observations": [[text(x), c, text(loss)] for _, (x, c), loss in data],
            "draws": out}


class StubDensity:
    """The part of a statsmodels KDEMultivariate that `get_config` uses: data, bw, and a pdf that records its points."""

    def __init__(self, data, bw):
        self.data = np.asarray(data, dtype=float)
        self.bw = np.asarray(bw, dtype=float)
        self.points = []

    def pdf(self, x):
        self.points.append([float(v) for v in x])
        return 1.0


def stub_generator(hyperparameter, m, h, num_samples):
    """A BOHB config generator on a one-parameter space whose model at budget 1 has the good row [m], bandwidth h."""
    space = CS.ConfigurationSpace(seed=1)
    space.add(hyperparameter)
    generator = BOHB(space, random_fraction=0, num_samples=num_samples)
    good = StubDensity([[m]], [h])
    generator.kde_models = {1.0: {"good": good, "bad": StubDensity([[m]], [h])}}
    return generator, good


def unit(p):
    """The multiple of 2^-53 nearest p: a value that a test's generator can give exactly."""
    return math.ldexp(round(math.ldexp(p, 53)), -53)


def continuous_candidates():
    """hpbandster's candidate for one continuous coordinate, with truncnorm.rvs replaced by its quantile at u."""
    out = []
    uniforms = [unit(p) for p in (0.5, 0.1, 0.8, 1e-6, 1 - 1e-7)]
    kernels = [(0.5, 0.2), (0.3, 0.05), (0.0, 0.1), (1.0, 0.1), (0.02, 0.3), (0.97, 0.01), (0.6, 1e-4), (0.45, 0.6)]
    pending = []

    def quantile(a, b, loc, scale):
        return scipy.stats.truncnorm.ppf(pending.pop(0), a, b, loc=loc, scale=scale)

    original = bohb_module.sps
    bohb_module.sps = SimpleNamespace(truncnorm=SimpleNamespace(rvs=quantile))
    try:
        for m, h in kernels:
            for u in uniforms:
                generator, good = stub_generator(CS.UniformFloatHyperparameter("p0", 0.0, 1.0), m, h, 1)
                pending.append(u)
                generator.get_config(1.0)
                assert not pending
                value = good.points[0][0]  # the candidate scored (a debug message scores the winner again)
                bw = 3 * max(h, 1e-3)
                assert value == scipy.stats.truncnorm.ppf(u, (0 - m) / bw, (1 - m) / bw, loc=m, scale=bw)
                out.append({"m": text(m), "h": text(h), "u": text(u), "value": text(value)})
    finally:
        bohb_module.sps = original
    return out


def categorical_candidates(calls=1000):
    """The shares of the choices among hpbandster's candidates for one categorical coordinate."""
    out = []
    choices = ["c0", "c1", "c2", "c3"]
    for m, h in [(2, 0.3), (1, 0.7)]:
        generator, good = stub_generator(CS.CategoricalHyperparameter("p0", choices), m, h, 64)
        np.random.seed(0)
        draws = []
        for _ in range(calls):
            good.points.clear()
            generator.get_config(1.0)
            assert len(good.points) == 65  # 64 candidates, then the winner again in a debug message
            draws += [int(point[0]) for point in good.points[:64]]
        counts = np.bincount(draws, minlength=len(choices))
        rule = [(1 - h if c == m else 0) + h / len(choices) for c in range(len(choices))]
        assert all(abs(count / len(draws) - p) < 0.01 for count, p in zip(counts, rule))
        out.append({"choices": len(choices), "m": m, "h": text(h), "draws": len(draws),
                    "shares": [text(count / len(draws)) for count in counts], "rule": [text(p) for p in rule]})
    return out


def conditional_space(parameters):
    space = CS.ConfigurationSpace(seed=1)
    for parameter in parameters:
        if parameter["kind"] == "real":
            space.add(CS.UniformFloatHyperparameter(parameter["name"], 0.0, 1.0))
        else:
            space.add(CS.CategoricalHyperparameter(parameter["name"], parameter["choices"]))
    for parameter in parameters:
        if parameter["condition"] is not None:
            parent = space[parameter["condition"]["parent"]]
            space.add(CS.InCondition(space[parameter["name"]], parent, parameter["condition"]["values"]))
    return space


def imputation_case(name, parameters, rows, calls=20000):
    space = conditional_space(parameters)
    order = list(space.keys())
    declared = [order.index(parameter["name"]) for parameter in parameters]
    vectors = []
    for row in rows:
        values = {}
        for parameter, value in zip(parameters, row):
            if value is not None:
                values[parameter["name"]] = parameter["choices"][value] if parameter["kind"] == "categorical" else value
        vectors.append(CS.Configuration(space, values=values).get_array())
    array = np.array(vectors)
    generator = BOHB(space)
    # Reals that no row has: hpbandster draws them uniformly (np.random.rand()).
    uniform = [j for j, parameter in enumerate(parameters)
               if parameter["kind"] == "real" and np.all(np.isnan(array[:, declared[j]]))]
    np.random.seed(0)
    counts = [{} for _ in rows]
    for _ in range(calls):
        imputed = generator.impute_conditional_data(array)
        assert not np.any(np.isnan(imputed))
        for i, vector in enumerate(imputed):
            key = []
            for j in range(len(parameters)):
                value = float(vector[declared[j]])
                if j in uniform:
                    assert 0 <= value < 1
                    key.append(None)
                else:
                    key.append(text(value))
            counts[i][tuple(key)] = counts[i].get(tuple(key), 0) + 1
    return {
        "name": name,
        "parameters": parameters,
        "configspace_order": order,
        "rows": [[v if v is None or isinstance(v, int) else text(v) for v in row] for row in rows],
        "calls": calls,
        "outcomes": [[{"values": list(key), "share": text(count / calls)} for key, count in sorted(
            row.items(), key=lambda item: [(v is None, v) for v in item[0]])] for row in counts],
    }


def conditional(name, kind, parent, values, choices=None):
    out = {"name": name, "kind": kind, "condition": {"parent": parent, "values": values}}
    if choices is not None:
        out["choices"] = choices
    return out


def imputation_cases():
    out = []
    # One row has y: the two rows without it must copy its value.
    parameters = [{"name": "x", "kind": "real", "condition": None},
                  {"name": "c", "kind": "categorical", "choices": ["a", "b"], "condition": None},
                  conditional("y", "real", "c", ["a"])]
    out.append(imputation_case("one donor", parameters, [[0.125, 0, 0.25], [0.5, 1, None], [0.875, 1, None]]))
    # Nested activity: a1 under c in {a, b}, b1 and e under c = a, k and u under c = d, which no row takes (so no
    # row has them: a random choice and a uniform value). Declared x, c, b1, a1, e, k, u; ConfigSpace's vector order
    # is c, x, a1, b1, e, k, u, so a row without a1 and b1 takes its donor among the rows with a1, some of which lack
    # b1 (partly NaN donors), and then one for b1.
    parameters = [{"name": "x", "kind": "real", "condition": None},
                  {"name": "c", "kind": "categorical", "choices": ["a", "b", "c", "d"], "condition": None},
                  conditional("b1", "real", "c", ["a"]),
                  conditional("a1", "real", "c", ["a", "b"]),
                  conditional("e", "categorical", "c", ["a"], ["p", "q", "r"]),
                  conditional("k", "categorical", "c", ["d"], ["p", "q", "r"]),
                  conditional("u", "real", "c", ["d"])]
    rows = [[0.125, 0, 0.375, 0.25, 1, None, None],
            [0.5, 0, 0.75, 0.625, 2, None, None],
            [0.875, 1, None, 0.0625, None, None, None],
            [0.1875, 2, None, None, None, None, None],
            [0.3125, 1, None, 0.4375, None, None, None],
            [0.5625, 2, None, None, None, None, None]]
    out.append(imputation_case("nested conditions", parameters, rows))
    return out


def main():
    version = importlib.metadata.version("hpbandster")
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "candidates":
        print(json.dumps({"hpbandster": version, "continuous": continuous_candidates(),
                          "categorical": categorical_candidates()}))
    elif mode == "imputation":
        print(json.dumps({"hpbandster": version, "cases": imputation_cases()}))
    elif mode == "":
        print(json.dumps({"hpbandster": version, "cases": cases(), "draws": draws()}))
    else:
        sys.exit(f"unknown mode {mode!r}: expected candidates or imputation")


if __name__ == "__main__":
    main()
