import Foundation
import Testing
import Tunebench
import TunebenchRunner
import TunebenchTestSupport

/// The simulated clock of parallel workers against an independent reference (`Tests/Scripts/simulator_reference.py`,
/// a heapq simulation), and its rules on small cases worked by hand.
struct WorkerSimulationTests {
    /// One case: the settings, each trial's duration, and the optimizer's barrier (`nil`: it always gives a trial;
    /// `g`: generations of `g`, none given while a generation is fully asked and not fully told).
    struct Case {
        var settings: WorkerSettings
        var durations: [Double]
        var generation: Int?
    }

    /// What the simulation gives: the completions in the order told, the trials cut off, the last completion's time.
    struct Schedule: Equatable {
        var completions: [SimulatedTrial]
        var cutOff: [SimulatedTrial]
        var end: Double
    }

    static func simulate(_ c: Case) -> Schedule {
        var asked = 0
        var told = 0
        var completions: [SimulatedTrial] = []
        let outcome = WorkerSimulation(settings: c.settings).run { trial, _, _ in
            guard asked < c.durations.count else { return nil }
            if let g = c.generation, asked >= (told / g + 1) * g { return nil }
            #expect(trial == asked)
            asked += 1
            return c.durations[trial]
        } complete: { trial in
            told += 1
            completions.append(trial)
        }
        return Schedule(completions: completions, cutOff: outcome.cutOff, end: outcome.end)
    }

