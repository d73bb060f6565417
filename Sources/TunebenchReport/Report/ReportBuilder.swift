import Foundation
import TunebenchCore
import TunebenchRunner

/// Builds the report of a result folder: `report.md`, `report.html` and `report/` (plots as SVG files, and the
/// numbers the report computes as CSV), all from a ``ReportInput``, nothing else.
///
/// Sections: the experiment; across problems, average rank (``AverageRank``), bayesmark's normalised score against
/// the baseline (``NormalizedScore``), the COCO-style data profile (``DataProfile``) and the pairwise tests
/// (``PairwiseTests``), all among the black-box optimizers; per problem, the curves, the final values with the confidence intervals of their median and
/// mean (``FinalIntervals``) and the time to target (``TimeToTarget``); the gradient track apart
/// (``GradientTrackSection``); the optimizers' overhead; failed and missing runs. Every output but the overhead table (wall-clock times) is the
/// same, byte for byte, for the same input files.
///
/// **Noise.** On problems with observation noise the report shows two regrets (``ReportMetric``): each problem's
/// section has the recommended regret's curves and final values beside the best-evaluated ones, and
/// ``RecommendedSection`` compares the two across the noisy problems. The analyses across problems and the time to
/// target use ``Options/metric``: the best-evaluated regret by default, as before noise was told apart (so reports stay
/// comparable), or the recommended one; the overview says which.
public struct ReportBuilder: Sendable {
    public struct Options: Sendable {
        /// The optimizer label that normalised scores are measured against.
        public var baseline: String
        /// The family-wise significance level of the pairwise tests.
        public var alpha: Double
        /// Pairs of the gradient track besides those `summary.json` marks (for folders aggregated before summaries
        /// recorded the track).
        public var gradientTrack: GradientTrack
        /// The regret the analyses across problems and the time to target use on noisy problems.
        public var metric: ReportMetric
        /// How the normalised score chooses each problem's optimum and clip.
        public var scoreRule: NormalizedScore.Rule

        public init(
            baseline: String = NormalizedScore.defaultBaseline, alpha: Double = PairwiseTests.defaultAlpha,
            gradientTrack: GradientTrack = .none, metric: ReportMetric = .bestEvaluated,
            scoreRule: NormalizedScore.Rule = .tunebench
        ) {
            self.baseline = baseline
            self.alpha = alpha
            self.gradientTrack = gradientTrack
            self.metric = metric
            self.scoreRule = scoreRule
        }
    }

    public var input: ReportInput
    public var options: Options

    public init(input: ReportInput, options: Options = Options()) {
        self.input = input
        self.options = options
    }

    /// The report's files, not yet written.
    func build() -> ReportOutput {
        var output = ReportOutput()
        let document = makeDocument(output: &output)
        output.add("report.md", MarkdownRenderer.render(document))
        output.add("report.html", HTMLRenderer.render(document))
        return output
    }

    /// Builds and writes the report into the result folder, every file atomically.
    /// - Throws: ``ReportError/unwritable(path:reason:)``.
    public func write() throws {
        try build().write(to: input.directory)
    }

