"""Reference discrete-event simulation of parallel workers (issue 22), written apart from Tunebench's Swift code.

Reads a JSON file (argv[1]) holding a list of cases. Each case has `workers`, `mode` ("asynchronous" or
"synchronous"), `time_budget` (a number or null), `durations` (the simulated duration of trial k, as repr strings),
and `generation` (null: the optimizer gives a trial whenever asked, until the durations run out; g: it gives trials
in generations of g and gives none while its generation is fully asked and not fully told, a barrier).

Prints {"cases": [{"completions": [[trial, worker, start, end], ...], "cut_off": [...], "end": t}, ...]} with the
times as repr strings, the completions in the order the optimizer is told them.

The rules (the issue's): a worker frees at its evaluation's end; all completions at the same time are told in the
order (end, worker, trial); then free workers ask, lowest index first. No trial starts at or after the time budget,
and a completion after it is not seen. Synchronous: up to `workers` trials per batch, told in completion order, the
next batch at the batch's last end.
"""
import heapq
import json
import sys


class Optimizer:
    def __init__(self, count, generation):
        self.count = count
        self.generation = generation
        self.asked = 0
        self.told = 0

    def ask(self):
        if self.asked >= self.count:
            return None
        if self.generation is not None:
            generation_start = (self.told // self.generation) * self.generation
            if self.told < self.asked and self.asked >= generation_start + self.generation:
                return None
        trial = self.asked
        self.asked += 1
        return trial

    def tell(self):
        self.told += 1


def within(time, budget):
    return budget is None or time < budget


def asynchronous(case, durations, optimizer):
    workers, budget = case["workers"], case["time_budget"]
    free = list(range(workers))
    heapq.heapify(free)
    running = []
    completions = []
    time = 0.0
    last = 0.0
    while True:
        while free and within(time, budget):
            trial = optimizer.ask()
            if trial is None:
                break
            worker = heapq.heappop(free)
            heapq.heappush(running, (time + durations[trial], worker, trial, time))
        if not running or (budget is not None and running[0][0] > budget):
            break
        time = running[0][0]
        while running and running[0][0] == time:
            end, worker, trial, start = heapq.heappop(running)
            optimizer.tell()
            completions.append((trial, worker, start, end))
            heapq.heappush(free, worker)
        last = time
    cut_off = sorted(((t, w, s, e) for (e, w, t, s) in running))
    return completions, cut_off, last


def synchronous(case, durations, optimizer):
    workers, budget = case["workers"], case["time_budget"]
    completions = []
    time = 0.0
    last = 0.0
    while within(time, budget):
        batch = []
        for worker in range(workers):
            trial = optimizer.ask()
            if trial is None:
                break
            batch.append((time + durations[trial], worker, trial, time))
        if not batch:
            break
        batch.sort()
        cut_off = []
        for end, worker, trial, start in batch:
            if budget is not None and end > budget:
                cut_off.append((trial, worker, start, end))
            else:
                optimizer.tell()
                completions.append((trial, worker, start, end))
                last = end
        if cut_off:
            return completions, sorted(cut_off), last
        time = batch[-1][0]
    return completions, [], last


def main():
    with open(sys.argv[1]) as handle:
        cases = json.load(handle)
    out = []
    for case in cases:
        durations = [float(d) for d in case["durations"]]
        optimizer = Optimizer(len(durations), case["generation"])
        run = asynchronous if case["mode"] == "asynchronous" else synchronous
        completions, cut_off, end = run(case, durations, optimizer)
        as_text = lambda rows: [[t, w, repr(s), repr(e)] for (t, w, s, e) in rows]
        out.append({"completions": as_text(completions), "cut_off": as_text(cut_off), "end": repr(end)})
    json.dump({"cases": out}, sys.stdout)


if __name__ == "__main__":
    main()
