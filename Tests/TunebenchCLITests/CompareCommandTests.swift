import Foundation
import Testing

struct CompareCommandTests {
    /// Nelder–Mead against random search on the sphere is significant; random search against Nelder–Mead is not, and
    /// `--require` turns that into exit status 1; an unknown baseline is named with the labels there are.
    @Test func compareTestsEachOptimizerAgainstTheBaseline() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let run = try CommandRunner.run("tunebench", [
            "run", "--optimizers", "random,nelder-mead", "--problems", "sphere:dimension=3", "--repetitions", "8",
            "--budget", "150", "--quiet", "--output", output.path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let result = try CommandRunner.run("tunebench", ["compare", output.path, "--require"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains("One-sided Mann–Whitney U p-values against random"))
        let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("sphere-dimension3") })
        #expect(line.contains("p=") && line.contains("*"))
        let reversed = try CommandRunner.run("tunebench", ["compare", output.path, "--baseline", "nelder-mead", "--require"])
        let reversedLine = try #require(reversed.output.split(separator: "\n").first { $0.hasPrefix("sphere-dimension3") })
        #expect(reversed.status == 1 && !reversedLine.contains("*"))
        let missing = try CommandRunner.run("tunebench", ["compare", output.path, "--baseline", "sobol"])
        #expect(missing.status == 64 && missing.errors.contains("--baseline 'sobol' is not an optimizer of"))
        #expect(missing.errors.contains("random, nelder-mead"))
    }
}
