import TunebenchCore

/// Parses the comma-separated entry lists of the command line.
///
/// Syntax: `NAME[:KEY=VALUE[:KEY=VALUE...]]`, entries separated by commas, for example
/// `random,sobol:scramble=false` or `branin,rosenbrock:dimension=8`. A problem list may also name a suite
/// (`classic`), which stands for its problems; options given to a suite (`classic:noise=0.1`) go to each of its
/// problems and are appended to their labels (`branin-noise0.1`). Values are read as booleans, integers or reals when they look
/// like one, else as text. Labels are the default labels (``TunebenchCore/EntrySpec/defaultLabel(name:options:)``).
public enum EntryList {
    /// Parses `text` given to `flag` into entry specs and checks them against `registry`.
    /// - Parameter commands: plugins named on the command line (`--plugin NAME=COMMAND`): a name among them stands for
    ///   the registry's `external` entry with that command, labelled with the name.
    /// - Throws: ``RunnerError/invalidExperiment(file:field:value:reason:)`` with `file` = "command line".
    public static func parse(
        _ text: String, flag: String, kind: EntryKind, registry: Registry, commands: [String: String] = [:]
    ) throws -> [EntrySpec] {
        func fail(_ value: String, _ reason: String) -> RunnerError {
            RunnerError.invalidExperiment(file: "command line", field: flag, value: "'\(value)'", reason: reason)
        }
        var specs: [EntrySpec] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let name = parts[0]
            guard !name.isEmpty else { throw fail(text, "an entry name is empty; separate names with single commas") }
            var options: [String: OptionValue] = [:]
            for assignment in parts.dropFirst() {
                let pair = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, !pair[0].isEmpty else {
                    throw fail(item, "options are written NAME:KEY=VALUE, e.g. rosenbrock:dimension=8")
                }
                options[pair[0]] = OptionValue(parsing: pair[1])
            }
            var entries = [EntrySpec(name, options: options)]
            if let command = commands[name] {
                entries = [
                    EntrySpec(
                        "external", label: EntrySpec.defaultLabel(name: name, options: options),
                        options: options.merging(["command": .string(command)]) { given, _ in given })
                ]
            } else if kind == .problem, !registry.problems.contains(where: { $0.name == name }),
                let suite = try? registry.suite(named: name)
            {
                // A suite stands for its problems; options given to it go to each, and into each label.
                entries = suite.problems(with: options)
            }
            for spec in entries {
                do {
                    _ = try kind == .optimizer ? registry.optimizerOptions(spec) : registry.problemOptions(spec)
                } catch {
                    throw fail(item, (entries.count > 1 ? "problem '\(spec.label)': " : "") + "\(error)")
                }
                guard EntrySpec.isValidLabel(spec.label) else {
                    throw fail(
                        item, "the options go into the label '\(spec.label)', which names files: \(EntrySpec.optionTextRule)")
                }
            }
            specs += entries
        }
        var seen: Set<String> = []
        for spec in specs where !seen.insert(spec.label).inserted {
            throw fail(spec.label, "'\(spec.label)' is listed twice")
        }
        return specs
    }
}
