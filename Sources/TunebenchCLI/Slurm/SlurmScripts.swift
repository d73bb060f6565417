import Foundation

/// The scripts that run an experiment on a Slurm cluster as an array job, one task per shard, then merge the shards.
///
/// Layout of the output folder `DIR` (every path in the scripts is absolute, since jobs start elsewhere):
/// ```
/// DIR/slurm/experiment.json   the experiment in canonical form; the jobs read this copy
/// DIR/slurm/shard.sbatch      the array job: task k runs `tunebench run --shard k/N` into DIR/shards/shard-k
/// DIR/slurm/merge.sbatch      `tunebench merge DIR DIR/shards/shard-1 ... shard-N`, with the report
/// DIR/slurm/submit.sh         sbatch the array, then the merge job with --dependency=afterok:ARRAY
/// DIR/slurm/logs/             shard-K-jobJ.log per task, merge-jobJ.log
/// ```
///
/// **Exit status of a task.** `tunebench run` exits 3 when some runs failed; the failures are recorded in the run
/// files, so the task counts as done (exit 0) and the merge lists them. Any other non-zero status (a crash, a
/// storage error, a bad experiment) fails the task, so the merge job, which needs every task to succeed, never runs:
/// Slurm cancels it (`--kill-on-invalid-dep=yes`), and `sacct`/`squeue` and the task's log show why.
struct SlurmScripts {
    /// The experiment's name, for job names.
    var name: String
    /// Tasks of the array; shard `k` of `shards` runs the plan runs with index `i mod shards = k - 1`.
    var shards: Int
    /// The absolute paths of the tunebench executable, the output folder, and the folder whose plugins the jobs use.
    var executable: String
    var output: String
    var plugins: String?
    /// The folder the jobs run in: where `tunebench slurm` ran, so that plugin commands given by a relative path
    /// find their files.
    var workingDirectory: String
    /// `#SBATCH` directives common to both jobs: partition, time, memory, account, and the user's own lines.
    var directives: [String]
    /// CPUs of each task, and so `--jobs` of each shard's run.
    var cpusPerTask: Int
    /// Pass `--retry-failed` to every shard's run.
    var retryFailed: Bool
    /// `tunebench merge`'s report arguments (`--baseline`, `--alpha`, `--no-report`).
    var reportArguments: [String]

    var slurmFolder: String { output + "/slurm" }
    var shardsFolder: String { output + "/shards" }
    var logsFolder: String { slurmFolder + "/logs" }
    var experimentFile: String { slurmFolder + "/experiment.json" }
    var arrayScriptPath: String { slurmFolder + "/shard.sbatch" }
    var mergeScriptPath: String { slurmFolder + "/merge.sbatch" }
    var submitScriptPath: String { slurmFolder + "/submit.sh" }
    var submittedFile: String { slurmFolder + "/submitted.env" }

    /// The shebang line, then `#SBATCH` lines: the script's own, then ``directives``.
    private func header(_ own: [String]) -> String {
        (["#!/usr/bin/env bash"] + own.map { "#SBATCH " + $0 } + directives).joined(separator: "\n")
    }

    private var pluginArguments: [String] { plugins.map { ["--plugins", $0] } ?? [] }

