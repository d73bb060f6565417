import ArgumentParser
import Foundation
import Synchronization
import Tunebench

/// `tunebench list`: every optimizer, problem, suite and plugin with its options.
struct ListCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the optimizers, problems, suites and plugins, with their options and defaults.",
        discussion: """
            Plugins are read from ./Plugins (or --plugins DIR). Each plugin's check command is run, and a plugin \
            that cannot start is shown with the reason and the command that fixes it.
            """
    )

    enum Section: String, ExpressibleByArgument, CaseIterable {
        case optimizers, problems, suites, plugins
    }

    @Argument(help: "Show only this section: \(Section.allCases.map(\.rawValue).joined(separator: ", ")).")
    var section: Section?

    @Flag(help: "Print only the names, one per line.")
    var names = false

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let catalog = try plugins.catalog()
        let pluginNames = Set(catalog.manifests.map(\.name))
        var text = ""
        func show(_ wanted: Section) -> Bool { section == nil || section == wanted }
        if show(.optimizers) {
            text += names ? "" : "OPTIMIZERS\n"
            for entry in registry.optimizers where !pluginNames.contains(entry.name) {
                text += names ? entry.name + "\n" : Self.describe(entry.name, entry.summary, entry.options,
                    extra: "handles: " + entry.capabilities.names.joined(separator: ", "))
            }
        }
        if show(.problems) {
            text += names ? "" : "\nPROBLEMS\n"
            for entry in registry.problems where !pluginNames.contains(entry.name) {
                text += names ? entry.name + "\n" : Self.describe(entry.name, entry.summary, entry.options, extra: nil)
            }
        }
        if show(.suites) {
            text += names ? "" : "\nSUITES (use as a problem name)\n"
            for suite in registry.suites {
                text += names
                    ? suite.name + "\n"
                    : "  \(suite.name)\n      \(suite.summary)\n      problems: "
                        + suite.problems.map(\.label).joined(separator: ", ") + "\n"
            }
        }
        if show(.plugins) {
            if names {
                text += catalog.manifests.map { $0.name + "\n" }.joined()
            } else {
                text += "\nPLUGINS (from \(plugins.directory ?? "./Plugins"))\n" + Self.describe(catalog)
            }
        }
        print(text, terminator: "")
    }

    static func describe(_ name: String, _ summary: String, _ options: [OptionSpec], extra: String?) -> String {
        var text = "  \(name)\n      \(summary)\n"
        if let extra { text += "      \(extra)\n" }
        for option in options {
            text += "      option \(option.name) = \(option.defaultValue.text)  (\(option.expected)) \(option.summary)\n"
        }
        return text
    }

    /// Each plugin with whether it can start (the checks run in parallel).
    static func describe(_ catalog: PluginCatalog) -> String {
        let manifests = catalog.manifests
        let statuses = Mutex([PluginCatalog.Availability?](repeating: nil, count: manifests.count))
        DispatchQueue.concurrentPerform(iterations: manifests.count) { index in
            let availability = PluginCatalog.availability(of: manifests[index])
            statuses.withLock { $0[index] = availability }
        }
        var text = ""
        for (manifest, status) in zip(manifests, statuses.withLock { $0 }) {
            text += "  \(manifest.name)  (\(manifest.kind.rawValue))\n      \(manifest.summary)\n"
            text += "      command: \(manifest.command.arguments.joined(separator: " ")) (in \(manifest.command.directory ?? "."))\n"
            switch status {
            case .ready?, nil:
                text += "      status: ready\n"
            case .unavailable(let reason, let fix)?:
                text += "      status: cannot start: \(reason)\n"
                if let fix { text += "      fix: \(fix)\n" }
            }
        }
        for problem in catalog.invalid { text += "  invalid manifest: \(problem)\n" }
        if manifests.isEmpty && catalog.invalid.isEmpty { text += "  (none)\n" }
        return text
    }
}
