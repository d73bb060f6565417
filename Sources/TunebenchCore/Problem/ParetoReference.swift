/// What a multi-objective problem measures its runs against (``Problem/paretoReference``): the hypervolume's
/// reference point and, when known, the hypervolume of the whole Pareto front.
///
/// Every objective is minimised. A run's scalar result is the hypervolume HV(A; r) of the objective vectors A it
/// attained (the volume they dominate up to the reference point r; `Hypervolume` in TunebenchNumerics), and its
/// regret the **hypervolume regret** `HV* − HV(A; r)`, with HV* the front's volume, floored at 0 (a volume measured
/// on a sample of the front is a lower bound that a run may pass by a little). Without HV* the metric is −HV(A; r).
public struct ParetoReference: Sendable, Hashable {
    /// The reference point r, one value per objective; every point of the Pareto front dominates it strictly.
    public var point: [Double]
    /// HV* = HV(Pareto front; r), when known.
    public var hypervolume: Double?

    public init(point: [Double], hypervolume: Double?) {
        self.point = point
        self.hypervolume = hypervolume
    }
}
