import Foundation
import Testing
import Tunebench

/// The committed results reproduce: `Results/default` holds the built-in default experiment, and running its
/// design-based optimizers (`random`, `grid`, `sobol`, `lhs`: fast enough for a debug build) again gives their rows
/// of the committed `curves/` and `traces.csv` and their entries of `summary.json`, byte for byte. When an
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
        let committed = Self.results.appendingPathComponent("default")
        var experiment = try ExperimentFile.load(
            committed.appendingPathComponent("experiment.json"), registry: .builtin)
        experiment.optimizers = experiment.optimizers.filter { Self.checked.contains($0.label) }
        #expect(experiment.optimizers.count == Self.checked.count)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-default-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()

        let curves = try FileManager.default.contentsOfDirectory(atPath: committed.appendingPathComponent("curves").path)
        #expect(curves.count == experiment.problems.count)
        for name in ["traces.csv"] + curves.sorted().map({ "curves/" + $0 }) {
            let expected = try Self.rows(of: committed.appendingPathComponent(name))
            let actual = try Self.rows(of: folder.appendingPathComponent(name))
            #expect(!actual.isEmpty)
            #expect(actual == expected, "\(name): the rows of \(Self.checked.sorted()) differ from Results/default/\(name)")
        }
        let expected = try Self.summaries(committed.appendingPathComponent("summary.json"))
        let actual = try Self.summaries(folder.appendingPathComponent("summary.json"))
        #expect(actual.count == experiment.problems.count * Self.checked.count)
        #expect(actual == expected)
    }

    /// The lines of a CSV file that belong to the checked optimizers (the header, then rows whose `optimizer`
    /// column, the first or second, is one of them).
    static func rows(of url: URL) throws -> [Substring] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        guard let header = lines.first else { return [] }
        let column = header.split(separator: ",").firstIndex(of: "optimizer") ?? 0
        return [header] + lines.dropFirst().filter { line in
            Self.checked.contains(String(line.split(separator: ",", omittingEmptySubsequences: false)[column]))
        }
    }

    /// The summaries of the checked optimizers, without `best`, which depends on the other optimizers.
    static func summaries(_ url: URL) throws -> [String] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let aggregate = try decoder.decode(Aggregate.self, from: Data(contentsOf: url))
        return aggregate.problems.flatMap { problem in
            problem.optimizers.filter { Self.checked.contains($0.optimizer) }.map { entry in
                var entry = entry
                entry.best = false
                return "\(problem.problem) \(problem.optimum.map { "\($0)" } ?? "none") \(entry)"
            }
        }
    }
}
