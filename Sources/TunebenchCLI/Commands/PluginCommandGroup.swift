import ArgumentParser
import Foundation
import Tunebench

/// `tunebench plugin`: working with out-of-process plugins.
struct PluginCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Check plugins that speak kurobako's protocol (Plugins/PROTOCOL.md).",
        subcommands: [PluginCheckCommand.self]
    )
}

/// `tunebench plugin check -- COMMAND ...` or `tunebench plugin check NAME`.
struct PluginCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a plugin through the whole protocol and print PASS or FAIL for each item.",
        discussion: """
            Give the plugin's command after `--` (run in the current folder), or the name of a plugin of a \
            manifest (run in its folder with its timeout). A solver is checked for its spec, ask/tell on a space \
            of each parameter kind it claims (with a failed evaluation told), valid trial ids and suggestions \
            inside the space, the same answers for the same seed, and a clean exit when its input closes. A \
            problem is checked for its spec, evaluations at random points, the same values for the same seed, and \
            a clean exit. Exit status 0 when every item passes, 1 otherwise.
            """
    )

    @Option(parsing: .unconditional, help: "Seconds to wait for each reply (default: the manifest's, else 60).")
    var timeout: Double?

    @OptionGroup var plugins: PluginOptions

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The plugin's command line after `--`, or the name of a plugin of a manifest.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        guard !command.filter({ $0 != "--" }).isEmpty else {
            throw ValidationError("give the plugin's command after --, e.g. tunebench plugin check -- python3 my_solver.py")
        }
        if let timeout, !PluginCommand.timeoutRange.contains(timeout) {
            throw ValidationError("--timeout must be in \(PluginCommand.timeoutRange) seconds, got \(timeout)")
        }
    }

    func run() throws {
        InterruptHandler.installEndingPlugins()
        var plugin = try plugins.command(for: command)
        if let timeout { plugin.timeout = timeout }
        StandardStreams.output(
            "Checking \(plugin.arguments.joined(separator: " "))" + (plugin.directory.map { " in \($0)" } ?? "") + "\n")
        let items = PluginCheck.run(plugin) { item in
            // Unbuffered, so that each item shows as soon as it is known.
            StandardStreams.output(item.description + "\n")
        }
        let failed = items.filter { !$0.passed }.count
        print(failed == 0 ? "All \(items.count) checks passed." : "\(failed) of \(items.count) checks failed.")
        if failed > 0 { throw ExitCode.failure }
    }
}