    func makeDocument(output: inout ReportOutput) -> ReportDocument {
        // Everything that compares optimizers sees the black-box methods only; the gradient track has its own section.
        // Per problem, a pair of the gradient track is left out; across problems (ranks, scores, profile, pairwise), an
        // optimizer in the gradient track on any problem is left out altogether, so that no aggregate mixes tracks.
        let gradient = self.input.gradientTrack.union(options.gradientTrack)
        let input = self.input.without(gradient)
        // The analyses see the chosen metric; the problems' own sections show both.
        let problems = input.measured(by: options.metric).problems
        let across = self.input.without(gradient.everywhere(problems: problems.map(\.problem)))
            .measured(by: options.metric).problems
        var document = ReportDocument(title: "Tunebench report: \(input.experiment.name)")
        addOverview(to: &document)

        RankSection.add(AverageRank.compute(across, axis: input.axis), to: &document, output: &output)
        ScoreSection.add(
            NormalizedScore.compute(across, axis: input.axis, baseline: options.baseline, rule: options.scoreRule),
            to: &document,
            output: &output)
        ProfileSection.add(DataProfile.compute(across, axis: input.axis), to: &document, output: &output)
        // The matrix tallies outcomes across problems, so it leaves the gradient track out everywhere, as the ranks do.
        PairwiseSection.add(
            PairwiseTests.compute(across, alpha: options.alpha), problems: across.count, to: &document,
            output: &output)
        RecommendedSection.add(input, to: &document, output: &output)

        let times = TimeToTarget.compute(
            problems, on: input.axis.kind, budget: input.experiment.budgetPerDimension ? nil : input.experiment.budget,
            timeBudget: input.experiment.workers.timeBudget)
        TimeToTargetSection.write(times, output: &output)
        let cocoTimes = CocoTimeToTarget.compute(problems, coco: input.cocoProblems)
        CocoTimeToTargetSection.write(cocoTimes, output: &output)
        document.heading("Problems")
        let intervals = FinalIntervals.compute(input.problems)
        ProblemSection.introduce(intervals, to: &document, output: &output)
        for problem in input.problems {
            ProblemSection.add(problem, input, intervals: intervals, to: &document, output: &output)
            TimeToTargetSection.add(times, problem: problem.problem, to: &document)
            CocoTimeToTargetSection.add(cocoTimes, problem: problem.problem, to: &document)
        }
        IGDPlusSection.add(self.input, to: &document, output: &output)
        GradientTrackSection.add(self.input, track: gradient, to: &document, output: &output)
        OverheadSection.add(self.input, to: &document, output: &output)
        WorkerSection.add(self.input, to: &document, output: &output)
        TrialFailureSection.add(self.input, to: &document, output: &output)
        // Every optimizer against itself, the gradient track included, on the best-evaluated metric.
        FailureCostSection.add(
            self.input, problems: self.input.problems, alpha: options.alpha, to: &document, output: &output)
        InfeasibleTrialSection.add(self.input, to: &document, output: &output)
        FailureSection.add(self.input, to: &document)
        return document
    }

    func addOverview(to document: inout ReportDocument) {
        let experiment = input.experiment
        let aggregate = input.aggregate
        if let description = experiment.description, !description.isEmpty { document.paragraph(description) }
        document.blocks.append(
            .bullets([
                "\(experiment.optimizers.count) optimizers × \(experiment.problems.count) problems × "
                    + "\(experiment.repetitions) repetitions of \(experiment.budgetDescription), seed \(experiment.seed).",
                "Runs: \(aggregate.complete) complete, \(aggregate.failed) failed, \(aggregate.missing) missing, of "
                    + "\(aggregate.planned) planned.",
                "Optimizers: " + experiment.optimizers.map { "`\($0.label)`" }.joined(separator: ", ") + ".",
                "Problems: " + experiment.problems.map { "`\($0.label)`" }.joined(separator: ", ") + ".",
                "The metric is the regret (best value found minus the known optimum) or, where the optimum is unknown, "
                    + "the best value; only full-fidelity evaluations count. Lower is better throughout.",
                "Every number below comes from the files beside this report: `summary.json`, `traces.csv`, "
                    + "`\(input.axis.kind.curvesFolder)/`, "
                    + (input.recommended.isEmpty ? "" : "`traces-recommended.csv`, `curves-recommended/`, ")
                    + "`timings.json`, and the CSV files "
                    + "under `report/` that this report computed from them (`report/overhead.csv` holds the only wall-clock "
                    + "times).",
            ] + noiseBullet))
    }

    /// The overview's statement of the two regrets, when some problems have observation noise.
    var noiseBullet: [String] {
        let noisy = input.noisyProblems
        guard !noisy.isEmpty else { return [] }
        let other: ReportMetric = options.metric == .bestEvaluated ? .recommended : .bestEvaluated
        let total = input.experiment.problems.count
        let which =
            noisy.count == total
            ? "Every problem has observation noise. "
            : "\(noisy.count) of the \(total) problems \(noisy.count == 1 ? "has" : "have") observation noise ("
                + noisy.map { "`\($0)`" }.joined(separator: ", ") + "). "
        return [
            which + "On them the optimizers saw noisy values, and "
                + "two regrets differ: the *best-evaluated* regret, of the best noiseless value among the points "
                + "evaluated (what an oracle would pick from the run; `traces.csv`), and the *recommended* regret, of "
                + "the noiseless value of the configuration the optimizer itself would return (its recommendation, "
                + "by default its lowest observed value; `traces-recommended.csv`, `curves-recommended/`). Their "
                + "sections show both. **The average rank, normalised score, data profile, pairwise tests and time to "
                + "target use the \(options.metric.name)** on the noisy problems (`tunebench report --metric "
                + "\(other.rawValue)` for the \(other.name)); noiseless problems have only the best-evaluated one."
        ]
    }
}
