import Foundation
import Synchronization
import TunebenchCore

/// The plugins found in a folder of plugin folders (`Plugins/` by default), and their registry entries.
public struct PluginCatalog: Sendable {
    /// Every plugin declared by a valid manifest, in folder order.
    public private(set) var manifests: [PluginManifest] = []
    /// Every suite declared by a valid manifest, in folder order.
    public private(set) var suites: [PluginSuiteManifest] = []
    /// Manifests that could not be read, with the reason.
    public private(set) var invalid: [String] = []

    public init(manifests: [PluginManifest] = [], suites: [PluginSuiteManifest] = []) {
        self.manifests = manifests
        self.suites = suites
    }

    /// Reads `DIRECTORY/*/plugin.json`, in name order.
    public static func discover(in directory: URL) -> PluginCatalog {
        var catalog = PluginCatalog()
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
        for folder in folders {
            let manifest = directory.appendingPathComponent(folder).appendingPathComponent("plugin.json")
            guard FileManager.default.fileExists(atPath: manifest.path) else { continue }
            do {
                let file = try PluginManifest.loadFile(manifest)
                catalog.manifests += file.plugins
                catalog.suites += file.suites
            } catch {
                catalog.invalid.append("\(error)")
            }
        }
        return catalog
    }

    /// Adds an entry per plugin to `registry`, then the suites of the manifests.
    /// - Returns: warnings for plugins whose name is already taken, and for suites whose name is taken or that name a
    ///   problem the registry lacks (they are left out).
    public func register(into registry: inout Registry) -> [String] {
        var warnings: [String] = []
        for manifest in manifests {
            do {
                switch manifest.kind {
                case .solver: try registry.register(PluginEntries.solver(manifest))
                case .problem: try registry.register(PluginEntries.problem(manifest))
                }
            } catch {
                warnings.append("plugin '\(manifest.name)' of \(manifest.path) is left out: \(error)")
            }
        }
        for suite in suites {
            let problems = Set(registry.problems.map(\.name))
            if let missing = suite.problems.first(where: { !problems.contains($0) }) {
                warnings.append("suite '\(suite.name)' of \(suite.path) is left out: it names '\(missing)', which is no problem")
                continue
            }
            do {
                try registry.register(
                    Suite(name: suite.name, summary: suite.summary, problems: suite.problems.map { EntrySpec($0) }))
            } catch {
                warnings.append("suite '\(suite.name)' of \(suite.path) is left out: \(error)")
            }
        }
        return warnings
    }

    /// Whether a plugin can start: its check command exits with status 0 within 60 seconds.
    public static func availability(of manifest: PluginManifest) -> Availability {
        guard let check = manifest.check else { return .ready }
        do {
            let process = try ChildProcess(
                arguments: check, directory: manifest.command.directory, environment: [:], name: manifest.name,
                discardOutput: true)
            process.terminate(grace: .seconds(60))
            let status = process.exitDescription(patience: .zero) ?? "did not finish"
            if status == "exited with status 0" { return .ready }
            let tail = process.stderrTail(limit: 400).trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: "\n").last.map(String.init) ?? ""
            return .unavailable(
                reason: "\(check.joined(separator: " ")) \(status)" + (tail.isEmpty ? "" : ": \(tail)"),
                fix: manifest.install)
        } catch {
            return .unavailable(reason: "\(error)", fix: manifest.install)
        }
    }

    /// Whether each plugin can start, in order: the checks run in parallel, each distinct one (the same command in the
    /// same folder, with the same fix) once, so that a family of plugins that share their check (the 108 bayesmark
    /// problems) costs one.
    public static func availabilities(of manifests: [PluginManifest]) -> [Availability] {
        func key(_ manifest: PluginManifest) -> [String] {
            guard let check = manifest.check else { return [] }
            return [manifest.command.directory ?? "", manifest.install ?? ""] + check
        }
        var distinct: [[String]: Int] = [:]
        var representatives: [PluginManifest] = []
        for manifest in manifests where distinct[key(manifest)] == nil {
            distinct[key(manifest)] = representatives.count
            representatives.append(manifest)
        }
        let checks = representatives
        let results = Mutex([Availability](repeating: .ready, count: checks.count))
        DispatchQueue.concurrentPerform(iterations: checks.count) { index in
            let availability = availability(of: checks[index])
            results.withLock { $0[index] = availability }
        }
        let found = results.withLock { $0 }
        return manifests.map { found[distinct[key($0)]!] }
    }

    public enum Availability: Sendable, Hashable {
        case ready
        case unavailable(reason: String, fix: String?)
    }
}

