import Foundation
import Testing
import Tunebench
@testable import TunebenchOptimizers

/// The Gaussian-process optimizer on awkward inputs: duplicates, constant or failing objectives, one dimension,
/// twenty dimensions, a purely categorical space; and it never suggests a point twice.
struct GaussianProcessOptimizerTests {
    private func optimizer(_ space: SearchSpace, budget: Int, seed: UInt64 = 1, initial: Int = 5) throws -> any Optimizer {
        var settings = GaussianProcessOptimizer.Settings()
        settings.initialPoints = initial
        settings.candidates = 256
        return try GaussianProcessOptimizer(context: OptimizerContext(space: space, seed: seed, budget: budget), settings: settings)
    }

    @Test func findsTheMinimumOfASmoothFunctionWithoutRepeatingPoints() throws {
        let space = try SearchSpace([.real("x", lower: -2, upper: 2), .real("y", lower: -2, upper: 2)])
        var gp = try optimizer(space, budget: 30)
        let trace = try run(&gp, space) { c in (c.real(0) - 0.7) * (c.real(0) - 0.7) + (c.real(1) + 0.3) * (c.real(1) + 0.3) }
        #expect(trace.count == 30 && Set(trace).count == 30)
        let best = trace.map { ($0.real(0) - 0.7) * ($0.real(0) - 0.7) + ($0.real(1) + 0.3) * ($0.real(1) + 0.3) }.min()!
        #expect(best < 1e-3)
    }

    /// Hartmann3 barely depends on `x1` near its optimum (x1 = 0.1146): a model whose `x1` length-scale runs off to
    /// infinity settles on the local optimum at `x1 = 0`, 0.0079 worse, and never explores `x1` again (what the
    /// dimension-scaled prior did at 100 evaluations). The default prior must find the global optimum.
    @Test func aWeaklyRelevantDimensionIsStillExplored() throws {
        var problem = try Registry.builtin.makeProblem(EntrySpec("hartmann3"), seed: 1)
        let optimum = try #require(problem.optimum)
        var settings = GaussianProcessOptimizer.Settings()
        settings.candidates = 256
        var gp: any Optimizer = try GaussianProcessOptimizer(
            context: OptimizerContext(space: problem.space, seed: 3, budget: 60), settings: settings)
        var best = Double.infinity
        while let suggestion = try gp.ask() {
            let value = try problem.evaluate(suggestion.configuration).value
            best = min(best, value)
            try gp.tell(Observation(suggestion, value: value))
        }
        #expect(best - optimum < 1e-3, "regret \(best - optimum)")
    }

    @Test func smallDiscreteSpacesAreExhaustedWithoutDuplicates() throws {
        let space = try SearchSpace([.integer("n", lower: 1, upper: 4), .categorical("c", choices: ["a", "b", "c"])])
        var gp = try optimizer(space, budget: 50, initial: 3)
        let trace = try run(&gp, space) { c in Double(c.integer(0)) + Double(c.choice(1)) }
        #expect(trace.count == 12 && Set(trace).count == 12)  // then the optimizer stops: nothing unseen is left
    }

