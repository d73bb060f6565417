import ArgumentParser
import Foundation
import Tunebench

/// `tunebench aggregate DIR`: derive the CSVs and summary of a result folder again from its run files.
struct AggregateCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Recompute evaluations.csv, traces.csv, curves/, curves-cost/, summary.json and timings.json from run files.",
        discussion: """
            Use it once every shard of an experiment run into one folder has finished (shards run into separate \
            folders are combined by `tunebench merge`), or to derive the files again. It reads DIR/experiment.json and every run file of its plan, checks \
            that each belongs to this experiment, prints the summary table and writes the report (see `tunebench \
            report --help`). Problems with observation noise also get traces-recommended.csv and \
            curves-recommended/ (the regret of each optimizer's recommendation). Exit status as for `run`: 3 when \
            some runs failed.
            """
    )

    @Argument(help: "A result folder written by `tunebench run`.", completion: .directory)
    var directory: String

    @Flag(help: "Do not write the report (report.md, report.html, report/) after aggregating.")
    var noReport = false

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folder = try ResultFolder(directory, registry: registry)
        let (store, experiment) = (folder.store, folder.experiment)
        // Aggregating a folder without run files would replace its summary with an empty one.
        guard Plan(experiment).runs.contains(where: store.hasRecord) else {
            throw ValidationError(
                "\(store.runsDirectory.path) holds no run file of this experiment; run it first with "
                    + "`tunebench run \(store.experimentURL.path)`")
        }
        let aggregate = try Aggregator(
            experiment: experiment, store: store, gradientTrack: experiment.gradientTrack(in: registry),
            referenceFront: Experiment.referenceFront(in: registry)
        ).aggregate()
        print(SummaryTable.render(aggregate, budget: experiment.budgetDescription, repetitions: experiment.repetitions))
        try reportOptions.finish(
            aggregate: aggregate, experiment: experiment, directory: store.directory, skip: noReport, quiet: false)
    }
}
