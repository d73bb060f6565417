import Foundation
import Testing
import Tunebench
import TunebenchTestSupport
@testable import TunebenchOptimizers

/// BOHB's model (`KernelDensitySampler`): hpbandster 0.7.4's split sizes, the largest level with enough points, the
/// bandwidth floor, its candidate rule and random fraction, and agreement with hpbandster's own config generator
/// (`Tests/Scripts/bohb_reference.py`).
struct KernelDensitySamplerTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts/bohb_reference.py")

    static func reals(_ d: Int) -> SearchSpace { try! SearchSpace((0..<d).map { .real("x\($0)", lower: 0, upper: 1) }) }

    static func sampler(_ space: SearchSpace, minimumPoints: Int = 0) -> KernelDensitySampler {
        var settings = KernelDensitySampler.Settings()
        settings.minimumPoints = minimumPoints
        return KernelDensitySampler(space: space, settings: settings)
    }

    /// `n_good = max(N_min, ⌊15 n/100⌋)`, `n_bad = max(N_min, ⌊85 n/100⌋)`, `N_min = d + 1` (never less).
    @Test func splitSizesAreHpbandsters() {
        let four = Self.sampler(Self.reals(4))
        #expect(four.minimumPoints == 5)
        #expect(four.splitSizes(count: 10) == (5, 8) && four.splitSizes(count: 40) == (6, 34))
        #expect(four.splitSizes(count: 100) == (15, 85) && four.splitSizes(count: 101) == (15, 85))
        #expect(Self.sampler(Self.reals(4), minimumPoints: 2).minimumPoints == 5)
        #expect(Self.sampler(Self.reals(4), minimumPoints: 8).splitSizes(count: 10) == (8, 8))
        // One parameter, 19 evaluations: 2 good, 16 bad, and the worst in neither set.
        let one = Self.sampler(Self.reals(1))
        let observations = (0..<19).map { KernelDensitySampler.Observation(values: [.real(Double($0) / 19)], loss: Double($0)) }
        let (good, bad) = one.split(observations)
        #expect(good == [0, 1] && bad == Array(2..<18))
    }

    /// A level has a model once both sets hold more rows than parameters: with the defaults, `n − n_good ≥ d + 1`.
    @Test func aLevelHasAModelWhenBothSetsExceedTheDimension() {
        let four = Self.sampler(Self.reals(4))
        #expect(!four.hasModel(count: 4) && !four.hasModel(count: 9) && four.hasModel(count: 10))
        #expect((1...200).filter { !four.hasModel(count: $0) }.count == 9)
        let one = Self.sampler(Self.reals(1))
        #expect(!one.hasModel(count: 3) && one.hasModel(count: 4))
    }

    /// Failed evaluations (`+∞`) rank last, so they land in the bad set; a constant column's bandwidth is the floor.
    @Test func failuresAreBadAndConstantColumnsGetTheFloor() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .categorical("c", choices: ["a", "b", "c"])])
        let sampler = Self.sampler(space)
        var observations: [KernelDensitySampler.Observation] = (0..<12).map {
            .init(values: [.real(Double($0) / 12), .categorical($0 % 3)], loss: Double($0))
        }
        observations[0].loss = .infinity
        observations[1].values[1] = .categorical(1)
        observations[2].values[1] = .categorical(1)
        observations[3].values[1] = .categorical(1)
        let (good, bad) = sampler.split(observations)
        #expect(good == [1, 2, 3] && bad.last == 0)
        var generator = Xoshiro256StarStar(seed: 1)
        let model = try #require(sampler.model(observations, using: &generator))
        #expect(model.good.bandwidths[1] == 1e-3 && model.good.bandwidths[0] > 1e-3)
        #expect(model.good.count == 3 && model.bad.count == 9)
    }

    /// hpbandster's candidate rule: a candidate whose ratio is not finite while `l(x)` is (a category that the bad
    /// set, holding one value, never saw: `g(x) = ∞`) ends the search and wins; plain minimization would never pick it.
    @Test func aNonFiniteRatioWithFiniteGoodDensityWins() throws {
        let space = try SearchSpace([.categorical("c", choices: ["a", "b", "c", "d"]), .real("x", lower: 0, upper: 1)])
        let sampler = Self.sampler(space)
        let model = KernelDensitySampler.Model(
            good: ProductKernelDensity(
                rows: [[0, 0.5], [1, 0.5], [2, 0.5]], variables: [.unordered, .continuous], bandwidths: [0.5, 0.1]),
            bad: ProductKernelDensity(
                rows: [[0, 0.5], [0, 0.6], [0, 0.4]], variables: [.unordered, .continuous], bandwidths: [0.001, 0.1]))
        for seed in 0..<5 {
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            let configuration = try #require(sampler.suggestion(from: model, using: &generator))
            #expect(configuration.values[0] != .categorical(0))
        }
    }

    /// Candidates stay in the unit cube around good rows: on a level whose good evaluations sit near 0.2, the model's
    /// suggestions do too, and the same seed gives the same suggestion.
    @Test func suggestionsFollowTheGoodSetAndAreDeterministic() throws {
        let space = Self.reals(2)
        let sampler = Self.sampler(space)
        let observations: [KernelDensitySampler.Observation] = (0..<40).map { i in
            let x = Double(i) / 39
            return .init(values: [.real(x), .real(1 - x)], loss: abs(x - 0.2))
        }
        var first = Xoshiro256StarStar(seed: 9)
        var second = Xoshiro256StarStar(seed: 9)
        let a = try #require(sampler.suggestion(from: observations, using: &first))
        let b = try #require(sampler.suggestion(from: observations, using: &second))
        #expect(a == b)
        #expect(abs(a.numericValues[0] - 0.2) < 0.15)
    }

    /// The random fraction: with `ρ = 0` every new configuration asked while a level has a model comes from it, with
    /// `ρ = 1` none does, and with hpbandster's `ρ = 1/3` about two thirds do.
    @Test func randomFractionSetsTheShareOfModelPicks() throws {
        func counts(_ fraction: Double, seed: UInt64) throws -> (chances: Int, picks: Int) {
            let entry = try Registry.builtin.optimizer(named: "bohb")
            let context = OptimizerContext(
                space: HyperbandTests.space, seed: seed, budget: 400, fidelities: HyperbandTests.levels,
                options: try Options.resolve(["random-fraction": .real(fraction)], specs: entry.options, entry: "bohb"))
            var optimizer = try entry.factory(context)
            while let suggestion = try optimizer.ask() {
                try optimizer.tell(Observation(suggestion, value: HyperbandTests.value(suggestion)))
            }
            let metadata = optimizer.metadata
            return (Int(metadata["model-chances"] ?? "") ?? -1, Int(metadata["model-picks"] ?? "") ?? -1)
        }
        let all = try counts(0, seed: 1)
        #expect(all.chances > 50 && all.picks == all.chances)
        let none = try counts(1, seed: 1)
        #expect(none.chances > 50 && none.picks == 0)
        let third = try (1...4).map { try counts(1.0 / 3, seed: $0) }
        let share = Double(third.map(\.picks).reduce(0, +)) / Double(third.map(\.chances).reduce(0, +))
        #expect(share > 0.55 && share < 0.78, "\(third)")
    }

    /// The same observations fed to hpbandster 0.7.4's config generator (`new_result`, in Hyperband's order) give the
    /// same model: the budget of its largest model, the same good and bad rows, and the same bandwidths after its
    /// floor, to a relative 10⁻¹² (measured: equal). And the same suggestions in distribution (measured: a
    /// Kolmogorov–Smirnov distance of 0.047 between 400 draws of each).
    @Test(.python(.numpy, .statsmodels, .hpbandster))
    func modelMatchesHpbandster() throws {
        let result = try PythonScript.run(Self.script, [])
        try #require(result.status == 0, "bohb_reference.py failed: \(result.errors)")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        var largest = 0.0
        func number(_ value: Any?) throws -> Double {
            let text = try #require(value as? String, "not a repr string: \(String(describing: value))")
            return try #require(Double(text), "not a double: \(text)")
        }
        for item in cases {
            let name = try #require(item["name"] as? String)
            let parameters = try #require(item["parameters"] as? [[String: Any]]).map { p -> Parameter in
                let label = p["name"] as? String ?? "?"
                if let choices = p["choices"] as? [String] { return .categorical(label, choices: choices) }
                let (lower, upper) = (p["lower"] as? Double ?? 0, p["upper"] as? Double ?? 1)
                return .real(label, lower: lower, upper: upper, scale: (p["log"] as? Bool ?? false) ? .log : .linear)
            }
            let space = try SearchSpace(parameters)
            var levels: [Double: [KernelDensitySampler.Observation]] = [:]
            for observation in try #require(item["observations"] as? [[String: Any]]) {
                let budget = try #require(observation["budget"] as? Double)
                let values = try zip(parameters, try #require(observation["values"] as? [Any])).map {
                    parameter, value -> ParameterValue? in
                    if case .categorical = parameter.domain { return .categorical(try #require(value as? Int)) }
                    return .real(try number(value))
                }
                // hpbandster's new_result: a crashed run and a non-finite loss count as +inf.
                let loss = observation["loss"] is NSNull ? .infinity : try number(observation["loss"])
                levels[budget, default: []].append(.init(values: values, loss: loss.isFinite ? loss : .infinity))
            }
            let sampler = Self.sampler(space)
            let budget = levels.keys.sorted().last { sampler.hasModel(count: levels[$0]!.count) }
            guard let expected = item["model"] as? [String: Any] else {
                #expect(budget == nil, "\(name): hpbandster has no model")
                continue
            }
            #expect(budget == expected["budget"] as? Double, "\(name): model budget")
            var generator = Xoshiro256StarStar(seed: 1)
            let model = try #require(sampler.model(levels[budget ?? -1] ?? [], using: &generator), "\(name)")
            for (ours, key) in [(model.good, "good"), (model.bad, "bad")] {
                let rows = try #require(expected[key] as? [[Any]]).map { try $0.map(number) }
                #expect(ours.count == rows.count, "\(name): \(key) rows")
                let oursSorted = (0..<ours.count).map { Array(ours.row($0)) }.sorted { $0.lexicographicallyPrecedes($1) }
                for (a, b) in zip(oursSorted, rows.sorted { $0.lexicographicallyPrecedes($1) }) {
                    for (x, y) in zip(a, b) {
                        let error = abs(x - y) / max(abs(y), 1e-300)
                        largest = max(largest, x == y ? 0 : error)
                        #expect(x == y || error <= 1e-12, "\(name): \(key) row \(a) against \(b)")
                    }
                }
                let bandwidths = try #require(expected[key + "_bw"] as? [Any]).map(number)
                for (x, y) in zip(ours.bandwidths, bandwidths) {
                    let error = abs(x - y) / y
                    largest = max(largest, error)
                    #expect(error <= 1e-12, "\(name): \(key) bandwidth \(x) against hpbandster's \(y)")
                }
            }
        }
        print("bohb model against hpbandster \(reference["hpbandster"] ?? "?"): \(cases.count) cases, largest relative "
            + "difference \(largest)")

        // The random part in distribution: 400 of our suggestions (seeds 0 to 399) against 400 of hpbandster's
        // get_config on the same 30 evaluations, with no random fraction. The real coordinate by a two-sample
        // Kolmogorov–Smirnov distance (below 0.1; 0.138 is the 0.1 % critical value), the categorical by its shares.
        let draws = try #require(reference["draws"] as? [String: Any])
        let space = try SearchSpace([.real("p0", lower: 0, upper: 1), .categorical("p1", choices: ["p10", "p11", "p12"])])
        let observations = try #require(draws["observations"] as? [[Any]]).map { row in
            KernelDensitySampler.Observation(
                values: [.real(try number(row[0])), .categorical(try #require(row[1] as? Int))], loss: try number(row[2]))
        }
        let theirs = try #require(draws["draws"] as? [[Any]])
        let sampler = Self.sampler(space)
        let ours = try (0..<theirs.count).map { seed in
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            return try #require(sampler.suggestion(from: observations, using: &generator))
        }
        let (x, y) = (ours.map { $0.numericValues[0] }.sorted(), try theirs.map { try number($0[0]) }.sorted())
        var distance = 0.0
        for value in x + y {
            let below = (Double(x.filter { $0 <= value }.count) / Double(x.count), Double(y.filter { $0 <= value }.count) / Double(y.count))
            distance = max(distance, abs(below.0 - below.1))
        }
        #expect(distance < 0.1, "Kolmogorov–Smirnov distance \(distance)")
        for choice in 0..<3 {
            let share = (
                Double(ours.filter { $0.values[1] == .categorical(choice) }.count) / Double(ours.count),
                Double(theirs.filter { $0[1] as? Int == choice }.count) / Double(theirs.count))
            #expect(abs(share.0 - share.1) < 0.05, "choice \(choice): \(share.0) against hpbandster's \(share.1)")
        }
        print("bohb draws against hpbandster's get_config: Kolmogorov–Smirnov distance \(distance)")
    }
}
