import Foundation
import TunebenchCore

/// One plugin process and the JSON-lines conversation with it: send a message, receive a message of an expected
/// type, every read bounded by the plugin's timeout, every failure turned into a ``PluginError`` naming the plugin,
/// what the harness was doing, and the tail of the plugin's standard error.
final class PluginConnection: MessageSource {
    let command: PluginCommand
    private let process: ChildProcess
    private var closed = false
    /// Whether a write found the plugin's input closed (it exited, or closed its standard input). That is not
    /// reported by the write but by the next receive, which meets the end of the plugin's output (or its timeout):
    /// whether a write meets the closed pipe or lands in it depends on how far the exiting plugin has got, and the
    /// reason recorded for a failed run must not depend on timing.
    private var inputClosed = false

    /// Starts the plugin.
    init(_ command: PluginCommand) throws {
        self.command = command
        process = try ChildProcess(
            arguments: command.arguments, directory: command.directory,
            environment: Self.environment.merging(command.environment) { _, own in own }, name: command.name)
    }

    deinit {
        close()
    }

    /// Added to every plugin's environment: Python block-buffers a piped standard output, and a line must reach
    /// the harness as soon as it is printed; Python randomises string hashing per process, which can change the
    /// iteration order of sets and so a plugin's answers, so it is fixed; numerical libraries run on one thread, so
    /// that runs in parallel do not oversubscribe the cores and optimizer times compare like with like.
    static let environment = [
        "PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    ]

    var pluginName: String { command.name }

    func stderrTail() -> String {
        process.stderrTail()
    }

    /// The plugin's process id, for tests.
    var pid: Int32 { process.pid }

    private var deadline: ContinuousClock.Instant {
        .now + .seconds(saturating: command.timeout)
    }

    /// Sends one message built by `body` (which writes the members after `"type"`). A plugin whose input is closed
    /// is not an error here: the next ``receive(during:)`` reports it (see `inputClosed`).
    /// - Throws: ``PluginError/timedOut(plugin:seconds:during:stderr:)`` when the plugin does not read its input.
    func send(_ type: String, during: String, _ body: (inout JSONWriter) -> Void = { _ in }) throws {
        guard !inputClosed else { return }
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("type")
        writer.string(type)
        body(&writer)
        writer.endObject()
        do {
            try process.write(writer.bytes + [0x0A], deadline: deadline)
        } catch .closed {
            inputClosed = true
        } catch {
            throw translate(error, during: during)
        }
    }

    /// Receives the next message, which must have type `type`; an `ERROR_REPLY` becomes
    /// ``PluginError/errorReply(plugin:kind:message:during:stderr:)``.
    func receive(_ type: String, during: String) throws -> Message {
        try receive(during: during).expecting(type)
    }

    /// Receives the next message, whatever its type.
    func receive(during: String) throws -> Message {
        let line: [UInt8]
        do {
            line = try process.readLine(deadline: deadline)
        } catch {
            throw translate(error, during: during)
        }
        return try Message.decode(line, from: self, during: during)
    }

    /// Ends the session: closes the plugin's input and makes sure the process and its group are gone.
    /// - Returns: how the process ended.
    @discardableResult
    func close(grace: Duration = .seconds(2)) -> String {
        if !closed {
            closed = true
            process.terminate(grace: grace)
        }
        return process.exitDescription(patience: .zero) ?? "did not exit"
    }

    private func translate(_ failure: ChildProcess.Failure, during: String) -> PluginError {
        switch failure {
        case .timedOut:
            return PluginError.timedOut(
                plugin: command.name, seconds: command.timeout, during: during, stderr: process.stderrTail())
        case .lineTooLong:
            return PluginError.garbage(
                plugin: command.name, reason: "a line longer than \(ChildProcess.maximumLineLength >> 20) MiB",
                during: during, stderr: process.stderrTail())
        case .endOfOutput(let partial) where !partial.isEmpty:
            // A plugin that an interruption's signal ended while it wrote a line: the signal is the cause.
            if let status = process.exitDescription(patience: .milliseconds(200)),
                let signal = process.endingSignal, [SIGINT, SIGTERM, SIGHUP].contains(signal)
            {
                return PluginError.exited(
                    plugin: command.name, status: status + " after a partial line", during: during,
                    stderr: process.stderrTail(), signal: signal)
            }
            return garbage(
                "a partial line (\(partial.count) bytes without a newline) and then closed its output: "
                    + Message.excerpt(partial),
                during: during)
        case .endOfOutput, .closed:
            // A child's output closes a moment before it becomes a zombie; on a loaded machine that moment can
            // be long, so the wait is generous (it only delays the report of a plugin that closed its output
            // and went on running, which is then terminated).
            let status = process.exitDescription(patience: .seconds(3)) ?? "closed its output"
            return PluginError.exited(
                plugin: command.name, status: status, during: during, stderr: process.stderrTail(),
                signal: process.endingSignal)
        }
    }
}
