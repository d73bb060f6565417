import TunebenchRunner

extension ReportInput {
    /// The optimizers of the gradient track, as `summary.json` marks them (`"track": "gradient"`): they read the
    /// problems' gradients, so the report compares them with nobody and shows them in a section of their own.
    public var gradientTrack: Set<String> {
        var labels: Set<String> = []
        for problem in aggregate.problems {
            for summary in problem.optimizers where summary.track == .gradient { labels.insert(summary.optimizer) }
        }
        return labels
    }

    /// The same input without the optimizers `labels`: their runs, curves and summaries; the remaining summaries'
    /// `best` marks are those of the lowest median among them (an older summary may have marked a gradient method).
    func without(_ labels: Set<String>) -> ReportInput {
        guard !labels.isEmpty else { return self }
        var input = self
        for index in input.problems.indices {
            input.problems[index].optimizers.removeAll { labels.contains($0.optimizer) }
        }
        for index in input.recommended.indices {
            input.recommended[index].optimizers.removeAll { labels.contains($0.optimizer) }
        }
        for (problem, curves) in input.curves {
            input.curves[problem] = curves.filter { !labels.contains($0.optimizer) }
        }
        for (problem, curves) in input.recommendedCurves {
            input.recommendedCurves[problem] = curves.filter { !labels.contains($0.optimizer) }
        }
        for index in input.aggregate.problems.indices {
            input.aggregate.problems[index].optimizers.removeAll { labels.contains($0.optimizer) }
            let lowest = input.aggregate.problems[index].optimizers.compactMap(\.finalMedian).min()
            for k in input.aggregate.problems[index].optimizers.indices {
                let median = input.aggregate.problems[index].optimizers[k].finalMedian
                input.aggregate.problems[index].optimizers[k].best = median != nil && median == lowest
            }
        }
        return input
    }
}
