import Testing
import TunebenchReport

/// Against `pairwise()`, `minimum_attainable_p()` and `holm_threshold()` of
/// `Tests/Scripts/report_statistics_reference.py`: SciPy 1.17.1 `wilcoxon(x, y)` with its defaults on the finals of
/// the repetitions complete on both sides, and statsmodels 0.15.0 `multipletests(p, method="holm")` within each
/// problem.
@Suite struct PairwiseTestsTests {
    static let finals: [(String, [Double])] = [
        ("a", [3, 4, 5, 6, 7, 8, 9, 10]),
        ("b", [0.5, 4.5, 6.5, 9, 10.5, 12, 13.5, 15]),
        ("c", [3.5, 4.25, 7, 8.25, 11.125, 11.125, 13.875, 14]),
    ]

    /// Eight repetitions, so that a win can survive the correction: a against c is lower in every repetition (a
    /// win), a against b has one positive difference, of rank 3, and a raw p-value of 0.039 but an adjusted one of
    /// 0.078 (Holm turns the win into a tie), b against c has mixed signs (a tie). `failed` leaves out those
    /// repetitions of each optimizer.
    static func pairs(failed: [String: Set<Int>] = [:]) -> ProblemRuns {
        ProblemRuns(
            problem: "pairs", metric: "regret", optimum: 0,
            optimizers: finals.map { label, values in
                OptimizerRuns(
                    optimizer: label,
                    runs: values.enumerated().filter { !(failed[label] ?? []).contains($0.offset) }.map {
                        ReportFixtures.run($0.offset, [(1, 20), (6, $0.element)])
                    },
                    evaluationMedian: 2)
            },
            repetitions: 8)
    }

    static let separated = pairs()

