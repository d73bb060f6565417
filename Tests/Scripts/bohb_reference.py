#!/usr/bin/env python3
"""hpbandster 0.7.4's BOHB model on fixed observations, the reference of Tunebench's `bohb` sampler for
Tests/TunebenchOptimizersTests/KernelDensitySamplerTests.swift.

Usage: python3 bohb_reference.py

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
"""

import importlib.metadata
import json
import logging
import math
import warnings

warnings.simplefilter("ignore")  # ConfigSpace 1.x deprecations of the calls hpbandster 0.7.4 makes
logging.disable(logging.WARNING)

import numpy as np  # noqa: E402
import ConfigSpace as CS  # noqa: E402
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


def main():
    print(json.dumps({"hpbandster": importlib.metadata.version("hpbandster"), "cases": cases(), "draws": draws()}))


if __name__ == "__main__":
    main()
