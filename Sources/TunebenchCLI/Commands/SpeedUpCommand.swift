import ArgumentParser
import Foundation
import Tunebench

/// `tunebench speedup BASE [FOLDER ...]`: time to a target over simulated seconds, folder against folder (W workers
/// against one) or optimizer against optimizer (`--target-optimizer`), from each folder's `traces.csv` (``SpeedUp``).
struct SpeedUpCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "speedup",
        abstract: "Time to a target over simulated seconds: W workers against one, or one optimizer against another.",
        discussion: """
            Reads result folders run on simulated workers (`workers` above 1 or a `time-budget`), whose traces.csv \
            has the simulated completion time of every step. The first folder is the base. For every problem and \
            optimizer present in all of them, the target is the base folder's median final metric (regret, or best \
            value) of the target optimizer: by default the optimizer itself, or the one --target-optimizer names. \
            The time to target of an optimizer in a folder is the first simulated second at which the median over \
            its complete runs of the best metric so far is at most the target (exact, over the runs' own step \
            times). The speed-up is the target optimizer's time in the base folder over the optimizer's time in \
            each folder: above 1 is sooner.

            Examples:
              tunebench speedup Results/parallel/w1 Results/parallel/w4 Results/parallel/w16
                (each optimizer: how much sooner 4 and 16 workers reach its 1-worker median final)
              tunebench speedup Results/parallel/w16 --target-optimizer hyperband
                (every optimizer against synchronous Hyperband's median final, on the same 16 workers)
            """
    )

    @Argument(help: "Result folders; the first is the base.", completion: .directory)
    var directories: [String]

    @Option(help: "The optimizer whose base median final is every row's target (default: each optimizer's own).")
    var targetOptimizer: String?

    @Option(help: "Also write the table as CSV to this file.", completion: .file())
    var csv: String?

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folders = try directories.map { try ResultFolder($0, registry: registry) }
        for (directory, folder) in zip(directories, folders) where !folder.experiment.workers.isSimulated {
            throw ValidationError(
                "\(directory) did not run on simulated workers (its experiment has 1 worker and no time budget), so "
                    + "its traces have no simulated times; run it with --time-budget SECONDS (or --workers)")
        }
        if let targetOptimizer, !folders[0].experiment.optimizers.contains(where: { $0.label == targetOptimizer }) {
            throw ValidationError(
                "--target-optimizer \(targetOptimizer) is not an optimizer of \(directories[0]) (its optimizers: "
                    + folders[0].experiment.optimizers.map(\.label).joined(separator: ", ") + ")")
        }
        let runs = try folders.map { try ReportInput.runs(experiment: $0.experiment, directory: $0.store.directory) }
        let speedUp = SpeedUp.compute(runs, targetOptimizer: targetOptimizer)
        guard !speedUp.rows.isEmpty else {
            throw ValidationError("the folders share no problem and optimizer with complete runs")
        }
        let labels = folders.map { $0.experiment.workers.summary }
        var header = ["problem", "optimizer", "target"]
        var csvHeader = ["problem", "optimizer", "target-optimizer", "target"]
        for (k, label) in labels.enumerated() {
            header += k == 0 ? ["base: \(label)"] : [label, "speed-up"]
            csvHeader += ["time-\(k)", "speed-up-\(k)"]
        }
        var rows = [header]
        var csvRows = [csvHeader]
        for row in speedUp.rows {
            let target = row.target.map(CompareCommand.format) ?? "–"
            var cells = [
                row.problem, row.optimizer,
                row.targetOptimizer == row.optimizer ? target : "\(target) (\(row.targetOptimizer))",
            ]
            var csvCells = [row.problem, row.optimizer, row.targetOptimizer, row.target.map { "\($0)" } ?? ""]
            for k in row.times.indices {
                let time = row.times[k].map { CompareCommand.format($0) + " s" } ?? "not reached"
                let ratio = row.speedUp(k).map { String(format: "%.2f×", $0) } ?? "–"
                if k > 0 {
                    cells += [time, ratio]
                } else {
                    cells.append(row.targetOptimizer == row.optimizer ? time : time + ", " + ratio)
                }
                csvCells += [row.times[k].map { "\($0)" } ?? "", row.speedUp(k).map { "\($0)" } ?? ""]
            }
            rows.append(cells)
            csvRows.append(csvCells)
        }
        print(
            "Time to target over simulated seconds (target: the base folder's median final of "
                + (targetOptimizer.map { "\($0)" } ?? "each optimizer itself") + "; speed-up: the target optimizer's "
                + "time in the base folder over the optimizer's):\n")
        print(CompareCommand.table(rows, leftAligned: 2))
        if let csv {
            let text = csvRows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
            do {
                try text.write(toFile: csv, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(csv): \(error.localizedDescription)")
            }
        }
    }
}