/// Registry entries for plugins: one per manifest, and the `external` entries that run a command given as an option.
public enum PluginEntries {
    /// The option every plugin entry has: the reply timeout.
    static func timeoutOption(_ seconds: Double) -> OptionSpec {
        OptionSpec(
            "timeout", .real(PluginCommand.timeoutRange), default: .real(seconds),
            summary: "seconds to wait for each reply of the plugin before failing the run")
    }

    static let commandOption = OptionSpec(
        "command", .text, default: .string(""),
        summary: "the plugin's command line, run in the current folder (quotes group words)")

    /// What a solver entry may be paired with: every parameter kind and several objectives; the solver's own spec
    /// (its kurobako capabilities, `MULTI_OBJECTIVE` among them) is checked by the preflight, pair by pair.
    static let solverCapabilities = Capabilities.allParameterKinds.union(.multiObjective)

    /// The entry of a solver plugin.
    public static func solver(_ manifest: PluginManifest) -> OptimizerEntry {
        let cache = SolverSpecCache()
        let command = manifest.command
        return OptimizerEntry(
            name: manifest.name, summary: manifest.summary + " [plugin]", capabilities: solverCapabilities,
            options: [timeoutOption(command.timeout)], includedByDefault: false,
            preflight: { context in try cache.check(with(command, context.options), context: context) },
            factory: { context in try PluginOptimizer(command: with(command, context.options), context: context) })
    }

    /// The entry of a problem plugin.
    public static func problem(_ manifest: PluginManifest) -> ProblemEntry {
        let command = manifest.command
        return ProblemEntry(
            name: manifest.name, summary: manifest.summary + " [plugin]", options: [timeoutOption(command.timeout)]
        ) { context in try PluginProblem(command: with(command, context.options), seed: context.seed) }
    }

    /// `external`: a solver plugin given by its command line (`{"command": "python3 my_solver.py", "label": ...}`).
    public static let externalSolver: OptimizerEntry = {
        let cache = SolverSpecCache()
        return OptimizerEntry(
            name: "external", summary: "A solver plugin given by the option 'command' (kurobako protocol)",
            capabilities: solverCapabilities, options: [commandOption, timeoutOption(PluginCommand.defaultTimeout)],
            includedByDefault: false,
            preflight: { context in try cache.check(try externalCommand(context.options, kind: "solver"), context: context) },
            factory: { context in
                try PluginOptimizer(command: try externalCommand(context.options, kind: "solver"), context: context)
            })
    }()

    /// `external`: a problem plugin given by its command line.
    public static let externalProblem = ProblemEntry(
        name: "external", summary: "A problem plugin given by the option 'command' (kurobako protocol)",
        options: [commandOption, timeoutOption(PluginCommand.defaultTimeout)]
    ) { context in try PluginProblem(command: try externalCommand(context.options, kind: "problem"), seed: context.seed) }

    private static func with(_ command: PluginCommand, _ options: Options) -> PluginCommand {
        var command = command
        command.timeout = options.real("timeout")
        return command
    }

    private static func externalCommand(_ options: Options, kind: String) throws -> PluginCommand {
        let line = options.string("command")
        let arguments = try PluginCommand.split(line, name: line)
        guard !arguments.isEmpty else {
            throw PluginError.cannotStart(
                plugin: "external",
                reason: "the external \(kind) needs its 'command' option, e.g. {\"command\": \"python3 my_\(kind).py\", "
                    + "\"label\": \"mine\"} in an experiment file or --plugin mine=\"python3 my_\(kind).py\"")
        }
        return PluginCommand(name: line, arguments: arguments, timeout: options.real("timeout"))
    }
}

/// Solver specs read once per command, so that checking every (solver, problem) pair before a run starts each
/// plugin once rather than once per pair.
final class SolverSpecCache: Sendable {
    private let specs = Mutex<[PluginCommand: SolverSpecification]>([:])

    /// Checks that the solver of `command` has the capabilities the context's space needs.
    func check(_ command: PluginCommand, context: OptimizerContext) throws {
        let spec: SolverSpecification
        if let cached = specs.withLock({ $0[command] }) {
            spec = cached
        } else {
            let client = try SolverClient(command)
            client.connection.close()
            spec = client.spec
            specs.withLock { $0[command] = spec }
        }
        try spec.check(
            ProblemSpecification(
                space: context.space, name: context.problem, fidelities: context.fidelities,
                objectives: context.objectiveCount),
            solver: command.name, problemLabel: context.problem)
    }
}
