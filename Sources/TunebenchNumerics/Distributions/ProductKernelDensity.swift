import Foundation

/// A multivariate kernel density estimate with a product kernel: Gaussian kernels for continuous variables and
/// Aitchison–Aitken kernels for unordered discrete ones, as statsmodels' `KDEMultivariate` with `var_type` letters
/// `c` and `u` (the estimator BOHB fits; S. Falkner, A. Klein and F. Hutter, ICML 2018, section 3.2).
///
/// **Notation.** `n` observations `X_i ∈ ℝ^d` (rows), bandwidths `h_1 … h_d`, `C` the continuous variables, `U` the
/// unordered ones. For a point `x`,
///
///     f(x) = (1/n) Σ_i [ Π_{j∈C} φ((X_ij − x_j)/h_j) · Π_{j∈U} k_j(X_ij, x_j) ] / Π_{j∈C} h_j
///
/// with `φ(z) = exp(−z²/2)/√(2π)` and Aitchison and Aitken's kernel (J. Aitchison and C. G. G. Aitken, "Multivariate
/// binary discrimination by the kernel method", Biometrika 63(3), 1976; J. Racine, "Nonparametric econometrics: a
/// primer", 2008, section 3)
///
///     k_j(X, x) = 1 − h_j            if X = x,
///                 h_j / (c_j − 1)    otherwise,
///
/// where `c_j` is, as in statsmodels (`kernels.aitchison_aitken` with no `num_levels`), the number of *distinct
/// values of column `j` in the data*, not the number of categories of the variable. So a column holding one value
/// gives `h_j / 0`: `+∞` at every other value (`NaN` where a Gaussian factor underflows to 0 in the same product),
/// and a bandwidth above 1 gives negative kernel values. Both are statsmodels' behaviour, kept because BOHB's rules
/// (`max(1e-32, ·)` floors and its test for non-finite ratios) are written against it.
///
/// **Numerics.** The sum is formed in the linear domain, in statsmodels' order of operations (each observation's
/// product divided by `Π h_j` over `C`, summed, divided by `n`), not with log-sum-exp: a density that underflows to
/// 0 is what the reference computes too. The tests agree with statsmodels 0.15.0 to a relative 10⁻¹²
/// (`Tests/Scripts/kde_reference.py`).
///
/// - Complexity: `density(at:)` is `O(n d)`.
public struct ProductKernelDensity: Sendable, Hashable {
    /// How one variable is smoothed: statsmodels' `var_type` letter.
    public enum Variable: Character, Sendable, Hashable, CaseIterable {
        /// A real variable, Gaussian kernel (`c`).
        case continuous = "c"
        /// An unordered discrete variable coded by numbers that are compared for equality, Aitchison–Aitken kernel
        /// (`u`).
        case unordered = "u"
    }

    /// One variable per column.
    public let variables: [Variable]
    /// The observations, row after row (`count × dimension`).
    public let data: [Double]
    /// The number of observations `n`.
    public let count: Int
    /// `h_j`, one per variable.
    public let bandwidths: [Double]
    /// `c_j − 1` for unordered columns (distinct values in the column, less one); unused for continuous ones.
    private let otherLevels: [Double]
    /// `Π_{j∈C} h_j`.
    private let continuousVolume: Double

    /// The estimate with given bandwidths.
    ///
    /// - Parameters:
    ///   - rows: the observations, each with one value per variable; unordered values are category codes.
    ///   - variables: the kind of each column.
    ///   - bandwidths: `h_j` for each column (for an unordered column, Aitchison and Aitken's `λ`).
    /// - Precondition: at least one row; every row and `bandwidths` have `variables.count` entries.
    public init(rows: [[Double]], variables: [Variable], bandwidths: [Double]) {
        precondition(!rows.isEmpty, "ProductKernelDensity needs at least one observation")
        precondition(bandwidths.count == variables.count, "one bandwidth per variable")
        precondition(rows.allSatisfy { $0.count == variables.count }, "every row needs one value per variable")
        self.variables = variables
        self.data = rows.flatMap { $0 }
        self.count = rows.count
        self.bandwidths = bandwidths
        otherLevels = variables.indices.map { j in
            variables[j] == .unordered ? Double(Set(rows.map { $0[j] }).count - 1) : 0
        }
        continuousVolume = variables.indices.filter { variables[$0] == .continuous }.reduce(1.0) { $0 * bandwidths[$1] }
    }

