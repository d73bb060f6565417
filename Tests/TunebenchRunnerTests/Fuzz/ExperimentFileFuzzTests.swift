import Foundation
import Testing
import Tunebench

@testable import TunebenchRunner

/// Fuzzes ``ExperimentFile/parse(_:file:defaultName:registry:)`` with 100,000 inputs (``FuzzCampaign``): mutations
/// of the committed experiment files, of the example of its documentation and of small examples, and experiments
/// generated with registry names, options of the right and wrong types and ranges, suites and plugin commands.
///
/// Every input must give an experiment or a ``RunnerError`` whose message is one line naming the file and either
/// the field or the line and column; an accepted experiment must read back from its canonical form unchanged.
struct ExperimentFileFuzzTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The built-in registry with the plugins declared under `Plugins/` (their manifests are read, nothing is run),
    /// which the committed experiments name.
    static let registry: Registry = {
        var registry = Registry.builtin
        _ = PluginCatalog.discover(in: packageRoot.appendingPathComponent("Plugins")).register(into: &registry)
        return registry
    }()

    /// The committed experiment files, compacted (so that inputs stay small), the example of `ExperimentFile`'s
    /// documentation, and small examples of every form of entry.
    static let corpus: [[UInt8]] = {
        let results = packageRoot.appendingPathComponent("Results")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: results.path))?.sorted() ?? []
        let committed = folders.compactMap { folder -> [UInt8]? in
            guard
                let data = FileManager.default.contents(
                    atPath: results.appendingPathComponent("\(folder)/experiment.json").path
                ),
                let value = try? JSONValue.parse(data)
            else { return nil }
            return FuzzNode(value).bytes
        }
        let examples = [
            #"""
            {"name": "my-experiment", "description": "free text, optional", "seed": 0, "repetitions": 10, "budget": 100,
             "cost-budget": 33.5,
             "optimizers": ["random", {"name": "sobol", "label": "sobol-plain", "options": {"scramble": false}}],
             "problems": ["branin", {"name": "rosenbrock", "options": {"dimension": 4}}, {"suite": "ml"}]}
            """#,
            #"{"optimizers": ["random"], "problems": ["branin"]}"#,
            #"{"optimizers": [{"command": "python3 my_solver.py", "label": "mine"}], "problems": ["classic"], "seed": 7}"#,
            #"{"optimizers": ["tpe", "gp"], "problems": [{"name": "branin", "label": "b", "options": {"noise": 0.1}}], "budget": 20}"#,
            #"{"name": "n", "optimizers": ["cmaes"], "problems": [{"suite": "ml"}], "cost-budget": 5.5}"#,
            #"{"optimizers": ["random", "sobol"], "problems": ["hartmann6"], "repetitions": 3, "description": "d"}"#,
            #"{"optimizers": [{"name": "gp", "label": "gp-ucb-2", "options": {"acquisition": "ucb"}}], "problems": ["levy"]}"#,
            #"{"optimizers": ["hyperband"], "problems": [{"name": "ackley", "options": {"dimension": 3}}], "seed": 1}"#,
        ]
        return committed + examples.map { Array($0.utf8) }
    }()

    static let optimizerNames = registry.optimizers.map(\.name)
    static let problemNames = registry.problems.map(\.name)
    static let suiteNames = registry.suites.map(\.name)
    /// The option specs of every entry, by kind and name.
    static let optionSpecs: [String: [OptionSpec]] = Dictionary(
        uniqueKeysWithValues: registry.optimizers.map { ("optimizer \($0.name)", $0.options) }
            + registry.problems.map { ("problem \($0.name)", $0.options) }
    )

    static let fuzzer = JSONFuzzer<String>(
        corpus: corpus.map { ("experiment", $0) },
        keys: ExperimentFile.topLevelFields + ["suite", "command", "label", "options", "name"],
        words: optimizerNames + problemNames + suiteNames + ["random-", "brannin", "classic:noise=0.1"],
        generate: { random in ("experiment", generateExperiment(&random)) }
    )

    @Test func oneHundredThousandInputsGiveAnExperimentOrAClearError() {
        let campaign = FuzzCampaign()
        let tally = campaign.run(Self.fuzzer) { input in Self.check(input.bytes) }
        campaign.expectClean(tally, decoder: "ExperimentFile.parse")
    }

    @Test func theCorpusIsValid() throws {
        for document in Self.corpus {
            if case .failure(let reason) = Self.check(document) {
                Issue.record("\(String(decoding: document, as: UTF8.self)): \(reason)")
            }
            _ = try ExperimentFile.parse(
                Data(document),
                file: "corpus.json",
                defaultName: "corpus",
                registry: Self.registry
            )
        }
        #expect(Self.corpus.count >= 10)
    }

    /// The fuzz property for one input.
    static func check(_ bytes: [UInt8]) -> FuzzCampaign.Verdict {
        let experiment: Experiment
        do {
            experiment = try ExperimentFile.parse(
                Data(bytes),
                file: "fuzz.json",
                defaultName: "fuzz",
                registry: registry
            )
        } catch let error as RunnerError {
            let message = "\(error)"
            if let problem = FuzzCampaign.unclear(message) { return .failure(problem) }
            guard message.hasPrefix("fuzz.json: ") else {
                return .failure("the message does not name the file: \(message)")
            }
            switch error {
            case .unreadableExperiment:
                guard FuzzCampaign.namesLineAndColumn(message) else {
                    return .failure("a syntax error without line and column: \(message)")
                }
                return .outcome(.syntax)
            case .invalidExperiment(_, let field, _, _):
                guard !field.isEmpty, message.contains("field '\(field)'") else {
                    return .failure("a validation error without a field: \(message)")
                }
                return .outcome(.validation)
            default:
                return .failure("an error of an undocumented kind: \(message)")
            }
        } catch {
            return .failure("threw \(type(of: error)) (\(error)), not a RunnerError")
        }
        do {
            let again = try ExperimentFile.parse(
                ExperimentFile.encode(experiment),
                file: "canonical.json",
                defaultName: "other",
                registry: registry
            )
            guard again == experiment else { return .failure("its canonical form reads back as another experiment") }
        } catch {
            return .failure("its canonical form is refused: \(error)")
        }
        return .outcome(.accepted)
    }

    // MARK: - Generation

    /// An experiment with the right keys: names of the registry, options of the entries (mostly valid values, some
    /// out of range or of the wrong type), suites, plugin commands, labels; every field sometimes strange.
    static func generateExperiment(_ random: inout FuzzRandom) -> FuzzNode {
        var members: [(key: String, value: FuzzNode)] = []
        func maybe(_ key: String, _ probability: Double, _ value: (inout FuzzRandom) -> FuzzNode) {
            guard random.chance(probability) else { return }
            members.append((key, random.chance(0.9) ? value(&random) : fuzzer.strangeValue(&random)))
        }
        maybe("name", 0.4) { .string($0.pick(["run-1", "peers", "a.b_c+d=e", "x", ".hidden", "a/b", ""])) }
        maybe("description", 0.2) { .string($0.pick(["free text", "", "line\nbreak", "\u{202E}"])) }
        maybe("seed", 0.4) { .token($0.pick(["0", "7", "1.0", "9223372036854775807", "-1", "1e15", "1e14"])) }
        maybe("repetitions", 0.4) { .token($0.pick(["1", "10", "100000", "100001", "0", "2.0", "2.5"])) }
        maybe("budget", 0.4) { .token($0.pick(["1", "100", "100000000", "100000001", "0", "-5"])) }
        maybe("cost-budget", 0.2) { .token($0.pick(["33.5", "1", "1e-300", "0", "-1", "1e308"])) }
        maybe("optimizers", 0.97) { random in
            .array((0..<random.integer(in: 0...3)).map { _ in entry(.optimizer, &random) })
        }
        maybe("problems", 0.97) { random in
            .array((0..<random.integer(in: 0...3)).map { _ in entry(.problem, &random) })
        }
        return .object(members)
    }

    /// An entry of a list: a name, a suite, an object with name, label and options, or a plugin command.
    static func entry(_ kind: EntryKind, _ random: inout FuzzRandom) -> FuzzNode {
        let names = kind == .optimizer ? optimizerNames : problemNames
        let name = random.chance(0.95) ? random.pick(names) : random.pick(["randm", "branin-", "classic", "ml"])
        switch random.below(kind == .problem ? 5 : 4) {
        case 0:
            return .string(name)
        case 1:
            return .object([
                ("command", .string(random.pick(["python3 s.py", "'unterminated", ""]))), ("label", .string("mine")),
            ])
        case 4:
            return .object([("suite", .string(random.chance(0.9) ? random.pick(suiteNames) : "nope"))])
        default:
            var members: [(key: String, value: FuzzNode)] = [("name", .string(name))]
            if random.chance(0.3) {
                members.append(("label", .string(random.pick(["l1", "l2", "random", "bad label"]))))
            }
            let specs = optionSpecs["\(kind.rawValue) \(name)"] ?? []
            if !specs.isEmpty, random.chance(0.8) {
                members.append(
                    (
                        "options",
                        .object((0..<random.integer(in: 1...2)).map { _ in option(random.pick(specs), &random) })
                    )
                )
            }
            return .object(members)
        }
    }

    /// A value for an option: usually of its kind and in range, sometimes just outside, sometimes another type.
    static func option(_ spec: OptionSpec, _ random: inout FuzzRandom) -> (key: String, value: FuzzNode) {
        let value: FuzzNode
        switch (spec.kind, random.below(10)) {
        case (_, 9):
            value = fuzzer.strangeValue(&random)
        case (.integer(let range), let k):
            let low = max(range.lowerBound, -1000)
            let high = min(range.upperBound, low + 1000)
            value = .token("\(k == 8 ? range.upperBound &+ 1 : random.integer(in: low...high))")
        case (.integerChoice(let values), let k):
            value = .token("\(k == 8 ? values.max()! + 1 : random.pick(values))")
        case (.real(let range), let k):
            let low = range.lowerBound.isFinite ? range.lowerBound : -10
            let high = range.upperBound.isFinite ? range.upperBound : 10
            value = .token("\(k == 8 ? high * 2 + 1 : low + (high - low) * random.generator.nextUnit())")
        case (.choice(let words), let k):
            value = .string(k == 8 ? "other" : random.pick(words))
        case (.bool, _):
            value = .token(random.chance(0.5) ? "true" : "false")
        case (.text, _):
            value = .string(random.pick(["python3 x.py", "", "a b 'c'"]))
        }
        return (random.chance(0.95) ? spec.name : spec.name + "s", value)
    }
}
