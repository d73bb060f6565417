import ArgumentParser
import Foundation
import Tunebench

/// The `tunebench` command line.
///
/// The registry is passed explicitly: `TunebenchCommand.main(registry:)` parses the arguments and hands the
/// registry to the subcommand. A package that adds its own optimizers calls it with its extended registry.
public struct TunebenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tunebench",
        abstract: "Benchmark hyperparameter and black-box optimization algorithms.",
        discussion: """
            Tunebench runs seeded, repeated trials of optimizers on test problems, in parallel, and writes one JSON \
            file per run plus CSVs of every evaluation and of the regret curves. The same experiment gives the \
            same CSV bytes whatever --jobs, --shard or interruptions.

            Start with `tunebench list` to see the optimizers, problems and suites, then `tunebench run` for the \
            default experiment, or `tunebench run --help` for everything a run can do; on a Slurm cluster, \
            `tunebench slurm --help`.
            """,
        version: TunebenchVersion.current,
        subcommands: [
            RunCommand.self, ListCommand.self, AggregateCommand.self, MergeCommand.self, SlurmCommand.self, ReportCommand.self,
            CompareCommand.self, SpeedUpCommand.self, ExportCommand.self,
            PluginCommandGroup.self,
            BenchCommand.self,
        ],
        defaultSubcommand: nil
    )

    public init() {}

    /// Parses `arguments` (the process arguments when `nil`), runs the chosen subcommand with `registry`, and exits
    /// with its status.
    ///
    /// SIGXFSZ is ignored first: a write past a file-size limit (`ulimit -f`) then fails with an error that names the
    /// file, instead of killing the process.
    public static func main(registry: Registry, arguments: [String]? = nil) -> Never {
        signal(SIGXFSZ, SIG_IGN)
        Foundation.exit(run(registry: registry, arguments: arguments))
    }

    /// Parses `arguments`, runs the chosen subcommand with `registry`, prints any error, and returns the exit
    /// status (0 success, 1 error, 3 some runs failed, 64 usage error) instead of exiting.
    public static func run(registry: Registry, arguments: [String]?) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var registryCommand = command as? any RegistryCommand {
                try registryCommand.run(registry: try registryCommand.plugins.extend(registry))
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    printError(message)
                }
            }
            return code.rawValue
        }
    }
}

/// A subcommand that needs the registry (extended with the plugins of `--plugins`).
protocol RegistryCommand: ParsableCommand {
    var plugins: PluginOptions { get }
    mutating func run(registry: Registry) throws
}

/// `--plugins DIR`: where plugin manifests are found.
struct PluginOptions: ParsableArguments {
    @Option(
        name: .customLong("plugins"),
        help: "A folder of plugin folders, each with a plugin.json manifest (default: ./Plugins when it exists).",
        completion: .directory)
    var directory: String?

    /// The catalog of the plugin folder, or an empty one when there is none.
    func catalog() throws -> PluginCatalog {
        let path = directory ?? "Plugins"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            if directory != nil { throw ValidationError("--plugins \(path) is not a folder") }
            return PluginCatalog()
        }
        return PluginCatalog.discover(in: URL(fileURLWithPath: path))
    }

    /// The plugin named by `arguments`: a plugin of a manifest when it is one name, else a command line (after an
    /// optional `--`) run in the current folder.
    func command(for arguments: [String]) throws -> PluginCommand {
        let words = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        if words.count == 1, let manifest = try catalog().manifests.first(where: { $0.name == words[0] }) {
            return manifest.command
        }
        return PluginCommand(name: words.joined(separator: " "), arguments: words)
    }

    /// `registry` with the plugins added; problems with manifests are printed as warnings.
    func extend(_ registry: Registry) throws -> Registry {
        let catalog = try catalog()
        var extended = registry
        for warning in catalog.invalid + catalog.register(into: &extended) {
            printError("warning: " + warning)
        }
        return extended
    }
}

extension RegistryCommand {
    /// Subcommands are run through ``TunebenchCommand/main(registry:arguments:)``; this fallback uses the
    /// built-in registry.
    mutating func run() throws {
        try run(registry: .builtin)
    }
}

/// The version printed by `--version`.
public enum TunebenchVersion {
    public static let current = "0.1.0"
}

/// Process exit statuses, documented in `tunebench run --help`.
/// A command that cannot go on, for a reason its message gives: exit status 1, without the usage text that a
/// `ValidationError` (exit status 64) adds.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}

enum ExitStatus {
    /// Some runs failed; their reasons are in summary.json and were printed.
    static let runsFailed = ExitCode(3)
}

/// Writes a line to standard error.
func printError(_ text: String) {
    StandardStreams.error(text + "\n")
}
