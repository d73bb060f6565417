import ArgumentParser
import Foundation
import Testing

@testable import TunebenchCLI

/// A negative number after a numeric option is its value (`--budget -5`), so that the user reads why it is refused
/// rather than `Missing value for '--budget <budget>'`; every numeric option of every subcommand is declared with
/// `parsing: .unconditional`.
struct NumericOptionTests {
    /// The message and exit status of `tunebench ARGUMENTS`, parsed in this process (nothing runs).
    private func refusal(_ arguments: [String]) -> (status: Int32, message: String)? {
        do {
            _ = try TunebenchCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return (TunebenchCommand.exitCode(for: error).rawValue, TunebenchCommand.message(for: error))
        }
    }

    @Test func negativeValuesOfRunOptionsGetTheirOwnMessage() {
        let expected = [
            (["--budget", "-5"], "--budget must be in 1...100000000, got -5"),
            (["--repetitions", "-5"], "--repetitions must be in 1...100000, got -5"),
            (["--seed", "-3"], "--seed must be non-negative, got -3"),
            (["--jobs", "-2"], "--jobs must be in [1, 1024], got -2"),
            (["--cost-budget", "-0.5"], "--cost-budget must be a positive number, got -0.5"),
            (["--workers", "-5"], "--workers must be an integer in [1, 1000000], got -5"),
            (["--time-budget", "-5"], "--time-budget must be a positive number of simulated seconds, got -5.0"),
            (["--ask-charge", "-5"], "--ask-charge must be a number of simulated seconds, 0 or more, got -5.0"),
            (["--alpha", "-1e-3"], "--alpha must be in (0, 1), got -0.001"),
        ]
        for (arguments, message) in expected {
            let refused = refusal(["run"] + arguments)
            #expect(refused?.status == 64 && refused?.message == message, "\(arguments): \(String(describing: refused))")
        }
        let slurm = refusal(["slurm", "x.json", "--output", "out", "--shards", "-2"])
        #expect(slurm?.status == 64 && slurm?.message == "--shards must be in [1, 10000], got -2")
        let compare = refusal(["compare", "folder", "--min-change", "-0.1"])
        #expect(compare?.status == 64 && compare?.message == "--min-change must be >= 0, got -0.1")
        // A forgotten value still reads as one: the next option is named as the value.
        let forgotten = refusal(["run", "--budget", "--seed", "3"])
        #expect(forgotten?.status == 64 && forgotten?.message == "The value '--seed' is invalid for '--budget <budget>'")
    }

    @Test func theExecutablePrintsTheRealMessage() throws {
        let result = try CommandRunner.run("tunebench", ["run", "--budget", "-5"])
        #expect(result.status == 64)
        #expect(result.errors.hasPrefix("Error: --budget must be in 1...100000000, got -5\n"), "\(result.errors)")
    }

    /// Arguments that satisfy each command's other required inputs: options first, then positionals (which
    /// `plugin check` and `bench plugin` take after `--`).
    private static let required: [String: (options: [String], positionals: [String])] = [
        "aggregate": ([], ["folder"]), "merge": ([], ["out", "shard"]), "report": ([], ["folder"]),
        "compare": ([], ["folder"]), "slurm": (["--shards", "2", "--output", "out"], ["x.json"]),
        "plugin check": ([], ["--", "x"]), "bench plugin": ([], ["--", "x"]),
    ]

    /// The argument groups that commands include with `@OptionGroup`, by type name.
    private static let groups: [String: any ParsableArguments.Type] = [
        "ReportOptions": ReportOptions.self, "PluginOptions": PluginOptions.self,
    ]

    /// The numeric options (`Int`, `Double`, optional or not) of a command or group, as flags: `costBudget` is
    /// `--cost-budget`.
    private static func numericOptions(of type: any ParsableArguments.Type) throws -> [String] {
        var flags: [String] = []
        for child in Mirror(reflecting: type.init()).children {
            let wrapper = String(describing: Swift.type(of: child.value))
            guard let label = child.label?.dropFirst() else { continue }
            if wrapper.hasPrefix("OptionGroup<") {
                let name = String(wrapper.dropFirst("OptionGroup<".count).dropLast())
                let group = try #require(groups[name], "add \(name) to NumericOptionTests.groups")
                flags += try numericOptions(of: group)
            } else if ["Option<Int>", "Option<Double>", "Option<Optional<Int>>", "Option<Optional<Double>>"]
                .contains(wrapper)
            {
                flags.append("--" + label.map { $0.isUppercase ? "-" + $0.lowercased() : String($0) }.joined())
            }
        }
        return flags
    }

    /// Every subcommand under `command`, with its path of names.
    private static func leaves(
        _ command: any ParsableCommand.Type, path: [String] = []
    ) -> [([String], any ParsableCommand.Type)] {
        let subcommands = command.configuration.subcommands
        if subcommands.isEmpty { return [(path, command)] }
        return subcommands.flatMap { leaves($0, path: path + [$0.configuration.commandName ?? ""]) }
    }

    @Test func everyNumericOptionTakesANegativeValue() throws {
        var checked = 0
        for (path, command) in Self.leaves(TunebenchCommand.self) {
            let (options, positionals) = Self.required[path.joined(separator: " ")] ?? ([], [])
            for flag in try Self.numericOptions(of: command) {
                // The required options but the one under test, which comes first.
                let others = stride(from: 0, to: options.count, by: 2).filter { options[$0] != flag }
                    .flatMap { options[$0...$0 + 1] }
                let arguments = path + [flag, "-5"] + others + positionals
                let refused = refusal(arguments)
                #expect(refused?.status == 64, "\(arguments) was accepted or failed otherwise: \(String(describing: refused))")
                let message = refused?.message ?? ""
                #expect(
                    message.contains(flag) && message.contains("-5") && !message.contains("Missing value"),
                    "\(arguments.joined(separator: " ")): \(message) (declare \(flag) with parsing: .unconditional)")
                checked += 1
            }
        }
        // run (8 and --alpha), slurm (2 and --alpha), aggregate, merge and report (--alpha), compare (2), plugin
        // check (1), bench harness (3), bench bbob (4), bench plugin (2), bench gp (1), bench problems (1),
        // bench sklearn (1), bench simulation (2), bench hypervolume (2).
        #expect(checked == 34)
    }
}
