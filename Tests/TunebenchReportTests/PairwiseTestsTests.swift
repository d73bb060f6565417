import Testing
import TunebenchReport

/// Against `pairwise()` and `minimum_attainable_p()` of `Tests/Scripts/report_statistics_reference.py`: SciPy 1.17.1
/// `mannwhitneyu(x, y, method="asymptotic", use_continuity=True)` and statsmodels 0.15.0
/// `multipletests(p, method="holm")` within each problem.
@Suite struct PairwiseTestsTests {
    /// Six repetitions, so that a win can survive the correction: a against c is separated (a win), a against b has
    /// a raw p-value of 0.030 but an adjusted one of 0.060 (Holm turns the win into a tie), b against c is a tie.
    static let separated = ProblemRuns(
        problem: "pairs", metric: "regret", optimum: 0,
        optimizers: [
            ("a", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
            ("b", [0.45, 0.5, 0.6, 0.8, 0.9, 1.0]),
            ("c", [0.65, 0.75, 0.85, 0.95, 1.05, 1.15]),
        ].map { label, finals in
            OptimizerRuns(
                optimizer: label,
                runs: finals.enumerated().map { ReportFixtures.run($0.offset, [(1, 2), (6, $0.element)]) },
                evaluationMedian: 2)
        },
        repetitions: 6)

    @Test func holmTurnsAWinIntoATie() {
        let result = PairwiseTests.compute([Self.separated])
        #expect(result.optimizers == ["a", "b", "c"])
        let rows = result.comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["a-b", "a-c", "b-c"])
        #expect(rows.map(\.statistic) == [4, 0, 9])
        #expect(close(rows.map(\.p), [0.030057756930680038, 0.005074868097940253, 0.1734854683214785]))
        #expect(close(rows.map(\.adjustedP), [0.060115513861360076, 0.015224604293820759, 0.1734854683214785]))
        #expect(rows.map(\.outcome) == [.tie, .win, .tie])
        #expect(rows[0].p < 0.05)
        #expect(abs(rows[1].firstMedian - 0.35) < 1e-15 && abs(rows[1].secondMedian - 0.9) < 1e-15)
        #expect(result.matrix[0][2] == PairwiseTests.Tally(wins: 1))
        #expect(result.matrix[2][0] == PairwiseTests.Tally(losses: 1))
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 1))
        #expect(result.matrix[1][1] == PairwiseTests.Tally())
        // Without the correction's cost (alpha above the adjusted p-value) a against b is a win again.
        #expect(PairwiseTests.compute([Self.separated], alpha: 0.07).comparisons[0].outcome == .win)
    }

    /// Each problem is its own family: the fixtures' three problems give three families of three, and `pairs` keeps
    /// the adjusted p-values (and a against c its win) that it has alone.
    @Test func theFamilyIsTheComparisonsOfOneProblem() {
        let result = PairwiseTests.compute(ReportFixtures.problems + [Self.separated])
        #expect(result.optimizers == ReportFixtures.optimizers + ["a", "b", "c"])
        let rows = result.comparisons
        #expect(rows.count == 12)
        #expect(rows.map(\.problem) == Array(repeating: "sphere", count: 3) + Array(repeating: "svm", count: 3)
            + Array(repeating: "flat", count: 3) + Array(repeating: "pairs", count: 3))
        #expect(rows[0].firstRuns == 4 && rows[0].secondRuns == 3)
        #expect(rows.map(\.statistic) == [12, 9.5, 3, 9, 5.5, 0, 2, 2, 2, 4, 0, 9])
        #expect(close(rows.map(\.p), [
            0.05182992721790968, 0.7715034091403082, 0.376759117811582, 0.08085559837005224, 0.8247780950825133,
            0.08085559837005224, 1, 1, 1, 0.030057756930680038, 0.005074868097940253, 0.1734854683214785,
        ]))
        // statsmodels multipletests(p, method="holm")[1], problem by problem
        #expect(close(rows.map(\.adjustedP), [
            0.15548978165372904, 0.7715034091403082, 0.753518235623164, 0.24256679511015672, 0.8247780950825133,
            0.24256679511015672, 1, 1, 1, 0.060115513861360076, 0.015224604293820759, 0.1734854683214785,
        ]))
        #expect(rows.map(\.outcome) == Array(repeating: .tie, count: 10) + [.win, .tie])
        #expect(result.matrix[3][5] == PairwiseTests.Tally(wins: 1))
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 3))
        #expect(result.matrix[0][3] == PairwiseTests.Tally())
        #expect(rows[9...] == PairwiseTests.compute([Self.separated]).comparisons[...])
    }

    /// The smallest p-value of `n1` runs against `n2`, fully separated and untied, against
    /// `mannwhitneyu(range(n1), range(n1, n1 + n2), method="asymptotic")` (`minimum_attainable_p()` of the script).
    @Test func minimumAttainablePIsThatOfSeparatedSamples() {
        let sizes = [(2, 2), (4, 3), (6, 6), (10, 10), (5, 20)]
        let expected = [
            0.2452781168067728, 0.05182992721790968, 0.005074868097940253, 0.00018267179110955002,
            0.0007713869357615689,
        ]
        #expect(close(sizes.map { PairwiseTests.minimumAttainableP($0.0, $0.1) }, expected))
        #expect(PairwiseTests.minimumAttainableP(3, 4) == PairwiseTests.minimumAttainableP(4, 3))
        #expect(PairwiseTests.minimumAttainableP(1, 1) == 1 && PairwiseTests.minimumAttainableP(0, 5) == 1)
        // Ties within the samples can go lower: mannwhitneyu([0.0] * 10, [1.0] * 10, method="asymptotic").pvalue.
        let tied = ProblemRuns(
            problem: "tied", metric: "regret", optimum: 0,
            optimizers: [0.0, 1.0].map { final in
                OptimizerRuns(
                    optimizer: "\(final)", runs: (0..<10).map { ReportFixtures.run($0, [(1, final)]) },
                    evaluationMedian: 1)
            },
            repetitions: 10)
        let p = PairwiseTests.compute([tied]).comparisons.map(\.p)
        #expect(close(p, [1.5937911688066244e-05], tolerance: 1e-15))
        #expect(p[0] < PairwiseTests.minimumAttainableP(10, 10))
        // No comparison in `separated` can beat its own separated pair (a against c).
        #expect(PairwiseTests.compute([Self.separated]).comparisons.allSatisfy {
            $0.p >= PairwiseTests.minimumAttainableP($0.firstRuns, $0.secondRuns) - 1e-15
        })
    }

    /// The review's case: 12 optimizers × 21 problems with 10 runs each, every pair fully separated. Over the 1386
    /// tests at once Holm would adjust every p-value to 0.2532 (no win at all); within a problem's 66 tests it is
    /// 0.01206 and every comparison is a win.
    /// `multipletests([p] * 66, method="holm")[1]` with `p = mannwhitneyu(range(10), range(10, 20),
    /// method="asymptotic").pvalue` (statsmodels 0.15.0, SciPy 1.17.1); `[p] * 1386` gives 0.2531831024778363.
    @Test func separatedRunsAreSignificantInALargeReport() {
        let labels = (0..<12).map { "o\($0)" }
        let problems = (0..<21).map { problem in
            ProblemRuns(
                problem: "p\(problem)", metric: "regret", optimum: 0,
                optimizers: labels.indices.map { i in
                    OptimizerRuns(
                        optimizer: labels[i],
                        runs: (0..<10).map { ReportFixtures.run($0, [(1, Double(10 * i + $0))]) }, evaluationMedian: 1)
                },
                repetitions: 10)
        }
        let result = PairwiseTests.compute(problems)
        #expect(result.comparisons.count == 1386)
        #expect(result.comparisons.allSatisfy { abs($0.adjustedP - 0.012056338213230301) < 1e-12 })
        #expect(result.comparisons.allSatisfy { $0.outcome == .win })
        #expect(result.matrix[0][11] == PairwiseTests.Tally(wins: 21))
        #expect(1386 * PairwiseTests.minimumAttainableP(10, 10) >= 0.05)
    }

    @Test func optimizersWithFewerThanTwoRunsAreNotCompared() {
        var few = ReportFixtures.sphere
        few.optimizers[1].runs = [few.optimizers[1].runs[0]]
        let rows = PairwiseTests.compute([few]).comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["random-cmaes"])
    }
}
