import Foundation
import Synchronization
import Tunebench

/// The text of `tunebench list`: the entries of a registry and the plugins of a catalog, one line each (compact)
/// or in full (with every option).
///
/// Plugins are registered entries too; they are shown among the plugins only, with their manifest, and left out
/// of the optimizers and problems.
struct RegistryListing {
    let registry: Registry
    let catalog: PluginCatalog
    /// The plugins folder, for the heading of the plugins.
    let pluginFolder: String

    private var pluginNames: Set<String> { Set(catalog.manifests.map(\.name)) }

    var optimizers: [OptimizerEntry] { registry.optimizers.filter { !pluginNames.contains($0.name) } }
    var problems: [ProblemEntry] { registry.problems.filter { !pluginNames.contains($0.name) } }

    // MARK: - Compact

    /// The optimizers, one line each: name, the parameter kinds it handles, summary.
    /// An entry whose defaults deviate from its reference gets a second line saying so, and an entry of the gradient
    /// track a second line saying that.
    func compactOptimizers() -> String {
        let lines = Self.columns(optimizers.map { [$0.name, Self.handles($0.capabilities), $0.summary] })
            .split(separator: "\n", omittingEmptySubsequences: false)
        var text =
            "OPTIMIZERS (handles: any = every parameter kind; multi-fidelity = chooses fidelity levels; "
            + "multi-objective = runs on several objectives)\n"
        for (entry, line) in zip(optimizers, lines) {
            text += line + "\n"
            for note in Self.notes(entry) { text += "      " + note + "\n" }
        }
        return text
    }

    /// The compact list's notes on an optimizer: its track when it reads gradients, and its deviations from the
    /// reference defaults.
    static func notes(_ entry: OptimizerEntry) -> [String] {
        var notes: [String] = []
        if entry.track(entry.defaultOptions) == .gradient {
            notes.append("gradient track: reads the gradients of problems that provide them; reported apart there")
        }
        if let reference = entry.reference, let other = reference.entry, !reference.deviations.isEmpty {
            let source = reference.source.prefix(while: { $0 != "(" }).trimmingCharacters(in: .whitespaces)
            let deviations = reference.deviations.count == 1 ? "1 default differs" : "\(reference.deviations.count) defaults differ"
            notes.append("\(deviations) from \(source) (`tunebench list \(entry.name)`); `\(other)` has the reference's")
        }
        return notes
    }

    /// The problems, one line each: name, its space with the default options, summary.
    func compactProblems() -> String {
        let spaces = Self.spaces(of: problems, in: registry)
        return "PROBLEMS (space with the default options; int = integer, cat = categorical, cond = conditional, "
            + "log = log-scale)\n"
            + Self.columns(zip(problems, spaces).map { [$0.name, $1?.short ?? "set by its options", $0.summary] })
    }

    /// The suites, one line each: name, problem count, summary.
    func compactSuites() -> String {
        "SUITES (use as a problem name)\n"
            + Self.columns(registry.suites.map { [$0.name, count($0.problems.count, "problem"), $0.summary] })
    }

    /// The plugins, one line each: name, kind, whether it can start, summary; a plugin that cannot start gets a
    /// second line with the fix and the reason.
    func compactPlugins() -> String {
        let statuses = Self.statuses(of: catalog.manifests)
        let rows = zip(catalog.manifests, statuses).map { manifest, status in
            [manifest.name, manifest.kind.rawValue, status == .ready ? "ready" : "cannot start", manifest.summary]
        }
        let lines = rows.isEmpty ? [] : Self.columns(rows).split(separator: "\n")
        var text = "PLUGINS (from \(pluginFolder))\n"
        for (line, status) in zip(lines, statuses) {
            text += line + "\n"
            if case .unavailable(let reason, let fix) = status {
                text += "      " + (fix.map { "fix: \($0)  (\(reason))" } ?? "cannot start: \(reason)") + "\n"
            }
        }
        return text + pluginProblems()
    }

    // MARK: - Full

    /// Every optimizer with its options.
    func fullOptimizers() -> String {
        "OPTIMIZERS\n" + optimizers.map(Self.full).joined()
    }

    /// Every problem with its space and options.
    func fullProblems() -> String {
        let spaces = Self.spaces(of: problems, in: registry)
        return "PROBLEMS\n" + zip(problems, spaces).map { Self.full($0, space: $1) }.joined()
    }

    /// Every suite with its problems.
    func fullSuites() -> String {
        "SUITES (use as a problem name)\n" + registry.suites.map(Self.full).joined()
    }

    /// Every plugin with its command, whether it can start, and its options.
    func fullPlugins() -> String {
        let statuses = Self.statuses(of: catalog.manifests)
        return "PLUGINS (from \(pluginFolder))\n"
            + zip(catalog.manifests, statuses).map { full($0, status: $1) }.joined() + pluginProblems()
    }

    /// The entries called `name` in full: an optimizer, a problem (a name may be both, as `external` is), a suite
    /// or a plugin; `nil` when there is none.
    func full(named name: String) -> String? {
        var blocks: [String] = []
        if let manifest = catalog.manifests.first(where: { $0.name == name }) {
            blocks.append("PLUGIN\n" + full(manifest, status: Self.statuses(of: [manifest])[0]))
        }
        if let entry = optimizers.first(where: { $0.name == name }) {
            blocks.append("OPTIMIZER\n" + Self.full(entry))
        }
        if let entry = problems.first(where: { $0.name == name }) {
            blocks.append("PROBLEM\n" + Self.full(entry, space: Self.spaces(of: [entry], in: registry)[0]))
        }
        if let suite = registry.suites.first(where: { $0.name == name }) {
            blocks.append("SUITE (use as a problem name)\n" + Self.full(suite))
        }
        return blocks.isEmpty ? nil : blocks.joined(separator: "\n")
    }

