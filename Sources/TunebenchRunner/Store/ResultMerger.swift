import Foundation
import TunebenchCore

/// Merges the result folders of an experiment's shards into one result folder, then aggregates it.
///
/// Each shard folder was written by `tunebench run EXPERIMENT --shard k/n --output FOLDER`. The merge:
/// 1. reads every folder's `experiment.json`; the first folder's experiment is the merged one, and every other must
///    be compatible with it: the same name, seed, budget and cost budget, and the same entry and options under every
///    shared label (runs of the other folders outside the merged plan are counted, not copied);
/// 2. prepares the output folder as a resumed run would: an output that already holds results keeps them when its
///    experiment is compatible, and its `experiment.json` becomes the merged experiment;
/// 3. copies every run file of the plan, folder by folder, into the output's `runs/`, each written atomically
///    (temporary file, then rename). Hidden files, such as the temporary files of a run still being written, are
///    ignored; files of runs outside the plan are counted, not copied;
/// 4. aggregates the output (``Aggregator``).
///
/// **Runs found twice.** The output's file, or else the first folder's, comes first. Same bytes: nothing to do.
/// Different bytes that are equal once the timings are left out (compared by a streamed fingerprint of the untimed
/// records, so that large run files are never read whole): the first is kept, and a
/// ``MergeResolution`` says so. A complete run and a failed run of the same plan entry (a shard run again with
/// `--retry-failed`): the complete one is kept, replacing a failed file in the output. Two failed runs: the first is
/// kept. Two complete runs that differ beyond timings: ``MergeError/conflictingRunFiles(first:second:difference:)``,
/// naming both files and the first differing field, before anything else is copied from the second folder.
///
/// Merging again with the same folders copies nothing and writes the same aggregate bytes (idempotence).
public struct ResultMerger: Sendable {
    public var registry: Registry
    /// The output folder.
    public var store: ResultStore
    /// The shard folders, in the order their runs take precedence.
    public var shards: [URL]
    /// Problems aggregated in parallel (``Aggregator/jobs``); the outputs do not depend on it.
    public var jobs: Int

    public init(
        registry: Registry,
        output: URL,
        shards: [URL],
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.registry = registry
        self.store = ResultStore(directory: output)
        self.shards = shards.map(\.standardizedFileURL)
        self.jobs = jobs
    }

    /// Checks the folders, copies the run files and aggregates.
    /// - Returns: what each folder contributed, how runs found twice were resolved, the missing runs, the summary.
    /// - Throws: ``MergeError`` for folders that cannot be merged and conflicting run files; ``RunnerError`` for
    ///   unreadable experiment or run files and storage errors.
    public func merge() throws -> MergeOutcome {
        let experiment = try checkedExperiment()
        do {
            try store.prepare(for: experiment, registry: registry, overwrite: false)
        } catch RunnerError.differentExperiment(let folder, let difference) {
            throw MergeError.incompatibleOutput(folder: folder, difference: difference)
        }
        let plan = Plan(experiment)
        // What a merge killed while copying left behind.
        store.removeTemporaryFiles(of: plan.runs)
        let prefix = store.runsDirectory.path + "/"
        var runsByPath: [String: PlannedRun] = [:]
        for run in plan.runs { runsByPath[String(store.runURL(run).path.dropFirst(prefix.count))] = run }

        var contributions: [ShardContribution] = []
        var resolutions: [MergeResolution] = []
        var origins: [Int: String] = [:]  // plan index -> the shard file copied during this merge
        for shard in shards {
            var contribution = ShardContribution(folder: shard.path)
            let runsFolder = shard.appendingPathComponent("runs").path
            for relative in try Self.files(under: runsFolder) {
                guard let run = runsByPath[relative] else {
                    contribution.outsidePlan += 1
                    continue
                }
                contribution.runFiles += 1
                let source = runsFolder + "/" + relative
                let target = store.runURL(run)
                // Copied and compared in chunks: a run file can be hundreds of megabytes.
                guard FileManager.default.fileExists(atPath: target.path) else {
                    try store.copyAtomically(from: source, to: target)
                    origins[run.index] = source
                    contribution.copied += 1
                    continue
                }
                if try Self.sameBytes(target.path, source) {
                    contribution.alreadyMerged += 1
                    continue
                }
                let first = (shown: origins[run.index] ?? target.path, path: target.path)
                switch try Self.resolve(first: first, second: source) {
                case .keepFirst(let resolution):
                    if let resolution { resolutions.append(resolution) }
                    contribution.alreadyMerged += 1
                case .takeSecond(let resolution):
                    try store.copyAtomically(from: source, to: target)
                    origins[run.index] = source
                    resolutions.append(resolution)
                    contribution.copied += 1
                }
            }
            contributions.append(contribution)
        }
        let missing = plan.runs.filter { !store.hasRecord($0) }
        let aggregate = try Aggregator(
            experiment: experiment, store: store, jobs: jobs, gradientTrack: experiment.gradientTrack(in: registry),
            referenceFront: Experiment.referenceFront(in: registry)
        ).aggregate()
        return MergeOutcome(
            experiment: experiment,
            shards: contributions,
            resolutions: resolutions,
            missing: missing,
            aggregate: aggregate
        )
    }

