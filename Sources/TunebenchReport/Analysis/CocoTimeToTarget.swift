/// Expected running times to COCO's absolute targets `Δf = f - f_opt ∈ {10, 0.1, 10⁻³, 10⁻⁵, 10⁻⁷}` (the targets of
/// cocopp's ERT tables), for the problems of COCO's suites (registry entries `bbob-fNN`), so that a report can be
/// read beside cocopp's output for the same runs. The running time is ``TimeToTarget``'s ERT (N. Hansen, A. Auger,
/// S. Finck and R. Ros, INRIA RR-6828, 2009).
public struct CocoTimeToTarget: Sendable, Hashable {
    /// COCO's absolute targets, largest first.
    public static let targets = [1e1, 1e-1, 1e-3, 1e-5, 1e-7]

    /// The ERT of one optimizer to one target of one problem.
    public struct Entry: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        public var target: Double
        /// `nil` (infinite) when no run reaches the target.
        public var ert: Double?
        public var successes: Int
        public var runs: Int
        public var plannedRuns: Int
    }

    /// By problem (experiment order), target, then optimizer.
    public var entries: [Entry]

    /// Whether a problem entry is one of COCO's (`bbob-f01` ... `bbob-f24`).
    public static func isCoco(_ entryName: String) -> Bool {
        entryName.hasPrefix("bbob-f") && entryName.count == 8 && Int(entryName.dropFirst(6)) != nil
    }

    /// The ERTs of every optimizer on the problems of `problems` whose label is in `coco`, in evaluations.
    public static func compute(_ problems: [ProblemRuns], coco: Set<String>) -> CocoTimeToTarget {
        let labels = problems.optimizerLabels
        var entries: [Entry] = []
        for problem in problems where coco.contains(problem.problem) && problem.isRegret {
            for target in targets {
                for label in labels {
                    let runs = problem.runs(of: label)
                    let (ert, successes) = TimeToTarget.expectedRunningTime(runs, target: target, on: .evaluations)
                    entries.append(
                        Entry(
                            problem: problem.problem, optimizer: label, target: target, ert: ert, successes: successes,
                            runs: runs.count, plannedRuns: problem.repetitions))
                }
            }
        }
        return CocoTimeToTarget(entries: entries)
    }
}