    /// Every name that `full(named:)` knows, in listing order.
    var allNames: [String] {
        optimizers.map(\.name) + problems.map(\.name) + registry.suites.map(\.name) + catalog.manifests.map(\.name)
    }

    // MARK: - Blocks

    private static func full(_ entry: OptimizerEntry) -> String {
        var lines = ["handles: " + entry.capabilities.names.joined(separator: ", ")]
        if entry.track(entry.defaultOptions) == .gradient {
            lines.append("track: gradient (reads the gradients of problems that provide them, and is reported apart there)")
        }
        lines += entry.reference?.lines ?? []
        return block(entry.name, entry.summary, lines, entry.options)
    }

    private static func full(_ entry: ProblemEntry, space: SpaceSummary?) -> String {
        block(entry.name, entry.summary, ["space: " + (space?.long ?? "set by its options")] + entry.details, entry.options)
    }

    private static func full(_ suite: Suite) -> String {
        block(suite.name, suite.summary, ["problems: " + suite.problems.map(\.label).joined(separator: ", ")], [])
    }

    private func full(_ manifest: PluginManifest, status: PluginCatalog.Availability) -> String {
        let command = manifest.command
        var lines = ["command: \(command.arguments.joined(separator: " ")) (in \(command.directory ?? "."))"]
        switch status {
        case .ready:
            lines.append("status: ready")
        case .unavailable(let reason, let fix):
            lines.append("status: cannot start: \(reason)")
            if let fix { lines.append("fix: \(fix)") }
        }
        let options =
            registry.optimizers.first { $0.name == manifest.name }?.options
            ?? registry.problems.first { $0.name == manifest.name }?.options ?? []
        return Self.block("\(manifest.name)  (\(manifest.kind.rawValue))", manifest.summary, lines, options)
    }

    /// `  NAME`, then the summary, the extra lines and one line per option, indented.
    private static func block(_ name: String, _ summary: String, _ lines: [String], _ options: [OptionSpec]) -> String {
        var text = "  \(name)\n      \(summary)\n"
        for line in lines { text += "      \(line)\n" }
        for option in options {
            text += "      option \(option.name) = \(option.defaultValue.text)  (\(option.expected)) "
            text += option.summary + "\n"
        }
        return text
    }

    private func pluginProblems() -> String {
        var text = catalog.invalid.map { "  invalid manifest: \($0)\n" }.joined()
        if catalog.manifests.isEmpty && catalog.invalid.isEmpty { text += "  (none)\n" }
        return text
    }

    // MARK: - What entries handle

    /// An optimizer's capabilities in a few words: `any` for every parameter kind, then `multi-fidelity` when it
    /// chooses fidelity levels and `multi-objective` when it runs on several objectives; the capabilities' names when
    /// it lacks a parameter kind.
    static func handles(_ capabilities: Capabilities) -> String {
        guard capabilities.isSuperset(of: .allParameterKinds) else { return capabilities.names.joined(separator: ", ") }
        return (["any"] + capabilities.subtracting(.allParameterKinds).names).joined(separator: ", ")
    }

    /// The parameter kinds of `capabilities` in short words: `real int cat cond log`.
    static func kinds(_ capabilities: Capabilities) -> String {
        let words: [(Capabilities, String)] = [
            (.real, "real"), (.integer, "int"), (.categorical, "cat"), (.conditional, "cond"), (.logScale, "log"),
        ]
        return words.filter { capabilities.contains($0.0) }.map(\.1).joined(separator: " ")
    }

    /// What a problem's space needs with the default options.
    struct SpaceSummary: Sendable {
        var dimension: Int
        var needs: Capabilities
        var levels: Int

        /// For the compact list: `8-D real int cat cond log, 5 levels`.
        var short: String {
            "\(dimension)-D " + RegistryListing.kinds(needs) + (levels == 0 ? "" : ", \(count(levels, "level"))")
        }

        /// For the full list: `8 parameters: real, integer, ...; 5 fidelity levels`.
        var long: String {
            var kinds = needs
            kinds.remove(.multiFidelity)
            return count(dimension, "parameter") + ": " + kinds.names.joined(separator: ", ")
                + (levels == 0 ? "" : "; \(count(levels, "fidelity level"))")
        }
    }

    /// The space of each problem with the default options, measured on an instance built with seed 0 (in
    /// parallel); `nil` for a problem that cannot be built with its defaults, such as `external` without a command.
    static func spaces(of entries: [ProblemEntry], in registry: Registry) -> [SpaceSummary?] {
        let spaces = Mutex([SpaceSummary?](repeating: nil, count: entries.count))
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            guard let problem = try? registry.makeProblem(EntrySpec(entries[index].name), seed: 0) else { return }
            let space = SpaceSummary(
                dimension: problem.space.dimension, needs: problem.space.requiredCapabilities,
                levels: problem.fidelities.count)
            spaces.withLock { $0[index] = space }
        }
        return spaces.withLock { $0 }
    }

    /// Whether each plugin can start (each distinct check once, in parallel).
    static func statuses(of manifests: [PluginManifest]) -> [PluginCatalog.Availability] {
        PluginCatalog.availabilities(of: manifests)
    }

    // MARK: - Layout

    /// Rows as lines indented by two spaces, every column but the last padded to its widest cell.
    static func columns(_ rows: [[String]]) -> String {
        guard let columnCount = rows.map(\.count).max() else { return "  (none)\n" }
        let widths = (0..<columnCount).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max()! }
        return rows.map { row in
            "  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
