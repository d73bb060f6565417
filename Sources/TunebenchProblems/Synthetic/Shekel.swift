/// The Shekel function with `m` wells, four-dimensional: `m` inverse-quadratic holes of different depths.
///
/// ```
/// f(x) = -Σ_{i=1}^{m} 1 / (Σ_{j=1}^{4} (x_j - C_ji)² + β_i)
/// β = (1, 2, 2, 4, 4, 6, 3, 7, 5, 5) / 10
/// C = [[4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
///      [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6],
///      [4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
///      [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6]]
/// ```
///
/// - Domain: `[0, 10]⁴`.
/// - Wells: `m` ∈ {5, 7, 10} (the functions S5, S7, S10 of Dixon & Szegő).
/// - Minimum: m = 5: `-10.1531996790582274...` (published -10.1532); m = 7: `-10.4029153367777434...` (published
///   -10.4029); m = 10: `-10.5364431534835278...` (published -10.5364).
/// - Minimizer: near `(4, 4, 4, 4)`, the centre of the deepest well, pulled slightly by the other wells; the
///   published `(4, 4, 4, 4)` misses the minimum by 4e-6 (m = 5) to 2e-4 (m = 10), so the refined minimizers
///   below are used.
///
/// Sources: J. Shekel, "Test functions for multimodal search techniques", Fifth Annual Princeton Conference on
/// Information Science and Systems, 1971; L. C. W. Dixon and G. P. Szegő, *Towards Global Optimisation 2*,
/// North-Holland, 1978; S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments,
/// https://www.sfu.ca/~ssurjano/shekel.html.
public struct Shekel: SyntheticFunction {
    /// The numbers of wells with a published minimum.
    public static let wellCounts: [Int] = [5, 7, 10]

    /// The number of wells `m`.
    public let m: Int

    /// The Shekel function with the first `m` wells.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `m` is not one of
    ///   ``wellCounts``.
    public init(m: Int) throws {
        guard Self.wellCounts.contains(m) else {
            throw ProblemsError.invalidArgument(
                problem: "shekel", argument: "m", value: "\(m)",
                expected: "one of " + Self.wellCounts.map(String.init).joined(separator: ", "))
        }
        self.m = m
    }

    public var name: String { "shekel" }

    public var bounds: [ClosedRange<Double>] { cube(0, 10, dimension: 4) }

    /// Refined from the published values (SFU VLSE; Dixon & Szegő 1978): Nelder-Mead (scipy 1.17) from
    /// `(4, 4, 4, 4)`, then Newton's method on the gradient in 40-digit arithmetic (mpmath 1.3); the Hessian there
    /// is positive definite.
    public var minimum: Double {
        switch m {
        case 5: return -10.153199679058227  // -10.15319967905822745736..., published -10.1532
        case 7: return -10.402915336777743  // -10.40291533677774347489..., published -10.4029
        default: return -10.536443153483528  // -10.53644315348352786956..., published -10.5364
        }
    }

    /// Refined as described at ``minimum``; by the symmetry of `C` (rows 1 and 3, 2 and 4 are equal) the
    /// minimizer has `x1 = x3` and `x2 = x4`.
    /// A symmetry of the box: the function is defined on [0, 10]^4, where its wells lie.
    public var instanceScheme: InstanceScheme { .symmetry }

    public var minimizers: [[Double]] {
        let (a, b): (Double, Double)
        switch m {
        case 5: (a, b) = (4.000037152819676, 4.00013327659156)
        case 7: (a, b) = (4.000572819251117, 3.9996062096096887)
        default: (a, b) = (4.000746868270634, 3.9995094800857736)
        }
        return [[a, b, a, b]]
    }

    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<m {
            var distance = Self.beta[i]
            for j in 0..<4 {
                let delta = x[j] - Self.centres[j * 10 + i]
                distance += delta * delta
            }
            sum += 1 / distance
        }
        return -sum
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_j = Σ_i 2 (x_j - C_ji) / D_i²` with `D_i = Σ_k (x_k - C_ki)² + β_i`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for j in 0..<4 {
            gradient[j] = 0
        }
        for i in 0..<m {
            var distance = Self.beta[i]
            for j in 0..<4 {
                let delta = x[j] - Self.centres[j * 10 + i]
                distance += delta * delta
            }
            let weight = 2 / (distance * distance)
            for j in 0..<4 {
                gradient[j] += weight * (x[j] - Self.centres[j * 10 + i])
            }
        }
        return true
    }

    /// `β`: the published `(1, 2, 2, 4, 4, 6, 3, 7, 5, 5)` divided by 10 (Dixon & Szegő 1978; SFU VLSE).
    static let beta: [Double] = ([1, 2, 2, 4, 4, 6, 3, 7, 5, 5] as [Double]).map { $0 / 10 }

    /// `C`, row `j` (coordinate) by row, ten columns (wells) each (Dixon & Szegő 1978; SFU VLSE).
    static let centres: [Double] = [
        4, 1, 8, 6, 3, 2, 5, 8, 6, 7,
        4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6,
        4, 1, 8, 6, 3, 2, 5, 8, 6, 7,
        4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6,
    ]
}
