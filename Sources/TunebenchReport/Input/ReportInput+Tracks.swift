import TunebenchRunner

extension ReportInput {
    /// The (problem, optimizer) pairs of the gradient track, as `summary.json` marks them (`"track": "gradient"`): the
    /// optimizer reads the problem's gradients, so the report compares it there with nobody and shows it in a
    /// section of its own.
    public var gradientTrack: GradientTrack {
        var pairs: [String: Set<String>] = [:]
        for problem in aggregate.problems {
            for summary in problem.optimizers where summary.track == .gradient {
                pairs[problem.problem, default: []].insert(summary.optimizer)
            }
        }
        return GradientTrack(pairs)
    }

    /// The same input without the pairs of `track`: their runs, curves and summaries; the remaining summaries' `best`
    /// marks are those of the lowest median among them (an older summary may have marked a gradient method).
    func without(_ track: GradientTrack) -> ReportInput {
        guard !track.isEmpty else { return self }
        var input = self
        for index in input.problems.indices {
            let problem = input.problems[index].problem
            input.problems[index].optimizers.removeAll { track.contains(problem: problem, optimizer: $0.optimizer) }
        }
        for index in input.recommended.indices {
            let problem = input.recommended[index].problem
            input.recommended[index].optimizers.removeAll { track.contains(problem: problem, optimizer: $0.optimizer) }
        }
        for (problem, curves) in input.curves {
            input.curves[problem] = curves.filter { !track.contains(problem: problem, optimizer: $0.optimizer) }
        }
        for (problem, curves) in input.recommendedCurves {
            input.recommendedCurves[problem] = curves.filter { !track.contains(problem: problem, optimizer: $0.optimizer) }
        }
        for index in input.aggregate.problems.indices {
            let problem = input.aggregate.problems[index].problem
            input.aggregate.problems[index].optimizers.removeAll {
                track.contains(problem: problem, optimizer: $0.optimizer)
            }
            for k in input.aggregate.problems[index].optimizers.indices {
                input.aggregate.problems[index].optimizers[k].best = false
            }
            Aggregator.markBest(&input.aggregate.problems[index].optimizers)
        }
        return input
    }
}
