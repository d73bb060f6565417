import TunebenchCore
import TunebenchNumerics

/// The registry entries of the built-in optimizers, in listing order.
public enum BuiltinOptimizers {
    /// What the optimizers that never read a value (random search and the space-filling designs) can handle: every
    /// parameter kind and several objectives, which they ignore as they ignore one.
    static let valueBlind = Capabilities.allParameterKinds.union(.multiObjective)

    public static let entries: [OptimizerEntry] = [
        OptimizerEntry(
            name: "random", summary: "Random search: independent uniform points (Bergstra and Bengio 2012)",
            capabilities: valueBlind
        ) { RandomSearch(context: $0) },
        OptimizerEntry(
            name: "grid",
            summary: "Grid search: a full factorial grid fitted to the budget, visited in a seeded order",
            capabilities: valueBlind
        ) { try GridSearch(context: $0) },
        OptimizerEntry(
            name: "sobol", summary: "Quasi-random search: a scrambled Sobol sequence (Sobol' 1967; Joe and Kuo 2008)",
            capabilities: valueBlind,
            options: [
                OptionSpec(
                    "scramble", .bool, default: .bool(true),
                    summary: "linear matrix scrambling and digital shift, seeded per run (Matoušek 1998)")
            ]
        ) { try SobolSearch(context: $0) },
        OptimizerEntry(
            name: "lhs", summary: "Latin hypercube design of the whole budget (McKay, Beckman and Conover 1979)",
            capabilities: valueBlind,
            options: [
                OptionSpec("centered", .bool, default: .bool(false), summary: "points at stratum centres, not jittered")
            ]
        ) { try LatinHypercubeSearch(context: $0) },
        gaussianProcess(
            "gp", acquisition: .logei, includedByDefault: true,
            summary: "Bayesian optimization: a Gaussian process (Matérn-5/2, MAP hyperparameters) with the acquisition of "
                + "option 'acquisition' (default log-EI)"),
        gaussianProcess(
            "gp-optuna", acquisition: .logei, includedByDefault: false, defaults: gpOptunaSettings,
            reference: ReferenceStatements.gpOptuna,
            summary: "Gaussian-process Bayesian optimization with Optuna 5.0.0 GPSampler's settings: log-EI, 2048 "
                + "candidates, 10 local searches, no restarts"),
        gaussianProcess(
            "gp-ei", acquisition: .ei, includedByDefault: false, reference: ReferenceStatements.gp(acquisition: "ei"),
            summary: "Gaussian-process Bayesian optimization with expected improvement (Jones et al. 1998)"),
        gaussianProcess(
            "gp-logei", acquisition: .logei, includedByDefault: false,
            summary: "Gaussian-process Bayesian optimization with log expected improvement (Ament et al. 2023)"),
        gaussianProcess(
            "gp-ucb", acquisition: .ucb, includedByDefault: false, reference: ReferenceStatements.gp(acquisition: "ucb"),
            summary: "Gaussian-process Bayesian optimization with a confidence bound μ − κσ (Srinivas et al. 2010)"),
        forest(
            "forest", defaults: ForestOptimizer.Settings(), reference: ReferenceStatements.forest,
            includedByDefault: true,
            summary: "SMAC-style model-based search (Hutter et al. 2011): a random forest's mean and variance, expected "
                + "improvement maximized by random candidates and local search, interleaved random points"),
        forest(
            "forest-smac", defaults: forestSMACSettings, reference: ReferenceStatements.forestSMAC,
            includedByDefault: false,
            summary: "The random-forest search with SMAC3 2.4.1's HPO-facade settings: 10 CART trees, log-scaled costs, "
                + "min(10 d, budget/4) Sobol points, random fraction 0.2"),
        tpe(
            "tpe", defaults: TPEOptimizer.Settings(), reference: ReferenceStatements.tpe, includedByDefault: true,
            summary: "Tree-structured Parzen estimator (Bergstra et al. 2011) as in Optuna 5 (multivariate, magic clip), "
                + "with 96 candidates and γ = min(⌈0.15 n⌉, 25)"),
        tpe(
            "tpe-optuna", defaults: tpeOptunaSettings, reference: ReferenceStatements.tpeOptuna,
            includedByDefault: false,
            summary: "Tree-structured Parzen estimator with Optuna 5.0.0 TPESampler's defaults: 24 candidates, "
                + "γ = min(⌈0.1 n⌉, 25)"),
        tpe(
            "motpe", defaults: motpeSettings, reference: ReferenceStatements.motpe, includedByDefault: false,
            summary: "Multi-objective TPE (Ozaki et al. 2020, 2022) with Optuna 5.0.0's defaults for several "
                + "objectives: l by non-domination rank and greedy hypervolume subset selection, γ = ⌈0.1 n⌉, "
                + "24 candidates, univariate"),
        cmaes(
            "cmaes", rule: .reduced, reference: ReferenceStatements.cmaes, includedByDefault: true,
            summary: "CMA-ES (Hansen 2016) on the unit cube from Optuna's start, a smaller first population, IPOP restarts "
                + "(Auger and Hansen 2005)"),
        cmaes(
            "cmaes-hansen", rule: .hansen, reference: ReferenceStatements.cmaesHansen, includedByDefault: false,
            summary: "CMA-ES with Hansen's population 4 + ⌊3 ln n⌋ from Optuna's start, IPOP restarts (Auger and "
                + "Hansen 2005)"),
        OptimizerEntry(
            name: "ga",
            summary: "Real-coded genetic algorithm: tournaments, SBX crossover, polynomial mutation, (μ + λ) elitism "
                + "(Deb and Agrawal 1995)",
            options: [
                OptionSpec(
                    "population", .integer(0...100_000), default: .integer(0),
                    summary: "individuals per generation; 0 for max(8, min(40, ⌊budget/50⌋))")
            ]
        ) { context in
            var settings = GeneticAlgorithm.Settings()
            settings.population = context.options.integer("population")
            return GeneticAlgorithm(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "nsga2",
            summary: "NSGA-II (Deb et al. 2002): non-dominated sorting and crowding distance, binary tournaments, SBX "
                + "and polynomial mutation; several objectives (one: an elitist GA)",
            capabilities: Capabilities.allParameterKinds.union(.multiObjective),
            options: [
                OptionSpec(
                    "population", .integer(2...100_000), default: .integer(100),
                    summary: "N: the population and the children per generation")
            ],
            includedByDefault: false, reference: ReferenceStatements.nsga2
        ) { context in
            var settings = NSGAOptimizer.Settings()
            settings.population = context.options.integer("population")
            return NSGAOptimizer(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "nsga3",
            summary: "NSGA-III (Deb and Jain 2014): non-dominated sorting, the last front cut by reference-point "
                + "niching on Das-Dennis directions, random parents, SBX (eta 30) and polynomial mutation",
            capabilities: Capabilities.allParameterKinds.union(.multiObjective),
            options: [
                OptionSpec(
                    "divisions", .integer(0...100), default: .integer(0),
                    summary: "divisions p of the reference directions; 0 for 12 with up to three objectives (the "
                        + "paper's for three), 6 beyond"),
                OptionSpec(
                    "population", .integer(0...100_000), default: .integer(0),
                    summary: "N; 0 for the smallest multiple of 4 not below the number of reference directions"),
            ],
            includedByDefault: false, reference: ReferenceStatements.nsga3
        ) { context in
            let m = max(context.objectiveCount, 1)
            let divisions = context.options.integer("divisions") > 0
                ? context.options.integer("divisions") : (m <= 3 ? 12 : 6)
            let directions = SimplexLattice.count(objectives: m, divisions: divisions)
            var settings = NSGAOptimizer.Settings()
            settings.survival = .referencePoints(divisions: divisions)
            settings.population = context.options.integer("population") > 0
                ? context.options.integer("population") : (directions + 3) / 4 * 4
            settings.crossoverProbability = 1
            settings.crossoverIndex = 30
            return NSGAOptimizer(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "parego",
            summary: "ParEGO (Knowles 2006): a Gaussian process and expected improvement on a random augmented "
                + "Chebyshev scalarization of the normalised objectives at each ask",
            capabilities: Capabilities.allParameterKinds.union(.multiObjective),
            options: [
                OptionSpec(
                    "initial", .integer(0...100_000), default: .integer(0),
                    summary: "points of the initial Sobol design; 0 for min(11 d - 1, budget/4), at least 2"),
                OptionSpec(
                    "divisions", .integer(0...100), default: .integer(0),
                    summary: "divisions s of the weights' simplex lattice; 0 for the paper's (10 for two objectives, "
                        + "4 for three, 3 beyond)"),
            ],
            includedByDefault: false, reference: ReferenceStatements.parego
        ) { context in
            var settings = ParEGOOptimizer.Settings()
            settings.initialPoints = context.options.integer("initial")
            settings.divisions = context.options.integer("divisions")
            return try ParEGOOptimizer(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "annealing",
            summary: "Simulated annealing (Kirkpatrick et al. 1983): geometric cooling fitted to the budget, step size "
                + "adapted to a 44 % acceptance rate"
        ) { SimulatedAnnealing(context: $0) },
        hyperband(
            "successive-halving", successiveHalving: true, sampler: .random,
            summary: "Successive halving (Jamieson and Talwalkar 2016): Hyperband's most aggressive bracket, repeated"),
        hyperband(
            "hyperband", successiveHalving: false, sampler: .random,
            summary: "Hyperband (Li et al. 2018): brackets of successive halving over the fidelity levels, random "
                + "configurations"),
        hyperband(
            "bohb", successiveHalving: false, sampler: .kernelDensity, convention: .hpbandster,
            reference: ReferenceStatements.bohb,
            summary: "BOHB (Falkner et al. 2018) as hpbandster 0.7.4: Hyperband whose new configurations come from "
                + "kernel density estimates of the good and the bad evaluations at the highest level that has enough"),
        hyperband(
            "hyperband-tpe", successiveHalving: false, sampler: .parzen,
            summary: "Hyperband whose new configurations come from Tunebench's TPE step fitted to the highest level that "
                + "has enough evaluations (what `bohb` was before it had BOHB's own model)"),
        OptimizerEntry(
            name: "asha",
            summary: "Asynchronous successive halving, ASHA (Li et al. 2020): promote a configuration as soon as it is "
                + "in the best 1/η of its rung, else start a random one; no worker waits",
            capabilities: Capabilities.allParameterKinds.union(.multiFidelity),
            options: [
                OptionSpec(
                    "eta", .integer(2...100), default: .integer(AsynchronousSuccessiveHalving.Settings().eta),
                    summary: "reduction factor η: the best 1/η of a rung's results go on to the next fidelity level"),
                OptionSpec(
                    "early-stopping-rate", .integer(0...100), default: .integer(0),
                    summary: "s: the rung new configurations start at (0: the lowest fidelity level)"),
            ],
            includedByDefault: false
        ) { context in
            var settings = AsynchronousSuccessiveHalving.Settings()
            settings.eta = context.options.integer("eta")
            settings.earlyStoppingRate = context.options.integer("early-stopping-rate")
            return AsynchronousSuccessiveHalving(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "async-hyperband",
            summary: "Asynchronous Hyperband (Li et al. 2020): ASHA with a bracket per early-stopping rate, each ask "
                + "serving one drawn in proportion to synchronous Hyperband's bracket sizes; no worker waits",
            capabilities: Capabilities.allParameterKinds.union(.multiFidelity),
            options: [
                OptionSpec(
                    "eta", .integer(2...100), default: .integer(AsynchronousSuccessiveHalving.Settings().eta),
                    summary: "reduction factor η: the best 1/η of a rung's results go on to the next fidelity level")
            ],
            includedByDefault: false
        ) { context in
            var settings = AsynchronousSuccessiveHalving.Settings()
            settings.eta = context.options.integer("eta")
            settings.hyperband = true
            return AsynchronousSuccessiveHalving(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "lbfgsb",
            summary: "Gradient-based search: multi-start L-BFGS-B (Byrd et al. 1995) with the problem's gradient, or "
                + "forward differences (each probe an evaluation); integer and categorical values fixed per start",
            options: [
                OptionSpec(
                    "finite-differences", .bool, default: .bool(false),
                    summary: "estimate gradients by forward differences even when the problem provides them"),
                OptionSpec(
                    "step", .real(1e-12...0.1), default: .real(QuasiNewtonSearch.Settings().step),
                    summary: "forward-difference step in unit-cube coordinates"),
            ],
            // It reads exact gradients unless told to estimate them, so it is not in the black-box default experiment
            // and its results are reported in the gradient track.
            includedByDefault: false,
            track: { $0.bool("finite-differences") ? .blackBox : .gradient }
        ) { context in
            var settings = QuasiNewtonSearch.Settings()
            settings.finiteDifferences = context.options.bool("finite-differences")
            settings.step = context.options.real("step")
            return QuasiNewtonSearch(context: context, settings: settings)
        },
        OptimizerEntry(
            name: "nelder-mead",
            summary: "Nelder–Mead simplex with Gao and Han's adaptive coefficients, clipped to the bounds, restarted "
                + "from random points when the simplex collapses",
            options: [
                OptionSpec(
                    "step", .real(1e-6...1), default: .real(NelderMeadSearch.Settings().step),
                    summary: "edge of the initial simplex in unit-cube coordinates"),
                OptionSpec(
                    "restarts", .bool, default: .bool(true),
                    summary: "start again from a random point when the simplex collapses"),
            ]
        ) { context in
            var settings = NelderMeadSearch.Settings()
            settings.step = context.options.real("step")
            settings.restarts = context.options.bool("restarts")
            return NelderMeadSearch(context: context, settings: settings)
        },
    ]

    /// An entry of the Hyperband family. They are left out of the default experiment, whose problems have one fidelity
    /// level (where Hyperband is random search, and BOHB and `hyperband-tpe` their model with random draws).
    static func hyperband(
        _ name: String, successiveHalving: Bool, sampler: HyperbandOptimizer.Sampler,
        convention: HyperbandConvention = .li, reference: ReferenceDefaults? = nil, summary: String
    ) -> OptimizerEntry {
        let defaults = HyperbandOptimizer.Settings()
        var options = [
            OptionSpec(
                "eta", .integer(2...100), default: .integer(defaults.eta),
                summary: "reduction factor η: each rung keeps about 1/η of the one before for the next fidelity level")
        ]
        if !successiveHalving {
            options.append(
                OptionSpec(
                    "schedule", .choice(HyperbandConvention.allCases.map(\.rawValue)), default: .string(convention.rawValue),
                    summary: "rung sizes and promotion: 'li' (Li et al. 2018: ⌈(s_max + 1) η^s/(s + 1)⌉ first) or "
                        + "'hpbandster' (⌊(s_max + 1)/(s + 1)⌋ η^s first; failed evaluations replaced, not promoted)"))
        }
        if sampler != .random {
            options.append(
                OptionSpec(
                    "random-fraction", .real(0...1), default: .real(defaults.randomFraction),
                    summary: "fraction ρ of new configurations drawn at random rather than from the model"))
        }
        switch sampler {
        case .random:
            break
        case .parzen:
            options.append(
                OptionSpec(
                    "candidates", .integer(1...1_000_000), default: .integer(defaults.candidates),
                    summary: "draws from l(x) scored by log l(x) − log g(x) per new configuration"))
        case .kernelDensity:
            options += [
                OptionSpec(
                    "candidates", .integer(1...1_000_000), default: .integer(defaults.candidates),
                    summary: "num_samples: draws around good evaluations scored by g(x)/l(x) per new configuration"),
                OptionSpec(
                    "top-percent", .integer(1...99), default: .integer(defaults.topPercent),
                    summary: "top_n_percent q: the good set holds max(N_min, ⌊q n/100⌋) of a level's n evaluations"),
                OptionSpec(
                    "bandwidth-factor", .real(1e-6...1_000), default: .real(defaults.bandwidthFactor),
                    summary: "factor b on l(x)'s bandwidths of the continuous coordinates when drawing candidates"),
                OptionSpec(
                    "min-bandwidth", .real(1e-12...1), default: .real(defaults.minimumBandwidth),
                    summary: "floor of every kernel bandwidth"),
                OptionSpec(
                    "min-points", .integer(0...100_000), default: .integer(defaults.minimumPoints),
                    summary: "min_points_in_model N_min; values below d + 1 (0 included) mean d + 1"),
            ]
        }
        return OptimizerEntry(
            name: name, summary: summary, capabilities: Capabilities.allParameterKinds.union(.multiFidelity),
            options: options, includedByDefault: false, reference: reference
        ) { context in
            var settings = HyperbandOptimizer.Settings()
            settings.eta = context.options.integer("eta")
            settings.successiveHalving = successiveHalving
            settings.sampler = sampler
            if !successiveHalving {
                settings.convention = HyperbandConvention(rawValue: context.options.string("schedule")) ?? convention
            }
            if sampler != .random {
                settings.randomFraction = context.options.real("random-fraction")
                settings.candidates = context.options.integer("candidates")
            }
            if sampler == .kernelDensity {
                settings.topPercent = context.options.integer("top-percent")
                settings.bandwidthFactor = context.options.real("bandwidth-factor")
                settings.minimumBandwidth = context.options.real("min-bandwidth")
                settings.minimumPoints = context.options.integer("min-points")
            }
            return HyperbandOptimizer(context: context, settings: settings)
        }
    }

    /// Optuna 5.0.0 TPESampler's defaults: 24 candidates, γ = min(⌈0.1 n⌉, 25).
    static let tpeOptunaSettings: TPEOptimizer.Settings = {
        var settings = TPEOptimizer.Settings()
        settings.candidates = 24
        settings.gammaFraction = 0.1
        settings.failuresAsBad = false
        return settings
    }()

    /// Optuna 5.0.0 TPESampler's defaults on a study of several objectives: 24 candidates, γ = ⌈0.1 n⌉ (no cap there),
    /// each parameter on its own (`multivariate` defaults to false for several objectives), failed trials ignored.
    static let motpeSettings: TPEOptimizer.Settings = {
        var settings = tpeOptunaSettings
        settings.multivariate = false
        return settings
    }()

    /// A tree-structured Parzen estimator entry whose options default to `defaults`.
    static func tpe(
        _ name: String, defaults: TPEOptimizer.Settings, reference: ReferenceDefaults, includedByDefault: Bool,
        summary: String
    ) -> OptimizerEntry {
        OptimizerEntry(
            name: name, summary: summary, capabilities: Capabilities.allParameterKinds.union(.multiObjective),
            options: [
                OptionSpec(
                    "startup", .integer(0...100_000), default: .integer(defaults.startupTrials),
                    summary: "random points before the Parzen estimators are used"),
                OptionSpec(
                    "candidates", .integer(1...1_000_000), default: .integer(defaults.candidates),
                    summary: "draws from l(x) scored by log l(x) − log g(x) at each ask"),
                OptionSpec(
                    "gamma", .real(0.001...1), default: .real(defaults.gammaFraction),
                    summary: "fraction of the evaluations in l(x): γ(n) = min(⌈gamma · n⌉, 25); ⌈gamma · n⌉ with "
                        + "several objectives"),
                OptionSpec(
                    "prior-weight", .real(0.001...1000), default: .real(defaults.priorWeight),
                    summary: "weight of the prior component of each estimator"),
                OptionSpec(
                    "multivariate", .bool, default: .bool(defaults.multivariate),
                    summary: "one joint estimator for the parameters active in every evaluation (else one per parameter)"),
                OptionSpec(
                    "magic-clip", .bool, default: .bool(defaults.magicClip),
                    summary: "bandwidths at least (hi − lo)/min(100, n + 2)"),
                OptionSpec(
                    "failures", .choice(["bad", "ignore"]), default: .string(defaults.failuresAsBad ? "bad" : "ignore"),
                    summary: "failed evaluations: bad (in g with value +inf, as hyperopt) or ignore (as Optuna)"),
                OptionSpec(
                    "pending", .choice(["constant-liar", "ignore"]),
                    default: .string(defaults.constantLiar ? "constant-liar" : "ignore"),
                    summary: "with several workers, pending trials join g (constant-liar, Optuna's constant_liar) "
                        + "or are ignored"),
            ],
            includedByDefault: includedByDefault, reference: reference
        ) { context in
            var settings = TPEOptimizer.Settings()
            settings.startupTrials = context.options.integer("startup")
            settings.candidates = context.options.integer("candidates")
            settings.gammaFraction = context.options.real("gamma")
            settings.priorWeight = context.options.real("prior-weight")
            settings.multivariate = context.options.bool("multivariate")
            settings.magicClip = context.options.bool("magic-clip")
            settings.failuresAsBad = context.options.string("failures") == "bad"
            settings.constantLiar = context.options.string("pending") == "constant-liar"
            return TPEOptimizer(context: context, settings: settings)
        }
    }

    /// SMAC3 2.4.1's hyperparameter-optimization facade where an option expresses it
    /// (`smac/facade/hyperparameter_optimization_facade.py`): 10 trees on bootstrap samples with CART thresholds over
    /// every feature, leaves of at least 1 and splits of at least 2 observations, log-scaled costs, an initial design
    /// of min(10 d, budget/4) points, a random configuration with probability 0.2, 10,000 challengers.
    static let forestSMACSettings: ForestOptimizer.Settings = {
        var settings = ForestOptimizer.Settings()
        settings.initialPoints = 0
        settings.randomFraction = 0.2
        settings.warping = .smac
        settings.forest.trees = 10
        settings.forest.tree.splitRule = .best
        settings.forest.bootstrap = true
        settings.forest.featureFraction = 1
        settings.forest.tree.minSamplesLeaf = 1
        settings.forest.tree.minSamplesSplit = 2
        settings.search.candidates = 10_000
        settings.feasibility = false
        return settings
    }()

    /// A random-forest entry whose options default to `defaults`.
    static func forest(
        _ name: String, defaults: ForestOptimizer.Settings, reference: ReferenceDefaults, includedByDefault: Bool,
        summary: String
    ) -> OptimizerEntry {
        OptimizerEntry(
            name: name, summary: summary,
            options: [
                OptionSpec(
                    "initial", .integer(0...10_000), default: .integer(defaults.initialPoints),
                    summary: "points of the initial scrambled Sobol design; 0 for SMAC3's min(10 d, ⌊budget/4⌋)"),
                OptionSpec(
                    "warping", .choice(ForestOptimizer.OutputWarping.allCases.map(\.rawValue)),
                    default: .string(defaults.warping.rawValue),
                    summary: "log (model log((y − best)/(median − best) + 0.1)), smac (SMAC3's log-scaled costs) or none"),
                OptionSpec(
                    "random-fraction", .real(0...1), default: .real(defaults.randomFraction),
                    summary: "probability that a later suggestion is uniform random"),
                OptionSpec(
                    "trees", .integer(1...10_000), default: .integer(defaults.forest.trees),
                    summary: "trees of the forest"),
                OptionSpec(
                    "split", .choice(RegressionTree.SplitRule.allCases.map(\.rawValue)),
                    default: .string(defaults.forest.tree.splitRule.rawValue),
                    summary: "best (CART thresholds) or random (extra-trees thresholds)"),
                OptionSpec(
                    "bootstrap", .bool, default: .bool(defaults.forest.bootstrap),
                    summary: "grow each tree on a bootstrap sample (else on every observation)"),
                OptionSpec(
                    "feature-fraction", .real(0.01...1), default: .real(defaults.forest.featureFraction),
                    summary: "fraction of the parameters considered at each split"),
                OptionSpec(
                    "min-leaf", .integer(1...1000), default: .integer(defaults.forest.tree.minSamplesLeaf),
                    summary: "observations each leaf keeps at least"),
                OptionSpec(
                    "min-split", .integer(2...1000), default: .integer(defaults.forest.tree.minSamplesSplit),
                    summary: "observations a node needs to be split"),
                OptionSpec(
                    "candidates", .integer(1...1_000_000), default: .integer(defaults.search.candidates),
                    summary: "uniform random candidates scored at each ask before local search"),
                OptionSpec(
                    "feasibility", .bool, default: .bool(defaults.feasibility),
                    summary: "after a failure, weigh EI by a classifier forest's probability of success"),
                OptionSpec(
                    "pending", .choice(["constant-liar", "ignore"]),
                    default: .string(defaults.constantLiar ? "constant-liar" : "ignore"),
                    summary: "with several workers, pending trials enter the forest with the worst value so far "
                        + "(constant-liar) or are ignored (as SMAC3)"),
            ],
            includedByDefault: includedByDefault, reference: reference
        ) { context in
            var settings = ForestOptimizer.Settings()
            settings.feasibility = context.options.bool("feasibility")
            settings.constantLiar = context.options.string("pending") == "constant-liar"
            settings.initialPoints = context.options.integer("initial")
            settings.randomFraction = context.options.real("random-fraction")
            settings.warping = ForestOptimizer.OutputWarping(rawValue: context.options.string("warping")) ?? .log
            settings.forest.trees = context.options.integer("trees")
            settings.forest.tree.splitRule = RegressionTree.SplitRule(rawValue: context.options.string("split")) ?? .random
            settings.forest.bootstrap = context.options.bool("bootstrap")
            settings.forest.featureFraction = context.options.real("feature-fraction")
            settings.forest.tree.minSamplesLeaf = context.options.integer("min-leaf")
            settings.forest.tree.minSamplesSplit = context.options.integer("min-split")
            settings.search.candidates = context.options.integer("candidates")
            return ForestOptimizer(context: context, settings: settings)
        }
    }

    /// A CMA-ES entry with IPOP restarts whose first population follows `rule`.
    static func cmaes(
        _ name: String, rule: CMAESOptimizer.PopulationRule, reference: ReferenceDefaults, includedByDefault: Bool,
        summary: String
    ) -> OptimizerEntry {
        let defaults = CMAESOptimizer.Settings()
        let ruleText = rule == .hansen ? "4 + ⌊3 ln n⌋" : "max(4, ⌊⅔ (4 + ⌊3 ln n⌋)⌋)"
        return OptimizerEntry(
            name: name, summary: summary,
            options: [
                OptionSpec(
                    "population", .integer(0...100_000), default: .integer(defaults.populationSize),
                    summary: "λ, the points of the first generation; 0 for \(ruleText)"),
                OptionSpec(
                    "sigma", .real(1e-6...1), default: .real(defaults.sigma),
                    summary: "initial step size σ₀ in unit-cube coordinates"),
                OptionSpec(
                    "restarts", .bool, default: .bool(defaults.restarts),
                    summary: "restart with a doubled population and a random mean when the search stalls (IPOP)"),
                OptionSpec(
                    "failure-recentre", .bool, default: .bool(rule != .hansen),
                    summary: "after more than λ failures in a generation, move the mean to the best success"),
                OptionSpec(
                    "failure-avoidance", .bool, default: .bool(rule != .hansen),
                    summary: "redraw a draw whose nearest told point failed (up to 10n times)"),
            ],
            includedByDefault: includedByDefault, reference: reference
        ) { context in
            var settings = CMAESOptimizer.Settings()
            settings.populationSize = context.options.integer("population")
            settings.populationRule = rule
            settings.sigma = context.options.real("sigma")
            settings.restarts = context.options.bool("restarts")
            settings.failureRecentre = context.options.bool("failure-recentre")
            settings.failureAvoidance = context.options.bool("failure-avoidance")
            return CMAESOptimizer(context: context, settings: settings)
        }
    }

    /// Optuna 5.0.0 GPSampler's settings where an option expresses them (`optuna/samplers/_gp/sampler.py`: 2048
    /// preliminary samples, 10 local searches; no restarts).
    static let gpOptunaSettings: GaussianProcessOptimizer.Settings = {
        var settings = GaussianProcessOptimizer.Settings()
        settings.candidates = 2048
        settings.localSearches = 10
        settings.restarts = false
        settings.feasibility = false
        settings.failureImputation = .none
        return settings
    }()

    /// A Gaussian-process entry whose `acquisition` option defaults to `acquisition`.
    static func gaussianProcess(
        _ name: String, acquisition: AcquisitionFunction, includedByDefault: Bool,
        defaults: GaussianProcessOptimizer.Settings = .init(), reference: ReferenceDefaults = ReferenceStatements.gp,
        summary: String
    ) -> OptimizerEntry {
        OptimizerEntry(
            name: name, summary: summary,
            options: [
                OptionSpec(
                    "acquisition", .choice(AcquisitionFunction.allCases.map(\.rawValue)),
                    default: .string(acquisition.rawValue),
                    summary: "ei, logei (log expected improvement), ucb (μ − κσ) or pi (probability of improvement)"),
                OptionSpec(
                    "kernel", .choice(CovarianceKernel.allCases.map(\.rawValue)), default: .string("matern52"),
                    summary: "covariance: matern52 or rbf, one length-scale per dimension"),
                OptionSpec(
                    "initial", .integer(1...10_000), default: .integer(defaults.initialPoints),
                    summary: "points of the initial scrambled Sobol design"),
                OptionSpec(
                    "candidates", .integer(16...1_000_000), default: .integer(defaults.candidates),
                    summary: "Sobol candidates scored by the acquisition at each ask"),
                OptionSpec(
                    "local-searches", .integer(1...1000), default: .integer(defaults.localSearches),
                    summary: "best candidates refined by L-BFGS-B at each ask"),
                OptionSpec(
                    "kappa", .real(0...100), default: .real(defaults.kappa),
                    summary: "κ of the confidence bound (acquisition ucb)"),
                OptionSpec(
                    "prior", .choice(GaussianProcessOptimizer.PriorChoice.allCases.map(\.rawValue)),
                    default: .string(defaults.prior.rawValue),
                    summary: "hyperparameter prior: standard (length-scales near the unit cube's width, noise free to "
                        + "fall to 1e-8) or dimension-scaled (Hvarfner et al. 2024, for many dimensions)"),
                OptionSpec(
                    "restarts", .bool, default: .bool(defaults.restarts),
                    summary: "once the search has converged, spend 3 asks in 4 on fresh models that see only their own "
                        + "points (TuRBO-style restarts), the 4th on the global model"),
                OptionSpec(
                    "feasibility", .bool, default: .bool(defaults.feasibility),
                    summary: "from the first failed evaluation, weigh the acquisition by the probability that a point "
                        + "does not fail, from the models of failure-model (false, with failure-imputation none: leave "
                        + "failures out, as Optuna's GPSampler does)"),
                OptionSpec(
                    "failure-imputation", .choice(GaussianProcessOptimizer.FailureImputation.allCases.map(\.rawValue)),
                    default: .string(defaults.failureImputation.rawValue),
                    summary: "penalised: also give each failed evaluation μ + σ of the objective's GP of the successes "
                        + "there, re-imputed at every fit; worst: the worst value observed so far (SMAC's crash cost); "
                        + "none: failures stay out of the objective's GP (Optuna's GPSampler)"),
                OptionSpec(
                    "failure-model", .choice(GaussianProcessOptimizer.FailureModel.allCases.map(\.rawValue)),
                    default: .string(defaults.failureModel.rawValue),
                    summary: "where evaluations fail: least-squares (a GP regression of ±1 labels), classifier (a "
                        + "probit GP classifier, Laplace approximation) or both (their probabilities multiplied)"),
                OptionSpec(
                    "pending", .choice(["kriging-believer", "ignore"]),
                    default: .string(defaults.krigingBeliever ? "kriging-believer" : "ignore"),
                    summary: "with several workers, each pending point enters the model with its posterior mean "
                        + "(Ginsbourger et al. 2010), or is ignored"),
            ],
            includedByDefault: includedByDefault, reference: reference
        ) { context in
            var settings = GaussianProcessOptimizer.Settings()
            settings.acquisition = AcquisitionFunction(rawValue: context.options.string("acquisition")) ?? .logei
            settings.kernel = CovarianceKernel(rawValue: context.options.string("kernel")) ?? .matern52
            settings.initialPoints = context.options.integer("initial")
            settings.candidates = context.options.integer("candidates")
            settings.localSearches = context.options.integer("local-searches")
            settings.kappa = context.options.real("kappa")
            settings.prior = GaussianProcessOptimizer.PriorChoice(rawValue: context.options.string("prior")) ?? .standard
            settings.restarts = context.options.bool("restarts")
            settings.feasibility = context.options.bool("feasibility")
            settings.failureImputation =
                GaussianProcessOptimizer.FailureImputation(rawValue: context.options.string("failure-imputation"))
                ?? defaults.failureImputation
            settings.failureModel =
                GaussianProcessOptimizer.FailureModel(rawValue: context.options.string("failure-model"))
                ?? defaults.failureModel
            settings.krigingBeliever = context.options.string("pending") == "kriging-believer"
            return try GaussianProcessOptimizer(context: context, settings: settings)
        }
    }
}
