import TunebenchCore

/// Which trials an `improvements` record keeps (``TunebenchCore/TrialRecording/improvements``), decided as the run
/// goes, with COCO's logger's own decisions (``CocoLogState``): the trials of its `.dat` and `.tdat` lines; before a
/// kept trial that does not improve, the best trial so far when it was left out (a `.tdat` line reports the best
/// value); and at the end the best trial and the last.
///
/// The trials it keeps give the same COCO logs as every trial (``CocoRunLog``), the same first evaluation at which
/// each of COCO's targets (20 per decade of `best - optimum`) is reached, and so the same expected running times to
/// them, and the run's length and final best value.
struct ImprovementSelection {
    /// What to do with a trial.
    struct Decision: Equatable {
        /// Keep the trial.
        var keep: Bool
        /// Before it, keep the held best trial (one that improved and was left out), if any.
        var keepHeldBestFirst: Bool
        /// The trial improves on the best so far: when it is not kept, hold it as the best.
        var improves: Bool
    }

    private var state: CocoLogState

    /// The selection for a run on a problem with `dimension` parameters and optimum `optimum` (`nil` when unknown:
    /// then every improvement is kept).
    init(optimum: Double?, dimension: Int) {
        state = CocoLogState(optimum: optimum, dimension: dimension)
    }

    /// The decision for trial `number` (from 0) of true value `value` (`nil` for a failed trial).
    mutating func decide(number: Int, value: Double?) -> Decision {
        let decision = state.observe(value ?? .nan, evaluation: number + 1)
        let keep = decision.dat || decision.tdat
        return Decision(keep: keep, keepHeldBestFirst: keep && !decision.improves, improves: decision.improves)
    }
}
