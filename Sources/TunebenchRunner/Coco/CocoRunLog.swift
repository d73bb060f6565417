/// One run as COCO's bbob logger records it (`src/logger_bbob.c` of numbbo/coco-experiment 2.8): the lines of its
/// `.dat` file (triggered by targets of the best value), of its `.tdat` file (triggered by evaluation counts), and
/// the summary that ends its entry in the `.info` file.
///
/// Feed every evaluation in order with ``record(_:point:)`` (or the ones an `improvements` record keeps, with
/// ``record(_:point:evaluation:)``), then call ``finish()``. A failed evaluation (`NaN`) is logged as `2e21` and an
/// infinite one as `3e21`, COCO's `NAN_FOR_LOGGING` and `INFINITY_FOR_LOGGING`. The decisions are
/// ``CocoLogState``'s.
///
/// Each line is `evaluations 0 Δf_best current best [x...]`, formatted `%lu %lu %+10.9e %+10.9e %+10.9e` with
/// ` %+5.4e` per coordinate when there are fewer than 7 (`LOGGER_BBOB_NUMBER_OF_VARIABLES_THRESHOLD`), where
/// `Δf_best = best - f_opt` and `best` is the best of `max(y, f_opt)`. The first evaluation is always logged in the
/// `.dat` file; after it, an improvement is logged when ``CocoTargetTrigger`` fires. At the end, each file gets a
/// line for the best point when its last line was not the last evaluation.
public struct CocoRunLog: Sendable {
    /// The optimum `f_opt`.
    public let optimum: Double
    /// The number of variables.
    public let dimension: Int
    /// The `.dat` lines so far, each ending in a newline.
    public private(set) var dat: [String] = []
    /// The `.tdat` lines so far, each ending in a newline.
    public private(set) var tdat: [String] = []
    /// The point of the best value so far.
    public private(set) var bestPoint: [Double] = []

    private var state: CocoLogState
    private var lastDat = 0
    private var lastTdat = 0

    /// Evaluations recorded so far (the number of the last).
    public var evaluations: Int { state.evaluations }
    /// The best logged value, `max(y, f_opt)`, so far.
    public var best: Double { state.best }

    /// A log for a problem with `dimension` variables and optimum `optimum`.
    public init(optimum: Double, dimension: Int) {
        self.optimum = optimum
        self.dimension = dimension
        state = CocoLogState(optimum: optimum, dimension: dimension)
    }

    /// Records the next evaluation: `value` (noiseless) at `point`.
    public mutating func record(_ value: Double, point: [Double]) {
        record(value, point: point, evaluation: evaluations + 1)
    }

    /// Records evaluation number `evaluation` (from 1, above every earlier one): `value` (noiseless) at `point`.
    ///
    /// The evaluations in between may be left out when none of them would have been logged and none improved on the
    /// best value, which is what the `improvements` record of a run keeps: the log is then the one of every
    /// evaluation.
    public mutating func record(_ value: Double, point: [Double], evaluation: Int) {
        let decision = state.observe(value, evaluation: evaluation)
        if decision.improves { bestPoint = point }
        if decision.dat {
            dat.append(line(point: point, current: CocoLogState.logged(value)))
            lastDat = evaluation
        }
        if decision.tdat {
            tdat.append(line(point: point, current: CocoLogState.logged(value)))
            lastTdat = evaluation
        }
    }

    /// Ends the run: the line of the best point in each file whose last line was not the last evaluation.
    public mutating func finish() {
        guard evaluations > 0 else { return }
        if lastDat != evaluations {
            dat.append(line(point: bestPoint, current: best))
            lastDat = evaluations
        }
        if lastTdat != evaluations {
            tdat.append(line(point: bestPoint, current: best))
            lastTdat = evaluations
        }
    }

    /// The run's entry in the `.info` file after its instance number: `:evaluations|Δf_best` (`%.1e`).
    public var infoSummary: String {
        ":\(evaluations)|" + CocoFormat.c("%.1e", best - optimum)
    }

    /// The header line of each run in the data files.
    public var header: String {
        "% f evaluations | g evaluations | best noise-free fitness - Fopt (" + CocoFormat.c("%13.12e", optimum)
            + ") + sum g_i+ | measured fitness | best measured fitness or single-digit g-values | x1 | x2...\n"
    }

    private func line(point: [Double], current: Double) -> String {
        var text = "\(evaluations) 0 " + CocoFormat.c("%+10.9e", best - optimum) + " " + CocoFormat.c("%+10.9e", current)
            + " " + CocoFormat.c("%+10.9e", best)
        if dimension < 7 {
            for x in point { text += " " + CocoFormat.c("%+5.4e", x) }
        }
        return text + "\n"
    }
}
