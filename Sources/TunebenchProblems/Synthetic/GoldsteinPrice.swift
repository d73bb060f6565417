/// The Goldstein-Price function, two-dimensional, with a value range of many orders of magnitude.
///
/// ```
/// f(x) = [1 + (x1 + x2 + 1)² (19 - 14 x1 + 3 x1² - 14 x2 + 6 x1 x2 + 3 x2²)]
///      × [30 + (2 x1 - 3 x2)² (18 - 32 x1 + 12 x1² + 48 x2 - 36 x1 x2 + 27 x2²)]
/// ```
///
/// - Domain: `[-2, 2]²`.
/// - Minimum: `f* = 3`, exact (the first factor is 1 and the second `30 + 9 · (-3)` at the minimizer).
/// - Minimizer: `(0, -1)`.
///
/// Sources: A. A. Goldstein and J. F. Price, "On descent from local minima", Math. Comp. 25(115), 1971;
/// L. C. W. Dixon and G. P. Szegő, *Towards Global Optimisation 2*, North-Holland, 1978; S. Surjanovic and
/// D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/goldpr.html.
public struct GoldsteinPrice: SyntheticFunction {
    /// The Goldstein-Price function on its usual domain.
    public init() {}

    public var name: String { "goldstein-price" }

    public var bounds: [ClosedRange<Double>] { [-2...2, -2...2] }

    public var minimum: Double { 3 }

    /// A shifted instance: the function is defined on all of R^2, whose minimum there is 3 (each factor is least at (0, -1)).
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[0, -1]] }

    public func value(_ x: [Double]) -> Double {
        let x1 = x[0]
        let x2 = x[1]
        let a = x1 + x2 + 1
        let b = 2 * x1 - 3 * x2
        let first = 1 + a * a * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2)
        let second = 30 + b * b * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2)
        return first * second
    }

    public var hasGradient: Bool { true }

    /// The gradient by the product rule on `f = F G`, the two bracketed factors:
    ///
    /// ```
    /// F = 1 + a² P,   a = x1 + x2 + 1,   P = 19 - 14 x1 + 3 x1² - 14 x2 + 6 x1 x2 + 3 x2²
    /// G = 30 + b² Q,  b = 2 x1 - 3 x2,   Q = 18 - 32 x1 + 12 x1² + 48 x2 - 36 x1 x2 + 27 x2²
    /// ∂F/∂x1 = ∂F/∂x2 = 2a P + a² (6 x1 + 6 x2 - 14)
    /// ∂G/∂x1 = 4b Q + b² (24 x1 - 36 x2 - 32),   ∂G/∂x2 = -6b Q + b² (54 x2 - 36 x1 + 48)
    /// ```
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        let x1 = x[0]
        let x2 = x[1]
        let a = x1 + x2 + 1
        let b = 2 * x1 - 3 * x2
        let p = 19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2
        let q = 18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2
        let first = 1 + a * a * p
        let second = 30 + b * b * q
        let dFirst = 2 * a * p + a * a * (6 * x1 + 6 * x2 - 14)
        let dSecond1 = 4 * b * q + b * b * (24 * x1 - 36 * x2 - 32)
        let dSecond2 = -6 * b * q + b * b * (54 * x2 - 36 * x1 + 48)
        gradient[0] = dFirst * second + first * dSecond1
        gradient[1] = dFirst * second + first * dSecond2
        return true
    }
}
