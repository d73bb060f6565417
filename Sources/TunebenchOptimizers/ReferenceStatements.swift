import TunebenchCore

/// What the built-ins that name a published method owe to it: the reference whose defaults count, the entry that
/// runs with them, and each default of ours that differs, with why and on which problems it was chosen
/// (``ReferenceDefaults``). `tunebench list NAME` prints these; docs/optimizers.md repeats them.
///
/// Defaults chosen before the tuning set was declared were chosen on the problems of `Results/peers`; from now on
/// defaults are tuned on the tuning set of docs/tuning-set.md only.
enum ReferenceStatements {
    /// The problems the early defaults were chosen on: those of the `Results/peers` yardstick.
    static let peersProblems = "Branin, Hartmann3, Hartmann6, Rosenbrock-4 and Ackley-5 at 100 evaluations"

    // MARK: - TPE

    static let tpeSource = "Optuna 5.0.0's TPESampler (Bergstra et al. 2011; Watanabe 2023, arXiv:2304.11127)"

    static let tpe = ReferenceDefaults(
        source: tpeSource, entry: "tpe-optuna",
        deviations: [
            .init(
                setting: "`candidates` 96 (reference 24)", reason: "more draws from l(x) exploit the good region harder",
                chosenOn: peersProblems + ", tuning seeds 7 and 11, 60 repetitions each: lower median regret on all five"),
            .init(
                setting: "`gamma` 0.15, γ(n) = min(⌈0.15 n⌉, 25) (reference min(⌈0.1 n⌉, 25))",
                reason: "a larger good set, chosen after the candidates",
                chosenOn: peersProblems + ", tuning seeds 7 and 11: lower median regret on 7 of the 10 problem-seed pairs"),
            .init(
                setting: "`failures` bad: a failed evaluation joins g with value +inf, as in hyperopt (reference: "
                    + "failed trials ignored)",
                reason: "ignored failures let the search return to a failing region (issue 21)", chosenOn: "not tuned"),
        ])

    static let tpeOptuna = ReferenceDefaults(source: tpeSource)

    static let motpe = ReferenceDefaults(
        source: "Optuna 5.0.0's TPESampler on a study of several objectives (Ozaki et al., GECCO 2020 and JAIR 73, "
            + "2022)")

    // MARK: - CMA-ES

    static let cmaesSource =
        "Hansen's CMA-ES (N. Hansen, \"The CMA evolution strategy: a tutorial\", arXiv:1604.00772, table 1) with IPOP "
        + "restarts (Auger and Hansen 2005)"

    /// What neither CMA-ES entry takes from Hansen, who leaves the start to the user.
    static let cmaesStart = ReferenceDefaults.Deviation(
        setting: "start: mean ½ in every unit-cube coordinate and σ₀ = 1/6 (Optuna 5.0.0's CmaEsSampler start); draws "
            + "outside the cube redrawn up to 10n times (the cmaes package: 100)",
        reason: "the tutorial leaves x₀ and σ₀ to the user and does not bound the search", chosenOn: "not tuned")

    static let cmaes = ReferenceDefaults(
        source: cmaesSource, entry: "cmaes-hansen",
        deviations: [
            .init(
                setting: "first population max(4, ⌊⅔ (4 + ⌊3 ln n⌋)⌋) (reference 4 + ⌊3 ln n⌋)",
                reason: "more generations of fewer points converge further at hyperparameter-optimization budgets",
                chosenOn: peersProblems + ", tuning seeds 7 and 11, 60 repetitions each: lower median regret on 9 of "
                    + "the 10 problem-seed pairs"),
            .init(
                setting: "`failure-recentre` true: a generation that fails more than λ times moves the mean to the "
                    + "best success since the last (re)start (reference: resampling alone, as Optuna and pycma)",
                reason: "a mean inside a failing region (the start at the centre inside a large failing ball) made "
                    + "resampling spend most of the budget on failures: worst run 68% to 35%, 30 to 34 of 36 cells "
                    + "within both failure bars",
                chosenOn: tuningSetFailures(shares: "2%, 10% and 30%")),
            .init(
                setting: "`failure-avoidance` true: after a failure, a draw whose nearest told point failed is redrawn "
                    + "up to 10n times (reference: every draw evaluated)",
                reason: "a search converged beside a failing region kept drawing into it: mean failed shares 0.7%, "
                    + "3.9% and 11.2% to 0.6%, 2.9% and 9.1%, 34 to 36 of 36 cells within both failure bars",
                chosenOn: tuningSetFailures(shares: "2%, 10% and 30%")),
            cmaesStart,
        ])