    /// Durations: lognormal with σ = 1 (seeded), rounded to a few values for the `ties` cases so that completions
    /// coincide.
    static func durations(seed: UInt64, count: Int, ties: Bool) -> [Double] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in
            let d = exp(generator.nextGaussian())
            return ties ? (d * 2).rounded(.up) / 2 : d
        }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        var seed: UInt64 = 1
        for workers in [1, 2, 3, 8, 64] {
            for mode in WorkerSettings.Mode.allCases {
                for (ties, budget, generation) in [
                    (false, nil, nil), (true, nil, nil), (false, 20.0, nil), (true, 12.5, 5), (false, nil, 7),
                ] as [(Bool, Double?, Int?)] {
                    seed += 1
                    cases.append(
                        Case(
                            settings: WorkerSettings(workers: workers, mode: mode, timeBudget: budget),
                            durations: durations(seed: seed, count: 200, ties: ties), generation: generation))
                }
            }
        }
        return cases
    }()

    @Test func theScheduleEqualsTheReferenceSimulation() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("simulator-cases-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let spec: [[String: Any]] = Self.cases.map { c in
            [
                "workers": c.settings.workers, "mode": c.settings.mode.rawValue,
                "time_budget": c.settings.timeBudget.map { $0 as Any } ?? NSNull(),
                "durations": c.durations.map { "\($0)" },
                "generation": c.generation.map { $0 as Any } ?? NSNull(),
            ]
        }
        try JSONSerialization.data(withJSONObject: spec).write(to: file)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/simulator_reference.py")
        let result = try PythonScript.run(script, [file.path])
        try #require(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let references = try #require(json["cases"] as? [[String: Any]])
        try #require(references.count == Self.cases.count)
        func time(_ value: Any?) throws -> Double {
            let text = try #require(value as? String)
            return try #require(Double(text))
        }
        func trials(_ rows: Any?) throws -> [SimulatedTrial] {
            try (try #require(rows as? [[Any]])).map { row in
                SimulatedTrial(
                    trial: try #require(row[0] as? Int), worker: try #require(row[1] as? Int),
                    start: try time(row[2]), end: try time(row[3]))
            }
        }
        for (c, reference) in zip(Self.cases, references) {
            let expected = Schedule(
                completions: try trials(reference["completions"]), cutOff: try trials(reference["cut_off"]),
                end: try time(reference["end"]))
            let label = "\(c.settings), generation \(String(describing: c.generation))"
            let schedule = Self.simulate(c)
            #expect(schedule == expected, "\(label)")
            #expect(!schedule.completions.isEmpty, "\(label)")
        }
    }

    /// End to end: whole runs of random search on `hartmann6:duration=lognormal` (1 to 64 workers, both modes, with
    /// and without a time budget) record in their run records (what the run files hold) the schedule the reference simulator computes from the
    /// durations the problem gives each trial's configuration, recomputed here from the run file's configurations
    /// (random search gives a trial whenever asked, as the reference's optimizer without generations does). Every
    /// completion's trial, worker, start and end are equal, bit for bit, and in the order the run file lists them.
    @Test func runFilesRecordTheReferenceSchedule() throws {
        let spec = EntrySpec("hartmann6", options: ["duration": .string("lognormal")])
        let settings = [
            WorkerSettings(workers: 1, timeBudget: 30), WorkerSettings(workers: 3),
            WorkerSettings(workers: 5, mode: .synchronous, timeBudget: 25), WorkerSettings(workers: 16, timeBudget: 7),
            WorkerSettings(workers: 64),
        ]
        var cases: [[String: Any]] = []
        var records: [RunRecord] = []
        for (k, workers) in settings.enumerated() {
            let experiment = Experiment(
                name: "reference", seed: UInt64(40 + k), repetitions: 1, budget: 150, workers: workers,
                optimizers: [EntrySpec("random")], problems: [spec])
            let run = Plan(experiment).runs[0]
            let record = RunExecutor(registry: .builtin, experiment: experiment).execute(run)
            try #require(record.status == .complete, "\(record.failure ?? "")")
            let problem = try #require(
                try Registry.builtin.makeProblem(spec, seed: run.instanceSeed(experimentSeed: experiment.seed))
                    as? TimedProblem)
            // The durations of the trials the run file holds, by trial number; the trials the time budget cut off are
            // not recorded and get the longest possible duration, so the reference cuts them off too.
            var durations = [Double](repeating: .greatestFiniteMagnitude, count: experiment.budget)
            for trial in record.trials {
                let values = trial.configuration.map { value -> ParameterValue? in
                    if case .number(let x)? = value { return .real(x) }
                    return nil
                }
                durations[trial.number] = problem.duration(of: Configuration(values))
            }
            cases.append([
                "workers": workers.workers, "mode": workers.mode.rawValue,
                "time_budget": workers.timeBudget.map { $0 as Any } ?? NSNull(),
                "durations": durations.map { "\($0)" }, "generation": NSNull(),
            ])
            records.append(record)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("simulator-runs-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: cases).write(to: file)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/simulator_reference.py")
        let result = try PythonScript.run(script, [file.path])
        try #require(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let references = try #require(json["cases"] as? [[String: Any]])
        try #require(references.count == records.count)
        for (record, (workers, reference)) in zip(records, zip(settings, references)) {
            let rows = try #require(reference["completions"] as? [[Any]])
            let expected: [[String]] = rows.map { row in row.map { "\($0)" } }
            let recorded: [[String]] = record.trials.map { trial in
                let times = trial.simulated!
                return ["\(trial.number)", "\(times.worker)", "\(times.start)", "\(times.end)"]
            }
            #expect(recorded == expected, "\(workers.summary)")
            #expect(recorded.count > 20, "\(workers.summary)")
        }
    }

    /// Three workers, durations 3, 1, 2, 1, 1: worker 1 frees at 1 and takes trial 3 (ends 2); at 2 trials 3 and 2
    /// complete together and are told in worker order (worker 1's first); worker 1 takes trial 4 (ends 3), which ties
    /// with trial 0 and is told after it (worker 0 first).
    @Test func aSmallAsynchronousCaseWorkedByHand() {
        let schedule = Self.simulate(
            Case(settings: WorkerSettings(workers: 3), durations: [3, 1, 2, 1, 1], generation: nil))
        #expect(
            schedule.completions == [
                SimulatedTrial(trial: 1, worker: 1, start: 0, end: 1),
                SimulatedTrial(trial: 3, worker: 1, start: 1, end: 2),
                SimulatedTrial(trial: 2, worker: 2, start: 0, end: 2),
                SimulatedTrial(trial: 0, worker: 0, start: 0, end: 3),
                SimulatedTrial(trial: 4, worker: 1, start: 2, end: 3),
            ])
        #expect(schedule.end == 3)
    }

    /// The same durations in synchronous batches of 3: the second batch starts at 3, when the first has ended.
    @Test func aSmallSynchronousCaseWorkedByHand() {
        let schedule = Self.simulate(
            Case(settings: WorkerSettings(workers: 3, mode: .synchronous), durations: [3, 1, 2, 1, 1], generation: nil))
        #expect(schedule.completions.map(\.trial) == [1, 2, 0, 3, 4])
        #expect(schedule.completions.map(\.start) == [0, 0, 0, 3, 3])
        #expect(schedule.end == 4)
    }

    /// With a time budget of 2.5, nothing starts at 2.5 or later and trial 0 (ending at 3) is cut off.
    @Test func theTimeBudgetCutsOffLateCompletions() {
        let schedule = Self.simulate(
            Case(settings: WorkerSettings(workers: 3, timeBudget: 2.5), durations: [3, 1, 2, 1, 1], generation: nil))
        #expect(schedule.completions.map(\.trial) == [1, 3, 2])
        #expect(schedule.cutOff.map(\.trial) == [0, 4])
        #expect(schedule.end == 2)
    }

    /// Trivially parallel work: W workers with a constant duration τ complete by time t what one worker completes by
    /// W t, in the same trial order.
    @Test func constantDurationsScaleWithTheWorkers() {
        let constant = [Double](repeating: 0.5, count: 160)
        for workers in [2, 5, 16] {
            let one = Self.simulate(Case(settings: WorkerSettings(workers: 1), durations: constant, generation: nil))
            let many = Self.simulate(
                Case(settings: WorkerSettings(workers: workers), durations: constant, generation: nil))
            #expect(many.completions.map(\.trial) == one.completions.map(\.trial))
            for t in stride(from: 0.5, through: 10, by: 0.5) {
                let done = many.completions.filter { $0.end <= t }.count
                let doneAlone = one.completions.filter { $0.end <= Double(workers) * t }.count
                #expect(done == min(doneAlone, 160), "\(workers) workers at \(t)")
            }
        }
    }
}
