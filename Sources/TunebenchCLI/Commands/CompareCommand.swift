import ArgumentParser
import Foundation
import Tunebench

/// `tunebench compare DIR --baseline NAME`: one-sided tests of every optimizer against a baseline optimizer in one
/// folder; `tunebench compare DIR --pair BUILTIN=PEER ...`: win, tie and loss counts of built-in optimizers against
/// their reference implementations in one folder (`CompareCommand+HeadToHead.swift`); `tunebench compare
/// BASELINE_DIR NEW_DIR`: which pairs changed between two folders. Paired tests (Wilcoxon signed-rank, runs matched
/// by repetition) where the runs share their problem instances, unpaired ones (Mann–Whitney U) otherwise, or as
/// `--test` says.
struct CompareCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare optimizers with a baseline or built-ins with their reference peers in one folder, or two "
            + "result folders pair by pair.",
        discussion: """
            ONE FOLDER: tunebench compare DIR [--baseline random]
              For every problem and every optimizer other than the baseline, tests the one-sided alternative \
            that the optimizer's final regrets (best value found minus the optimum; the best value when the \
            optimum is unknown) tend to be lower than the baseline's. The runs of one repetition share the \
            problem instance, so by default the test is paired: the Wilcoxon signed-rank test of the differences \
            over the repetitions where both runs are complete, as SciPy's wilcoxon(alternative="less") with its \
            defaults (exact up to 50 pairs without ties or zero differences, exact given the ties up to 13, else \
            the normal approximation with the tie correction). --test unpaired uses the Mann–Whitney U test of all \
            complete runs instead (normal approximation with tie and continuity corrections, as SciPy's \
            mannwhitneyu(method="asymptotic")). Failed runs are left out. Reads experiment.json and traces.csv \
            (not the run files, which committed folders may leave out). Prints a table of p-values with the \
            medians, and marks with * those below --alpha (0.01 by default). Exit status 0, or 1 when some \
            optimizer is not significantly better than the baseline on some problem and --require is given.

            HEAD TO HEAD: tunebench compare DIR --pair cmaes=pycma --pair tpe=optuna-tpe [--group-by dimension|none]
              For each pair BUILTIN=PEER of optimizer labels of the folder's experiment (a built-in optimizer and \
            its reference implementation, say a plugin) and each problem, the two-sided Wilcoxon signed-rank \
            test of the differences builtin - peer of the final regrets (as above, --metric included) over the n \
            repetitions complete for both. A problem is a win for the built-in when p < --alpha (0.05 by default \
            in this mode) and its values tend to be lower (the ranks of the negative differences sum higher), a \
            loss when p < --alpha the other way, a tie otherwise (non-significant differences and all-zero ones \
            included), and untested with too few pairs for any p-value to fall below --alpha (n pairs cannot go \
            below 2/2^n: at 0.05, 5 pairs or fewer) or when either side reads the problem's gradients (gradient \
            track). A repetition that failed or is missing (not run yet) on either side is no pair; each side's \
            failed and missing runs are counted. There \
            is no correction for multiplicity across problems: each problem is its own comparison at level \
            --alpha, so about alpha times the problems are expected to be won or lost by chance when the two do \
            not differ. Prints a table of the counts per pair and per dimension of the problems' search spaces \
            (--group-by none: only the row of every problem), each pair's row of all problems last, with the \
            built-in's and the peer's failed runs and the median over the problems of the overhead ratio (the \
            built-in's median optimizer seconds per complete run, ask and tell, over the peer's, from \
            timings.json; against a plugin it mostly measures the plugin's process and messaging, not the \
            algorithm), then the problems each pair won and lost with n and p, the problems untested for want of \
            pairs, and those with failed or missing runs. --csv FILE writes the detail behind the table, one row \
            per pair and problem: builtin,peer,problem,dimension,pairs,builtin_failed,peer_failed,builtin_missing,\
            peer_missing,p,outcome,builtin_median,peer_median,overhead_ratio (outcome win, tie, loss, too-few-pairs or gradient-track; the medians over \
            the pairs). Reads experiment.json, summary.json, traces.csv and timings.json (`tunebench aggregate \
            DIR` writes them); builds the problems (seed 0) to know their dimensions, which --group-by none does \
            not. --baseline, --require, --test unpaired and a second folder are refused. Exit status 0, or 1 for \
            errors, 64 for bad usage.

            TWO FOLDERS: tunebench compare BASELINE_DIR NEW_DIR
              For every (problem, optimizer) label pair in both folders (say the last release's results and this \
            commit's), a two-sided test of the final values of their complete runs, with Holm's correction over \
            the optimizers of each problem (family-wise error rate --alpha per problem, 0.01 by default). Folders \
            of the same experiment with the same seed (and the same problems under each label) ran the same problem \
            instances repetition by repetition, so by default (--test auto) their runs are paired and the test is \
            the Wilcoxon signed-rank test over the repetitions complete in both; folders with different seeds ran \
            other instances, and the test is the unpaired Mann–Whitney U test. The output says which. A pair is \
            worse when the adjusted p-value is below --alpha and the new values tend to be larger, better when \
            smaller; --min-change F also requires the median to move by at least F times the \
            baseline median. A pair with fewer than two complete runs on a side (paired: fewer than two \
            repetitions complete in both; say, its new runs failed) is untested and fails the gate. Reads \
            experiment.json, summary.json and traces.csv of both folders (`tunebench aggregate DIR` writes them). \
            Both must have the same budget. Exit status, as \
            package-benchmark's `baseline check`: 0 when no pair got worse, 2 when some pair got significantly \
            worse or is untested, 4 when none got worse but some got better and --fail-on-improvement is given \
            (time to update the baseline), 1 for errors (missing or malformed files, different budgets), 64 for \
            bad usage.

            NOISE: on problems with observation noise, --metric recommended compares the recommended regret (the \
            noiseless value of the configuration each optimizer would return, from traces-recommended.csv) \
            instead of the best-evaluated one (the best noiseless value among the points evaluated, the default); \
            noiseless problems have only the latter.
            """
    )

    /// Which test `--test` asks for.
    enum TestChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, paired, unpaired
    }

    /// How `--group-by` groups the problems of the head-to-head table.
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        /// By the number of parameters of their search spaces.
        case dimension
        /// One group of every problem.
        case none
    }

    @Argument(help: "One result folder, or a baseline folder and a new folder.", completion: .directory)
    var directories: [String]

    @Option(help: "One folder: the optimizer label to test against (default: random).")
    var baseline: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The significance level (default 0.01; 0.05 with --pair, per problem; two folders: family-wise, with "
                + "Holm's correction)."))
    var alpha: Double?

    @Option(
        name: .customLong("pair"),
        help: ArgumentHelp(
            "Head to head: a built-in optimizer and its reference peer, two optimizer labels of the folder "
                + "(repeatable).",
            valueName: "builtin=peer"))
    var pairArguments: [String] = []

    @Option(
        help: ArgumentHelp(
            "Head to head: group the problems by the dimension of their search space (default) or not at all (none).",
            valueName: "grouping"))
    var groupBy: Grouping?

    @Option(
        help: ArgumentHelp(
            "Head to head: also write one row per pair and problem (n, failed runs, p, outcome, medians, overhead "
                + "ratio) to this CSV file.",
            valueName: "file"),
        completion: .file())
    var csv: String?

    @Flag(help: "One folder: exit with status 1 unless every optimizer beats the baseline at --alpha on every problem.")
    var require = false

    @Option(
        parsing: .unconditional,
        help: "Two folders: the smallest relative change of the median that counts (default 0).")
    var minChange = 0.0

    @Flag(help: "Two folders: exit with status 4 when some pair got better and none worse.")
    var failOnImprovement = false

    @Option(
        help: ArgumentHelp(
            "The test: paired (Wilcoxon signed-rank, runs matched by repetition), unpaired (Mann–Whitney U) or auto.",
            discussion: "auto pairs the runs of one folder, and of two folders with the same seed and problems "
                + "(repetition k of both ran the same problem instance); two folders with different seeds are "
                + "unpaired.",
            valueName: "test"))
    var test: TestChoice = .auto

    @Option(
        help: ArgumentHelp(
            "The regret compared on problems with observation noise: best-evaluated or recommended.",
            valueName: "metric"))
    var metric: MetricChoice = .bestEvaluated

    @OptionGroup var plugins: PluginOptions

    /// The significance level: `--alpha`, or 0.05 head to head and 0.01 otherwise.
    var level: Double { alpha ?? (pairArguments.isEmpty ? 0.01 : HeadToHead.defaultAlpha) }

    func validate() throws {
        guard (1...2).contains(directories.count) else {
            throw ValidationError("give one result folder, or a baseline folder and a new folder (got \(directories.count))")
        }
        if let alpha, !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
        guard minChange >= 0 && minChange.isFinite else {
            throw ValidationError("--min-change must be >= 0, got \(minChange)")
        }
        if !pairArguments.isEmpty {
            try validateHeadToHead()
            return
        }
        if groupBy != nil || csv != nil {
            throw ValidationError("--group-by and --csv shape the head-to-head table; give --pair BUILTIN=PEER")
        }
        if directories.count == 2 && (require || baseline != nil) {
            throw ValidationError("--baseline and --require compare optimizers within one folder; with two folders, leave them out")
        }
        if directories.count == 1 && (minChange != 0 || failOnImprovement) {
            throw ValidationError("--min-change and --fail-on-improvement compare two folders; give a baseline folder and a new folder")
        }
    }

    mutating func run(registry: Registry) throws {
        if !pairArguments.isEmpty {
            try compareHeadToHead(registry: registry)
        } else if directories.count == 2 {
            try compareFolders(registry: registry)
        } else {
            try compareWithBaseline(registry: registry)
        }
    }

    func compareFolders(registry: Registry) throws {
        let old = try ResultFolder(directories[0], registry: registry)
        let new = try ResultFolder(directories[1], registry: registry)
        guard old.experiment.budget == new.experiment.budget, old.experiment.costBudget == new.experiment.costBudget,
            old.experiment.budgetPerDimension == new.experiment.budgetPerDimension
        else {
            printError(
                "the folders have different budgets (\(directories[0]): \(old.experiment.budgetDescription); "
                    + "\(directories[1]): \(new.experiment.budgetDescription)); final values are not comparable")
            throw ExitCode(1)
        }
        let obstacle = FolderComparison.pairingObstacle(baseline: old.experiment, new: new.experiment)
        let chosen: FolderComparison.Test
        switch test {
        case .auto: chosen = obstacle == nil ? .paired : .unpaired
        case .paired: chosen = .paired
        case .unpaired: chosen = .unpaired
        }
        let comparison = FolderComparison(
            baseline: try ReportInput.runs(
                experiment: old.experiment, directory: old.store.directory, metric: metric.metric),
            new: try ReportInput.runs(
                experiment: new.experiment, directory: new.store.directory, metric: metric.metric),
            alpha: level,
            minimumChange: minChange, test: chosen)
        var rows: [[String]] = [["problem", "optimizer", "baseline median", "new median", "change", "p (Holm)", "verdict"]]
        for pair in comparison.pairs {
            let change: String
            if let a = pair.baselineMedian, let b = pair.newMedian, a != 0, a.isFinite, b.isFinite {
                change = String(format: "%+.1f%%", (b - a) / abs(a) * 100)
            } else {
                change = "–"
            }
            rows.append([
                pair.problem, pair.optimizer, pair.baselineMedian.map(Self.format) ?? "–",
                pair.newMedian.map(Self.format) ?? "–", change, pair.adjustedP.map(Self.format) ?? "–",
                pair.verdict == .untested ? Self.untested(pair) : pair.verdict.rawValue,
            ])
        }
        let why: String
        switch (test, obstacle) {
        case (.auto, nil): why = "same seed and problems: repetition k of both ran the same instance"
        case (.auto, let reason?): why = "not paired: " + reason
        case (.paired, let reason?): why = "--test paired, although " + reason
        case (.paired, nil), (.unpaired, nil): why = "--test \(test.rawValue)"
        case (.unpaired, let reason?): why = "--test unpaired; " + reason
        }
        print("Final \(metric == .recommended ? "recommended values (on noisy problems)" : "values") of "
            + "\(directories[1]) against \(directories[0]) (\(old.experiment.budgetDescription)): "
            + "two-sided \(chosen.description) (\(why)), Holm-corrected over the optimizers of each problem, "
            + "alpha \(level)" + (minChange > 0 ? ", median change at least \(minChange * 100)%" : "") + ":\n")
        print(Self.table(rows))
        for (label, list) in [("only in the baseline", comparison.onlyInBaseline), ("only in the new folder", comparison.onlyInNew)]
        where !list.isEmpty {
            print("\nNot compared, \(label): " + list.joined(separator: ", "))
        }
        if !comparison.powerless.isEmpty {
            print("\nNo change could be significant at alpha \(level) on "
                + (comparison.powerless.count == comparison.pairs.map(\.problem).uniqued().count
                    ? "any problem" : comparison.powerless.joined(separator: ", "))
                + ": the smallest p-value the runs allow, times the optimizers of the problem (Holm's first step), is "
                + "at least alpha, so `same` there means too few repetitions, not no change"
                + (chosen == .paired
                    ? " (run more repetitions, or use --test unpaired, whose p-values go lower for as many runs)."
                    : " (run more repetitions)."))
        }
        let worse = comparison.pairs.filter { $0.verdict == .worse }.count
        let better = comparison.pairs.filter { $0.verdict == .better }.count
        let untested = comparison.pairs.filter { $0.verdict == .untested }.count
        let untestedRule =
            chosen == .paired ? "fewer than 2 repetitions complete in both" : "fewer than 2 complete runs on a side"
        print("\n\(worse) worse, \(better) better, \(untested) untested (\(untestedRule)), "
            + "\(comparison.pairs.count - worse - better - untested) unchanged.")
        if worse > 0 || untested > 0 { throw ExitCode(2) }
        if better > 0 && failOnImprovement { throw ExitCode(4) }
    }

    func compareWithBaseline(registry: Registry) throws {
        let folder = try ResultFolder(directories[0], registry: registry)
        let (store, experiment) = (folder.store, folder.experiment)
        let labels = experiment.optimizers.map(\.label)
        let baseline = self.baseline ?? "random"
        guard labels.contains(baseline) else {
            throw ValidationError(
                "--baseline '\(baseline)' is not an optimizer of \(store.experimentURL.path); it has "
                    + labels.joined(separator: ", "))
        }
        // The final metric of every complete run, from traces.csv (the run files need not be there).
        let problems = try ReportInput.runs(experiment: experiment, directory: store.directory, metric: metric.metric)
        // An optimizer that reads a problem's gradients is not held against a black-box baseline there.
        let gradient = experiment.gradientTrack(in: registry)
        let others = labels.filter { $0 != baseline }
        var rows: [[String]] = [["problem", "\(baseline) median"] + others]
        var allSignificant = true
        let paired = test != .unpaired
        for problem in problems {
            func runs(_ label: String) -> [RunTrace] {
                problem.optimizers.first { $0.optimizer == label }?.runs ?? []
            }
            let base = runs(baseline)
            guard !base.isEmpty else {
                rows.append([problem.problem, "no runs"] + others.map { _ in "" })
                allSignificant = false
                continue
            }
            var row = [problem.problem, Self.format(Statistics.median(base.map(\.final)))]
            for label in others {
                if gradient.contains(problem: problem.problem, optimizer: label) {
                    row.append("gradient track")
                    continue
                }
                let values = runs(label)
                let p: Double
                if paired {
                    let pairs = PairedFinals(values, base)
                    guard pairs.count > 0 else {
                        row.append(values.isEmpty ? "no runs" : "no pairs")
                        allSignificant = false
                        continue
                    }
                    p = WilcoxonSignedRank.test(pairs.first, pairs.second).pLess
                } else {
                    guard !values.isEmpty else {
                        row.append("no runs")
                        allSignificant = false
                        continue
                    }
                    p = MannWhitneyU.test(values.map(\.final), base.map(\.final)).pLess
                }
                if !(p < level) { allSignificant = false }
                let median = Statistics.median(values.map(\.final))
                row.append("p=\(Self.format(p))\(p < level ? "*" : " ") (\(Self.format(median)))")
            }
            rows.append(row)
        }
        let name =
            paired
            ? "Wilcoxon signed-rank p-values (runs paired by repetition, which share the problem instance)"
            : "Mann–Whitney U p-values (unpaired)"
        let regret = metric == .recommended ? "final recommended regret on noisy problems" : "final regret"
        print("One-sided \(name) against \(baseline), \(regret) over \(experiment.repetitions) "
            + "repetitions of \(experiment.budgetDescription) (median in parentheses; * = p < \(level)):\n")
        print(Self.table(rows))
        if !gradient.isEmpty {
            print("\n\"gradient track\": the optimizer reads that problem's gradients, which the baseline cannot; it is "
                + "not tested against it (nor counted by --require).")
        }
        if require && !allSignificant { throw ExitCode(1) }
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }

    /// The verdict cell of an untested pair: the runs or pairs it had.
    static func untested(_ pair: FolderComparison.Pair) -> String {
        if let pairs = pair.pairs { return "untested (\(pairs) pairs)" }
        return "untested (\(pair.baselineRuns) and \(pair.newRuns) runs)"
    }

    /// The first `leftAligned` columns left-aligned, the others right-aligned, two spaces apart.
    static func table(_ rows: [[String]], leftAligned: Int = 1) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < leftAligned ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension Array where Element: Hashable {
    /// The elements in their order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
