import Foundation
import Testing
import Tunebench

/// A problem with a hidden failure region shares its base problem's seeds (``EntrySpec/seedLabel``): repetition k of
/// `branin:failure=ball:failure-share=0.3` runs on the instance of repetition k of `branin`, with the same optimizer
/// seed, so the two runs suggest the same configurations until the first failure (common random numbers), and a
/// paired test of their finals compares the same instances with and without failures. Other options, and explicit
/// labels, keep their own seeds.
struct FailurePairingTests {
    @Test func aFailureRegionKeepsItsBaseProblemsSeeds() {
        let base = EntrySpec("branin")
        let failing = EntrySpec("branin", options: ["failure": .string("ball"), "failure-share": .real(0.3)])
        #expect(failing.label == "branin-failureball-failure-share0.3" && failing.seedLabel == "branin")
        let dimensioned = EntrySpec(
            "rosenbrock", options: ["dimension": .integer(4), "failure": .string("halfspace")])
        #expect(dimensioned.seedLabel == "rosenbrock-dimension4")
        #expect(EntrySpec("branin", options: ["noise": .real(0.5)]).seedLabel == "branin-noise0.5")
        #expect(EntrySpec("branin", label: "mine", options: ["failure": .string("ball")]).seedLabel == "mine")
        #expect(base.seedLabel == "branin")
    }

    @Test func runsWithAndWithoutFailuresCoincideUntilTheFirstFailure() throws {
        let experiment = Experiment(
            name: "failure-pairing", seed: 4, repetitions: 3, budget: 30,
            optimizers: ["random", "tpe"].map { EntrySpec($0) },
            problems: [
                EntrySpec("branin"),
                EntrySpec("branin", options: ["failure": .string("ball"), "failure-share": .real(0.3)]),
            ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-fp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let store = ResultStore(directory: folder)
        let runs = Plan(experiment).runs
        var failuresSeen = 0
        for run in runs where run.problem.label == "branin" {
            let twin = try #require(
                runs.first {
                    $0.problem.label != "branin" && $0.optimizer.label == run.optimizer.label
                        && $0.repetition == run.repetition
                })
            let plain = try #require(try store.read(run))
            let failing = try #require(try store.read(twin))
            #expect(plain.instanceSeed == failing.instanceSeed && plain.optimizerSeed == failing.optimizerSeed)
            guard let first = failing.trials.firstIndex(where: { $0.status == .failed }) else {
                // No failure: the two runs are the same run.
                #expect(plain.trials.map(\.configuration) == failing.trials.map(\.configuration))
                #expect(plain.trials.map(\.value) == failing.trials.map(\.value))
                continue
            }
            failuresSeen += 1
            for k in 0..<first {
                #expect(plain.trials[k].configuration == failing.trials[k].configuration, "\(run.optimizer.label) \(k)")
                #expect(plain.trials[k].value == failing.trials[k].value)
            }
            #expect(plain.trials[first].configuration == failing.trials[first].configuration)
        }
        #expect(failuresSeen >= 4, "a 30% ball is met in most runs of 30 evaluations")
    }
}
