import Foundation
import Testing
import Tunebench

/// The committed results reproduce: `Results/default` holds the built-in default experiment, and running its
/// design-based optimizers (`random`, `grid`, `sobol`, `lhs`: fast enough for a debug build) again gives their rows
/// of the committed `curves/` and `traces.csv` and their entries of `summary.json`, byte for byte; so does
/// `Results/noisy-classic` for `random` and `sobol`, with its recommended outputs, and `Results/constrained` (feasible
/// regret) for `random`, `cmaes` and `cmaes-hansen`, and `Results/failure-bars` for `random` and `cmaes`. When an
/// algorithm changes on purpose, regenerate the folder with
/// `swift run -c release tunebench run Results/default/experiment.json --overwrite` and commit the result.
///
/// The files were made on Linux (x86-64, glibc): the objectives and the Gaussian draws call the C library's `exp`,
/// `log` and `cos`, whose last bits may differ elsewhere, so the byte comparison is made on Linux only.
struct CommittedResultsTests {
    static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Results")
    static let checked: Set<String> = ["random", "grid", "sobol", "lhs"]

    #if os(Linux)
    static let sameMathLibrary = true
    #else
    static let sameMathLibrary = false
    #endif

    @Test func theDefaultFolderHoldsTheDefaultExperiment() throws {
        let committed = Self.results.appendingPathComponent("default")
        let experiment = try ExperimentFile.load(committed.appendingPathComponent("experiment.json"), registry: .builtin)
        #expect(experiment == Experiment.defaultExperiment(registry: .builtin))
    }

    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func defaultExperimentReproducesItsCommittedFiles() throws {
        try reproduce("default", checking: Self.checked)
    }

    /// `Results/noisy-classic` (observation noise): random search and Sobol again give their rows of the best-evaluated
    /// and the recommended outputs (`traces-recommended.csv`, `curves-recommended/`) and their summaries.
    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func noisyClassicReproducesItsCommittedFiles() throws {
        try reproduce("noisy-classic", checking: ["random", "sobol"])
    }

    /// `Results/constrained` (black-box constraints): random search and the CMA-ES methods, which rank infeasible
    /// points by Deb's rule, again give their rows of the feasible-regret traces and curves and their summaries, the
    /// infeasible-trial counts included.
    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func constrainedReproducesItsCommittedFiles() throws {
        try reproduce("constrained", checking: ["random", "cmaes", "cmaes-hansen"])
    }

    /// `Results/failure-bars` (hidden failure regions, each failing problem on its base problem's instances): random
    /// search and CMA-ES, which redraws a failed sample, again give their rows of the traces and curves and their
    /// summaries, the failed-trial counts included (on Branin's 11 problems, to keep the test short).
    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func failureBarsReproduceTheirCommittedFiles() throws {
        try reproduce("failure-bars", checking: ["random", "cmaes"]) { $0.name == "branin" }
    }

    /// `Results/multiobjective` (hypervolume regret on ZDT1-3, DTLZ2 and WFG4): random search and NSGA-II with both
    /// populations again give their rows of the traces and curves and their summaries.
    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func multiobjectiveReproducesItsCommittedFiles() throws {
        try reproduce("multiobjective", checking: ["random", "nsga2", "nsga2-n50"])
    }

