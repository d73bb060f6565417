import Synchronization
import TunebenchCore
import TunebenchNumerics

/// A ``MultiObjectiveFunction`` as a ``TunebenchCore/Problem``: real parameters `x1` ... `xn` with the function's
/// box, every evaluation reporting its m objective values (``TunebenchCore/Evaluation/objectives``; the value is the
/// first), and the ``TunebenchCore/ParetoReference`` of the function's reference point and front volume, so that
/// regret is hypervolume regret.
///
/// The front's volume is the closed form where the function has one (``MultiObjectiveFunction/exactHypervolume``),
/// and otherwise the volume of a dense sample of the front (about 20,000 points for two objectives, 5,000 for three),
/// a lower bound, computed once per function and process (``MultiObjectiveVolumes/measured(of:)``); with four
/// objectives and no closed form, or where the published front is incomplete
/// (``MultiObjectiveFunction/frontIsKnown``), there is none, and the metric is the negated hypervolume.
///
/// The published problem is the only instance: these functions' fronts are their definition; repetitions differ by
/// the optimizer's seed alone.
public struct MultiObjectiveProblem<Function: MultiObjectiveFunction>: Problem, Sendable {
    public let function: Function
    public let space: SearchSpace
    public let paretoReference: ParetoReference?
    public var objectiveCount: Int { function.objectiveCount }

    /// - Throws: `CoreError` when the function's bounds do not make a valid search space.
    public init(_ function: Function) throws {
        self.function = function
        space = try SearchSpace(
            function.bounds.enumerated().map { index, range in
                .real("x\(index + 1)", lower: range.lowerBound, upper: range.upperBound)
            })
        paretoReference = ParetoReference(
            point: function.referencePoint,
            hypervolume: function.exactHypervolume ?? MultiObjectiveVolumes.measured(of: function))
    }

    /// The front's published sample (``MultiObjectiveFunction/paretoFront(count:)``) of about 1,000 points for two
    /// objectives and 5,000 beyond (a lattice's size, or a grid's non-dominated points), where the front is known
    /// (``MultiObjectiveFunction/frontIsKnown``).
    public var referenceFront: [[Double]]? {
        guard function.frontIsKnown else { return nil }
        return function.paretoFront(count: objectiveCount == 2 ? 1000 : 5000)
    }

    public func evaluate(_ configuration: Configuration) -> Evaluation {
        let f = function.values((0..<space.dimension).map { configuration.real($0) })
        return Evaluation(value: f[0], objectives: f)
    }
}

/// The measured front volumes, by function and parameters, computed once per process.
enum MultiObjectiveVolumes {
    private static let cache = Mutex<[String: Double?]>([:])

    /// The hypervolume of a dense front sample of `function` (see ``MultiObjectiveProblem``), `nil` beyond three
    /// objectives and where the sample is not the whole front. The key names the function and its shape (objectives
    /// and variables): the same key, the same front.
    static func measured<Function: MultiObjectiveFunction>(of function: Function) -> Double? {
        let key =
            "\(function.name) m=\(function.objectiveCount) n=\(function.bounds.count) r=\(function.referencePoint)"
        if let known = cache.withLock({ $0[key] }) { return known }
        let m = function.objectiveCount
        let front = m > 3 || !function.frontIsKnown ? nil : function.paretoFront(count: m == 2 ? 20_000 : 5_000)
        let volume = front.map { Hypervolume.exact($0, reference: function.referencePoint) }
        cache.withLock { $0[key] = volume }
        return volume
    }
}
