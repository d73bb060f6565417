"""SMAC3's log-scaled cost encoding, the reference of the `smac` warping of Tunebench's random-forest optimizer.

Usage: ``python3 smac_log_scaled_reference.py VALUES.json``, where the file holds a list of lists of costs. Prints, as
JSON, for each list the encoded costs that SMAC3 2.4.1's ``RunHistoryLogScaledEncoder`` (the encoder of its
hyperparameter-optimization facade) gives the surrogate model, in the order the costs were added.

The costs go through SMAC's own path: a run history with one configuration per cost, then the encoder's
``transform``, as the facade does before each fit.
"""

import json
import logging
import sys
import tempfile

logging.disable(logging.WARNING)

from ConfigSpace import ConfigurationSpace, Float  # noqa: E402
from smac import Scenario  # noqa: E402
from smac.runhistory import RunHistory  # noqa: E402
from smac.runhistory.encoder import RunHistoryLogScaledEncoder  # noqa: E402


def encode(costs, folder):
    space = ConfigurationSpace(seed=0)
    space.add(Float("x", (0.0, 1.0)))
    scenario = Scenario(space, deterministic=True, n_trials=len(costs), seed=0, output_directory=folder)
    history = RunHistory()
    configurations = space.sample_configuration(len(costs))
    if len(costs) == 1:
        configurations = [configurations]
    for configuration, cost in zip(configurations, costs):
        history.add(config=configuration, cost=cost, time=0.0, seed=0)
    encoder = RunHistoryLogScaledEncoder(scenario)
    encoder.runhistory = history
    _, y = encoder.transform()
    return [float(v) for v in y[:, 0]]


def main():
    with open(sys.argv[1]) as handle:
        cases = json.load(handle)
    # The scenario wants an output folder; nothing is written to it here, and it goes with the temporary folder.
    with tempfile.TemporaryDirectory(prefix="tunebench-smac-ref-") as folder:
        json.dump([encode(costs, folder) for costs in cases], sys.stdout)


if __name__ == "__main__":
    main()
