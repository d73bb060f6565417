import Foundation
import Testing
import Tunebench
@testable import TunebenchOptimizers

/// The entries that name a published method state its reference defaults, and the reference entries run with them.
struct ReferenceDefaultsTests {
    private func options(_ name: String) throws -> Options {
        let entry = try Registry.builtin.optimizer(named: name)
        return try Options.resolve([:], specs: entry.options, entry: name)
    }

    private func metadata(_ name: String, dimension: Int, budget: Int) throws -> [String: String] {
        let entry = try Registry.builtin.optimizer(named: name)
        let space = try SearchSpace((0..<dimension).map { .real("x\($0)", lower: 0, upper: 1) })
        let context = OptimizerContext(space: space, seed: 1, budget: budget, options: try options(name))
        return try entry.factory(context).metadata
    }

    /// Each tuned entry names its reference entry and at least one deviation with the problems it was chosen on; each
    /// reference entry exists, names none, and lists only deviations no option can express.
    @Test(arguments: [("tpe", "tpe-optuna"), ("cmaes", "cmaes-hansen"), ("forest", "forest-smac"), ("gp", "gp-optuna")])
    func tunedEntriesNameTheirReference(tuned: String, reference: String) throws {
        let statement = try #require(try Registry.builtin.optimizer(named: tuned).reference)
        #expect(statement.entry == reference)
        #expect(!statement.deviations.isEmpty)
        for deviation in statement.deviations {
            #expect(!deviation.chosenOn.isEmpty && !deviation.reason.isEmpty)
        }
        let referenceEntry = try Registry.builtin.optimizer(named: reference)
        #expect(!referenceEntry.includedByDefault)
        let own = try #require(referenceEntry.reference)
        #expect(own.entry == nil && own.source == statement.source)
        #expect(own.deviations.allSatisfy { $0.chosenOn == "not tuned" })
    }

    /// Optuna 5.0.0's TPESampler: 24 candidates and γ(n) = min(⌈0.1 n⌉, 25) (`optuna/samplers/_tpe/sampler.py`).
    @Test func tpeOptunaHasOptunasDefaults() throws {
        let options = try options("tpe-optuna")
        #expect(options.integer("candidates") == 24)
        #expect(options.real("gamma") == 0.1)
        #expect(options.integer("startup") == 10)
    }

    /// Hansen's first population 4 + ⌊3 ln n⌋ (tutorial, table 1): 6 in 2-D, 10 in 10-D, against 4 and 6 for `cmaes`.
    @Test func cmaesHansenHasHansensPopulation() throws {
        #expect(try metadata("cmaes-hansen", dimension: 2, budget: 100)["population"] == "6")
        #expect(try metadata("cmaes-hansen", dimension: 10, budget: 100)["population"] == "10")
        #expect(try metadata("cmaes", dimension: 2, budget: 100)["population"] == "4")
        #expect(try metadata("cmaes", dimension: 10, budget: 100)["population"] == "6")
    }

    /// SMAC3 2.4.1's initial design: int(max(1, min(10 d, 0.25 · budget))) configurations.
    @Test func forestSMACSizesItsDesignAsSMAC() throws {
        #expect(try metadata("forest-smac", dimension: 2, budget: 100)["initial"] == "20")
        #expect(try metadata("forest-smac", dimension: 6, budget: 100)["initial"] == "25")
        #expect(try metadata("forest-smac", dimension: 3, budget: 10)["initial"] == "2")
        #expect(try metadata("forest", dimension: 6, budget: 100)["initial"] == "10")
        #expect(ForestOptimizer.smacInitialPoints(dimension: 1, budget: 2) == 1)
        let options = try options("forest-smac")
        #expect(options.integer("trees") == 10 && options.string("split") == "best")
        #expect(options.integer("min-leaf") == 1 && options.integer("min-split") == 2)
        #expect(options.real("random-fraction") == 0.2 && options.string("warping") == "smac")
    }

    @Test func gpOptunaHasNoRestarts() throws {
        let options = try options("gp-optuna")
        #expect(!options.bool("restarts"))
        #expect(options.integer("candidates") == 2048 && options.integer("local-searches") == 10)
        #expect(try self.options("gp").bool("restarts"))
    }

    /// `lbfgsb` reads gradients: it is in the gradient track and not in the default experiment, unless it estimates
    /// them by finite differences.
    @Test func lbfgsbIsInTheGradientTrack() throws {
        let entry = try Registry.builtin.optimizer(named: "lbfgsb")
        #expect(!entry.includedByDefault)
        #expect(entry.track(entry.defaultOptions) == .gradient)
        let estimated = try Options.resolve(["finite-differences": .bool(true)], specs: entry.options, entry: "lbfgsb")
        #expect(entry.track(estimated) == .blackBox)
        for other in Registry.builtin.optimizers where other.name != "lbfgsb" {
            #expect(other.track(other.defaultOptions) == .blackBox, "\(other.name)")
        }
    }
}
