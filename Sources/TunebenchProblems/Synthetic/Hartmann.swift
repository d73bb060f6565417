import Foundation

/// The common form of the Hartmann functions (``Hartmann3``, ``Hartmann6``):
///
/// ```
/// f(x) = -Σ_{i=1}^{4} α_i exp(-Σ_{j=1}^{d} A_ij (x_j - P_ij)²),   α = (1.0, 1.2, 3.0, 3.2)
/// ```
///
/// with `d × 4` matrices `A` and `P` (the published `P` times 10⁻⁴) specific to each dimension.
///
/// Sources: J. K. Hartman, "Some experiments in global optimization", Naval Research Logistics Quarterly 20(3),
/// 1973; L. C. W. Dixon and G. P. Szegő, *Towards Global Optimisation 2*, North-Holland, 1978; constants as in
/// S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments,
/// https://www.sfu.ca/~ssurjano/hart3.html and https://www.sfu.ca/~ssurjano/hart6.html.
enum Hartmann {
    /// The weights `α` of the four Gaussian wells (Dixon & Szegő 1978; SFU VLSE).
    static let alpha: [Double] = [1.0, 1.2, 3.0, 3.2]

    /// `-Σ_i α_i exp(-Σ_j A_ij (x_j - P_ij)²)` with `a` and `p` stored row by row (`4 × d`, row `i` first).
    ///
    /// - Complexity: `4 d` exponent terms and 4 exponentials, no allocation.
    @inline(__always)
    static func value(_ x: [Double], a: [Double], p: [Double]) -> Double {
        let d = x.count
        var sum = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<d {
                let delta = x[j] - p[i * d + j]
                inner += a[i * d + j] * delta * delta
            }
            sum += alpha[i] * exp(-inner)
        }
        return -sum
    }

    /// Writes the gradient of ``value(_:a:p:)`` at `x` into `gradient` (`d` elements):
    ///
    /// ```
    /// ∂f/∂x_j = Σ_i 2 α_i A_ij (x_j - P_ij) exp(-Σ_k A_ik (x_k - P_ik)²)
    /// ```
    ///
    /// - Complexity: `8 d` terms and 4 exponentials, no allocation.
    @inline(__always)
    static func gradient(_ x: [Double], a: [Double], p: [Double], into gradient: inout [Double]) {
        let d = x.count
        for j in 0..<d {
            gradient[j] = 0
        }
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<d {
                let delta = x[j] - p[i * d + j]
                inner += a[i * d + j] * delta * delta
            }
            let weight = 2 * alpha[i] * exp(-inner)
            for j in 0..<d {
                gradient[j] += weight * a[i * d + j] * (x[j] - p[i * d + j])
            }
        }
    }
}