    static let cmaesHansen = ReferenceDefaults(source: cmaesSource, deviations: [cmaesStart])

    // MARK: - Random forest

    static let forestSource =
        "SMAC3 2.4.1's hyperparameter-optimization facade (Lindauer et al. 2022, JMLR 23(54); Hutter et al. 2011)"

    /// What neither forest entry takes from SMAC3: the acquisition and its search.
    static let forestAcquisition = ReferenceDefaults.Deviation(
        setting: "log expected improvement of the warped values, maximized over uniform candidates and 250 Gaussian "
            + "perturbations of the five best points in every coordinate at once, then local search from the 10 best "
            + "points and the five best candidates with one-coordinate steps of 0.2 (SMAC's), 0.05 and 0.01, the "
            + "forest refitted at every ask (reference: EI in cost space under log-normal "
            + "predictions, SMAC's EI(log=True), over 10,000 sorted random challengers and local search, the forest "
            + "refitted every 8 configurations, retrain_after=8)", reason: "Tunebench's acquisition search",
        chosenOn: "not tuned")

    /// What the forest's model does otherwise than SMAC3 2.4.1's `RandomForest` with `log_y`.
    static let forestModel = ReferenceDefaults.Deviation(
        setting: "the forest's variance is the spread between trees plus within leaves, leaf values are plain means, "
            + "trees at most 64 deep (reference: the spread between trees only, leaf values log-mean-exp of the "
            + "log-scaled costs, max_depth 2^20)",
        reason: "Tunebench's forest", chosenOn: "not tuned")

    /// How both forest entries treat a failed evaluation.
    static let forestFailures = ReferenceDefaults.Deviation(
        setting: "a failed evaluation enters the suggestion forest with the worst value observed so far, re-imputed at "
            + "every fit (reference: crash_cost, by default +inf, which SMAC3's log-scaled encoder cannot take)",
        reason: "the reference's default breaks its own model", chosenOn: "not tuned")

    static let forest = ReferenceDefaults(
        source: forestSource, entry: "forest-smac",
        deviations: [
            .init(
                setting: "`random-fraction` 0.1 (reference 0.2)", reason: "as good as 0 and 0.2",
                chosenOn: "Branin and Hartmann6 at 200 evaluations, tuning seeds 7, 11 and 13"),
            .init(
                setting: "`warping` log((y − y_min)/(y_med − y_min) + 0.1) (reference SMAC's log-scaled encoder)",
                reason: "spreads the values near the best over many leaves",
                chosenOn: peersProblems + " (median regret 1,000 times lower on Branin, 40 times on Hartmann3; the "
                    + "offset on Ackley-5, tuning seeds 5 and 13)"),
            .init(
                setting: "`trees` 24, `split` random (extra-trees), `min-leaf` 3, `min-split` 3 (reference 10 trees, "
                    + "best splits, 1 and 2)",
                reason: "a smoother surrogate", chosenOn: peersProblems + " during development (not recorded)"),
            .init(
                setting: "`initial` 10 Sobol points (reference min(10 d, ⌊budget/4⌋))", reason: "a fixed small design",
                chosenOn: "not tuned"),
            .init(
                setting: "`candidates` 500 (reference 10,000 challengers)", reason: "cost per ask",
                chosenOn: "not tuned"),
            .init(
                setting: "`feasibility` true: from the first failure, a classifier forest of failures (CART, Gini, "
                    + "leaves of 1, as many trees) weighs expected improvement by its probability of success "
                    + "(reference: the crash-cost imputation alone)",
                reason: "fewer failed trials: worst run 23% to 16%, failed share 3.9% to 2.9%, 13 to 22 of 24 cells "
                    + "within the failure bar, median regret ratio to the same instances without failures 1.09 to "
                    + "1.00", chosenOn: tuningSetFailures(shares: "2% and 10%")),
            forestAcquisition, forestModel, forestFailures,
        ])

