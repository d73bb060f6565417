import Testing
import Tunebench

/// ``Experiment/problemDimensions(in:file:)``: each problem's dimension, or an error naming the experiment file and
/// the problem that cannot be built.
struct ProblemDimensionsTests {
    @Test func dimensionsOfTheProblemsOrTheFileAndFieldOfOneThatCannotBeBuilt() throws {
        var registry = Registry.builtin
        try registry.register(
            ProblemEntry(name: "broken", summary: "cannot be built") { _ in
                throw CoreError.invalidConfiguration(reason: "the fixture problem cannot be built")
            })
        let good = Experiment(
            name: "d", repetitions: 1, budget: 1, optimizers: [EntrySpec("random")],
            problems: [EntrySpec("hartmann3"), EntrySpec("branin")])
        let dimensions = try good.problemDimensions(in: registry, file: "/results/experiment.json")
        #expect(dimensions == ["hartmann3": 3, "branin": 2])
        var bad = good
        bad.problems.append(EntrySpec("broken", label: "cracked"))
        #expect {
            try bad.problemDimensions(in: registry, file: "/results/experiment.json")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("/results/experiment.json: field 'problems[2]' is \"cracked\": ")
                && text.contains("the fixture problem cannot be built")
        }
    }
}
