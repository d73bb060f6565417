import Foundation
import Testing
import Tunebench

/// An output folder that cannot be written (read-only, a file-size limit, a full disk) stops `tunebench run` with an
/// error naming the file and the reason, exit status 1, and no partial file; running again once the cause is gone
/// completes the results as if nothing had happened.
@Suite(.serialized) struct StorageFailureTests {
    static let experiment = #"""
        {"name": "storage", "seed": 5, "repetitions": 3, "budget": 200,
         "optimizers": ["random", "sobol"], "problems": ["branin", "hartmann3"]}
        """#

    static var tunebench: String { CommandRunner.productsFolder.appendingPathComponent("tunebench").path }

    /// A folder with the experiment file and a reference run of it.
    static func prepare() throws -> (root: URL, experiment: URL, reference: URL) {
        let root = CommandRunner.temporaryFolder()
        let experiment = root.appendingPathComponent("experiment.json")
        try Data(Self.experiment.utf8).write(to: experiment)
        let reference = root.appendingPathComponent("reference")
        let result = try CommandRunner.run("tunebench", ["run", experiment.path, "--output", reference.path, "-q", "--no-report"])
        #expect(result.status == 0, "\(result.errors)")
        return (root, experiment, reference)
    }

    /// `tunebench run` under a file-size limit of `bytes` (prlimit, from util-linux).
    static func runLimited(_ bytes: Int, _ experiment: URL, output: URL) throws -> CommandResult {
        try CommandRunner.run(
            "/usr/bin/prlimit", ["--fsize=\(bytes)", "--", tunebench, "run", experiment.path, "--output", output.path, "-q",
                "--no-report"])
    }

    /// After a failure: no temporary file anywhere, every run file complete and equal to the reference's.
    static func expectNothingPartial(_ folder: URL, reference: URL) throws {
        #expect(ResultFolderChecks.hiddenFiles(folder) == [])
        let expected = try ResultFolderChecks.runRecords(reference)
        for (path, record) in try ResultFolderChecks.runRecords(folder) {
            #expect(expected[path] == record, "\(path)")
        }
    }

    /// Running again without the limit executes what is missing and ends with the reference's bytes.
    static func expectResumeCompletes(_ experiment: URL, _ folder: URL, reference: URL) throws {
        let result = try CommandRunner.run("tunebench", ["run", experiment.path, "--output", folder.path, "-q", "--no-report"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try ResultFolderChecks.deterministicFiles(folder) == ResultFolderChecks.deterministicFiles(reference))
        #expect(try ResultFolderChecks.runRecords(folder) == ResultFolderChecks.runRecords(reference))
        #expect(ResultFolderChecks.hiddenFiles(folder) == [])
    }

    @Test func aFileSizeLimitBelowARunFileStopsBeforeAnyPartialRunFile() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "prlimit (util-linux) is missing")
        let (root, experiment, reference) = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("limited")
        // A run file of 200 trials is about 35 KB.
        let result = try Self.runLimited(20_000, experiment, output: folder)
        #expect(result.status == 1)
        #expect(result.errors.contains("/runs/") && result.errors.contains("rep-") && result.errors.contains("File too large"))
        #expect(result.errors.contains("run again to resume"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
        try Self.expectNothingPartial(folder, reference: reference)
        try Self.expectResumeCompletes(experiment, folder, reference: reference)
    }

    @Test func aFileSizeLimitBelowTheEvaluationsFileKeepsEveryRunAndNoOutput() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "prlimit (util-linux) is missing")
        let (root, experiment, reference) = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("limited")
        // Run files (35 KB) fit; evaluations.csv (12 runs x 200 rows, about 150 KB) does not.
        let evaluations = try Data(contentsOf: reference.appendingPathComponent("evaluations.csv")).count
        #expect(evaluations > 100_000)
        let result = try Self.runLimited(100_000, experiment, output: folder)
        #expect(result.status == 1)
        #expect(result.errors.contains(folder.appendingPathComponent("evaluations.csv").path), "\(result.errors)")
        #expect(result.errors.contains("File too large"))
        #expect(try ResultFolderChecks.runRecords(folder).count == 12)
        for name in ["evaluations.csv", "traces.csv", "summary.json", "timings.json", "curves/branin.csv"] {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        try Self.expectNothingPartial(folder, reference: reference)
        try Self.expectResumeCompletes(experiment, folder, reference: reference)
    }

    @Test func aReadOnlyFolderIsAClearErrorAndStaysEmpty() throws {
        let (root, experiment, _) = try Self.prepare()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
            try? FileManager.default.removeItem(at: root)
        }
        let folder = root.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        var command = [Self.tunebench, "run", experiment.path, "--output", folder.path, "-q"]
        if getuid() == 0 {
            // Root writes anywhere: run as nobody instead.
            command = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command
        }
        let result =
            getuid() == 0
            ? try CommandRunner.run("/usr/bin/setpriv", command) : try CommandRunner.run(command[0], Array(command.dropFirst()))
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains(folder.appendingPathComponent("experiment.json").path), "\(result.errors)")
        #expect(result.errors.contains("Permission denied"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    /// A full disk: a 256 KB tmpfs, mounted when this process may (root with CAP_SYS_ADMIN); skipped otherwise unless
    /// `TUNEBENCH_REQUIRE_TMPFS=1`.
    @Test func aFullDiskIsAClearErrorAndLeavesNothingPartial() throws {
        let (root, experiment, reference) = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: root) }
        let mountPoint = root.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try CommandRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.path])
        guard mount.status == 0 else {
            #expect(
                ProcessInfo.processInfo.environment["TUNEBENCH_REQUIRE_TMPFS"] != "1",
                "cannot mount a tmpfs: \(mount.errors)")
            return
        }
        defer { _ = try? CommandRunner.run("/bin/umount", [mountPoint.path]) }
        let folder = mountPoint.appendingPathComponent("out")
        let result = try CommandRunner.run("tunebench", ["run", experiment.path, "--output", folder.path, "-q", "--no-report"])
        #expect(result.status == 1)
        #expect(result.errors.contains(mountPoint.path) && result.errors.contains("No space left on device"), "\(result.errors)")
        try Self.expectNothingPartial(folder, reference: reference)
        // Moved to a disk with room, the folder resumes.
        let moved = root.appendingPathComponent("moved")
        try FileManager.default.copyItem(at: folder, to: moved)
        try Self.expectResumeCompletes(experiment, moved, reference: reference)
    }
}
