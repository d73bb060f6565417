import ArgumentParser
import Foundation
import Tunebench

/// `tunebench merge OUTPUT SHARD_DIR...`: merge the result folders of an experiment's shards, then aggregate.
struct MergeCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the result folders of an experiment's shards into one folder, then aggregate and report.",
        discussion: """
            Each SHARD_DIR is a folder that `tunebench run EXPERIMENT --shard k/n --output SHARD_DIR` wrote (the \
            Slurm jobs of `tunebench slurm` write DIR/shards/shard-k). The first folder's experiment is the merged \
            one; every other folder must hold a compatible one (the same name, seed, budget and cost budget, and \
            the same entry and options under every shared label). OUTPUT, like any result folder, holds one experiment, which may \
            grow: the rules of resuming apply to it. Every run file of its plan is copied into \
            OUTPUT/runs, each written atomically; temporary files of runs still being written are ignored. OUTPUT \
            may already hold results of a compatible experiment: they are kept, as when a run resumes. Then \
            OUTPUT's CSVs, summary.json and report are written, equal byte for byte to those of one unsharded run, \
            and the summary table is printed.

            A run found in two folders: the same bytes, nothing to do; files that differ only in timings (wall, \
            ask, evaluation and tell seconds), the first is kept (OUTPUT's, else the first folder's) and a note \
            says so; a complete and a failed run (a shard run again with --retry-failed), the complete one is kept; \
            two complete runs that differ in anything else are an error naming both files. Merging again copies \
            nothing new and writes the same files.

            Standard error tells how many run files each folder brought and how many runs of the plan no folder \
            holds. Exit status as for `run`: 0, 3 when some runs failed (listed), 1 for errors (folders that \
            cannot be merged, conflicting run files), 64 for bad usage.
            """
    )

    @Argument(help: "The result folder to merge into (created when missing).", completion: .directory)
    var output: String

    @Argument(help: "The shard folders, whose runs take precedence in this order.", completion: .directory)
    var shardFolders: [String] = []

    @Flag(help: "Do not write the report (report.md, report.html, report/) after merging.")
    var noReport = false

    @Flag(name: .shortAndLong, help: "Print only the summary table and errors.")
    var quiet = false

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        guard !shardFolders.isEmpty else {
            throw ValidationError(
                "name the shard folders to merge after OUTPUT, e.g. `tunebench merge out out/shards/*`"
            )
        }
    }

    mutating func run(registry: Registry) throws {
        let merger = ResultMerger(
            registry: registry,
            output: URL(fileURLWithPath: output),
            shards: shardFolders.map { URL(fileURLWithPath: $0) }
        )
        let outcome = try merger.merge()
        let experiment = outcome.experiment
        if !quiet { describe(outcome, into: merger.store.directory.path) }
        print(
            SummaryTable.render(
                outcome.aggregate,
                budget: experiment.budgetDescription,
                repetitions: experiment.repetitions
            )
        )
        try reportOptions.finish(
            aggregate: outcome.aggregate,
            experiment: experiment,
            directory: merger.store.directory,
            skip: noReport,
            quiet: quiet
        )
    }

    /// Prints what each folder brought, the runs found twice, and the missing runs.
    private func describe(_ outcome: MergeOutcome, into folder: String) {
        let copied = outcome.shards.reduce(0) { $0 + $1.copied }
        printError(
            "Merged \(count(outcome.shards.count, "shard folder")) of experiment '\(outcome.experiment.name)' into "
                + "\(folder): \(count(copied, "run file")) copied."
        )
        for shard in outcome.shards {
            var line =
                "  \(shard.folder): \(count(shard.runFiles, "run file")) (\(shard.copied) copied, "
                + "\(shard.alreadyMerged) already merged)"
            if shard.outsidePlan > 0 { line += "; \(count(shard.outsidePlan, "file")) outside the plan, not copied" }
            printError(line)
        }
        for resolution in outcome.resolutions.prefix(20) { printError("note: \(resolution)") }
        if outcome.resolutions.count > 20 {
            printError("note: ... and \(outcome.resolutions.count - 20) more runs found twice")
        }
        let planned = outcome.aggregate.planned
        guard !outcome.missing.isEmpty else {
            printError("Every run of the plan (\(planned)) is there.")
            return
        }
        let store = ResultStore(directory: URL(fileURLWithPath: folder))
        let prefix = store.directory.path + "/"
        printError(
            "warning: \(outcome.missing.count) of the plan's \(planned) runs are missing (no folder holds them), "
                + "first: "
                + outcome.missing.prefix(5).map { String(store.runURL($0).path.dropFirst(prefix.count)) }
                .joined(separator: ", ") + (outcome.missing.count > 5 ? ", ..." : "")
        )
    }
}
