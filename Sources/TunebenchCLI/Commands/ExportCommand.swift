import ArgumentParser
import Foundation
import Tunebench

/// `tunebench export`: a result folder's runs in another tool's format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a result folder's runs in another tool's data format.",
        subcommands: [ExportCocoCommand.self])
}

/// `tunebench export coco DIR`: the runs of COCO problems in COCO's data format, for cocopp.
struct ExportCocoCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "coco",
        abstract: "Write the runs of bbob and bbob-biobj problems in COCO's data format, for cocopp.",
        discussion: """
            Reads DIR/experiment.json and the run files of its plan, and writes every run as if it had been made \
            through cocoex with an observer attached (default OUTPUT: DIR/coco):
              bbob runs in OUTPUT/OPTIMIZER/, as COCO's bbob logger writes them (format bbob-new2): \
            bbobexp_fF.info per function and data_fF/bbobexp_fF_DIMd.dat, .tdat, .rdat and .mdat;
              bbob-biobj runs in OUTPUT/bbob-biobj/OPTIMIZER/, as COCO's bi-objective logger writes them with its \
            default options: TYPE_hyp.info per problem type, TYPE/bbob-biobj_fFF_dDD_hyp.dat, _hyp.tdat, \
            _hyp.rdat and TYPE/bbob-biobj_fFF_dDD.mdat, and archive/bbob-biobj_fFF_iII_dDD_nondom_all.adat (the \
            hypervolume indicator is COCO's: the best known normalised volume minus the run's, plus the distance to \
            the region of interest before a point reaches it).
            Runs go in COCO's suite order (dimension, function, instance); failed runs and problems that are not \
            COCO's are left out and counted. Existing OUTPUT/OPTIMIZER and OUTPUT/bbob-biobj/OPTIMIZER folders are \
            replaced.

            Then post-process with COCO's own tool, for example:
              python -m cocopp DIR/coco/random DIR/coco/cmaes
              python -m cocopp DIR/coco/bbob-biobj/random DIR/coco/bbob-biobj/nsga2
            and open ppdata/index.html.
            """
    )

    @Argument(help: "A result folder written by `tunebench run`.", completion: .directory)
    var directory: String

    @Option(help: "Folder for the optimizers' COCO folders (default: DIR/coco).", completion: .directory)
    var output: String?

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folder = try ResultFolder(directory, registry: registry)
        let output = URL(fileURLWithPath: output ?? folder.store.directory.appendingPathComponent("coco").path)
        let summary = try CocoExport.write(
            store: folder.store, experiment: folder.experiment, to: output,
            version: "tunebench " + TunebenchVersion.current, biobjective: CocoBiobjectiveFacts.builtin)
        for (optimizer, url, runs) in summary.folders {
            print("\(url.path): \(runs) run\(runs == 1 ? "" : "s") of \(optimizer)")
        }
        if !summary.skippedProblems.isEmpty {
            print("left out, not COCO problems (bbob, bbob-biobj): " + summary.skippedProblems.joined(separator: ", "))
        }
        if summary.skippedRuns > 0 {
            print("left out: \(summary.skippedRuns) run\(summary.skippedRuns == 1 ? "" : "s") failed or not run")
        }
        guard !summary.folders.isEmpty else {
            throw ValidationError(
                "\(folder.store.directory.path) holds no complete run of a COCO problem (a bbob-fNN or "
                    + "bbob-biobj-fNN entry); nothing written")
        }
    }
}