    /// The estimate with statsmodels' normal-reference bandwidths (``normalReferenceBandwidths(_:)``), each raised
    /// to at least `minimumBandwidth` (BOHB's floor, `np.clip(kde.bw, min_bandwidth, None)` in hpbandster).
    ///
    /// - Parameters:
    ///   - rows: the observations (statsmodels requires more rows than variables; this type does not).
    ///   - variables: the kind of each column.
    ///   - minimumBandwidth: the floor; 0 keeps the rule's values.
    public init(normalReference rows: [[Double]], variables: [Variable], minimumBandwidth: Double = 0) {
        let rule = Self.normalReferenceBandwidths(rows)
        self.init(rows: rows, variables: variables, bandwidths: rule.map { $0 < minimumBandwidth ? minimumBandwidth : $0 })
    }

    /// Scott's normal-reference rule of thumb as statsmodels applies it (`GenericKDE._normal_reference`), to every
    /// column whatever its kind:
    ///
    ///     h_j = 1.06 · σ_j · n^(−1/(4 + d)),
    ///
    /// `σ_j` the population standard deviation of column `j` (divisor `n`, NumPy's `std` with `ddof=0`), `d` the
    /// number of columns (D. W. Scott, "Multivariate density estimation", Wiley 1992; Racine 2008, p. 13). A constant
    /// column gets `h_j = 0`.
    ///
    /// - Parameter rows: at least one observation, all of one length.
    /// - Returns: one bandwidth per column.
    /// - Complexity: `O(n d)`.
    public static func normalReferenceBandwidths(_ rows: [[Double]]) -> [Double] {
        precondition(!rows.isEmpty, "normal-reference bandwidths need at least one observation")
        let (n, d) = (Double(rows.count), rows[0].count)
        let factor = pow(n, -1.0 / Double(4 + d))
        return (0..<d).map { j in
            let mean = rows.reduce(0.0) { $0 + $1[j] } / n
            let variance = rows.reduce(0.0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / n
            return 1.06 * variance.squareRoot() * factor
        }
    }

    /// The number of columns `d`.
    public var dimension: Int { variables.count }

    /// Observation `i`.
    public func row(_ i: Int) -> ArraySlice<Double> { data[(i * dimension)..<((i + 1) * dimension)] }

    /// The estimated density `f(x)` of the formula above.
    ///
    /// - Parameter x: one value per variable (unordered values as codes).
    /// - Returns: the density; `+∞` or `NaN` in the degenerate unordered cases described above, negative where an
    ///   unordered bandwidth exceeds 1.
    public func density(at x: [Double]) -> Double {
        precondition(x.count == dimension, "a point needs one value per variable")
        let inverseRootTwoPi = 1 / (2 * Double.pi).squareRoot()
        var total = 0.0
        data.withUnsafeBufferPointer { rows in
            for i in 0..<count {
                var product = 1.0
                let base = i * dimension
                for j in 0..<dimension {
                    let observed = rows[base + j]
                    let h = bandwidths[j]
                    switch variables[j] {
                    case .continuous:
                        let difference = observed - x[j]
                        product *= inverseRootTwoPi * exp(-(difference * difference) / (h * h * 2))
                    case .unordered:
                        product *= observed == x[j] ? 1 - h : h / otherLevels[j]
                    }
                }
                total += product / continuousVolume
            }
        }
        return total / Double(count)
    }
}
