import ArgumentParser
import Tunebench

/// `tunebench list`: every optimizer, problem and suite with its options.
struct ListCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the optimizers, problems and suites, with their options and defaults."
    )

    enum Section: String, ExpressibleByArgument, CaseIterable {
        case optimizers, problems, suites
    }

    @Argument(help: "Show only this section: \(Section.allCases.map(\.rawValue).joined(separator: ", ")).")
    var section: Section?

    @Flag(help: "Print only the names, one per line.")
    var names = false

    mutating func run(registry: Registry) throws {
        var text = ""
        if section == nil || section == .optimizers {
            text += names ? "" : "OPTIMIZERS\n"
            for entry in registry.optimizers {
                text += names ? entry.name + "\n" : Self.describe(entry.name, entry.summary, entry.options,
                    extra: "handles: " + entry.capabilities.names.joined(separator: ", "))
            }
        }
        if section == nil || section == .problems {
            text += names ? "" : "\nPROBLEMS\n"
            for entry in registry.problems {
                text += names ? entry.name + "\n" : Self.describe(entry.name, entry.summary, entry.options, extra: nil)
            }
        }
        if section == nil || section == .suites {
            text += names ? "" : "\nSUITES (use as a problem name)\n"
            for suite in registry.suites {
                text += names
                    ? suite.name + "\n"
                    : "  \(suite.name)\n      \(suite.summary)\n      problems: "
                        + suite.problems.map(\.label).joined(separator: ", ") + "\n"
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
}