    /// Runs the optimizers `checked` of the experiment committed in `Results/NAME` and compares their rows of every
    /// committed trace and curve file, and their summaries, with the committed ones.
    func reproduce(
        _ name: String, checking checked: Set<String>, problems keep: (EntrySpec) -> Bool = { _ in true }
    ) throws {
        let committed = Self.results.appendingPathComponent(name)
        // The experiment may name plugins (the Optuna peers of `Results/constrained`): their manifests make the names
        // known; only built-ins are run.
        var registry = Registry.builtin
        let plugins = Self.results.deletingLastPathComponent().appendingPathComponent("Plugins")
        let catalog = PluginCatalog.discover(in: plugins)
        #expect(catalog.invalid.isEmpty, "Plugins/: \(catalog.invalid)")
        let warnings = catalog.register(into: &registry)
        #expect(warnings.isEmpty, "Plugins/: \(warnings)")
        var experiment = try ExperimentFile.load(
            committed.appendingPathComponent("experiment.json"), registry: registry)
        experiment.optimizers = experiment.optimizers.filter { checked.contains($0.label) }
        experiment.problems = experiment.problems.filter(keep)
        let labels = Set(experiment.problems.map(\.label))
        #expect(experiment.optimizers.count == checked.count)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()

        let manager = FileManager.default
        var names: [String] = []
        for file in ["traces.csv", "traces-recommended.csv"]
        where manager.fileExists(atPath: committed.appendingPathComponent(file).path) {
            names.append(file)
        }
        for curvesFolder in ["curves", "curves-recommended"]
        where manager.fileExists(atPath: committed.appendingPathComponent(curvesFolder).path) {
            let curves = try manager.contentsOfDirectory(atPath: committed.appendingPathComponent(curvesFolder).path)
                .filter { labels.contains(String($0.dropLast(".csv".count))) }
            if curvesFolder == "curves" { #expect(curves.count == experiment.problems.count) }
            names += curves.sorted().map { curvesFolder + "/" + $0 }
        }
        for file in names {
            let expected = try Self.rows(of: committed.appendingPathComponent(file), checked: checked, problems: labels)
            let actual = try Self.rows(of: folder.appendingPathComponent(file), checked: checked, problems: labels)
            #expect(!actual.isEmpty)
            #expect(actual == expected, "\(file): the rows of \(checked.sorted()) differ from Results/\(name)/\(file)")
        }
        let expected = try Self.summaries(committed.appendingPathComponent("summary.json"), checked: checked)
            .filter { labels.contains(String($0.prefix { $0 != " " })) }
        // A folder aggregated before the lower median was recorded (2026-12-06; noisy-classic, whose run files are
        // not kept) lacks it: it is compared where the committed summary has it.
        let recorded = try String(contentsOf: committed.appendingPathComponent("summary.json"), encoding: .utf8)
            .contains("\"evaluationLowerMedian\"")
        let actual = try Self.summaries(
            folder.appendingPathComponent("summary.json"), checked: checked, lowerMedian: recorded)
        #expect(actual.count == experiment.problems.count * checked.count)
        #expect(actual == expected)
    }

    /// The lines of a CSV file that belong to the checked optimizers (the header, then rows whose `optimizer`
    /// column, the first or second, is one of them) and, in a file with a `problem` column, to the given problems.
    static func rows(of url: URL, checked: Set<String>, problems: Set<String>) throws -> [Substring] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        guard let header = lines.first else { return [] }
        let columns = header.split(separator: ",")
        let column = columns.firstIndex(of: "optimizer") ?? 0
        let problemColumn = columns.firstIndex(of: "problem")
        return [header] + lines.dropFirst().filter { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let inProblems = problemColumn.map { problems.contains(String(fields[$0])) } ?? true
            return checked.contains(String(fields[column])) && inProblems
        }
    }

    /// The summaries of the checked optimizers, without `best`, which depends on the other optimizers, and without
    /// `evaluationLowerMedian` unless `lowerMedian`.
    static func summaries(_ url: URL, checked: Set<String>, lowerMedian: Bool = true) throws -> [String] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let aggregate = try decoder.decode(Aggregate.self, from: Data(contentsOf: url))
        return aggregate.problems.flatMap { problem in
            problem.optimizers.filter { checked.contains($0.optimizer) }.map { entry in
                var entry = entry
                entry.best = false
                if !lowerMedian { entry.evaluationLowerMedian = nil }
                return "\(problem.problem) \(problem.optimum.map { "\($0)" } ?? "none") \(problem.noisy == true) \(entry)"
            }
        }
    }
}
