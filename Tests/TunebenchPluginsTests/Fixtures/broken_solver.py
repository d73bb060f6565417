"""A solver that speaks the protocol correctly, or breaks it on purpose on its third ask.

Usage: python3 broken_solver.py MODE, where MODE is one of
  valid     a correct random-search solver (continuous, discrete and categorical parameters; no conditions)
  crash     raises an exception (Python prints a traceback to standard error and exits with status 1)
  exit      exits silently with status 0
  exit-late exits silently with status 0 a second after its spec (the harness's next messages land in the pipe)
  hang      never answers
  partial   writes half a line and exits
  garbage   writes a line that is not JSON
  wrong-id  answers with another trial id than the one offered
  outside   suggests a value far outside the space
  nan       suggests NaN (which Python's json writes as the bare token NaN)
  chatty    valid, but writes 2 MB to standard error before every reply
  orphan    valid, but starts a grandchild that would sleep for hours
  ignore-eof valid, but keeps running after its input closes (it must be terminated)
  ignore-term like ignore-eof, and ignores SIGTERM too (it must be killed)
Further arguments are ignored (tests pass a unique token to find the process).
Test fixture of Tunebench; uses only the Python standard library.
"""

import json
import math
import os
import random
import signal
import subprocess
import sys
import time

MODE = sys.argv[1]
CAPABILITIES = ["UNIFORM_CONTINUOUS", "UNIFORM_DISCRETE", "LOG_UNIFORM_CONTINUOUS", "LOG_UNIFORM_DISCRETE",
                "CATEGORICAL"]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def sample(variable, rng):
    kind = variable["range"]["type"]
    log = variable.get("distribution") == "LOG_UNIFORM"
    if kind == "CATEGORICAL":
        return rng.randrange(len(variable["range"]["choices"]))
    low, high = variable["range"]["low"], variable["range"]["high"]
    if kind == "DISCRETE":
        if log:
            return min(high - 1, int(math.exp(rng.uniform(math.log(low), math.log(high)))))
        return rng.randrange(low, high)
    if log:
        return math.exp(rng.uniform(math.log(low), math.log(high)))
    return rng.uniform(low, high)


def last_step(problem):
    steps = problem.get("steps", 1)
    return steps if isinstance(steps, int) else steps[-1]


if MODE == "orphan":
    # The grandchild's command line carries the same arguments, so that tests can find it by their token.
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(7654321)"] + sys.argv[1:])
if MODE == "ignore-term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
send({"type": "SOLVER_SPEC_CAST", "spec": {"name": "broken-" + MODE, "attrs": {"mode": MODE},
                                           "capabilities": CAPABILITIES}})
if MODE == "exit-late":
    time.sleep(1)
if MODE in ("exit", "exit-late"):
    sys.exit(0)

solvers = {}
asks = 0
for line in sys.stdin:
    message = json.loads(line)
    kind = message["type"]
    if kind == "CREATE_SOLVER_CAST":
        solvers[message["solver_id"]] = (random.Random(message["random_seed"]), message["problem"])
    elif kind == "DROP_SOLVER_CAST":
        solvers.pop(message["solver_id"], None)
    elif kind == "TELL_CALL":
        send({"type": "TELL_REPLY"})
    elif kind == "ASK_CALL":
        asks += 1
        rng, problem = solvers[message["solver_id"]]
        trial_id = message["next_trial_id"]
        params = [sample(variable, rng) for variable in problem["params_domain"]]
        if MODE == "chatty":
            sys.stderr.write("x" * 2_000_000 + "\n")
            sys.stderr.flush()
        if asks == 3:
            if MODE == "crash":
                raise RuntimeError("deliberate crash on the third ask")
            if MODE == "hang":
                time.sleep(3600)
            if MODE == "partial":
                sys.stdout.write('{"type": "ASK_REPLY", "trial": {"id": ')
                sys.stdout.flush()
                os._exit(0)
            if MODE == "garbage":
                print("this is not a protocol message", flush=True)
                continue
            if MODE == "wrong-id":
                trial_id += 5
            if MODE == "outside":
                params[0] = 1e9
            if MODE == "nan":
                params[0] = float("nan")
        send({"type": "ASK_REPLY", "trial": {"id": trial_id, "params": params, "next_step": last_step(problem)},
              "next_trial_id": trial_id + 1})

if MODE in ("ignore-eof", "ignore-term"):
    time.sleep(3600)
