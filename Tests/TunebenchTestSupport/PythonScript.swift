import Foundation

/// A reference script under `Tests/Scripts/`, run by `python3`.
public enum PythonScript {
    /// What a script printed, and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        /// Its standard output.
        public var output: String
        /// Its standard error.
        public var errors: String
    }

    /// Runs `python3 script arguments...` (or `python`, the path of another interpreter, such as a virtual
    /// environment's) in `directory` (the current folder when `nil`) and waits for it.
    ///
    /// Standard output comes through a pipe read to its end; standard error goes to a temporary file, so that a
    /// chatty script cannot fill a pipe nobody reads yet.
    public static func run(
        _ script: URL, _ arguments: [String], in directory: URL? = nil, python: String = "python3"
    ) throws -> Result {
        let errorsURL = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-py-\(UUID()).txt")
        _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorsURL) }
        let errors = try FileHandle(forWritingTo: errorsURL)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: text,
            errors: (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? "")
    }
}