    /// The tuning-set experiments on which the failure rules of `forest` and `cmaes` were chosen, with failing regions
    /// of `shares` of the box (docs/tuning-set.md).
    static func tuningSetFailures(shares: String) -> String {
        "the tuning set: bbob f1, f3, f8, f15, f17, f21 in 8-D with a half-space and a ball failing \(shares) of the "
            + "box, 20 repetitions of 100 evaluations, seed 5"
    }

    static let forestSMAC = ReferenceDefaults(
        source: forestSource, deviations: [forestAcquisition, forestModel, forestFailures])

    // MARK: - Gaussian process

    static let gpSource = "Optuna 5.0.0's GPSampler (Matérn-5/2 with automatic relevance, log-EI; Ament et al. 2023)"

    /// What neither GP entry takes from Optuna: the initial design, the priors but the length-scales', and the
    /// acquisition search.
    static let gpDesign = ReferenceDefaults.Deviation(
        setting: "the first 10 points from a scrambled Sobol sequence (reference: independent uniform points)",
        reason: "a space-filling design", chosenOn: "not tuned")
    static let gpPriors = ReferenceDefaults.Deviation(
        setting: "priors N(0, 1.5²) on log σ_f² and N(−12, 4²) on log(σ_n² − 10⁻⁸), noise floor 10⁻⁸ (reference: "
            + "Gamma(2, 1) on the kernel scale, Gamma(1.1, 30) on the noise variance, floor 10⁻⁶; the length-scales' "
            + "prior is the same)", reason: "Tunebench's GP model", chosenOn: "not tuned")
    static let gpSearch = ReferenceDefaults.Deviation(
        setting: "acquisition search: the Sobol candidates plus a quarter as many Gaussian perturbations of the five "
            + "best points (256 for gp, 512 for gp-optuna), L-BFGS-B from the `local-searches` best candidates and "
            + "the incumbent (reference: 2048 QMC points, local search from the best, 8 chosen by roulette and the "
            + "incumbent)", reason: "Tunebench's acquisition search", chosenOn: "not tuned")

    static let gpPending = ReferenceDefaults.Deviation(
        setting: "with several workers, each pending point enters the model with its posterior mean (the Kriging "
            + "believer, Ginsbourger et al. 2010) and log-EI is maximized (reference: q-batch log-EI over QMC "
            + "fantasies of the running trials, `qLogEI`)",
        reason: "Tunebench's rule for pending trials; q-batch log-EI is not implemented", chosenOn: "not tuned")

