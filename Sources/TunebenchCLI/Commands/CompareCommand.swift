import ArgumentParser
import Foundation
import Tunebench

/// `tunebench compare DIR --baseline NAME`: one-sided Mann–Whitney U tests of every optimizer against a baseline.
struct CompareCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Test whether each optimizer's final regrets are lower than a baseline's (Mann–Whitney U).",
        discussion: """
            Reads the run files of a result folder written by `tunebench run` and, for every problem and every \
            optimizer other than the baseline, tests the one-sided alternative that the optimizer's final regrets \
            (best value found minus the optimum; the best value when the optimum is unknown) tend to be lower \
            than the baseline's: the Mann–Whitney U test by its normal approximation with tie and continuity \
            corrections, as SciPy's mannwhitneyu(method="asymptotic"). Failed runs are left out. Prints a table \
            of p-values with the medians, and marks with * those below --alpha. Exit status 0, or 1 when some \
            optimizer is not significantly better than the baseline on some problem and --require is given.
            """
    )

    @Argument(help: "A result folder written by `tunebench run`.", completion: .directory)
    var directory: String

    @Option(help: "The optimizer label to test against.")
    var baseline = "random"

    @Option(help: "The significance level marked in the table.")
    var alpha = 0.01

    @Flag(help: "Exit with status 1 unless every optimizer beats the baseline at --alpha on every problem.")
    var require = false

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folder = try ResultFolder(directory, registry: registry)
        let (store, experiment) = (folder.store, folder.experiment)
        let labels = experiment.optimizers.map(\.label)
        guard labels.contains(baseline) else {
            throw ValidationError(
                "--baseline '\(baseline)' is not an optimizer of \(store.experimentURL.path); it has "
                    + labels.joined(separator: ", "))
        }
        let finals = try FinalValues(experiment: experiment, store: store)
        let others = labels.filter { $0 != baseline }
        var rows: [[String]] = [["problem", "\(baseline) median"] + others]
        var allSignificant = true
        for problem in experiment.problems.map(\.label) {
            let samples = finals.samples.filter { $0.problem == problem }
            guard let base = samples.first(where: { $0.optimizer == baseline }), !base.values.isEmpty else {
                rows.append([problem, "no runs"] + others.map { _ in "" })
                allSignificant = false
                continue
            }
            var row = [problem, Self.format(Statistics.median(base.values))]
            for label in others {
                guard let sample = samples.first(where: { $0.optimizer == label }), !sample.values.isEmpty else {
                    row.append("no runs")
                    allSignificant = false
                    continue
                }
                let p = MannWhitneyU.test(sample.values, base.values).pLess
                if !(p < alpha) { allSignificant = false }
                row.append("p=\(Self.format(p))\(p < alpha ? "*" : " ") (\(Self.format(Statistics.median(sample.values))))")
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
