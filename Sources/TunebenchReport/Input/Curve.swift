/// One optimizer's curve on one problem as `curves/PROBLEM.csv` (or `curves-cost/PROBLEM.csv`) gives it: the median
/// and quartiles over runs of the best-so-far metric at each point of the axis.
public struct Curve: Sendable, Hashable {
    public var optimizer: String
    public var x: [Double]
    public var median: [Double]
    public var q25: [Double]
    public var q75: [Double]
    /// Runs the quantiles are over.
    public var runs: Int
}
