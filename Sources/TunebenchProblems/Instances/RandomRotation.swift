import TunebenchNumerics

/// Uniformly random rotations (orthogonal matrices drawn from the Haar measure).
enum RandomRotation {
    /// A `d x d` orthogonal matrix, row-major: the modified Gram-Schmidt orthonormalisation of the rows of a matrix
    /// of independent standard normal variates.
    ///
    /// The rows of a Gaussian matrix are linearly independent with probability 1, and orthonormalising them in
    /// order gives a Haar-distributed orthogonal matrix (F. Mezzadri, "How to generate random matrices from the
    /// classical compact groups", Notices of the AMS 54(5), 2007; COCO draws its rotations the same way, Hansen et
    /// al. 2009, RR-6829, section 0.2). A row left with a norm below `1e-12` by rounding (probability
    /// zero in exact arithmetic) is drawn again.
    static func draw<G: RandomNumberGenerator>(dimension d: Int, using generator: inout G) -> [Double] {
        var matrix = [Double](repeating: 0, count: d * d)
        var row = 0
        while row < d {
            for j in 0..<d { matrix[row * d + j] = generator.nextGaussian() }
            for previous in 0..<row {
                var dot = 0.0
                for j in 0..<d { dot += matrix[row * d + j] * matrix[previous * d + j] }
                for j in 0..<d { matrix[row * d + j] -= dot * matrix[previous * d + j] }
            }
            var norm = 0.0
            for j in 0..<d { norm += matrix[row * d + j] * matrix[row * d + j] }
            norm = norm.squareRoot()
            guard norm > 1e-12 else { continue }
            for j in 0..<d { matrix[row * d + j] /= norm }
            row += 1
        }
        return matrix
    }
}
