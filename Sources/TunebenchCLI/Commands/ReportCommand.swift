import ArgumentParser
import Foundation
import Tunebench

/// `tunebench report DIR`: the Markdown and HTML report of a result folder.
struct ReportCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the Markdown and HTML report of a result folder (tables, statistics and SVG plots).",
        discussion: """
            Reads DIR/experiment.json and the files that `tunebench run` (or `tunebench aggregate`) writes beside \
            it: summary.json, traces.csv, curves/ (curves-cost/ with a cost budget) and timings.json. Writes \
            DIR/report.md, DIR/report.html (one self-contained page: inline SVG, no script, no network) and \
            DIR/report/: the plots as SVG files and every number the report shows that is not in those inputs, as CSV:

              ranks.csv          average rank over the budget (paired by repetition; ties share ranks)
              scores.csv         bayesmark's normalised score against the baseline (--baseline, random search)
              pairwise.csv       two-sided Wilcoxon signed-rank tests on final values paired by repetition, \
            Holm-corrected within each problem
              targets.csv        the targets of the data profile and of the time to target, per problem
              data-profile.csv   COCO-style fraction of (problem, target, run) triples solved over the budget
              time-to-target.csv expected running time (ERT) to three targets per problem
              finals.csv         final values: the median with its exact 95% interval from order statistics, \
            the mean with its bootstrap percentile interval
              recommended.csv    on problems with observation noise: the final recommended regret (of what the \
            optimizer would return) beside the best-evaluated one (of the best point evaluated), per optimizer
              recommended-ranks.csv  the final average rank by each of the two regrets over the noisy problems

            Problems with observation noise have two regrets: best-evaluated (the best noiseless value among the \
            points evaluated, traces.csv) and recommended (the noiseless value of the optimizer's own \
            recommendation, traces-recommended.csv and curves-recommended/). Their sections show both; --metric \
            chooses the one that ranks, scores, the data profile, the pairwise tests and the time to target use \
            there (best-evaluated by default).

            `tunebench run` writes the report at the end of every run; run this command after `tunebench \
            aggregate`, or to change --baseline or --alpha. The report never reads run files, so it works on \
            folders whose runs/ are not kept.
            """
    )

    @Argument(help: "A result folder written by `tunebench run`.", completion: .directory)
    var directory: String

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folder = try ResultFolder(directory, registry: registry)
        // The registry names the gradient track too, for folders aggregated before summaries recorded it.
        let written = try reportOptions.write(
            experiment: folder.experiment, directory: folder.store.directory,
            gradientTrack: folder.experiment.gradientTrack(in: registry))
        print("Wrote \(written.markdown) and \(written.html).")
    }
}

/// The options of a report, shared by `report` and `run`.
struct ReportOptions: ParsableArguments {
    @Option(help: "The optimizer label that normalised scores are measured against (bayesmark's random search).")
    var baseline = "random"

    @Option(
        parsing: .unconditional,
        help: """
            The family-wise significance level of the pairwise tests (Holm's correction), and the level of each \
            uncorrected test of a failing problem against its base.
            """)
    var alpha = 0.05

    @Option(
        help: ArgumentHelp(
            "The regret of the analyses across problems on problems with observation noise: best-evaluated or "
                + "recommended.",
            discussion: "best-evaluated: the best noiseless value among the points evaluated (what an oracle would "
                + "pick); recommended: the noiseless value of what the optimizer itself would return. Noiseless "
                + "problems have only the first.",
            valueName: "metric"))
    var metric: MetricChoice = .bestEvaluated

    @Option(
        name: .customLong("score-rule"),
        help: ArgumentHelp(
            "How the normalised score picks each problem's optimum and clip: tunebench or bayesmark.",
            discussion: "tunebench: the known optimum where there is one (else the best final value of any run) and "
                + "the baseline's median single evaluation; bayesmark: bayesmark 0.0.8's own rule, the best final "
                + "value of any run less 10^4 units in its last place, whether or not the optimum is known, and the "
                + "baseline's lower median single evaluation (what bayesmark's analysis computes from the same runs).",
            valueName: "rule"))
    var scoreRule: NormalizedScore.Rule = .tunebench

    func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
    }

    /// Builds and writes the report; returns the paths of the Markdown and HTML files. `gradientTrack` adds pairs to
    /// those `summary.json` marks as the gradient track.
    func write(
        experiment: Experiment, directory: URL, gradientTrack: GradientTrack = .none
    ) throws -> (markdown: String, html: String) {
        let input = try ReportInput(experiment: experiment, directory: directory)
        let report = ReportBuilder(
            input: input,
            options: ReportBuilder.Options(
                baseline: baseline, alpha: alpha, gradientTrack: gradientTrack, metric: metric.metric,
                scoreRule: scoreRule))
        try report.write()
        return (
            directory.appendingPathComponent("report.md").path, directory.appendingPathComponent("report.html").path
        )
    }

    /// What `run` and `aggregate` do at the end: write the report unless `skip`, then report failed runs. A report
    /// that cannot be written is an error (exit status 1), but it neither hides the failed runs (exit status 3 wins)
    /// nor touches the results already written.
    func finish(
        aggregate: Aggregate, experiment: Experiment, directory: URL, skip: Bool, quiet: Bool
    ) throws {
        var reportError: (any Error)?
        if !skip {
            do {
                let written = try write(experiment: experiment, directory: directory)
                if !quiet { printError("Report: \(written.markdown), \(written.html)") }
            } catch {
                printError("The report was not written: \(error)")
                reportError = error
            }
        }
        try reportFailures(aggregate)
        if reportError != nil { throw ExitCode(1) }
    }
}

/// `--metric` of `report` and `compare`: which regret counts on problems with observation noise (``ReportMetric``).
enum MetricChoice: String, ExpressibleByArgument, CaseIterable {
    case bestEvaluated = "best-evaluated"
    case recommended

    var metric: ReportMetric {
        switch self {
        case .bestEvaluated: .bestEvaluated
        case .recommended: .recommended
        }
    }
}

extension NormalizedScore.Rule: ExpressibleByArgument {}
