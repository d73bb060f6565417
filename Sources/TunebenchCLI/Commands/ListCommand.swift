import ArgumentParser
import Foundation
import Tunebench

/// `tunebench list [SECTION | NAME]`: every optimizer, problem, suite and plugin on one line each, or entries in
/// full with their options.
struct ListCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the optimizers, problems, suites and plugins; show an entry's options and defaults.",
        discussion: """
            `tunebench list` prints one line per entry: its name, what it handles, and its summary. For an \
            optimizer, what it handles is the parameter kinds it can search (any: real, integer, categorical, \
            conditional and log-scale) and whether it chooses fidelity levels (multi-fidelity); for a problem, its \
            space with the default options: dimension, parameter kinds and fidelity levels; for a suite, how many \
            problems it has; for a plugin, its kind and whether it can start here, and when not, the command that \
            fixes it and the reason.

            `tunebench list NAME` prints the entry NAME in full: its summary, what it handles, and each option with \
            its default, the values it accepts and what it does. Options are given as NAME:KEY=VALUE in \
            --optimizers and --problems, or in an experiment file. A name that is both an optimizer and a \
            problem (external) shows both. `tunebench list --verbose` prints every entry in full.

            A SECTION (optimizers, problems, suites or plugins) lists only that section, compact or with \
            --verbose; --names prints only its names (every section's without SECTION), one per line. A section \
            name is always taken as the section.

            Plugins are read from ./Plugins (or --plugins DIR). Each plugin's check command is run, and a plugin \
            that cannot start is shown with the reason and the command that fixes it.
            """
    )

    enum Section: String, CaseIterable {
        case optimizers, problems, suites, plugins
    }

    @Argument(
        help: ArgumentHelp(
            "A section to list (\(Section.allCases.map(\.rawValue).joined(separator: ", "))), or the name of an entry "
                + "to show in full.",
            valueName: "section-or-name"))
    var name: String?

    @Flag(name: .shortAndLong, help: "Print every entry in full, with its options.")
    var verbose = false

    @Flag(help: "Print only the names, one per line.")
    var names = false

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        if names && verbose { throw ValidationError("--names and --verbose exclude each other; choose one") }
        if names, let name, Section(rawValue: name) == nil {
            throw ValidationError(
                "--names lists the names of a section (\(Section.allCases.map(\.rawValue).joined(separator: ", "))), "
                    + "not of '\(name)'; leave it out to see '\(name)' in full")
        }
    }

    mutating func run(registry: Registry) throws {
        let listing = RegistryListing(
            registry: registry, catalog: try plugins.catalog(), pluginFolder: plugins.directory ?? "./Plugins")
        if let name, Section(rawValue: name) == nil {
            guard let text = listing.full(named: name) else {
                let suggestion = NearestName.suggestion(
                    for: name, among: Section.allCases.map(\.rawValue) + listing.allNames)
                throw ValidationError(
                    "'\(name)' is no optimizer, problem, suite, plugin or section"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (`tunebench list` shows every name)")
            }
            print(text, terminator: "")
            return
        }
        let sections = name.flatMap(Section.init(rawValue:)).map { [$0] } ?? Section.allCases
        if names {
            print(sections.map { Self.names(of: $0, in: listing) }.joined(), terminator: "")
            return
        }
        let texts = sections.map { section -> String in
            switch (section, verbose) {
            case (.optimizers, false): listing.compactOptimizers()
            case (.optimizers, true): listing.fullOptimizers()
            case (.problems, false): listing.compactProblems()
            case (.problems, true): listing.fullProblems()
            case (.suites, false): listing.compactSuites()
            case (.suites, true): listing.fullSuites()
            case (.plugins, false): listing.compactPlugins()
            case (.plugins, true): listing.fullPlugins()
            }
        }
        var text = texts.joined(separator: "\n")
        if !verbose {
            text += "\n`tunebench list NAME` shows an entry's options and defaults; --verbose shows every entry's.\n"
        }
        print(text, terminator: "")
    }

    /// The names of a section, one per line.
    static func names(of section: Section, in listing: RegistryListing) -> String {
        let names =
            switch section {
            case .optimizers: listing.optimizers.map(\.name)
            case .problems: listing.problems.map(\.name)
            case .suites: listing.registry.suites.map(\.name)
            case .plugins: listing.catalog.manifests.map(\.name)
            }
        return names.map { $0 + "\n" }.joined()
    }
}
