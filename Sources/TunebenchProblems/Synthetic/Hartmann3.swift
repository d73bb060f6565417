/// The three-dimensional Hartmann function: four Gaussian wells in the unit cube, four local minima.
///
/// ```
/// f(x) = -Σ_{i=1}^{4} α_i exp(-Σ_{j=1}^{3} A_ij (x_j - P_ij)²)
/// α = (1.0, 1.2, 3.0, 3.2)
/// A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
/// P = 10⁻⁴ [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
/// ```
///
/// - Domain: `[0, 1]³`.
/// - Minimum: `f* = -3.86277978733266267...` (published as -3.86278).
/// - Minimizer: `(0.114588876655069, 0.555648894616930, 0.852546984686677)` (published as
///   `(0.114614, 0.555649, 0.852547)`, where the value is within 4e-10 of the minimum).
///
/// Sources: J. K. Hartman, Naval Research Logistics Quarterly 20(3), 1973; L. C. W. Dixon and G. P. Szegő,
/// *Towards Global Optimisation 2*, North-Holland, 1978; S. Surjanovic and D. Bingham, Virtual Library of
/// Simulation Experiments, https://www.sfu.ca/~ssurjano/hart3.html.
public struct Hartmann3: SyntheticFunction {
    /// The Hartmann 3-D function with its published constants.
    public init() {}

    public var name: String { "hartmann3" }

    public var bounds: [ClosedRange<Double>] { cube(0, 1, dimension: 3) }

    /// Published as -3.86278 (Dixon & Szegő 1978; SFU VLSE). Refined here: Nelder-Mead (scipy 1.17) from the
    /// published minimizer, then Newton's method on the gradient in 40-digit arithmetic (mpmath 1.3); the
    /// Hessian there is positive definite. Exact value -3.8627797873326626676...
    public var minimum: Double { -3.8627797873326627 }

    /// Refined as described at ``minimum`` (published `(0.114614, 0.555649, 0.852547)`).
    /// A symmetry of the box: the function is defined on the unit cube, where its wells lie.
    public var instanceScheme: InstanceScheme { .symmetry }

    public var minimizers: [[Double]] { [[0.11458887665506896, 0.55564889461693, 0.8525469846866774]] }

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
        3.0, 10, 30,
        0.1, 10, 35,
        3.0, 10, 30,
        0.1, 10, 35,
    ]

    /// `P`, row by row: the published integers divided by 10⁴ (Dixon & Szegő 1978; SFU VLSE).
    static let p: [Double] = publishedP.map { $0 / 10_000 }

    /// `P` as published, row by row (Dixon & Szegő 1978; SFU VLSE).
    private static let publishedP: [Double] = [
        3689, 1170, 2673,
        4699, 4387, 7470,
        1091, 8732, 5547,
        381, 5743, 8828,
    ]
}
