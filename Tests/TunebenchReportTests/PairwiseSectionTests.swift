import Testing

@testable import TunebenchReport

/// The pairwise section's words about Holm's families: the family of a problem is the comparisons made on it, so a
/// problem on which an optimizer has no runs has a smaller one, and the warning that nothing can be significant
/// comes only when that holds on every problem.
@Suite struct PairwiseSectionTests {
    /// `count` optimizers on `problem`, 10 repetitions, each optimizer below the next in every repetition (every
    /// comparison has the smallest p-value, 2/2¹⁰); `missing` of them have no runs.
    static func problem(_ name: String, optimizers count: Int, missing: Set<Int> = []) -> ProblemRuns {
        ProblemRuns(
            problem: name, metric: "regret", optimum: 0,
            optimizers: (0..<count).map { i in
                OptimizerRuns(
                    optimizer: "o\(i)",
                    runs: missing.contains(i)
                        ? [] : (0..<10).map { ReportFixtures.run($0, [(1, Double(100 * i + $0))]) },
                    evaluationMedian: 1)
            },
            repetitions: 10)
    }

    static func paragraphs(_ problems: [ProblemRuns]) -> [String] {
        var document = ReportDocument(title: "t")
        var output = ReportOutput()
        PairwiseSection.add(PairwiseTests.compute(problems), problems: problems.count, to: &document, output: &output)
        return document.blocks.compactMap {
            if case .paragraph(let text) = $0 { return text }
            return nil
        }
    }

    /// 8 optimizers on both problems: 28 tests each, 28 · 2/1024 ≈ 0.055 ≥ 0.05, so nothing can be significant.
    @Test func equalFamiliesGiveTheirSizeAndTheWarning() {
        let text = Self.paragraphs([Self.problem("a", optimizers: 8), Self.problem("b", optimizers: 8)])
        #expect(text[0].contains("Holm-corrected over the 28 pairs of optimizers of each problem, so"))
        #expect(text.contains {
            $0.hasPrefix("**With 10 paired repetitions and 28 tests per problem, no difference can reach significance**")
        })
    }

    /// On `b` one of the 8 has no runs: 21 tests, 21 · 2/1024 ≈ 0.041 < 0.05, so a difference there can be
    /// significant (and is: the matrix has wins), and the warning must not say otherwise.
    @Test func aSmallerFamilyOnOneProblemCanStillWin() {
        let problems = [Self.problem("a", optimizers: 8), Self.problem("b", optimizers: 8, missing: [7])]
        let text = Self.paragraphs(problems)
        #expect(text[0].contains("Holm-corrected over the pairs of optimizers compared on each problem (at most 28), so"))
        #expect(!text.contains { $0.contains("no difference can reach significance") })
        let tests = PairwiseTests.compute(problems)
        #expect(tests.comparisons.filter { $0.problem == "b" }.count == 21)
        #expect(tests.comparisons.filter { $0.problem == "b" }.allSatisfy { $0.outcome == .win })
    }

    /// On every problem nothing can pass: the warning says so without claiming one family size.
    @Test func unequalFamiliesThatAllFailGiveTheGeneralWarning() {
        let text = Self.paragraphs([Self.problem("a", optimizers: 9), Self.problem("b", optimizers: 9, missing: [8])])
        #expect(text.contains {
            $0.hasPrefix("**With at most 10 paired repetitions, no difference can reach significance on any problem**")
        })
    }
}
