/// The decisions of COCO's bbob logger for each evaluation of a run, without its text: whether the evaluation
/// changes the best value, gets a line in the `.dat` file (the first evaluation, and improvements that reach a new
/// ``CocoTargetTrigger`` target) and in the `.tdat` file (``CocoEvaluationTrigger`` counts) (`logger_bbob_evaluate`
/// in `src/logger_bbob.c` of numbbo/coco-experiment 2.8).
///
/// ``CocoRunLog`` writes the lines from it, and an `improvements` record keeps the trials it marks, so that the lines
/// come out the same from either record. Without an optimum (a problem that is not COCO's), every improvement counts
/// as a `.dat` line.
public struct CocoLogState: Sendable {
    /// What the logger does with one evaluation.
    public struct Decision: Sendable, Equatable {
        /// The evaluation lowers the best value (the first evaluation always does).
        public var improves: Bool
        /// It gets a `.dat` line.
        public var dat: Bool
        /// It gets a `.tdat` line.
        public var tdat: Bool
    }

    /// COCO's stand-in for a failed value.
    public static let nanForLogging = 2e21
    /// COCO's stand-in for an infinite value.
    public static let infinityForLogging = 3e21

    /// The optimum `f_opt`, or `nil` when unknown.
    public let optimum: Double?
    /// Evaluations seen so far (the number of the last).
    public private(set) var evaluations = 0
    /// The best logged value so far, `max(y, f_opt)`.
    public private(set) var best = Double.greatestFiniteMagnitude

    private var targets = CocoTargetTrigger()
    private var counts: CocoEvaluationTrigger

    /// The state of a run on a problem with `dimension` variables and optimum `optimum`.
    public init(optimum: Double?, dimension: Int) {
        self.optimum = optimum
        counts = CocoEvaluationTrigger(dimension: dimension)
    }

    /// The value COCO logs for `value`: `2e21` for a failure (NaN), `3e21` for an infinity.
    public static func logged(_ value: Double) -> Double {
        value.isNaN ? nanForLogging : value.isInfinite ? infinityForLogging : value
    }

    /// Takes evaluation number `evaluation` (from 1, above the last) of value `value` (noiseless; NaN for a failure).
    /// Evaluations left out in between must be ones that would neither improve nor be logged.
    public mutating func observe(_ value: Double, evaluation: Int) -> Decision {
        precondition(evaluation > evaluations, "evaluations are observed in increasing order")
        evaluations = evaluation
        let logged = Self.logged(value)
        let floored = optimum.map { max(logged, $0) } ?? logged
        var decision = Decision(improves: false, dat: false, tdat: false)
        if evaluation == 1 || floored < best {
            best = floored
            decision.improves = true
            // COCO short-circuits: the first evaluation is logged without consulting (or moving) the targets.
            decision.dat = evaluation == 1 || optimum.map { targets.fires(best - $0) } ?? true
        }
        decision.tdat = counts.fires(evaluation)
        return decision
    }
}
