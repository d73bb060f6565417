import Foundation
import Testing
import TunebenchCore
import TunebenchRunner

struct ExperimentFileTests {
    private func parse(_ json: String) throws -> Experiment {
        try ExperimentFile.parse(Data(json.utf8), file: "exp.json", defaultName: "folder", registry: Fixtures.registry)
    }

    /// The message of the error thrown when parsing `json`.
    private func message(_ json: String) -> String {
        do {
            _ = try parse(json)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func fullFileIsRead() throws {
        let experiment = try parse(
            """
            {"name": "mine", "description": "d", "seed": 7, "repetitions": 3, "budget": 50,
             "optimizers": ["scripted", {"name": "thrower", "label": "t"}],
             "problems": [{"name": "faulty", "options": {"at": 3, "fault": "error"}}, {"suite": "pair"}]}
            """)
        #expect(experiment.name == "mine" && experiment.seed == 7 && experiment.repetitions == 3 && experiment.budget == 50)
        #expect(experiment.optimizers.map(\.label) == ["scripted", "t"])
        #expect(experiment.problems.map(\.label) == ["faulty-at3-faulterror", "identity", "nan"])
        #expect(experiment.problems[0].options == ["at": .integer(3), "fault": .string("error")])
    }

    /// A suite entry may give options: they go to each of its problems and into each label, as on the command line.
    @Test func suiteOptionsGoToEachProblem() throws {
        let json = #"""
            {"optimizers": ["random"], "problems": [{"suite": "classic", "options": {"noise": 0.5}},
             {"suite": "classic", "options": {"noise": 1}}]}
            """#
        let experiment = try ExperimentFile.parse(Data(json.utf8), file: "exp.json", defaultName: "f", registry: .builtin)
        let classic = try Registry.builtin.suite(named: "classic").problems
        #expect(experiment.problems.count == 2 * classic.count)
        #expect(experiment.problems[0].label == "branin-noise0.5" && experiment.problems[0].options == ["noise": .real(0.5)])
        #expect(experiment.problems[classic.count].label == "branin-noise1")
        #expect(experiment.problems.map(\.label) == ["-noise0.5", "-noise1"].flatMap { s in classic.map { $0.label + s } })

        func message(_ json: String) -> String {
            do {
                _ = try ExperimentFile.parse(Data(json.utf8), file: "exp.json", defaultName: "f", registry: .builtin)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        // A comma in an option's value (an instance list) becomes '+' in the labels, which name files.
        let listed = try ExperimentFile.parse(
            Data(#"{"optimizers": ["random"], "problems": [{"suite": "bbob", "options": {"dimension": 2, "instances": "1-5,101-110"}}]}"#.utf8),
            file: "exp.json", defaultName: "f", registry: .builtin)
        #expect(listed.problems[0].label == "bbob-f01-dimension2-instances1-5+101-110")
        #expect(listed.problems[0].options["instances"] == .string("1-5,101-110"))

        // An option one of the suite's problems lacks names that problem.
        #expect(message(#"{"optimizers": ["random"], "problems": [{"suite": "classic", "options": {"instance": "canonical"}}]}"#)
            .contains("field 'problems[0].options' is an object: problem 'branin-mixed-instancecanonical': 'branin-mixed' has no option 'instance'"))
        #expect(message(#"{"optimizers": ["random"], "problems": [{"suite": "classic", "option": {}}]}"#)
            .contains("did you mean 'options'?"))
        // Options that would give labels that cannot name files are refused here, at the suite's options (a suite
        // entry has no "label" to replace them), not when the canonical form is read back.
        for instances in ["1-8日本", "\\u0000", String(repeating: "a", count: 90)] {
            #expect(message(#"{"optimizers": ["random"], "problems": [{"suite": "bbob", "options": {"instances": "\#(instances)"}}]}"#)
                .contains("field 'problems[0].options' is an object: the options go into each problem's label"))
        }
    }

    @Test func defaultsApply() throws {
        let experiment = try parse(#"{"optimizers": ["scripted"], "problems": ["identity"]}"#)
        #expect(experiment.name == "folder" && experiment.seed == 0 && experiment.repetitions == 10 && experiment.budget == 100)
    }

    @Test func canonicalFormRoundTrips() throws {
        let experiment = try parse(
            #"{"seed": 3, "optimizers": ["scripted"], "problems": [{"name": "faulty", "options": {"at": 5}}, "identity"]}"#)
        let again = try ExperimentFile.parse(
            ExperimentFile.encode(experiment), file: "stored", defaultName: "other", registry: Fixtures.registry)
        #expect(again == experiment)
    }

    /// The simulated workers' fields: read, stored only when not the default, and checked.
    @Test func workerFieldsAreReadStoredAndChecked() throws {
        let experiment = try parse(
            #"{"optimizers": ["scripted"], "problems": ["identity"], "workers": 8, "mode": "synchronous", "#
                + #""time-budget": 90.5}"#)
        #expect(experiment.workers == WorkerSettings(workers: 8, mode: .synchronous, timeBudget: 90.5))
        let stored = String(decoding: ExperimentFile.encode(experiment), as: UTF8.self)
        #expect(stored.contains("\"workers\": 8") && stored.contains("\"time-budget\": 90.5"), "\(stored)")
        let again = try ExperimentFile.parse(
            ExperimentFile.encode(experiment), file: "stored", defaultName: "other", registry: Fixtures.registry)
        #expect(again == experiment)
        let sequential = try parse(#"{"optimizers": ["scripted"], "problems": ["identity"]}"#)
        #expect(!String(decoding: ExperimentFile.encode(sequential), as: UTF8.self).contains("workers"))
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "workers": 0}"#)
            == "exp.json: field 'workers' is 0: expected an integer in [1, 1000000]")
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "mode": "batch"}"#)
            == #"exp.json: field 'mode' is "batch": expected "asynchronous" or "synchronous""#)
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "time-budget": -1}"#)
            .contains("field 'time-budget' is -1: expected a positive number"))
        #expect(
            message(#"{"optimizers": ["scripted"], "problems": ["identity"], "workers": 2, "record": "improvements"}"#)
                .contains("field 'record' is \"improvements\": a run on simulated workers"))
    }

    @Test func errorsNameTheFileTheFieldAndTheValue() {
        #expect(message("{") .hasPrefix("exp.json: is not valid JSON"))
        #expect(message("[]").contains("expected an object"))
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "repetition": 3}"#)
            == "exp.json: field 'repetition' is 3: unknown field; did you mean 'repetitions'? (fields: name, description, seed, repetitions, budget, budget-per-dimension, record, cost-budget, workers, mode, time-budget, ask-charge, optimizers, problems)")
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "repetitions": "ten"}"#)
            == #"exp.json: field 'repetitions' is "ten": expected an integer, found a string"#)
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "budget": 0}"#)
            == "exp.json: field 'budget' is 0: expected an integer in [1, 100000000]")
        #expect(message(#"{"optimizers": ["scripted"], "problems": ["identity"], "seed": -1}"#).contains("field 'seed' is -1"))
        #expect(message(#"{"problems": ["identity"]}"#).contains("field 'optimizers': is missing"))
        #expect(message(#"{"optimizers": [], "problems": ["identity"]}"#).contains("needs at least one optimizer"))
    }

    @Test func registryErrorsPointIntoTheLists() {
        #expect(message(#"{"optimizers": ["scripted", "scriptd"], "problems": ["identity"]}"#)
            .hasPrefix(#"exp.json: field 'optimizers[1]' is "scriptd": unknown optimizer 'scriptd'; did you mean 'scripted'?"#))
        #expect(message(#"{"optimizers": ["scripted"], "problems": [{"name": "identty"}]}"#)
            .hasPrefix(#"exp.json: field 'problems[0].name' is "identty": unknown problem"#))
        #expect(message(#"{"optimizers": ["scripted"], "problems": [{"name": "faulty", "options": {"att": 3}}]}"#)
            .hasPrefix("exp.json: field 'problems[0].options.att' is 3: 'faulty' has no option 'att'; did you mean 'at'?"))
        #expect(message(#"{"optimizers": ["scripted"], "problems": [{"name": "faulty", "options": {"fault": "fire"}}]}"#)
            == #"exp.json: field 'problems[0].options.fault' is "fire": option 'fault' of 'faulty' is 'fire'; expected one of 'nan', 'error'"#)
        #expect(message(#"{"optimizers": ["scripted"], "problems": [{"suite": "pairs"}]}"#).contains("did you mean 'pair'?"))
        #expect(message(#"{"optimizers": ["scripted"], "problems": [{"name": "identity", "labl": "x"}]}"#)
            .contains("field 'problems[0].labl'"))
    }

    @Test func labelsMustBeUniqueAndUsableAsFileNames() {
        #expect(message(#"{"optimizers": ["scripted", "scripted"], "problems": ["identity"]}"#)
            .contains("label 'scripted' is already used by optimizers[0]"))
        #expect(message(#"{"optimizers": [{"name": "scripted", "label": "a/b"}], "problems": ["identity"]}"#)
            .contains("field 'optimizers[0].label' is \"a/b\""))
        #expect(message(#"{"name": "../up", "optimizers": ["scripted"], "problems": ["identity"]}"#).contains("field 'name'"))
    }

    @Test func missingFileIsNamed() {
        #expect(throws: RunnerError.self) {
            try ExperimentFile.load(URL(fileURLWithPath: "/nonexistent/exp.json"), registry: Fixtures.registry)
        }
    }

    @Test func commandLineListsAreParsed() throws {
        let specs = try EntryList.parse("faulty:at=4:fault=error,pair", flag: "--problems", kind: .problem, registry: Fixtures.registry)
        #expect(specs.map(\.label) == ["faulty-at4-faulterror", "identity", "nan"])
        #expect(throws: RunnerError.self) {
            try EntryList.parse("scripted,,thrower", flag: "--optimizers", kind: .optimizer, registry: Fixtures.registry)
        }
        #expect(throws: RunnerError.self) {
            try EntryList.parse("faulty:at", flag: "--problems", kind: .problem, registry: Fixtures.registry)
        }
        #expect(throws: RunnerError.self) {
            try EntryList.parse("identity,identity", flag: "--problems", kind: .problem, registry: Fixtures.registry)
        }
        // Options that would give a label that cannot name files are refused with the label.
        #expect(throws: RunnerError.self) {
            try EntryList.parse("bbob:instances=1-8日本", flag: "--problems", kind: .problem, registry: .builtin)
        }
        let spaced = (try? EntryList.parse("bbob-f01:instances=1 2", flag: "--problems", kind: .problem, registry: .builtin))
        #expect(spaced?.map(\.label) == ["bbob-f01-instances1+2"])
    }
}
