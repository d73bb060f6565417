import ArgumentParser
import Foundation
import Tunebench

/// `tunebench compare DIR --pair BUILTIN=PEER ...`: the glue between the options, the folder's files and
/// ``HeadToHead`` (the analysis) and ``HeadToHeadTable`` (the text and the CSV).
extension CompareCommand {
    /// Checks the head-to-head options; called by `validate()` when `--pair` is given.
    /// - Throws: `ValidationError` (exit status 64) for a second folder, an option of another mode, or a malformed
    ///   `--pair`.
    func validateHeadToHead() throws {
        guard directories.count == 1 else {
            throw ValidationError(
                "--pair compares optimizers within one folder; give one result folder (got \(directories.count))")
        }
        if baseline != nil || require {
            throw ValidationError("--pair replaces the baseline mode; leave out --baseline and --require")
        }
        if test == .unpaired {
            throw ValidationError(
                "--pair pairs the runs by repetition (Wilcoxon signed-rank); leave out --test unpaired")
        }
        if minChange != 0 || failOnImprovement {
            throw ValidationError(
                "--min-change and --fail-on-improvement compare two folders; leave them out with --pair")
        }
        _ = try Self.pairs(pairArguments)
    }

    /// The pairs of `--pair`, in the order given.
    /// - Throws: `ValidationError` naming the value: no `=`, an empty side, the same label on both sides, or a pair
    ///   given twice.
    static func pairs(_ arguments: [String]) throws -> [HeadToHead.Pair] {
        var pairs: [HeadToHead.Pair] = []
        for argument in arguments {
            let sides = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                throw ValidationError(
                    "--pair '\(argument)': give BUILTIN=PEER, two optimizer labels of the folder (say cmaes=pycma)")
            }
            let pair = HeadToHead.Pair(builtin: sides[0], peer: sides[1])
            guard pair.builtin != pair.peer else {
                throw ValidationError("--pair '\(argument)': the built-in and its peer are the same label; name two")
            }
            guard !pairs.contains(pair) else {
                throw ValidationError("--pair '\(argument)' is given twice")
            }
            pairs.append(pair)
        }
        return pairs
    }

    /// Runs the head-to-head comparison of the folder and prints it (and writes `--csv`, one row per pair and
    /// problem).
    /// - Throws: `ValidationError` for a label that is not an optimizer of the folder; ``ReportError`` for a missing
    ///   or malformed aggregate file; `CommandFailure` for a problem that cannot be built to read its dimension
    ///   (naming the folder's `experiment.json` and suggesting `--group-by none`) or a CSV file that cannot be
    ///   written.
    func compareHeadToHead(registry: Registry) throws {
        let folder = try ResultFolder(directories[0], registry: registry)
        let (store, experiment) = (folder.store, folder.experiment)
        let pairs = try Self.pairs(pairArguments)
        let labels = experiment.optimizers.map(\.label)
        for pair in pairs {
            for label in [pair.builtin, pair.peer] where !labels.contains(label) {
                throw ValidationError(
                    "--pair '\(pair.builtin)=\(pair.peer)': '\(label)' is not an optimizer of "
                        + "\(store.experimentURL.path); it has " + labels.joined(separator: ", "))
            }
        }
        let problems = try ReportInput.runs(experiment: experiment, directory: store.directory, metric: metric.metric)
        guard let timings = try ReportInput.timings(directory: store.directory) else {
            throw ReportError.missingFile(
                path: store.directory.appendingPathComponent("timings.json").path,
                hint: ReportInput.aggregateHint(store.directory))
        }
        let grouping = groupBy ?? .dimension
        var dimensions: [String: Int]?
        if grouping == .dimension {
            do {
                dimensions = try experiment.problemDimensions(in: registry, file: store.experimentURL.path)
            } catch let error as RunnerError {
                throw CommandFailure(
                    description: "\(error); --group-by none compares without the dimensions and builds no problem "
                        + "for them")
            }
        }
        let result = HeadToHead.compute(
            problems, pairs: pairs, dimensions: dimensions, timings: timings,
            gradientTrack: experiment.gradientTrack(in: registry), alpha: level)
        let regret =
            metric == .recommended
            ? "final recommended regrets on the noisy problems, best-evaluated ones elsewhere"
            : "final regrets (best-evaluated)"
        print(HeadToHeadTable.render(result, folder: directories[0], metric: regret), terminator: "")
        if let csv {
            do {
                try HeadToHeadTable.csv(result).write(toFile: csv, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(description: "cannot write --csv \(csv): \(error.localizedDescription)")
            }
        }
    }
}