    static let gp = ReferenceDefaults(
        source: gpSource, entry: "gp-optuna",
        deviations: [
            .init(
                setting: "`restarts` true (reference: none)",
                reason: "a GP that descends into a local basin stays there; TuRBO-style restarts leave it",
                chosenOn: "Hartmann6 at 200 evaluations (Results/gp-restarts: 39 of 90 runs stuck without restarts, "
                    + "9 with them, before seeded instances)"),
            .init(
                setting: "`candidates` 1024 and `local-searches` 5 (reference 2048 and 10)", reason: "cost per ask",
                chosenOn: "not tuned"),
            .init(
                setting: "`feasibility` true: after a failure, the acquisition is weighed by a probability of not "
                    + "failing from GP models of failures (reference: failed trials left out)",
                reason: "left out, failures let the search return to a failing region (issue 21)", chosenOn: "not tuned"),
            .init(
                setting: "`failure-model` both: that probability is the product of two, a GP regression of ±1 "
                    + "labels and a probit GP classifier (Laplace approximation, prior mean of log σ_f² 2) "
                    + "(reference: failed trials left out, no model)",
                reason: "cells whose every run fails at most max(10%, twice the region's share): 35 of 36 against 33 "
                    + "for the regression alone; failed trials 1.4%, 3.1%, 5.8% against 1.7%, 4.0%, 7.5% at shares "
                    + "of 2%, 10%, 30% (the classifier alone, also 35, failed up to 89% of a run's trials in "
                    + "Results/failure-bars)",
                chosenOn: "the tuning set: bbob f1, f3, f8, f15, f17, f21 in 8 dimensions with a half-space or ball "
                    + "failing 2%, 10% or 30% of the box, 20 repetitions (docs/tuning-set.md); between the classifier "
                    + "alone and both, tied there, Results/failure-bars decided"),
            .init(
                setting: "`failure-imputation` penalised: a failure also enters the objective's GP with μ + σ of "
                    + "the GP of the successes at the failed point (reference: left out)",
                reason: "the feasibility model alone (then the least-squares regression) forgets a failing region "
                    + "within a tenth of the box in several dimensions; the imputation halved the failed trials "
                    + "(4.0% against 8.2%), with a median regret ratio of 1.03 against 1.12 on the same instances "
                    + "without failures (not significant at 5 repetitions)",
                chosenOn: "the tuning set: bbob f1, f3, f8, f15, f17, f21 in 8 dimensions with a half-space or ball "
                    + "failing 10% of the box (docs/tuning-set.md)"),
            gpDesign, gpPriors, gpSearch, gpPending,
        ])

    static let gpOptuna = ReferenceDefaults(source: gpSource, deviations: [gpDesign, gpPriors, gpSearch, gpPending])

    /// `gp-ei` and `gp-ucb`: the GP's statement, and the acquisition that is the entry's purpose.
    static func gp(acquisition: String) -> ReferenceDefaults {
        var statement = gp
        statement.deviations.insert(
            .init(
                setting: "`acquisition` \(acquisition) (reference log-EI)",
                reason: "the entry's own acquisition; `gp-optuna:acquisition=\(acquisition)` runs it with the reference's "
                    + "other settings", chosenOn: "not tuned"), at: 0)
        return statement
    }

    // MARK: - Several objectives

    /// NSGA-II: Deb et al. 2002's settings (population 100, crossover probability 0.9, SBX η_c = 20, polynomial
    /// mutation η_m = 20 with probability 1/d, §IV-A of the paper); what no option expresses is listed.
    static let nsga2 = ReferenceDefaults(
        source: "Deb, Pratap, Agarwal and Meyarivan 2002 (IEEE TEVC 6(2)): N = 100, p_c = 0.9, SBX eta_c = 20, "
            + "polynomial mutation eta_m = 20 with p_m = 1/d",
        deviations: [
            .init(
                setting: "a failed or infeasible evaluation ranks after every front (the paper has neither; it "
                    + "handles constraints by constrained domination)",
                reason: "Tunebench's problems may fail; there are no constrained multi-objective problems yet",
                chosenOn: "not tuned"),
            .init(
                setting: "categorical genes cross over by swapping and mutate by a uniform redraw (the paper codes "
                    + "reals only)",
                reason: "the spaces may have categorical parameters", chosenOn: "not tuned"),
        ])

