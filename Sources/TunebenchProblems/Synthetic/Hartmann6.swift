/// The six-dimensional Hartmann function: four Gaussian wells in the unit hypercube, six local minima.
///
/// ```
/// f(x) = -Σ_{i=1}^{4} α_i exp(-Σ_{j=1}^{6} A_ij (x_j - P_ij)²)
/// α = (1.0, 1.2, 3.0, 3.2)
/// A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
/// P = 10⁻⁴ [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
///           [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
/// ```
///
/// - Domain: `[0, 1]⁶`.
/// - Minimum: `f* = -3.32236801141551480...` (published as -3.32237).
/// - Minimizer: `(0.201689511, 0.150010692, 0.476873974, 0.275332430, 0.311651617, 0.657300534)` (published as
///   `(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)`, within 3e-11 of the minimum).
///
/// Sources: J. K. Hartman, Naval Research Logistics Quarterly 20(3), 1973; L. C. W. Dixon and G. P. Szegő,
/// *Towards Global Optimisation 2*, North-Holland, 1978; S. Surjanovic and D. Bingham, Virtual Library of
/// Simulation Experiments, https://www.sfu.ca/~ssurjano/hart6.html.
public struct Hartmann6: SyntheticFunction {
    /// The Hartmann 6-D function with its published constants.
    public init() {}

    public var name: String { "hartmann6" }

    public var bounds: [ClosedRange<Double>] { cube(0, 1, dimension: 6) }

    /// Published as -3.32237 (Dixon & Szegő 1978; SFU VLSE). Refined here: Nelder-Mead (scipy 1.17) from the
    /// published minimizer, then Newton's method on the gradient in 40-digit arithmetic (mpmath 1.3); the
    /// Hessian there is positive definite. Exact value -3.3223680114155148066...
    public var minimum: Double { -3.3223680114155148 }

    /// Refined as described at ``minimum`` (published `(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)`).
    /// A symmetry of the box: the function is defined on the unit cube, where its wells lie.
    public var instanceScheme: InstanceScheme { .symmetry }

    public var minimizers: [[Double]] {
        [
            [
                0.20168951100670543, 0.15001069182345797, 0.476873974221897, 0.2753324304940561,
                0.31165161660011326, 0.6573005340656203,
            ]
        ]
    }

    public func value(_ x: [Double]) -> Double {
        Hartmann.value(x, a: Self.a, p: Self.p)
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_j = Σ_i 2 α_i A_ij (x_j - P_ij) exp(-Σ_k A_ik (x_k - P_ik)²)`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        Hartmann.gradient(x, a: Self.a, p: Self.p, into: &gradient)
        return true
    }

    /// `A`, row by row (Dixon & Szegő 1978; SFU VLSE).
    static let a: [Double] = [
        10, 3, 17, 3.5, 1.7, 8,
        0.05, 10, 17, 0.1, 8, 14,
        3, 3.5, 1.7, 10, 17, 8,
        17, 8, 0.05, 10, 0.1, 14,
    ]

    /// `P`, row by row: the published integers divided by 10⁴ (Dixon & Szegő 1978; SFU VLSE).
    static let p: [Double] = publishedP.map { $0 / 10_000 }

    /// `P` as published, row by row (Dixon & Szegő 1978; SFU VLSE).
    private static let publishedP: [Double] = [
        1312, 1696, 5569, 124, 8283, 5886,
        2329, 4135, 8307, 3736, 1004, 9991,
        2348, 1451, 3522, 2883, 3047, 6650,
        4047, 8828, 8732, 5743, 1091, 381,
    ]
}