    // MARK: - Checks

    /// The first shard folder's experiment, once every folder is known to hold a compatible one.
    private func checkedExperiment() throws -> Experiment {
        guard !shards.isEmpty else { throw MergeError.noShardFolders }
        var seen: Set<String> = [store.directory.resolvingSymlinksInPath().path]
        for shard in shards where !seen.insert(shard.resolvingSymlinksInPath().path).inserted {
            throw MergeError.repeatedFolder(path: shard.path)
        }
        var reference: (folder: String, experiment: Experiment)?
        for shard in shards {
            let file = shard.appendingPathComponent("experiment.json")
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw MergeError.notAResultFolder(path: shard.path)
            }
            let experiment = try ExperimentFile.load(file, registry: registry)
            guard let reference else {
                reference = (shard.path, experiment)
                continue
            }
            if let difference = ResultStore.incompatibility(
                experiment, reference.experiment, registry: registry, growing: false)
            {
                // The resume rules speak of the stored experiment ("there") and the new one ("here").
                var named = difference.replacingOccurrences(of: " there, ", with: " in \(shard.path), ")
                if named.hasSuffix(" here") { named = named.dropLast(" here".count) + " in \(reference.folder)" }
                throw MergeError.incompatibleShards(folder: shard.path, reference: reference.folder, difference: named)
            }
        }
        guard let reference else { throw MergeError.noShardFolders }
        return reference.experiment
    }

    // MARK: - Runs found twice

    private enum Decision {
        case keepFirst(MergeResolution?)
        case takeSecond(MergeResolution)
    }

    /// Which of two files of the same run to keep (see the type's discussion). `first` is the file in the output
    /// folder (`path`), shown as the shard file it was copied from.
    ///
    /// Both files are streamed into a fingerprint of everything but their timings; only two complete runs that differ
    /// are read whole, to name the first place where they differ.
    private static func resolve(first: (shown: String, path: String), second: String) throws -> Decision {
        let a = try fingerprint(first.path, shown: first.shown)
        let b = try fingerprint(second, shown: second)
        if a.content == b.content {
            return .keepFirst(MergeResolution(kept: first.shown, dropped: second, reason: .timingsOnly))
        }
        switch (a.status, b.status) {
        case (.failed, .failed):
            return .keepFirst(MergeResolution(kept: first.shown, dropped: second, reason: .bothFailed))
        case (.failed, .complete):
            return .takeSecond(MergeResolution(kept: second, dropped: first.shown, reason: .completeOverFailed))
        case (.complete, .failed):
            return .keepFirst(MergeResolution(kept: first.shown, dropped: second, reason: .completeOverFailed))
        case (.complete, .complete):
            let comparison = try RunFileComparison.compare(
                Array(try contents(of: first.path)), Array(try contents(of: second)))
            var field = "their content"
            if case .different(let place) = comparison { field = place }
            throw MergeError.conflictingRunFiles(first: first.shown, second: second, difference: field)
        }
    }

    /// A run file's status and a 192-bit hash of its record with every timing set to zero
    /// (``TunebenchCore/RunRecord/untimed``), read as a stream.
    private static func fingerprint(_ path: String, shown: String) throws -> (status: RunStatus, content: [UInt64]) {
        var hash = ContentHash()
        var hashedHeader = false
        func add(header: RunRecord) {
            hash.add(header.untimed.headerJSON())
            hashedHeader = true
        }
        let read: RunRecord?
        do {
            read = try RunFileReader.read(path: path) { header, trial in
                if !hashedHeader { add(header: header) }
                hash.add(trial.untimed.jsonBytes(parameters: header.parameters))
            }
        } catch let error as JSONError {
            throw RunnerError.corruptRunFile(path: shown, reason: "\(error)")
        } catch let error as FileAccessError {
            throw RunnerError.storage(path: shown, reason: "cannot be read (\(error.reason))")
        }
        guard let record = read else { throw RunnerError.storage(path: shown, reason: "disappeared while merging") }
        if !hashedHeader { add(header: record) }
        return (record.status, hash.value)
    }

    /// Two 64-bit hashes of a byte stream: FNV-1a (Fowler, Noll and Vo; offset basis 0xcbf29ce484222325, prime
    /// 0x100000001b3) and a multiply-rotate hash with the golden-ratio constant, with the length, so that a chance
    /// collision needs all three to agree.
    private struct ContentHash {
        private var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        private var mix: UInt64 = 0x9e37_79b9_7f4a_7c15
        private var count: UInt64 = 0

        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes {
                fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3
                mix = ((mix ^ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15).rotated(by: 29)
            }
            count &+= UInt64(bytes.count)
            // A separator, so that moving bytes between pieces changes the hash.
            fnv = (fnv ^ 0xff) &* 0x100_0000_01b3
        }

        var value: [UInt64] { [fnv, mix, count] }
    }

    // MARK: - Files

    /// The paths, relative to `folder`, of every file under it, hidden files and folders left out, sorted; none when
    /// the folder does not exist.
    static func files(under folder: String) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: path)
            } catch {
                throw RunnerError.storage(path: path, reason: "cannot be listed (\(error.localizedDescription))")
            }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                if manager.fileExists(atPath: folder + "/" + child, isDirectory: &isDirectory), isDirectory.boolValue {
                    pending.append(child)
                } else {
                    files.append(child)
                }
            }
        }
        return files.sorted()
    }

    /// Whether two files have the same bytes, read in chunks.
    private static func sameBytes(_ first: String, _ second: String) throws -> Bool {
        do throws(FileAccessError) {
            guard let a = try FileChunkReader(path: first), let b = try FileChunkReader(path: second) else {
                return false
            }
            var left: ArraySlice<UInt8> = []
            var right: ArraySlice<UInt8> = []
            while true {
                if left.isEmpty, let chunk = try a.next() { left = chunk[...] }
                if right.isEmpty, let chunk = try b.next() { right = chunk[...] }
                if left.isEmpty || right.isEmpty { return left.isEmpty && right.isEmpty }
                let count = min(left.count, right.count)
                guard left.prefix(count).elementsEqual(right.prefix(count)) else { return false }
                left = left.dropFirst(count)
                right = right.dropFirst(count)
            }
        } catch {
            throw RunnerError.storage(path: error.path, reason: "cannot be read (\(error.reason))")
        }
    }

    private static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunnerError.storage(path: path, reason: "cannot be read")
        }
        return data
    }
}

extension UInt64 {
    /// The bits rotated left by `shift`.
    fileprivate func rotated(by shift: UInt64) -> UInt64 {
        (self << shift) | (self >> (64 - shift))
    }
}