    /// NSGA-III: Deb and Jain 2014's settings (§V: p = 12 for three objectives, N the smallest multiple of 4 not below
    /// H, SBX with probability 1 and η_c = 30, polynomial mutation η_m = 20 with probability 1/d).
    static let nsga3 = ReferenceDefaults(
        source: "Deb and Jain 2014 (IEEE TEVC 18(4)): Das-Dennis directions with p = 12 for three objectives, N the "
            + "smallest multiple of 4 not below their number, SBX p_c = 1, eta_c = 30, polynomial mutation eta_m = 20, "
            + "p_m = 1/d, random parents",
        deviations: [
            .init(
                setting: "`divisions` 12 for two objectives and 6 for four (the paper has neither)",
                reason: "a default for every number of objectives Tunebench's problems have", chosenOn: "not tuned"),
            .init(
                setting: "intercepts that do not form a hyperplane fall back to the worst point of the survivors' pool "
                    + "(the paper leaves the degenerate case open)",
                reason: "a defined rule, Optuna's NSGAIIISampler's", chosenOn: "not tuned"),
            .init(
                setting: "a failed or infeasible evaluation ranks after every front", reason: "as `nsga2`",
                chosenOn: "not tuned"),
        ])

    /// ParEGO: Knowles 2006's settings but for the initial design's size; the model and its search are `gp`'s.
    static let parego = ReferenceDefaults(
        source: "Knowles 2006 (IEEE TEVC 10(1)): 11 d - 1 initial points, weights from the simplex lattice of s = 10 "
            + "(two objectives) or 4 (three) divisions, augmented Chebyshev with rho = 0.05, a DACE model and expected "
            + "improvement",
        deviations: [
            .init(
                setting: "`initial` 0: min(11 d - 1, budget/4) Sobol points (reference 11 d - 1, a Latin hypercube)",
                reason: "with 30 variables and 200 evaluations the paper's design would use the whole budget",
                chosenOn: "not tuned"),
            .init(
                setting: "the model has every point (the paper keeps at most 11 d + 24, for time); gp's Matern 5/2 "
                    + "model, priors and acquisition search (the paper: a DACE model, a genetic algorithm)",
                reason: "Tunebench's Gaussian process and acquisition search, shared with `gp`", chosenOn: "not tuned"),
            .init(
                setting: "failed and infeasible evaluations are imputed as `gp` imputes failures (the paper has none)",
                reason: "Tunebench's problems may fail", chosenOn: "not tuned"),
        ])

    // MARK: - BOHB

    static let bohbSource = "hpbandster 0.7.4's BOHB (Falkner et al. 2018)"

    /// `bohb` has hpbandster's defaults; what differs is what no option can express.
    static let bohb = ReferenceDefaults(
        source: bohbSource,
        deviations: [
            .init(
                setting: "budgets: each rung at the problem's fidelity level nearest (in the logarithm) to "
                    + "R_max η^(k − s_max), s_max = ⌊log_η R⌋ computed exactly (reference: continuous budgets "
                    + "max_budget η^−k, s_max = −int(log(min_budget/max_budget)/log η), whose floating-point logarithm "
                    + "drops a bracket for R = 243, η = 3)",
                reason: "Tunebench's problems have discrete fidelity levels; the two agree on levels that grow by η, "
                    + "as the epoch problems' 1, 3, 9, 27, 81", chosenOn: "not tuned"),
            .init(
                setting: "ties in the good/bad split and in promotions go to the earlier evaluation (reference: "
                    + "NumPy's default sort, which leaves their order unspecified)",
                reason: "a deterministic rule", chosenOn: "not tuned"),
            .init(
                setting: "integer parameters coded by the centres of equal cells of the unit interval, as ConfigSpace "
                    + "0.4 did (reference with ConfigSpace 1.x: the bounds at 0 and 1)",
                reason: "Tunebench's unit-cube coding", chosenOn: "not tuned"),
            .init(
                setting: "one evaluation at a time, random numbers from Tunebench's seeded generator (reference: "
                    + "asynchronous workers, NumPy's global generator)",
                reason: "Tunebench's ask-and-tell protocol", chosenOn: "not tuned"),
        ])
}