    @Test func holmTurnsAWinIntoATie() {
        let result = PairwiseTests.compute([Self.separated])
        #expect(result.optimizers == ["a", "b", "c"])
        let rows = result.comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["a-b", "a-c", "b-c"])
        #expect(rows.map(\.pairs) == [8, 8, 8] && rows.map(\.differences) == [8, 8, 8])
        #expect(rows.map(\.positiveRankSum) == [3, 0, 19] && rows.map(\.negativeRankSum) == [33, 36, 17])
        #expect(rows.map(\.statistic) == [3, 0, 17])
        #expect(rows.map(\.method) == [.exact, .exact, .exact])
        #expect(close(rows.map(\.p), [0.0390625, 0.0078125, 0.9453125]))
        #expect(close(rows.map(\.adjustedP), [0.078125, 0.0234375, 0.9453125]))
        #expect(rows.map(\.outcome) == [.tie, .win, .tie])
        #expect(rows[0].p < 0.05)
        #expect(rows[1].firstMedian == 6.5 && rows[1].secondMedian == 9.6875)
        #expect(result.matrix[0][2] == PairwiseTests.Tally(wins: 1))
        #expect(result.matrix[2][0] == PairwiseTests.Tally(losses: 1))
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 1))
        #expect(result.matrix[1][1] == PairwiseTests.Tally())
        // Without the correction's cost (alpha above the adjusted p-value) a against b is a win again.
        #expect(PairwiseTests.compute([Self.separated], alpha: 0.08).comparisons[0].outcome == .win)
    }

    /// Runs pair by repetition: a repetition that failed on either side leaves both out of that comparison only.
    @Test func onlyRepetitionsCompleteOnBothSidesArePaired() {
        let result = PairwiseTests.compute([Self.pairs(failed: ["b": [0, 1], "c": [7]])])
        let rows = result.comparisons
        #expect(rows.map(\.pairs) == [6, 7, 5])
        #expect(rows.map(\.positiveRankSum) == [0, 0, 9] && rows.map(\.negativeRankSum) == [21, 28, 6])
        #expect(close(rows.map(\.p), [0.03125, 0.015625, 0.8125]))
        #expect(close(rows.map(\.adjustedP), [0.0625, 0.046875, 0.8125]))
        #expect(rows.map(\.outcome) == [.tie, .win, .tie])
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
        // tpe's repetition 2 failed on sphere: 3 pairs with it, 4 without.
        #expect(rows.map(\.pairs) == [3, 4, 3, 3, 3, 3, 2, 2, 2, 8, 8, 8])
        #expect(rows.map(\.positiveRankSum) == [6, 6, 1, 6, 3, 0, 0, 0, 0, 3, 0, 19])
        #expect(rows.map(\.negativeRankSum) == [0, 0, 5, 0, 3, 6, 0, 0, 0, 33, 36, 17])
        // Every flat run ends at the optimum: no nonzero difference, p = 1 (SciPy: 1 up to 13 pairs).
        #expect(rows[6...8].allSatisfy { $0.differences == 0 })
        #expect(close(rows.map(\.p), [0.25, 0.25, 0.5, 0.25, 1, 0.25, 1, 1, 1, 0.0390625, 0.0078125, 0.9453125]))
        // statsmodels multipletests(p, method="holm")[1], problem by problem
        #expect(close(rows.map(\.adjustedP), [
            0.75, 0.75, 0.75, 0.75, 1, 0.75, 1, 1, 1, 0.078125, 0.0234375, 0.9453125,
        ]))
        #expect(rows.map(\.outcome) == Array(repeating: .tie, count: 10) + [.win, .tie])
        #expect(result.matrix[3][5] == PairwiseTests.Tally(wins: 1))
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 3))
        #expect(result.matrix[0][3] == PairwiseTests.Tally())
        #expect(rows[9...] == PairwiseTests.compute([Self.separated]).comparisons[...])
    }

    /// The smallest p-value of `n` pairs, all of one sign and untied, against
    /// `wilcoxon(np.arange(1.0, n + 1)).pvalue` (`minimum_attainable_p()` of the script): `2/2ⁿ` up to 50 pairs, the
    /// normal approximation beyond.
    @Test func minimumAttainablePIsThatOfOneSignedPairs() {
        let sizes = [2, 5, 6, 10, 12, 13, 14, 20, 50, 51, 60]
        let expected = [
            0.5, 0.0625, 0.03125, 0.001953125, 0.00048828125, 0.000244140625, 0.0001220703125, 1.9073486328125e-06,
            1.7763568394002505e-15, 5.145276051717656e-10, 1.6295557943119345e-11,
        ]
        #expect(close(sizes.map { PairwiseTests.minimumAttainableP($0) }, expected))
        #expect(PairwiseTests.minimumAttainableP(1) == 1 && PairwiseTests.minimumAttainableP(0) == 1)
        // No comparison in `separated` can beat the smallest p of its pairs.
        #expect(PairwiseTests.compute([Self.separated]).comparisons.allSatisfy {
            $0.p >= PairwiseTests.minimumAttainableP($0.pairs)
        })
        // Holm's threshold: 66 tests need 12 repetitions at 0.05, 28 need 11, 21 need 10, 276 need 14.
        #expect(PairwiseTests.pairsNeeded(comparisons: 66, alpha: 0.05) == 12)
        #expect(PairwiseTests.pairsNeeded(comparisons: 28, alpha: 0.05) == 11)
        #expect(PairwiseTests.pairsNeeded(comparisons: 21, alpha: 0.05) == 10)
        #expect(PairwiseTests.pairsNeeded(comparisons: 276, alpha: 0.05) == 14)
        #expect(PairwiseTests.pairsNeeded(comparisons: 1, alpha: 0.05) == 6)
    }

    /// The review's case, paired: 12 optimizers × 21 problems, every optimizer ending below the next in every
    /// repetition. With 10 repetitions no comparison can pass Holm within a problem's 66 tests (66 · 2/1024 =
    /// 0.129, `holm_threshold(66, 10)`), so the matrix is all ties; with 12 repetitions every comparison is a win
    /// (66 · 2/4096 = 0.0322, `holm_threshold(66, 12)`).
    @Test func tenRepetitionsCannotSeparateTwelveOptimizers() {
        func problems(repetitions: Int) -> [ProblemRuns] {
            let labels = (0..<12).map { "o\($0)" }
            return (0..<21).map { problem in
                ProblemRuns(
                    problem: "p\(problem)", metric: "regret", optimum: 0,
                    optimizers: labels.indices.map { i in
                        OptimizerRuns(
                            optimizer: labels[i],
                            runs: (0..<repetitions).map {
                                ReportFixtures.run($0, [(1, Double(100 * i + $0) + Double($0 * i) / 64)])
                            },
                            evaluationMedian: 1)
                    },
                    repetitions: repetitions)
            }
        }
        let ten = PairwiseTests.compute(problems(repetitions: 10))
        #expect(ten.comparisons.count == 1386)
        #expect(ten.comparisons.allSatisfy { $0.method == .exact && $0.p == 0.001953125 })
        #expect(ten.comparisons.allSatisfy { abs($0.adjustedP - 0.12890625) < 1e-15 })
        #expect(ten.comparisons.allSatisfy { $0.outcome == .tie })
        #expect(66 * PairwiseTests.minimumAttainableP(10) >= 0.05)
        let twelve = PairwiseTests.compute(problems(repetitions: 12))
        #expect(twelve.comparisons.allSatisfy { abs($0.adjustedP - 0.0322265625) < 1e-15 })
        #expect(twelve.comparisons.allSatisfy { $0.outcome == .win })
        #expect(twelve.matrix[0][11] == PairwiseTests.Tally(wins: 21))
    }

    @Test func optimizersWithFewerThanTwoRunsAreNotCompared() {
        var few = ReportFixtures.sphere
        few.optimizers[1].runs = [few.optimizers[1].runs[0]]
        let rows = PairwiseTests.compute([few]).comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["random-cmaes"])
    }
}
