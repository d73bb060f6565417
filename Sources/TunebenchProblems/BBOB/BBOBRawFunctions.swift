import Foundation

/// The raw functions that two bbob functions share (before the shift of the optimum and the transformations), with
/// COCO's arithmetic (coco-experiment 2.8.2 `src/f_ellipsoid.c`, `f_rastrigin.c`, `f_rosenbrock.c`).
enum BBOBRawFunctions {
    /// The ellipsoid `z₀² + Σ_{i≥1} w_i z_i²` (f2, f10), summed in order, each term as `(w_i z_i) z_i`.
    ///
    /// - Parameter weights: `w_i = 10^(6 i/(d−1))` (``BBOBTransformations/powers(of:dimension:)`` of 10⁶).
    @inline(__always)
    static func ellipsoid(_ z: UnsafeMutableBufferPointer<Double>, weights: [Double]) -> Double {
        weights.withUnsafeBufferPointer { w in
            var sum = z[0] * z[0]
            for i in 1..<z.count { sum += w[i] * z[i] * z[i] }
            return sum
        }
    }

    /// Rastrigin's `10 (d − Σ cos 2π z_i) + ‖z‖²` (f3, f15); an infinite `‖z‖²` is returned as is.
    @inline(__always)
    static func rastrigin(_ z: UnsafeMutableBufferPointer<Double>) -> Double {
        var cosines = 0.0
        var squares = 0.0
        for zi in z {
            cosines += cos(2 * Double.pi * zi)
            squares += zi * zi
        }
        if squares.isInfinite { return squares }
        return 10.0 * (Double(z.count) - cosines) + squares
    }

    /// Rosenbrock's `100 Σ (z_i² − z_{i+1})² + Σ (z_i − 1)²`, `i < d − 1` (f8, f9): the two sums accumulated
    /// apart, in order, as COCO does.
    @inline(__always)
    static func rosenbrock(_ z: UnsafeMutableBufferPointer<Double>) -> Double {
        var valley = 0.0
        var distance = 0.0
        for i in 0..<(z.count - 1) {
            let a = z[i] * z[i] - z[i + 1]
            valley += a * a
            let b = z[i] - 1.0
            distance += b * b
        }
        return 100.0 * valley + distance
    }
}