    /// The array job.
    var arrayScript: String {
        let run =
            ([executable, "run", experimentFile].map(shellQuoted) + [#"--shard "${shard}/\#(shards)""#]
                + ["--output", shellQuoted(shardsFolder + "/shard-") + #""${shard}""#]
                + [#"--jobs "${SLURM_CPUS_PER_TASK:-1}""#, "--no-report"]
                + (pluginArguments + (retryFailed ? ["--retry-failed"] : [])).map(shellQuoted))
        return """
            \(header([
                "--job-name=tunebench-\(name)", "--array=1-\(shards)", "--ntasks=1", "--cpus-per-task=\(cpusPerTask)",
                "--output=\(logsFolder)/shard-%a-job%A.log",
            ]))
            # Shard k of \(shards) of the experiment '\(name)': array task k runs the runs whose plan index i has
            # i mod \(shards) = k - 1 into \(shardsFolder)/shard-k, resuming what is already there.
            # Written by `tunebench slurm`; submit with submit.sh, which then merges the shards.
            # Exit status: 0 when every run of the shard is recorded, failed runs included (`tunebench run` exits 3
            # for them; the merge lists them); anything else fails the task, and the merge job is not run.
            set -euo pipefail
            shard="${SLURM_ARRAY_TASK_ID:?this is a Slurm array job: submit it with \(shellQuoted(submitScriptPath))}"
            cd \(shellQuoted(workingDirectory))
            echo "tunebench: shard ${shard}/\(shards) of '\(name)' on $(hostname), started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
            status=0
            \(run.joined(separator: " ")) || status=$?
            if [ "${status}" -eq 3 ]; then
                echo "tunebench: shard ${shard}/\(shards): some runs failed; they are recorded and the merge lists them" >&2
                status=0
            fi
            echo "tunebench: shard ${shard}/\(shards) ended with status ${status} at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
            exit "${status}"

            """
    }

    /// The merge job, submitted to run once every task of the array has succeeded.
    var mergeScript: String {
        let merge =
            [executable, "merge", output].map(shellQuoted) + ["shard-{1..\(shards)}"]
            + (pluginArguments + reportArguments).map(shellQuoted)
        return """
            \(header([
                "--job-name=tunebench-\(name)-merge", "--ntasks=1", "--cpus-per-task=1", "--kill-on-invalid-dep=yes",
                "--output=\(logsFolder)/merge-job%j.log",
            ]))
            # Merges the \(shards) shard folders of the experiment '\(name)' into \(output), then writes its CSVs,
            # summary and report. Written by `tunebench slurm`; submit.sh submits it with
            # --dependency=afterok:ARRAY_JOB, so it runs only when every shard succeeded.
            # Exit status: 0, or 3 when some runs failed (listed in this log and in summary.json), 1 for errors.
            set -euo pipefail
            cd \(shellQuoted(shardsFolder))
            echo "tunebench: merging \(shards) shards of '\(name)' on $(hostname), started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
            \(merge.joined(separator: " "))

            """
    }

    /// Submits the array job, then the merge job depending on it; records both job ids.
    var submitScript: String {
        """
        #!/usr/bin/env bash
        # Submits the experiment '\(name)' to Slurm: the array job of \(shards) shards, then the merge job, which runs
        # once every shard has succeeded. Written by `tunebench slurm`.
        #
        # Usage: submit.sh [INDICES]
        #   INDICES  the array tasks to submit (sbatch --array syntax), by default all: 1-\(shards). To redo failed
        #            shards, submit only them, e.g. `submit.sh 3,7`: their runs resume, and the new merge job merges
        #            all \(shards) shard folders.
        # Prints the two job ids and writes them to \(submittedFile) (ARRAY_JOB=..., MERGE_JOB=...).
        set -euo pipefail
        indices="${1:-1-\(shards)}"
        array_job="$(sbatch --parsable --array="${indices}" \(shellQuoted(arrayScriptPath)))"
        array_job="${array_job%%;*}"
        merge_job="$(sbatch --parsable --dependency="afterok:${array_job}" \(shellQuoted(mergeScriptPath)))"
        merge_job="${merge_job%%;*}"
        printf 'ARRAY_JOB=%s\\nMERGE_JOB=%s\\n' "${array_job}" "${merge_job}" > \(shellQuoted(submittedFile))
        echo "Submitted array job ${array_job} (shards ${indices} of \(shards)) and merge job ${merge_job},"
        echo "which runs once every shard has succeeded."
        echo "Follow them with: squeue -j ${array_job},${merge_job}"
        echo "Logs: \(logsFolder)/   Results, once merged: \(output)/report.md"

        """
    }
}

/// `text` quoted for a POSIX shell: left bare when it holds only safe characters, else in single quotes, each single
/// quote written as `'\''`.
func shellQuoted(_ text: String) -> String {
    let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./_-")
    if !text.isEmpty && text.allSatisfy(safe.contains) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
