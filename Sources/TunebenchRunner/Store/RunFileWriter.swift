import Foundation
import TunebenchCore

/// Writes one run's file while the run goes on, so that memory stays bounded whatever its budget.
///
/// Trials are encoded as they come and kept in a ``SpillBuffer`` (in memory, and past 4 MB in a hidden scratch file
/// `.rep-NNN.json.HOST-PID.trials.tmp` beside the run file). ``finish(_:)`` then writes the record's header, the
/// trials and the closing bytes to the hidden temporary file `.rep-NNN.json.HOST-PID.tmp` and renames it into place: the same bytes as
/// ``TunebenchCore/RunRecord/jsonBytes()``, and a run file that exists is still always complete. An interrupted run
/// leaves at most the two hidden files, which ``ResultStore/removeTemporaryFiles(of:)`` deletes.
public final class RunFileWriter: TrialSink {
    public let url: URL
    private let trials: SpillBuffer
    private var count = 0
    /// The run's trial encoder, made on the first trial, and the bytes of the trial being encoded.
    private var encoder: TrialEncoder?
    private var encoded = TextBuffer(capacity: 256)

    /// - Parameter spillLimit: the bytes of trials kept in memory before they go to the scratch file.
    init(url: URL, spillLimit: Int = 4 << 20) {
        self.url = url
        trials = SpillBuffer(
            scratchURL: AtomicFile.temporaryURL(for: url, suffix: "trials.tmp"), reportedPath: url.path, limit: spillLimit)
    }

    public func append(_ trial: TrialRecord, parameters: [String]) throws(RunnerError) {
        let encoder = self.encoder ?? TrialEncoder(parameters: parameters)
        self.encoder = encoder
        encoded.removeAll()
        if count > 0 { encoded.append(ascii: ",") }
        encoder.append(trial, to: &encoded)
        do {
            try trials.append(encoded.bytes)
        } catch {
            throw error as? RunnerError ?? RunnerError.storage(path: url.path, reason: "\(error)")
        }
        count += 1
    }

    /// Writes the run file: `record`'s members (its own `trials` must be empty), then the trials appended so far.
    public func finish(_ record: RunRecord) throws {
        precondition(record.trials.isEmpty, "the trials of a streamed run come from append(_:parameters:)")
        let file = try AtomicFile(url: url)
        do {
            try file.append(record.headerJSON())
            try trials.copy(into: file)
            try file.append(RunRecord.jsonEnd)
            try file.commit()
        } catch {
            file.discard()
            trials.remove()
            throw error
        }
    }

    /// Deletes what was written so far.
    public func discard() {
        trials.remove()
    }
}
