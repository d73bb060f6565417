import TunebenchNumerics

/// bayesmark's normalised mean score: each problem's metric rescaled so that the optimum is 0 and a single random
/// evaluation is typically 1, averaged over runs, then over problems (bayesmark's `docs/scoring.rst`, "Mean scores",
/// and `experiment_analysis.compute_aggregates`; R. Turner et al., "Bayesian optimization is superior to random
/// search for machine learning hyperparameter tuning: analysis of the Black-Box Optimization Challenge 2020",
/// NeurIPS 2020 Competition and Demonstration Track, PMLR 133, 2021).
///
/// For a problem `p`, with `optₚ` the optimum estimate and `clipₚ` the clip value (below), the normalised loss of a
/// run whose metric is `S` once `x` has been spent is
///
///     ℓ(x) = clip((S(x) − optₚ) / (clipₚ − optₚ), −1, 1),
///
/// so that a run at the optimum scores 0 and one no better than a typical single evaluation scores 1; the clip at
/// 1 also bounds a run still at `+inf` (no full-fidelity evaluation yet), and the clip at −1 bounds one run's
/// influence. Per optimizer and problem, the mean of `ℓ` over the optimizer's planned runs (bayesmark's
/// `NORMED_MEAN`), a run that failed or is missing counting as `ℓ = 1` (below); across problems, the mean of those
/// means over every problem with a scale, `L(x)`; the leaderboard score is `100 · (1 − L(x))`
/// (bayesmark's "Final score `100 x (1-loss)`"), and the baseline-relative normed mean `L(x) / L_baseline(x)`
/// (bayesmark's `summary[NORMED_MEAN]`), 1 for the baseline itself.
///
/// - `optₚ` is 0 when the metric is a regret (known optimum), else the lowest final metric of any run of any
///   optimizer on `p` (bayesmark's `PERF_BEST`, an estimate of the global minimum).
/// - `clipₚ` is the baseline optimizer's `evaluationMedian`, the median metric of a single full-fidelity evaluation
///   pooled over its evaluations (bayesmark's `PERF_CLIP`, the median random-search score after one evaluation).
///
/// A problem with `clipₚ ≤ optₚ`, or whose baseline has no complete run or no `evaluationMedian`, has no scale; it
/// is left out with a reason in ``excluded``.
///
/// **Deviations from bayesmark.** The known optimum is used when there is one, instead of an estimate from all
/// runs. The clip comes from the pooled evaluations of the baseline's own runs in this result folder, whereas
/// bayesmark draws it from a separate baseline experiment (`bayesmark-baseline`). The baseline's `L_baseline(x)` is
/// the mean over its runs computed like any optimizer's, not bayesmark's pooled expected-minimum estimator.
///
/// **bayesmark's rule** (``Rule/bayesmark``, `--score-rule bayesmark`): every problem's `optₚ` is the lowest
/// final metric of any run of any optimizer, lowered by 10⁴ units in the last place,
/// `optₚ = best − 10⁴ · ulp(max(|best|, 2⁻¹⁰⁷⁴))` (`PAD_FACTOR` and `MIN_POS` of `experiment_baseline.py`), and
/// `clipₚ` is the baseline's lower median single evaluation (`evaluationLowerMedian`, the order statistic `⌈n/2⌉`,
/// bayesmark's `quantile(random_evals, 0.5)`); `ℓ = clip(m (S − optₚ), −1, 1)` with `m = 1/(clipₚ − optₚ)`, as
/// bayesmark's `linear_rescale` computes it. With random search as the baseline and one evaluation per iteration,
/// the mean score and `100 · (1 − L)` are what bayesmark's `compute_baseline` and `compute_aggregates` give for the
/// same evaluations (`BayesmarkScoringTests`). A folder aggregated before the lower median was recorded has none:
/// its problems are excluded under this rule, with the reason.
///
/// **Failed and missing runs.** On a problem with a scale, an optimizer's mean is over
/// `N = max(repetitions, complete runs)` runs (``ProblemRuns/repetitions``), the `N − complete` runs that failed or
/// were not run scoring the clip, `ℓ = 1`, at every point:
///
///     NORMED_MEANₒₚ(x) = (Σ_{complete runs r} ℓᵣ(x) + missingₒₚ) / N,
///
/// as bayesmark scores a crashed run (its value is `+inf`, clipped to 1). So an optimizer that crashes on its hardest
/// problem scores no better for it, and every optimizer is averaged over every problem with a scale, even one on
/// which it has no complete run (``Score/problems`` is the same for all). A problem that plans no repetition and on
/// which an optimizer has no complete run counts one missing run for it.
public struct NormalizedScore: Sendable, Hashable {
    /// How a problem's optimum estimate and clip are chosen.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// The known optimum where there is one, else the lowest final metric; the baseline's median single
        /// evaluation.
        case tunebench
        /// bayesmark 0.0.8's: the lowest final metric of any run, padded, whether or not the optimum is known; the
        /// baseline's lower median single evaluation.
        case bayesmark
    }

    /// The scale of one problem that has one.
    public struct Scale: Sendable, Hashable {
        public var problem: String
        /// `optₚ`: 0 for a regret, else the lowest final metric over all runs; under bayesmark's rule, that lowest
        /// final metric padded (``paddedOptimum(_:)``) in either case.
        public var optimum: Double
        /// `clipₚ`: the baseline's median single-evaluation metric; its lower median under bayesmark's rule.
        public var clip: Double
    }

    /// One optimizer's mean normalised loss on one problem along the axis (bayesmark's `NORMED_MEAN`).
    public struct ProblemLoss: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// The complete runs averaged.
        public var runs: Int
        /// The runs that failed or are missing, averaged in at `ℓ = 1`: `max(repetitions, runs) − runs`, at least 1
        /// when ``runs`` is 0.
        public var missing: Int
        /// The mean of `ℓ` over the `runs + missing` runs at each point of the axis.
        public var losses: [Double]
    }

    /// One optimizer's aggregate over the problems that have a scale.
    public struct Score: Sendable, Hashable {
        public var optimizer: String
        /// The problems averaged: every problem with a scale (failed or missing runs count as `ℓ = 1`).
        public var problems: Int
        /// `L(x)`, the mean over problems of the mean normalised loss, at each point of the axis; empty when
        /// ``problems`` is 0.
        public var meanLoss: [Double]
        /// `100 · (1 − L(x))` at each point.
        public var score: [Double]
        /// `L(x) / L_baseline(x)` at each point; `nil` where the baseline's loss is 0 or the baseline has none.
        public var normedMean: [Double?]

        /// The leaderboard score at the end of the axis.
        public var finalScore: Double? { score.last }
        /// The baseline-relative normed mean at the end of the axis.
        public var finalNormedMean: Double? { normedMean.last ?? nil }
    }

    public var axis: ReportAxis
    /// How optima and clips were chosen.
    public var rule: Rule = .tunebench
    /// The baseline optimizer's label.
    public var baseline: String
    /// Whether any problem lists the baseline optimizer; when not, every problem is excluded and there are no scores.
    public var baselinePresent: Bool
    /// The scales of the problems that count, in the experiment's order.
    public var scales: [Scale]
    /// The problems left out, in the experiment's order, with the reason.
    public var excluded: [ExcludedProblem]
    /// Per problem with a scale (experiment order) and optimizer of the experiment (experiment order), including
    /// optimizers with no complete run on the problem.
    public var losses: [ProblemLoss]
    /// One per optimizer of the experiment, in its order (empty without the baseline).
    public var scores: [Score]

    /// The baseline of bayesmark's score: random search.
    public static let defaultBaseline = "random"

    /// The normalised loss `ℓ` of one metric value: `(metric − optimum) / (clip − optimum)` clipped to [−1, 1].
    ///
    /// `+inf` gives 1; so does NaN, which no metric should be.
    /// - Precondition: `clip > optimum`, both finite.
    public static func loss(_ metric: Double, optimum: Double, clip: Double) -> Double {
        let ratio = (metric - optimum) / (clip - optimum)
        guard !ratio.isNaN else { return 1 }
        return max(-1, min(1, ratio))
    }

    /// `ℓ` under `rule`: ``loss(_:optimum:clip:)``, or bayesmark's `clip(m (metric − optimum), −1, 1)` with
    /// `m = 1/(clip − optimum)` (the same number but for the last bits).
    static func loss(_ metric: Double, optimum: Double, clip: Double, rule: Rule) -> Double {
        guard rule == .bayesmark else { return loss(metric, optimum: optimum, clip: clip) }
        let ratio = (1 / (clip - optimum)) * (metric - optimum)
        guard !ratio.isNaN else { return 1 }
        return max(-1, min(1, ratio))
    }

    /// bayesmark's padded optimum estimate: `best − 10⁴ · ulp(max(|best|, 2⁻¹⁰⁷⁴))`, strictly below `best`
    /// (`best + PAD_FACTOR · np.spacing(−max(MIN_POS, |best|))` in `experiment_baseline.compute_baseline`).
    public static func paddedOptimum(_ best: Double) -> Double {
        best - 10_000 * max(Double.leastNonzeroMagnitude, abs(best)).ulp
    }

    /// Computes the normalised losses and scores at every point of `axis`, failed and missing runs scoring the clip.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - axis: the points at which to score; the last one gives the final score.
    ///   - baseline: the label of the optimizer whose single evaluations set the clip, and relative to which the
    ///     normed mean is taken.
    /// - Complexity: O((runs + missing runs) · points · log steps).
    public static func compute(
        _ problems: [ProblemRuns], axis: ReportAxis, baseline: String = defaultBaseline, rule: Rule = .tunebench
    ) -> NormalizedScore {
        let labels = problems.optimizerLabels
        guard labels.contains(baseline) else {
            return NormalizedScore(
                axis: axis, rule: rule, baseline: baseline, baselinePresent: false, scales: [],
                excluded: problems.map {
                    ExcludedProblem(
                        problem: $0.problem, reason: "no optimizer is labelled \"\(baseline)\", the baseline")
                },
                losses: [], scores: [])
        }
        var scales: [Scale] = []
        var excluded: [ExcludedProblem] = []
        var losses: [ProblemLoss] = []
        // Per optimizer (experiment order), its per-problem loss curves.
        var perOptimizer = [[[Double]]](repeating: [], count: labels.count)
        for problem in problems {
            let scale: Scale
            switch Self.scale(of: problem, baseline: baseline, rule: rule) {
            case .included(let found): scale = found
            case .excluded(let reason):
                excluded.append(reason)
                continue
            }
            scales.append(scale)
            for (column, label) in labels.enumerated() {
                let runs = problem.runs(of: label)
                let missing = max(problem.repetitions, runs.count, 1) - runs.count
                let failed = [Double](repeating: 1, count: missing)
                let curve = axis.points.map { x in
                    Statistics.mean(
                        runs.map {
                            loss($0.metric(at: x, on: axis.kind), optimum: scale.optimum, clip: scale.clip, rule: rule)
                        }
                            + failed)
                }
                losses.append(
                    ProblemLoss(
                        problem: problem.problem, optimizer: label, runs: runs.count, missing: missing, losses: curve))
                perOptimizer[column].append(curve)
            }
        }
        let meanLosses = perOptimizer.map { curves in
            curves.isEmpty ? [] : axis.points.indices.map { k in Statistics.mean(curves.map { $0[k] }) }
        }
        let baselineLoss = labels.firstIndex(of: baseline).map { meanLosses[$0] } ?? []
        let scores = labels.indices.map { i in
            let meanLoss = meanLosses[i]
            return Score(
                optimizer: labels[i], problems: perOptimizer[i].count, meanLoss: meanLoss,
                score: meanLoss.map { 100 * (1 - $0) },
                normedMean: meanLoss.indices.map { k in
                    baselineLoss.indices.contains(k) && baselineLoss[k] != 0 ? meanLoss[k] / baselineLoss[k] : nil
                })
        }
        return NormalizedScore(
            axis: axis, rule: rule, baseline: baseline, baselinePresent: true, scales: scales, excluded: excluded,
            losses: losses, scores: scores)
    }

    /// `optₚ` and `clipₚ` of a problem, or why it has none.
    static func scale(of problem: ProblemRuns, baseline: String, rule: Rule = .tunebench) -> ProblemOutcome<Scale> {
        func excluded(_ reason: String) -> ProblemOutcome<Scale> {
            .excluded(ExcludedProblem(problem: problem.problem, reason: reason))
        }
        guard let reference = problem.optimizers.first(where: { $0.optimizer == baseline }),
            !reference.runs.isEmpty
        else { return excluded("the baseline \"\(baseline)\" has no complete run on this problem") }
        if rule == .bayesmark {
            guard let clip = reference.evaluationLowerMedian, clip.isFinite else {
                return excluded(
                    "the baseline \"\(baseline)\" has no finite lower median single-evaluation metric (a folder "
                        + "aggregated before 2026-12-06 lacks it: `tunebench aggregate` writes it from the run files)")
            }
            guard let best = problem.lowestFinal, best.isFinite else {
                return excluded("no run reached a finite \(problem.metric)")
            }
            let optimum = paddedOptimum(best)
            guard clip > optimum else {
                return excluded(
                    "the baseline's lower median single-evaluation \(problem.metric) \(clip) is not above the best "
                        + "\(optimum)")
            }
            return .included(Scale(problem: problem.problem, optimum: optimum, clip: clip))
        }
        guard let clip = reference.evaluationMedian, clip.isFinite else {
            return excluded("the baseline \"\(baseline)\" has no finite median single-evaluation metric")
        }
        let optimum = problem.isRegret ? 0 : problem.lowestFinal ?? .infinity
        guard optimum.isFinite else { return excluded("no run reached a finite \(problem.metric)") }
        guard clip > optimum else {
            return excluded(
                "the baseline's median single-evaluation \(problem.metric) \(clip) is not above the optimum \(optimum)")
        }
        return .included(Scale(problem: problem.problem, optimum: optimum, clip: clip))
    }
}
