import Testing
import TunebenchCore

struct SearchSpaceConstructionTests {
    /// Builds a space expecting an error, and returns it.
    private func error(_ parameters: [Parameter]) -> CoreError? {
        do {
            _ = try SearchSpace(parameters)
            return nil
        } catch let error as CoreError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func emptySpaceIsRejected() {
        #expect(error([]) == .emptySpace)
    }

    @Test(arguments: [(1.0, 1.0), (2.0, 1.0)])
    func realLowerNotBelowUpperIsRejected(lower: Double, upper: Double) {
        let e = error([.real("lr", lower: lower, upper: upper)])
        guard case .invalidParameter(let name, let reason)? = e else {
            Issue.record("expected invalidParameter, got \(String(describing: e))")
            return
        }
        #expect(name == "lr")
        #expect(reason.contains("\(lower)") && reason.contains("\(upper)"))
    }

    @Test func integerLowerNotBelowUpperIsRejected() {
        #expect(error([.integer("n", lower: 5, upper: 5)]) != nil)
        #expect(error([.integer("n", lower: 6, upper: 5)]) != nil)
    }

    @Test func nonFiniteBoundsAreRejected() {
        #expect(error([.real("x", lower: -.infinity, upper: 0)]) != nil)
        #expect(error([.real("x", lower: 0, upper: .nan)]) != nil)
    }

    @Test(arguments: [0.0, -1.0])
    func logScaleNeedsPositiveLowerBound(lower: Double) {
        let e = error([.real("rate", lower: lower, upper: 1, scale: .log)])
        #expect(e?.description.contains("log scale needs a positive lower bound") == true)
        #expect(error([.integer("k", lower: Int(lower), upper: 10, scale: .log)]) != nil)
    }

    @Test func emptyAndDuplicateChoicesAreRejected() {
        #expect(error([.categorical("c", choices: [])])?.description.contains("at least one choice") == true)
        #expect(error([.categorical("c", choices: ["a", "b", "a"])])?.description.contains("'a' appears twice") == true)
    }

    @Test func duplicateNamesAreRejected() {
        #expect(error([.real("x", lower: 0, upper: 1), .integer("x", lower: 0, upper: 3)]) == .duplicateParameter(name: "x"))
    }

    @Test func conditionOnUnknownParentIsRejected() {
        let e = error([.real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: ["linear"]))])
        #expect(e == .unknownParent(parameter: "alpha", parent: "model"))
        #expect(e?.description.contains("'model'") == true)
    }

    @Test func conditionOnLaterParentIsRejected() {
        let e = error([
            .real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: ["linear"])),
            .categorical("model", choices: ["linear"]),
        ])
        #expect(e == .unknownParent(parameter: "alpha", parent: "model"))
    }

    @Test func conditionOnNumericParentOrUnknownChoiceIsRejected() {
        #expect(
            error([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1, when: .init(parent: "x", values: ["a"]))])?
                .description.contains("not a categorical") == true)
        let unknownChoice = error([
            .categorical("model", choices: ["linear", "forest"]),
            .real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: ["svm"])),
        ])
        #expect(unknownChoice?.description.contains("'svm' is not a choice of 'model'") == true)
        #expect(
            error([
                .categorical("model", choices: ["linear"]),
                .real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: [])),
            ]) != nil)
    }

    @Test func validSpaceReportsItsCapabilities() throws {
        let space = try SearchSpace([
            .categorical("model", choices: ["linear", "forest"]),
            .real("alpha", lower: 1e-6, upper: 1, scale: .log, when: .init(parent: "model", values: ["linear"])),
            .integer("trees", lower: 1, upper: 100, when: .init(parent: "model", values: ["forest"])),
        ])
        #expect(space.dimension == 3)
        #expect(space.isConditional)
        #expect(space.requiredCapabilities == [.categorical, .real, .integer, .logScale, .conditional])
        #expect(space.index(of: "trees") == 2)
    }
}