    @Test func constantFailingAndNaNObjectivesAreSurvived() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .integer("k", lower: 0, upper: 50)])
        var constant = try optimizer(space, budget: 20)
        #expect(try run(&constant, space) { _ in 4.2 }.count == 20)
        var failing = try optimizer(space, budget: 20, seed: 2)
        var calls = 0
        let trace = try run(&failing, space) { c in
            calls += 1
            return calls % 3 == 0 ? nil : (calls % 4 == 0 ? .nan : c.real(0))
        }
        #expect(trace.count == 20 && Set(trace).count == 20)
    }

    @Test func oneAndTwentyDimensionsAndCategoricalSpacesWork() throws {
        let one = try SearchSpace([.real("x", lower: -1, upper: 3, scale: .linear)])
        var gp1 = try optimizer(one, budget: 20)
        let trace1 = try run(&gp1, one) { c in (c.real(0) - 1.234) * (c.real(0) - 1.234) }
        #expect(trace1.map { abs($0.real(0) - 1.234) }.min()! < 1e-3)
        // A kink: the smooth model converges more slowly (the noise floor is low, so the kink is not smoothed away).
        var kinked = try optimizer(one, budget: 20)
        let traceKinked = try run(&kinked, one) { c in abs(c.real(0) - 1.234) }
        #expect(traceKinked.map { abs($0.real(0) - 1.234) }.min()! < 1e-2)

        let twenty = try SearchSpace((1...20).map { .real("x\($0)", lower: 0, upper: 1) })
        var gp20 = try optimizer(twenty, budget: 25, initial: 10)
        let trace20 = try run(&gp20, twenty) { c in (0..<20).reduce(0) { $0 + (c.real($1) - 0.5) * (c.real($1) - 0.5) } }
        #expect(trace20.count == 25)

        let categorical = try SearchSpace((1...4).map { .categorical("c\($0)", choices: ["a", "b", "c"]) })
        var gpc = try optimizer(categorical, budget: 30)
        let tracec = try run(&gpc, categorical) { c in (0..<4).reduce(0) { $0 + Double(c.choice($1) == 2 ? 0 : 1) } }
        #expect(tracec.count == 30 && Set(tracec).count == 30)
        #expect(tracec.contains { c in (0..<4).allSatisfy { c.choice($0) == 2 } })  // the optimum is found
    }

    /// Candidates are scored at their choice's coordinate: on a mixed space the model must tell the good choice from
    /// the others and then refine the real parameter under it.
    @Test func mixedCategoricalAndRealSpacesConverge() throws {
        let space = try SearchSpace([
            .categorical("c", choices: ["a", "b", "c", "d", "e"]), .real("x", lower: 0, upper: 1),
        ])
        var gp = try optimizer(space, budget: 30)
        let objective = { (c: Configuration) in (c.choice(0) == 3 ? 0 : 1) + (c.real(1) - 0.3) * (c.real(1) - 0.3) }
        let trace = try run(&gp, space, objective)
        #expect(trace.map(objective).min()! < 1e-3)
        #expect(trace.suffix(10).filter { $0.choice(0) == 3 }.count >= 5)
    }

    @Test func conditionalSpacesWork() throws {
        let space = try SearchSpace([
            .categorical("model", choices: ["linear", "tree"]),
            .real("alpha", lower: 1e-4, upper: 1, scale: .log, when: .init(parent: "model", values: ["linear"])),
            .integer("depth", lower: 1, upper: 10, when: .init(parent: "model", values: ["tree"])),
        ])
        var gp = try optimizer(space, budget: 25)
        let trace = try run(&gp, space) { c in c.choice(0) == 0 ? abs(log10(c.real(1)) + 2) : Double(c.integer(2)) }
        #expect(trace.count == 25 && Set(trace).count == 25)
    }

    /// Once the search has converged, restarts spend most asks on fresh models (which explore, far from the optimum)
    /// while the global model keeps polishing the optimum; without restarts the search stays at the optimum.
    @Test(arguments: [false, true]) func aConvergedSearchRestartsAndKeepsPolishing(restarts: Bool) throws {
        let space = try SearchSpace([.real("x", lower: -2, upper: 2), .real("y", lower: -2, upper: 2)])
        let f = { (c: Configuration) in (c.real(0) - 0.7) * (c.real(0) - 0.7) + (c.real(1) + 0.3) * (c.real(1) + 0.3) }
        var settings = GaussianProcessOptimizer.Settings()
        settings.initialPoints = 5
        settings.candidates = 256
        settings.restarts = restarts
        var gp: any Optimizer = try GaussianProcessOptimizer(
            context: OptimizerContext(space: space, seed: 1, budget: 60), settings: settings)
        let values = try run(&gp, space, f).map(f)
        #expect(values.prefix(20).min()! < 1e-4)  // converged within 20 evaluations either way
        let far = values.suffix(30).filter { $0 > 0.25 }.count
        if restarts {
            #expect(Int(gp.metadata["restarts"] ?? "") ?? 0 >= 1)
            #expect(far >= 3, "\(far) exploring suggestions in the last 30")
            #expect(values.min()! < 1e-6)
        } else {
            #expect(gp.metadata["restarts"] == "off")
            #expect(far == 0)
        }
    }

    /// A restart models only its own suggestions: the suggestion on which a restart converges (and so starts the next
    /// one) goes to the restart that made it, never into its successor's model. Checked after every tell of a run with
    /// several restarts.
    @Test func aRestartModelsOnlyItsOwnSuggestions() throws {
        let space = try SearchSpace([.real("x", lower: -2, upper: 2), .real("y", lower: -2, upper: 2)])
        let f = { (c: Configuration) in (c.real(0) - 0.7) * (c.real(0) - 0.7) + (c.real(1) + 0.3) * (c.real(1) + 0.3) }
        var settings = GaussianProcessOptimizer.Settings()
        settings.initialPoints = 3
        settings.candidates = 256
        var gp = try GaussianProcessOptimizer(
            context: OptimizerContext(space: space, seed: 1, budget: 70), settings: settings)
        var checked = 0
        while let suggestion = gp.ask() {
            gp.tell(Observation(suggestion, value: f(suggestion.configuration)))
            if let line = gp.restartLine {
                #expect(line.points <= line.asks, "a restart with \(line.points) points after \(line.asks) asks")
                checked += 1
            }
        }
        #expect(Int(gp.metadata["restarts"] ?? "") ?? 0 >= 2)
        #expect(checked > 20)
    }

    /// `failure-imputation=worst`: a failure enters the model with the worst value observed so far, re-imputed at
    /// each fit as that grows; a failure before the first value is left out; an imputed failure is never an incumbent
    /// (its violation is `+∞`).
    @Test func failuresAreImputedWithTheWorstValueSoFar() {
        var settings = GaussianProcessOptimizer.Settings()
        settings.failureImputation = .worst
        var thread = SurrogateThread(dimension: 1, categorical: [false], settings: settings)
        let early = thread.appendFailure([0.1])
        #expect(!early)
        thread.append([0.2], 3)
        thread.append([0.3], 5)
        let added = thread.appendFailure([0.9])
        #expect(added)
        #expect(thread.model.targets == [3, 5, 5] && thread.imputed == [2] && thread.violations == [0, 0, .infinity])
        thread.append([0.5], 8)
        var generator = Xoshiro256StarStar(seed: 1)
        thread.fit(using: &generator)
        #expect(thread.model.targets == [3, 5, 8, 8])
    }

    /// `failure-imputation=penalised` (the default): until the first fit a failure holds the worst value so far; each
    /// fit estimates the hyperparameters from the successes alone (the same estimate as a line that never saw the
    /// failures), then imputes every failure with `μ + σ` of the successes' model at the failed point, in the original
    /// units (two failures between successes, on a real and a categorical coordinate, so that their values differ and
    /// their order is pinned).
    @Test func failuresAreImputedWithTheUpperBoundOfTheSuccessesModel() throws {
        let settings = GaussianProcessOptimizer.Settings()
        #expect(settings.failureImputation == .penalised)
        var thread = SurrogateThread(dimension: 2, categorical: [false, true], settings: settings)
        var plain = SurrogateThread(dimension: 2, categorical: [false, true], settings: settings)
        let successes: [([Double], Double)] = [([0.2, 0], 3), ([0.3, 1], 5), ([0.5, 0], 8)]
        thread.append(successes[0].0, successes[0].1)
        thread.appendFailure([0.95, 1])
        thread.append(successes[1].0, successes[1].1)
        thread.appendFailure([0.05, 0])
        thread.append(successes[2].0, successes[2].1)
        for (x, y) in successes { plain.append(x, y) }
        #expect(thread.model.targets == [3, 3, 5, 5, 8] && thread.imputed == [1, 3])
        var generator = Xoshiro256StarStar(seed: 1)
        thread.fit(using: &generator)
        var plainGenerator = Xoshiro256StarStar(seed: 1)
        plain.fit(using: &plainGenerator)
        #expect(thread.model.hyperparameters == plain.model.hyperparameters)

        let predictor = try plain.model.predictor()
        let (means, variances) = predictor.meanAndVariance(points: [0.95, 1, 0.05, 0])
        let expected = zip(means, variances).map { predictor.mean + predictor.scale * ($0 + $1.squareRoot()) }
        #expect(variances.allSatisfy { $0 > 0 } && abs(expected[0] - expected[1]) > 0.1)
        for (index, value) in zip([1, 3], expected) {
            #expect(abs(thread.model.targets[index] - value) <= 1e-12 * abs(value), "\(index): \(thread.model.targets)")
        }
        #expect([0, 2, 4].map { thread.model.targets[$0] } == [3, 5, 8])
    }

    /// On a problem that fails on half of its box, imputing failures keeps `gp` out of the failing half more than the
    /// feasibility model alone (seed 3, 40 evaluations).
    @Test func imputationKeepsTheSearchOutOfAFailingRegion() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
        func failures(_ imputation: GaussianProcessOptimizer.FailureImputation) throws -> Int {
            var settings = GaussianProcessOptimizer.Settings()
            settings.failureImputation = imputation
            var gp = try GaussianProcessOptimizer(
                context: OptimizerContext(space: space, seed: 3, budget: 40), settings: settings)
            var failed = 0
            while let suggestion = gp.ask() {
                let (x, y) = (suggestion.configuration.real(0), suggestion.configuration.real(1))
                let value: Double? = x > 0.5 ? nil : (x - 0.45) * (x - 0.45) + (y - 0.5) * (y - 0.5)
                if value == nil { failed += 1 }
                gp.tell(Observation(suggestion, value: value))
            }
            return failed
        }
        let plain = try failures(.none)
        let imputed = try failures(.worst)
        #expect(imputed < plain, "imputed \(imputed), feasibility model alone \(plain)")
        let penalised = try failures(.penalised)
        #expect(penalised < plain, "penalised \(penalised), feasibility model alone \(plain)")
    }
}
