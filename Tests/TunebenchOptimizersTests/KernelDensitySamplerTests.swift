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
        let reference = try Self.reference()
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        var largest = 0.0
        let number = Self.number
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
                let listed = try #require(observation["values"] as? [Any])
                #expect(listed.count == parameters.count, "\(name): values per observation")
                let values = try zip(parameters, listed).map {
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
                    #expect(a.count == b.count, "\(name): \(key) row length")
                    for (x, y) in zip(a, b) {
                        let error = abs(x - y) / max(abs(y), 1e-300)
                        largest = max(largest, x == y ? 0 : error)
                        #expect(x == y || error <= 1e-12, "\(name): \(key) row \(a) against \(b)")
                    }
                }
                let bandwidths = try #require(expected[key + "_bw"] as? [Any]).map(number)
                #expect(ours.bandwidths.count == bandwidths.count, "\(name): \(key) bandwidth count")
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

/// The candidate draw and the imputation of inactive parameters, against hpbandster 0.7.4's code
/// (`Tests/Scripts/bohb_reference.py candidates` and `imputation`) and by their rules.
extension KernelDensitySamplerTests {
    /// A generator that returns given outputs: `output(unit:)` makes `nextUnit()` give a chosen multiple of 2⁻⁵³.
    struct ScriptedGenerator: RandomNumberGenerator {
        var outputs: [UInt64]

        mutating func next() -> UInt64 { outputs.removeFirst() }

        static func output(unit u: Double) -> UInt64 { UInt64(u * 0x1p53) << 11 }
    }

