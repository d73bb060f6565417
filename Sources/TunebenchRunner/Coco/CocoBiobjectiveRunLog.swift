/// One run as COCO's bi-objective logger records it, with its default observer options (`src/logger_biobj.c`,
/// `src/observer_biobj.c` of numbbo/coco-experiment 2.8: indicator `hyp`, `log_nondominated: all`,
/// `log_decision_variables: low_dim`, `precision_f` 15, `precision_x` 8): the lines of its `.dat` file (triggered
/// by targets of the indicator), of its `.tdat` file (triggered by evaluation counts), of its archive (`.adat`, a
/// line per point the archive takes), and the summary that ends its entry in the `.info` file.
///
/// **Indicator.** After each evaluation the archive takes, the logged value is
/// `I = HV* − HV + penalty`, where `HV*` is the best known normalised hypervolume, `HV` the archive's
/// (``CocoBiobjectiveArchive``) and `penalty`, while `HV` is 0, the smallest distance of a taken point to the
/// region of interest (0 once a point is inside). `.dat` lines are `evaluation\tI\ttarget` (`%lu\t%.15e\t%.15e`)
/// when ``CocoTargetTrigger`` fires on `I`, `target` being the last target reached; `.tdat` lines are
/// `evaluation\tI` at ``CocoEvaluationTrigger``'s counts; at the end each file gets the last evaluation when it was
/// not logged.
///
/// **Failures.** A failed evaluation (no objective values) is counted and not archived, as COCO treats an infeasible
/// point; when it is the first, `I` is COCO's `INFINITY_FOR_LOGGING` (`3e21`), which the logger logs.
public struct CocoBiobjectiveRunLog: Sendable {
    /// The problem's facts.
    public let facts: CocoBiobjectiveFacts
    /// The number of variables.
    public let dimension: Int
    /// The `.dat` lines so far, each ending in a newline.
    public private(set) var dat: [String] = []
    /// The `.tdat` lines so far.
    public private(set) var tdat: [String] = []
    /// The archive's lines so far.
    public private(set) var adat: [String] = []
    /// Evaluations recorded so far.
    public private(set) var evaluations = 0
    /// The indicator value after the last evaluation (0 before the archive takes a point).
    public private(set) var indicator = 0.0

    private var archive: CocoBiobjectiveArchive
    private var penalty = Double.greatestFiniteMagnitude
    private var targets = CocoTargetTrigger()
    private var counts: CocoEvaluationTrigger
    private var targetHit = false
    private var evaluationLogged = false

    /// COCO's precision of logged objective and indicator values (`precision_f`).
    static let precisionF = 15
    /// COCO's precision of logged variables (`precision_x`).
    static let precisionX = 8
    /// Variables are logged up to this dimension (`log_decision_variables: low_dim`).
    static let variablesUpTo = 5

    public init(facts: CocoBiobjectiveFacts, dimension: Int) {
        self.facts = facts
        self.dimension = dimension
        archive = CocoBiobjectiveArchive(ideal: facts.ideal, nadir: facts.nadir)
        counts = CocoEvaluationTrigger(dimension: dimension)
    }

    /// Whether the archive lines carry the variables.
    public var logsVariables: Bool { dimension <= Self.variablesUpTo }

    /// Records the next evaluation: `objectives` at `point`, or `nil` for a failed evaluation.
    public mutating func record(_ objectives: [Double]?, point: [Double]) {
        evaluations += 1
        targetHit = false
        var taken = false
        if let objectives {
            let entry = archive.entry(objectives, point: point, evaluation: evaluations)
            taken = archive.insert(entry)
            if taken {
                adat.append(archiveLine(entry))
                if CocoBiobjectiveArchive.almostEqual(archive.hypervolume, 0) {
                    penalty = min(penalty, CocoBiobjectiveArchive.distanceToRegion(entry.normalized))
                } else {
                    penalty = 0
                }
                indicator = facts.bestHypervolume - archive.hypervolume + penalty
                targetHit = targets.fires(indicator)
            }
        }
        if !taken && objectives == nil && evaluations == 1 {
            indicator = CocoLogState.infinityForLogging
            targetHit = targets.fires(indicator)
        }
        if targetHit { dat.append(datLine()) }
        evaluationLogged = counts.fires(evaluations)
        if evaluationLogged { tdat.append(tdatLine()) }
    }

    /// Ends the run: the last evaluation in each file that has not logged it.
    public mutating func finish() {
        if !targetHit {
            dat.append(datLine())
            targetHit = true
        }
        if !evaluationLogged {
            tdat.append(tdatLine())
            evaluationLogged = true
        }
    }

    /// The run's entry in the `.info` file: `, instance:evaluations|I` (`%.1e`).
    public var infoSummary: String {
        ", \(facts.identity.instance):\(evaluations)|" + CocoFormat.c("%.1e", indicator)
    }

    /// The header of the run in the `.dat` file (`targets`) or in the `.tdat` and `.rdat` files.
    public func indicatorHeader(targets: Bool) -> String {
        "%\n% index = \(facts.index), name = \(facts.problemName)\n% instance = \(facts.identity.instance), "
            + "reference value = " + CocoFormat.c("%.15e", facts.bestHypervolume) + "\n% function evaluation | indicator value"
            + (targets ? " | target hit\n" : "\n")
    }

    /// The header of the run in its archive file.
    public var archiveHeader: String {
        "% instance = \(facts.identity.instance), name = \(facts.problemName)\n"
            + (logsVariables
                ? "% function evaluation | 2 objectives | \(dimension) variables\n"
                : "% function evaluation | 2 objectives \n")
    }

    /// The line that ends the run's archive file.
    public var archiveFooter: String { "% evaluations = \(evaluations)\n" }

    /// The header of the run in the `.mdat` file (of recommendations, which Tunebench does not log).
    public var recommendationHeader: String {
        "% instance = \(facts.identity.instance), name = \(facts.problemName)\n% function evaluation | 2 objectives"
            + (logsVariables ? " | \(dimension) variables\n" : "\n")
    }

    private func datLine() -> String {
        "\(evaluations)\t" + CocoFormat.c("%.15e", indicator) + "\t" + CocoFormat.c("%.15e", targets.lastTarget) + "\n"
    }

    private func tdatLine() -> String {
        "\(evaluations)\t" + CocoFormat.c("%.15e", indicator) + "\n"
    }

    private func archiveLine(_ entry: CocoBiobjectiveArchive.Entry) -> String {
        var line = "\(entry.evaluation)\t"
        for y in entry.objectives { line += CocoFormat.c("%.15e", y) + "\t" }
        if logsVariables {
            for x in entry.point { line += CocoFormat.c("%.8e", x) + "\t" }
        }
        return line + "\n"
    }
}
