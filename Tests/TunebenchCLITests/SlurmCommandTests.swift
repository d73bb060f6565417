import Foundation
import Testing
import Tunebench

/// `tunebench slurm` (the emitted scripts, run here without Slurm) and `tunebench merge`.
struct SlurmCommandTests {
    /// 8 runs of random search and Sobol on Branin.
    private static let experimentJSON =
        #"{"name": "tiny", "optimizers": ["random", "sobol"], "problems": ["branin"], "repetitions": 4, "budget": 6}"#

    /// A temporary folder holding `exp.json`.
    private func folderWithExperiment() throws -> URL {
        let folder = CommandRunner.temporaryFolder()
        try Data(Self.experimentJSON.utf8).write(to: folder.appendingPathComponent("exp.json"))
        return folder
    }

    private func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs `bash ARGUMENTS` with `environment` added to this process's.
    private func bash(_ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func emittedScriptsNameTheArrayTheShardsAndAbsolutePaths() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            "tunebench",
            [
                "slurm", "exp.json", "--shards", "3", "--output", "out", "--partition", "short", "--time", "1:30:00",
                "--mem", "2G", "--account", "proj", "--cpus-per-task", "2", "--sbatch=--qos=low",
                "--sbatch", "#SBATCH --exclusive",
            ],
            in: folder
        )
        #expect(result.status == 0, "\(result.errors)")
        let out = folder.standardizedFileURL.appendingPathComponent("out").path
        #expect(result.output.contains("(8 runs in 3 shards of 2 or 3)"))
        #expect(result.output.hasSuffix("Submit with:\n  \(out)/slurm/submit.sh\n"))
        let executable = CommandRunner.productsFolder.appendingPathComponent("tunebench").resolvingSymlinksInPath().path
        let array = try text(folder, "out/slurm/shard.sbatch")
        for line in [
            "#SBATCH --array=1-3", "#SBATCH --cpus-per-task=2", "#SBATCH --output=\(out)/slurm/logs/shard-%a-job%A.log",
            "#SBATCH --partition=short", "#SBATCH --time=1:30:00", "#SBATCH --mem=2G", "#SBATCH --account=proj",
            "#SBATCH --qos=low", "#SBATCH --exclusive", "set -euo pipefail", "cd \(folder.standardizedFileURL.path)",
            "\(executable) run \(out)/slurm/experiment.json --shard \"${shard}/3\" --output \(out)/shards/shard-\"${shard}\" "
                + "--jobs \"${SLURM_CPUS_PER_TASK:-1}\" --no-report || status=$?",
        ] {
            #expect(array.contains(line + "\n"), "shard.sbatch lacks \(line)")
        }
        let merge = try text(folder, "out/slurm/merge.sbatch")
        #expect(merge.contains("#SBATCH --kill-on-invalid-dep=yes\n") && merge.contains("#SBATCH --partition=short\n"))
        #expect(merge.contains("\(executable) merge \(out) shard-{1..3} --baseline random --alpha 0.05\n"))
        let submit = try text(folder, "out/slurm/submit.sh")
        #expect(submit.contains(#"sbatch --parsable --array="${indices}" \#(out)/slurm/shard.sbatch"#))
        #expect(submit.contains(#"sbatch --parsable --dependency="afterok:${array_job}" \#(out)/slurm/merge.sbatch"#))
        #expect(FileManager.default.isExecutableFile(atPath: "\(out)/slurm/submit.sh"))
        for script in ["shard.sbatch", "merge.sbatch", "submit.sh"] {
            #expect(try bash(["-n", "\(out)/slurm/\(script)"]) == 0, "\(script) is not valid bash")
        }
        // The jobs read a canonical copy of the experiment; the log folder exists (Slurm does not create it).
        let experiment = try ExperimentFile.load(folder.appendingPathComponent("exp.json"), registry: .builtin)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: "\(out)/slurm/experiment.json"))
                == ExperimentFile.encode(experiment)
        )
        #expect(FileManager.default.fileExists(atPath: "\(out)/slurm/logs"))
    }

    @Test func theScriptsRunTheShardsAndTheMergeIntoTheUnshardedResults() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emitted = try CommandRunner.run(
            "tunebench",
            ["slurm", "exp.json", "--shards", "2", "--output", "out", "--no-report"],
            in: folder
        )
        #expect(emitted.status == 0, "\(emitted.errors)")
        let slurm = folder.appendingPathComponent("out/slurm").path
        // What Slurm would do: every task of the array, then the merge job.
        for task in 1...2 {
            #expect(try bash(["\(slurm)/shard.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": "\(task)"]) == 0)
        }
        #expect(try bash(["\(slurm)/merge.sbatch"]) == 0)
        let local = try CommandRunner.run(
            "tunebench",
            ["run", "exp.json", "--output", "local", "--jobs", "1", "--no-report", "-q"],
            in: folder
        )
        #expect(local.status == 0)
        let merged = folder.appendingPathComponent("out")
        for file in ["evaluations.csv", "traces.csv", "summary.json", "curves/branin.csv"] {
            #expect(
                try Data(contentsOf: merged.appendingPathComponent(file))
                    == Data(contentsOf: folder.appendingPathComponent("local/\(file)")),
                "\(file) differs"
            )
        }
        // Outside an array job, the shard script stops at once, saying how to submit it.
        #expect(try bash(["\(slurm)/shard.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": ""]) != 0)
    }

    @Test func aTaskWhoseRunsFailedSucceedsAndAnyOtherFailureFailsIt() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stand-ins for tunebench that exit as `tunebench run` would.
        for status in [1, 3] {
            let fake = folder.appendingPathComponent("exit\(status)")
            try Data("#!/bin/sh\nexit \(status)\n".utf8).write(to: fake)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
            let output = "out\(status)"
            let emitted = try CommandRunner.run(
                "tunebench",
                ["slurm", "exp.json", "--shards", "2", "--output", output, "--tunebench", fake.path],
                in: folder
            )
            #expect(emitted.status == 0, "\(emitted.errors)")
            let task = try bash(
                [folder.appendingPathComponent("\(output)/slurm/shard.sbatch").path],
                environment: ["SLURM_ARRAY_TASK_ID": "1"]
            )
            #expect(task == (status == 3 ? 0 : 1))
        }
    }

    @Test func badUsageIsRefusedWithAClearMessage() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = ["slurm", "exp.json", "--output", "out"]
        for (arguments, status, message) in [
            (base + ["--shards", "0"], 64, "--shards must be in [1, 10000], got 0"),
            (base + ["--shards", "10001"], 64, "--shards must be in [1, 10000], got 10001"),
            (base + ["--shards", "9"], 64, "--shards 9 exceeds the experiment's 8 runs"),
            (base + ["--shards", "2", "--time", "2h"], 64, "--time '2h' is not a Slurm time limit"),
            (base + ["--shards", "2", "--mem", "lots"], 64, "--mem 'lots' must be a size such as 4000, 4000M or 4G"),
            (base + ["--shards", "2", "--partition", "a b"], 64, "--partition 'a b' must be a Slurm name"),
            (base + ["--shards", "2", "--sbatch", "qos=low"], 64, "--sbatch 'qos=low' must be an sbatch option"),
            (base + ["--shards", "2", "--cpus-per-task", "0"], 64, "--cpus-per-task must be in [1, 1024], got 0"),
            (base + ["--shards", "2", "--tunebench", "/nonexistent/tunebench"], 64, "is not an executable file"),
            (
                ["slurm", "exp.json", "--shards", "2", "--output", "has space"], 64,
                "contains ' ': Slurm reads log paths"
            ),
            (["slurm", "none.json", "--shards", "2", "--output", "out"], 1, "none.json: cannot be read"),
        ] {
            let result = try CommandRunner.run("tunebench", arguments, in: folder)
            #expect(result.status == Int32(status) && result.errors.contains(message), "\(arguments): \(result.errors)")
        }
    }

    @Test func badExperimentsAndTakenFoldersAreRefusedBeforeAnyJob() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.json")
        try Data(#"{"optimizers": ["randm"], "problems": ["branin"]}"#.utf8).write(to: bad)
        let badFile = try CommandRunner.run(
            "tunebench",
            ["slurm", "bad.json", "--shards", "2", "--output", "o"],
            in: folder
        )
        #expect(badFile.status == 1 && badFile.errors.contains("bad.json: field 'optimizers[0]' is \"randm\""))
        // An output folder holding another experiment's results is refused before any job is submitted.
        let other = try CommandRunner.run(
            "tunebench",
            ["run", "exp.json", "--output", "taken", "--budget", "3", "-q", "--no-report"],
            in: folder
        )
        #expect(other.status == 0)
        let taken = try CommandRunner.run(
            "tunebench",
            ["slurm", "exp.json", "--shards", "2", "--output", "taken"],
            in: folder
        )
        #expect(
            taken.status == 1 && taken.errors.contains("holds the results of a different experiment (budget 3 there")
        )
        for (arguments, status, message) in [
            (["merge", "out"], 64, "name the shard folders to merge after OUTPUT"),
            (["merge", "out", "exp.json"], 1, "is not a result folder: it has no experiment.json"),
        ] {
            let result = try CommandRunner.run("tunebench", arguments, in: folder)
            #expect(result.status == Int32(status) && result.errors.contains(message), "\(arguments): \(result.errors)")
        }
    }

    @Test func mergeSaysWhatEachShardBroughtAndIsIdempotent() throws {
        let folder = try folderWithExperiment()
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 1...2 {
            let shard = try CommandRunner.run(
                "tunebench",
                ["run", "exp.json", "--shard", "\(k)/2", "--output", "s\(k)", "-q", "--no-report"],
                in: folder
            )
            #expect(shard.status == 0)
        }
        let merged = try CommandRunner.run("tunebench", ["merge", "out", "s1", "s2", "--no-report"], in: folder)
        #expect(merged.status == 0, "\(merged.errors)")
        let root = folder.standardizedFileURL.path
        #expect(
            merged.errors.contains("Merged 2 shard folders of experiment 'tiny' into \(root)/out: 8 run files copied.")
        )
        #expect(merged.errors.contains("  \(root)/s1: 4 run files (4 copied, 0 already merged)\n"))
        #expect(merged.errors.contains("Every run of the plan (8) is there."))
        #expect(merged.output.contains("Runs: 8 complete, 0 failed, 0 not run of 8."))
        let again = try CommandRunner.run("tunebench", ["merge", "out", "s1", "s2", "--no-report"], in: folder)
        #expect(again.status == 0 && again.output == merged.output)
        #expect(again.errors.contains("  \(root)/s2: 4 run files (0 copied, 4 already merged)\n"))
        let partial = try CommandRunner.run("tunebench", ["merge", "part", "s2", "--no-report", "-q"], in: folder)
        #expect(partial.status == 0 && partial.errors.isEmpty && partial.output.contains("4 not run of 8"))
        let loud = try CommandRunner.run("tunebench", ["merge", "part", "s2", "--no-report"], in: folder)
        #expect(
            loud.errors.contains(
                "warning: 4 of the plan's 8 runs are missing (no folder holds them), first: runs/branin/random/rep-000.json"
            )
        )
    }

    @Test func slurmHelpExplainsTheWorkflow() throws {
        let result = try CommandRunner.run("tunebench", ["slurm", "--help"])
        #expect(result.status == 0)
        for section in ["WORKFLOW", "WHAT IS WRITTEN", "FAILED RUNS, FAILED TASKS, RESUBMITTING"] {
            #expect(result.output.contains(section + "\n"), "slurm --help has no \(section) section")
        }
        for flag in [
            "--shards", "--output", "--partition", "--time", "--cpus-per-task", "--mem", "--account", "--sbatch",
            "--tunebench", "--plugins",
        ] {
            #expect(result.output.contains("  \(flag) "), "slurm --help does not explain \(flag)")
        }
    }
}