    /// The JSON object that `bohb_reference.py` prints with `arguments` (none, or the mode).
    static func reference(_ arguments: String...) throws -> [String: Any] {
        let result = try PythonScript.run(script, arguments)
        try #require(result.status == 0, "bohb_reference.py \(arguments) failed: \(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    /// A double the script prints as `repr()` in a string.
    static func number(_ value: Any?) throws -> Double {
        let text = try #require(value as? String, "not a repr string: \(String(describing: value))")
        return try #require(Double(text), "not a double: \(text)")
    }

    /// A continuous coordinate of a candidate is the quantile, at one uniform `u`, of the normal with mean the good
    /// row's value `m` and deviation `bw = 3 · max(h, 10⁻³)` truncated to `[0, 1]`: hpbandster's
    /// `truncnorm.rvs(-m/bw, (1-m)/bw, loc=m, scale=bw)` with `rvs` replaced by `ppf(u, …)` in its own `get_config`
    /// (8 kernels times 5 uniforms: a bandwidth under the floor, means at and near the bounds, far tails), to an
    /// absolute 2 · 10⁻¹² (measured: 7.9 · 10⁻¹³, see the printed figure). Absolute, because both lose digits in the
    /// tails: near 0 the quantile `m + bw z` cancels (SciPy and we are about 10⁻¹⁰ relative, 10⁻¹⁶ absolute, off the
    /// exact value), and near 1 (`u = 1 − 10⁻⁷`) `Φ⁻¹` takes a probability close to 1 (against mpmath, we are
    /// 5 · 10⁻¹³ off, SciPy 3 · 10⁻¹³). A bandwidth factor of 6 or 1.5 fails 38 of the 40 draws, by 10⁻⁹ to 0.3.
    @Test(.python(.numpy, .scipy, .hpbandster))
    func continuousCandidateIsTheTruncatedNormalQuantile() throws {
        let reference = try Self.reference("candidates")
        let items = try #require(reference["continuous"] as? [[String: Any]])
        #expect(items.count == 40)
        let sampler = Self.sampler(Self.reals(1))
        var largest = 0.0
        for item in items {
            let (m, h, u) = (try Self.number(item["m"]), try Self.number(item["h"]), try Self.number(item["u"]))
            let expected = try Self.number(item["value"])
            try #require(u >= 0 && u < 1 && (u * 0x1p53).rounded() == u * 0x1p53, "u = \(u) is not k · 2^-53")
            var generator = ScriptedGenerator(outputs: [ScriptedGenerator.output(unit: u)])
            let candidate = sampler.draw(around: [m][...], bandwidths: [h], using: &generator)
            #expect(generator.outputs.isEmpty && candidate.count == 1, "one uniform, one coordinate")
            let error = abs(candidate[0] - expected)
            largest = max(largest, error)
            #expect(error <= 2e-12, "m \(m), h \(h), u \(u): \(candidate[0]) against hpbandster's \(expected)")
        }
        print("bohb candidates against hpbandster's truncnorm: \(items.count) draws, largest absolute difference "
            + "\(largest)")
    }

    /// A categorical coordinate keeps the good row's choice `m` with probability `1 − h` and is otherwise a uniform
    /// choice among all the choices, `m` included: the shares of 64,000 of our draws against those of 64,000 of
    /// hpbandster's (its `get_config` on a one-row model), within 0.012 (4 standard deviations of the difference).
    /// The shares are `1 − h + h/4` and `h/4` (h = 0.3: 0.775 and 0.075); a redraw among the other choices only
    /// (0.7 and 0.1), keeping with probability `h` or widening `h` by the bandwidth factor are off by 0.075 or more.
    @Test(.python(.numpy, .scipy, .hpbandster))
    func categoricalCandidateKeepsItsChoiceWithProbabilityOneMinusBandwidth() throws {
        let reference = try Self.reference("candidates")
        let items = try #require(reference["categorical"] as? [[String: Any]])
        #expect(items.count == 2)
        for item in items {
            let (count, m) = (try #require(item["choices"] as? Int), try #require(item["m"] as? Int))
            let h = try Self.number(item["h"])
            let theirs = try #require(item["shares"] as? [Any]).map(Self.number)
            let space = try SearchSpace([.categorical("p0", choices: (0..<count).map { "c\($0)" })])
            let sampler = Self.sampler(space)
            var generator = Xoshiro256StarStar(seed: 1)
            var counts = [Int](repeating: 0, count: count)
            let draws = 64_000
            for _ in 0..<draws {
                let candidate = sampler.draw(around: [Double(m)][...], bandwidths: [h], using: &generator)
                counts[Int(candidate[0])] += 1
            }
            #expect(counts.count == theirs.count)
            for (choice, (ours, share)) in zip(counts, theirs).enumerated() {
                let ourShare = Double(ours) / Double(draws)
                #expect(abs(ourShare - share) < 0.012, "h \(h), choice \(choice): \(ourShare) against \(share)")
            }
        }
    }

    /// The nested space of `bohb_reference.py imputation`: `a1` active under `c ∈ {a, b}`, `b1` and `e` under
    /// `c = a`, `k` and `u` under `c = d`. Declared `x, c, b1, a1, e, k, u`; ConfigSpace's order is
    /// `c, x, a1, b1, e, k, u`.
    static let nested = try! SearchSpace([
        .real("x", lower: 0, upper: 1), .categorical("c", choices: ["a", "b", "c", "d"]),
        .real("b1", lower: 0, upper: 1, when: .init(parent: "c", values: ["a"])),
        .real("a1", lower: 0, upper: 1, when: .init(parent: "c", values: ["a", "b"])),
        .categorical("e", choices: ["p", "q", "r"], when: .init(parent: "c", values: ["a"])),
        .categorical("k", choices: ["p", "q", "r"], when: .init(parent: "c", values: ["d"])),
        .real("u", lower: 0, upper: 1, when: .init(parent: "c", values: ["d"])),
    ])

    /// Rows of ``nested`` (`nil` where inactive): two with `c = a` (all of `b1`, `a1`, `e`), two with `c = b` (`a1`
    /// only), two with `c = c` (none); no row takes `c = d`, so none has `k` or `u`.
    static let nestedRows: [[ParameterValue?]] = [
        [.real(0.125), .categorical(0), .real(0.375), .real(0.25), .categorical(1), nil, nil],
        [.real(0.5), .categorical(0), .real(0.75), .real(0.625), .categorical(2), nil, nil],
        [.real(0.875), .categorical(1), nil, .real(0.0625), nil, nil, nil],
        [.real(0.1875), .categorical(2), nil, nil, nil, nil, nil],
        [.real(0.3125), .categorical(1), nil, .real(0.4375), nil, nil, nil],
        [.real(0.5625), .categorical(2), nil, nil, nil, nil, nil],
    ]

    /// ConfigSpace 1.x's vector order, which decides the donor: by the depth of the condition, then by name. For
    /// a chain `z → y → b` beside `z → a` and an unconditional `m`, ConfigSpace 1.2.2 gives `m, z, a, y, b`
    /// (`imputationMatchesHpbandster` checks ``nested`` against the script's ConfigSpace).
    @Test func imputationFollowsConfigSpacesOrder() throws {
        let chained = try SearchSpace([
            .categorical("z", choices: ["a", "b"]),
            .categorical("y", choices: ["a", "b"], when: .init(parent: "z", values: ["a"])),
            .real("b", lower: 0, upper: 1, when: .init(parent: "y", values: ["a"])),
            .real("a", lower: 0, upper: 1, when: .init(parent: "z", values: ["b"])),
            .real("m", lower: 0, upper: 1),
        ])
        #expect(Self.sampler(chained).imputationOrder == [4, 0, 3, 1, 2])
        #expect(Self.sampler(Self.reals(3)).imputationOrder == [0, 1, 2])
    }

    /// A missing coordinate that one row has is that row's value, whatever the seed.
    @Test func aSingleDonorIsCopied() throws {
        let space = try SearchSpace([
            .real("x", lower: 0, upper: 1), .categorical("c", choices: ["a", "b"]),
            .real("y", lower: 0, upper: 1, when: .init(parent: "c", values: ["a"])),
        ])
        let sampler = Self.sampler(space)
        let values: [[ParameterValue?]] = [
            [.real(0.125), .categorical(0), .real(0.25)], [.real(0.5), .categorical(1), nil],
            [.real(0.875), .categorical(1), nil],
        ]
        let rows = values.map(sampler.vector)
        for seed in 0..<20 {
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            #expect(sampler.impute(rows, using: &generator) == [[0.125, 0, 0.25], [0.5, 1, 0.25], [0.875, 1, 0.25]])
        }
    }

    /// A coordinate that no row has is drawn for each row: a position uniform in `[0, 1)`, a choice uniform among all
    /// the choices (hpbandster's `np.random.rand()` and `np.random.randint(t)`).
    @Test func aCoordinateNoRowHasIsDrawnUniformly() throws {
        let sampler = Self.sampler(Self.nested)
        let rows = Self.nestedRows.map(sampler.vector)
        var generator = Xoshiro256StarStar(seed: 3)
        var (positions, choices, changed) = ([Double](), [Int](repeating: 0, count: 3), 0)
        for _ in 0..<1000 {
            let imputed = sampler.impute(rows, using: &generator)
            for (row, original) in zip(imputed, rows) {
                changed += zip(row, original).contains { !$1.isNaN && $0 != $1 } ? 1 : 0
                let choice = row[5] == row[5].rounded() && row[5] >= 0 && row[5] < 3 ? Int(row[5]) : -1
                try #require(row[6] >= 0 && row[6] < 1 && choice >= 0, "\(row)")
                positions.append(row[6])
                choices[choice] += 1
            }
        }
        #expect(changed == 0, "present values are kept")
        #expect(Set(positions).count == positions.count, "one draw per row")
        let mean = positions.reduce(0, +) / Double(positions.count)
        let quarter = Double(positions.filter { $0 < 0.25 }.count) / Double(positions.count)
        #expect(abs(mean - 0.5) < 0.02 && abs(quarter - 0.25) < 0.03, "mean \(mean), below 1/4 \(quarter)")
        for count in choices {
            #expect(abs(Double(count) / Double(positions.count) - 1.0 / 3) < 0.03, "\(choices)")
        }
    }

    /// Several coordinates missing at once: the first in ConfigSpace's order (`a1`) picks the donor, which gives every
    /// missing coordinate it has, and a donor without `b1` (`c = b`) leaves `b1` and `e` to a second donor, which
    /// gives both. So a row with `c = c` gets `(a1, b1, e)` from one `c = a` row, or `a1` from a `c = b` row and
    /// `(b1, e)` from one `c = a` row: six outcomes, all of which occur, and never `a1` of one `c = a` row with `b1`
    /// of the other. (Taking `b1` first, in declared order, would give only the two `c = a` rows' triples.)
    @Test func missingCoordinatesComeFromOneDonorAtATime() {
        let sampler = Self.sampler(Self.nested)
        let rows = Self.nestedRows.map(sampler.vector)
        var generator = Xoshiro256StarStar(seed: 5)
        var outcomes: Set<[Double]> = []
        var pairs: Set<[Double]> = []
        for _ in 0..<500 {
            let imputed = sampler.impute(rows, using: &generator)
            for i in [3, 5] { outcomes.insert([imputed[i][3], imputed[i][2], imputed[i][4]]) }
            for i in [2, 4] { pairs.insert([imputed[i][2], imputed[i][4]]) }
        }
        let triples: Set<[Double]> = [
            [0.25, 0.375, 1], [0.625, 0.75, 2], [0.0625, 0.375, 1], [0.0625, 0.75, 2], [0.4375, 0.375, 1],
            [0.4375, 0.75, 2],
        ]
        #expect(outcomes == triples)
        // A row with c = b has a1 and takes (b1, e) from one c = a row.
        #expect(pairs == [[0.375, 1], [0.75, 2]])
    }

    /// Whatever the rows, an imputed coordinate that some row has is one of those rows' values, present values are
    /// kept, and nothing stays missing: random configurations of the nested space, with `c = d` (so `k` and `u`)
    /// allowed.
    @Test func imputedValuesAreDonorValues() {
        let sampler = Self.sampler(Self.nested)
        var generator = Xoshiro256StarStar(seed: 11)
        var copied = 0
        for _ in 0..<200 {
            let rows = (0..<8).map { _ in
                let point = (0..<Self.nested.dimension).map { _ in generator.nextUnit() }
                return sampler.vector(Self.nested.decode(point).values)
            }
            let imputed = sampler.impute(rows, using: &generator)
            #expect(imputed.count == rows.count)
            for (row, original) in zip(imputed, rows) {
                #expect(row.count == original.count && !row.contains { $0.isNaN })
                for j in row.indices {
                    let donors = rows.map { $0[j] }.filter { !$0.isNaN }
                    if !original[j].isNaN {
                        #expect(row[j] == original[j])
                    } else if !donors.isEmpty {
                        copied += 1
                        #expect(donors.contains(row[j]), "coordinate \(j): \(row[j]) is no donor's value \(donors)")
                    }
                }
            }
        }
        #expect(copied > 1000, "imputed coordinates that some row has: \(copied)")
    }

    /// hpbandster's `impute_conditional_data` on the vectors of the same rows (``nested`` and a one-donor space): for
    /// each row, the same imputed rows, each with the same share within 0.015 (about 4 standard deviations of the
    /// difference), over 20,000 calls each; a position that no row has is only checked to be in `[0, 1)`.
    @Test(.python(.numpy, .scipy, .hpbandster))
    func imputationMatchesHpbandster() throws {
        let reference = try Self.reference("imputation")
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count == 2)
        for item in cases {
            let name = try #require(item["name"] as? String)
            let specifications = try #require(item["parameters"] as? [[String: Any]])
            let parameters = try specifications.map { p -> Parameter in
                let label = try #require(p["name"] as? String)
                let condition = (p["condition"] as? [String: Any]).map {
                    Parameter.Condition(
                        parent: $0["parent"] as? String ?? "?", values: $0["values"] as? [String] ?? [])
                }
                if let choices = p["choices"] as? [String] {
                    return .categorical(label, choices: choices, when: condition)
                }
                return .real(label, lower: 0, upper: 1, when: condition)
            }
            let space = try SearchSpace(parameters)
            let sampler = Self.sampler(space)
            #expect(
                sampler.imputationOrder.map { parameters[$0].name } == item["configspace_order"] as? [String],
                "\(name): ConfigSpace's order")
            let rows = try #require(item["rows"] as? [[Any]]).map { row in
                #expect(row.count == parameters.count, "\(name): values per row")
                return sampler.vector(
                    try zip(parameters, row).map { parameter, value -> ParameterValue? in
                        if value is NSNull { return nil }
                        if case .categorical = parameter.domain { return .categorical(try #require(value as? Int)) }
                        return .real(try Self.number(value))
                    })
            }
            // Reals that no row has: drawn uniformly, printed as null.
            let uniform = Set(parameters.indices.filter { j in
                if case .categorical = parameters[j].domain { return false }
                return rows.allSatisfy { $0[j].isNaN }
            })
            let calls = try #require(item["calls"] as? Int)
            var counts = [[[Double?]: Int]](repeating: [:], count: rows.count)
            var generator = Xoshiro256StarStar(seed: 1)
            var outside = 0
            for _ in 0..<calls {
                for (i, row) in sampler.impute(rows, using: &generator).enumerated() {
                    outside += uniform.contains { row[$0] < 0 || row[$0] >= 1 } ? 1 : 0
                    counts[i][row.indices.map { uniform.contains($0) ? nil : row[$0] }, default: 0] += 1
                }
            }
            #expect(outside == 0, "\(name): uniform positions outside [0, 1)")
            let outcomes = try #require(item["outcomes"] as? [[[String: Any]]])
            #expect(outcomes.count == rows.count, "\(name): rows")
            for (i, (ours, theirs)) in zip(counts, outcomes).enumerated() {
                var expected: [[Double?]: Double] = [:]
                for outcome in theirs {
                    let values = try #require(outcome["values"] as? [Any])
                    let key: [Double?] = try values.map { $0 is NSNull ? nil : try Self.number($0) }
                    expected[key] = try Self.number(outcome["share"])
                }
                let extra = Set(ours.keys).subtracting(expected.keys)
                let missing = Set(expected.keys).subtracting(ours.keys)
                #expect(extra.isEmpty, "\(name), row \(i): \(extra.count) outcomes hpbandster never gives: \(extra)")
                #expect(missing.isEmpty, "\(name), row \(i): \(missing.count) of hpbandster's outcomes missing")
                for (key, share) in expected {
                    let ourShare = Double(ours[key] ?? 0) / Double(calls)
                    #expect(abs(ourShare - share) < 0.015, "\(name), row \(i), \(key): \(ourShare) against \(share)")
                }
            }
        }
    }
}
