import ArgumentParser
import Foundation
import Tunebench

/// `tunebench compare DIR --baseline NAME`: one-sided Mann–Whitney U tests of every optimizer against a baseline
/// optimizer in one folder; `tunebench compare BASELINE_DIR NEW_DIR`: which pairs changed between two folders.
struct CompareCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare optimizers with a baseline optimizer in one folder, or two result folders pair by pair.",
        discussion: """
            ONE FOLDER: tunebench compare DIR [--baseline random]
              For every problem and every optimizer other than the baseline, tests the one-sided alternative \
            that the optimizer's final regrets (best value found minus the optimum; the best value when the \
            optimum is unknown) tend to be lower than the baseline's: the Mann–Whitney U test by its normal \
            approximation with tie and continuity corrections, as SciPy's mannwhitneyu(method="asymptotic"). \
            Failed runs are left out. Reads experiment.json and traces.csv (not the run files, which committed \
            folders may leave out). Prints a table of p-values with the medians, and marks with * those below \
            --alpha. Exit status 0, or 1 when some optimizer is not significantly better than the baseline on some \
            problem and --require is given.

            TWO FOLDERS: tunebench compare BASELINE_DIR NEW_DIR
              For every (problem, optimizer) label pair in both folders (say the last release's results and this \
            commit's), the two-sided Mann–Whitney U test of the final values of their complete runs, with Holm's \
            correction over the optimizers of each problem (family-wise error rate --alpha per problem). A pair is \
            worse when the adjusted p-value is below --alpha and the new values tend to be larger, better when \
            smaller; --min-change F also requires the median to move by at least F times the \
            baseline median. A pair with fewer than two complete runs on a side (say, its new runs failed) is \
            untested and fails the gate. Reads summary.json and traces.csv of both \
            folders (`tunebench aggregate DIR` writes them). Both must have the same budget. Exit status, as \
            package-benchmark's `baseline check`: 0 when no pair got worse, 2 when some pair got significantly \
            worse or is untested, 4 when none got worse but some got better and --fail-on-improvement is given \
            (time to update the baseline), 1 for errors (missing or malformed files, different budgets), 64 for \
            bad usage.
            """
    )

    @Argument(help: "One result folder, or a baseline folder and a new folder.", completion: .directory)
    var directories: [String]

    @Option(help: "One folder: the optimizer label to test against.")
    var baseline = "random"

    @Option(parsing: .unconditional, help: "The significance level (two folders: family-wise, with Holm's correction).")
    var alpha = 0.01

    @Flag(help: "One folder: exit with status 1 unless every optimizer beats the baseline at --alpha on every problem.")
    var require = false

    @Option(
        parsing: .unconditional,
        help: "Two folders: the smallest relative change of the median that counts (default 0).")
    var minChange = 0.0

    @Flag(help: "Two folders: exit with status 4 when some pair got better and none worse.")
    var failOnImprovement = false

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        guard (1...2).contains(directories.count) else {
            throw ValidationError("give one result folder, or a baseline folder and a new folder (got \(directories.count))")
        }
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
        guard minChange >= 0 && minChange.isFinite else {
            throw ValidationError("--min-change must be >= 0, got \(minChange)")
        }
        if directories.count == 2 && (require || baseline != "random") {
            throw ValidationError("--baseline and --require compare optimizers within one folder; with two folders, leave them out")
        }
        if directories.count == 1 && (minChange != 0 || failOnImprovement) {
            throw ValidationError("--min-change and --fail-on-improvement compare two folders; give a baseline folder and a new folder")
        }
    }

    mutating func run(registry: Registry) throws {
        if directories.count == 2 {
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
        let comparison = FolderComparison(
            baseline: try ReportInput.runs(experiment: old.experiment, directory: old.store.directory),
            new: try ReportInput.runs(experiment: new.experiment, directory: new.store.directory), alpha: alpha,
            minimumChange: minChange)
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
                pair.verdict == .untested ? "untested (\(pair.baselineRuns) and \(pair.newRuns) runs)" : pair.verdict.rawValue,
            ])
        }
        print("Final values of \(directories[1]) against \(directories[0]) (\(old.experiment.budgetDescription)): "
            + "two-sided Mann–Whitney U, Holm-corrected over the optimizers of each problem, alpha \(alpha)"
            + (minChange > 0 ? ", median change at least \(minChange * 100)%" : "") + ":\n")
        print(Self.table(rows))
        for (label, list) in [("only in the baseline", comparison.onlyInBaseline), ("only in the new folder", comparison.onlyInNew)]
        where !list.isEmpty {
            print("\nNot compared, \(label): " + list.joined(separator: ", "))
        }
        let worse = comparison.pairs.filter { $0.verdict == .worse }.count
        let better = comparison.pairs.filter { $0.verdict == .better }.count
        let untested = comparison.pairs.filter { $0.verdict == .untested }.count
        print("\n\(worse) worse, \(better) better, \(untested) untested (fewer than 2 complete runs on a side), "
            + "\(comparison.pairs.count - worse - better - untested) unchanged.")
        if worse > 0 || untested > 0 { throw ExitCode(2) }
        if better > 0 && failOnImprovement { throw ExitCode(4) }
    }

    func compareWithBaseline(registry: Registry) throws {
        let folder = try ResultFolder(directories[0], registry: registry)
        let (store, experiment) = (folder.store, folder.experiment)
        let labels = experiment.optimizers.map(\.label)
        guard labels.contains(baseline) else {
            throw ValidationError(
                "--baseline '\(baseline)' is not an optimizer of \(store.experimentURL.path); it has "
                    + labels.joined(separator: ", "))
        }
        // The final metric of every complete run, from traces.csv (the run files need not be there).
        let problems = try ReportInput.runs(experiment: experiment, directory: store.directory)
        let others = labels.filter { $0 != baseline }
        var rows: [[String]] = [["problem", "\(baseline) median"] + others]
        var allSignificant = true
        for problem in problems {
            func finals(_ label: String) -> [Double] {
                problem.optimizers.first { $0.optimizer == label }?.runs.map(\.final) ?? []
            }
            let base = finals(baseline)
            guard !base.isEmpty else {
                rows.append([problem.problem, "no runs"] + others.map { _ in "" })
                allSignificant = false
                continue
            }
            var row = [problem.problem, Self.format(Statistics.median(base))]
            for label in others {
                let values = finals(label)
                guard !values.isEmpty else {
                    row.append("no runs")
                    allSignificant = false
                    continue
                }
                let p = MannWhitneyU.test(values, base).pLess
                if !(p < alpha) { allSignificant = false }
                row.append("p=\(Self.format(p))\(p < alpha ? "*" : " ") (\(Self.format(Statistics.median(values))))")
            }
            rows.append(row)
        }
        print("One-sided Mann–Whitney U p-values against \(baseline), final regret over \(experiment.repetitions) "
            + "repetitions of \(experiment.budgetDescription) (median in parentheses; * = p < \(alpha)):\n")
        print(Self.table(rows))
        if require && !allSignificant { throw ExitCode(1) }
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }

    /// Left-aligned first column, right-aligned others, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
