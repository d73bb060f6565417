"""A problem (a sphere around 0.3 in every coordinate) that answers correctly, or breaks the protocol on purpose.

Usage: python3 broken_problem.py MODE, where MODE is one of
  valid        a correct problem: x1, x2 in [0, 1), f = sum (x_i - 0.3)^2, known optimum 0
  nan          returns NaN (written by Python's json as the bare token NaN) on the second evaluation
  crash        exits with status 3 on the second evaluation
  unevaluable  refuses the second configuration with ERROR_REPLY UNEVALABLE_PARAMS (the kurobako package's spelling)
  empty        returns an empty list of values (a failed evaluation) on the second evaluation
  constrained  declares one constraint (attrs.constraints, a Tunebench extension) and replies its value
               c = 0.5 - x1 (feasible for x1 >= 0.5) in constraint_values; the optimum is then 0.04
  miscounted   like constrained, but replies two constraint values on the second evaluation
  badcount     declares attrs.constraints "two", which is not a number of constraints
Test fixture of Tunebench; uses only the Python standard library.
"""

import json
import sys

MODE = sys.argv[1]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


send({"type": "PROBLEM_SPEC_CAST", "spec": {
    "name": "sphere-" + MODE,
    "attrs": {"optimum": "0.04", "constraints": "1"} if MODE in ("constrained", "miscounted")
    else {"optimum": "0", "constraints": "two"} if MODE == "badcount" else {"optimum": "0"},
    "params_domain": [
        {"name": "x1", "range": {"type": "CONTINUOUS", "low": 0.0, "high": 1.0}, "distribution": "UNIFORM"},
        {"name": "x2", "range": {"type": "CONTINUOUS", "low": 0.0, "high": 1.0}, "distribution": "UNIFORM"}],
    "values_domain": [{"name": "f", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM"}],
    "steps": 1}})

evaluators = {}
count = 0
for line in sys.stdin:
    message = json.loads(line)
    kind = message["type"]
    if kind == "CREATE_EVALUATOR_CALL":
        count += 1
        if count == 2 and MODE == "unevaluable":
            send({"type": "ERROR_REPLY", "kind": "UNEVALABLE_PARAMS"})
            continue
        evaluators[message["evaluator_id"]] = message["params"]
        send({"type": "CREATE_EVALUATOR_REPLY"})
    elif kind == "EVALUATE_CALL":
        params = evaluators[message["evaluator_id"]]
        value = sum((x - 0.3) ** 2 for x in params)
        values = [value]
        if count == 2 and MODE == "nan":
            values = [float("nan")]
        if count == 2 and MODE == "crash":
            sys.exit(3)
        if count == 2 and MODE == "empty":
            values = []
        reply = {"type": "EVALUATE_REPLY", "current_step": message["next_step"], "values": values}
        if MODE in ("constrained", "miscounted"):
            reply["constraint_values"] = [0.5 - params[0]] + ([0.0] if count == 2 and MODE == "miscounted" else [])
        send(reply)
    elif kind == "DROP_EVALUATOR_CAST":
        evaluators.pop(message["evaluator_id"], None)
