import Foundation

/// Timings of `Cholesky` on a fixed, seeded kernel matrix, for the `benchmark` subcommand and for comparison with
/// LAPACK (`numpy.linalg.cholesky`, OpenBLAS `dpotrf`).
///
/// The matrix is the squared-exponential kernel matrix of `n` points drawn uniformly in `[0, 1]⁶`, length-scale 0.5,
/// plus `10⁻³ I` (a Gaussian-process kernel matrix with noise): symmetric positive definite with eigenvalues in
/// `[10⁻³, n + 10⁻³]`, so no jitter is ever needed and every repetition does the same work, n³/3 flops.
/// The points come from SplitMix64 with a fixed seed, so the matrix is the same on every machine.
///
/// ```swift
/// let times = CholeskyBenchmark.seconds(n: 1000, repetitions: 5)
/// let median = Statistics.median(times)
/// ```
public enum CholeskyBenchmark {
    /// The benchmark matrix of order `n`.
    ///
    /// - Parameters:
    ///   - n: The order, at least 0.
    ///   - seed: The SplitMix64 seed of the points.
    /// - Complexity: O(n²).
    public static func matrix(n: Int, seed: UInt64 = 20_250_601) -> Matrix {
        precondition(n >= 0, "CholeskyBenchmark: negative order \(n)")
        let dimension = 6
        var state = seed
        var points = [Double](repeating: 0, count: n * dimension)
        for index in points.indices {
            // SplitMix64 (Steele, Lea and Flood, OOPSLA 2014), top 53 bits as a unit double.
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            points[index] = Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
        }
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0...i {
                var squaredDistance = 0.0
                for d in 0..<dimension {
                    let difference = points[i * dimension + d] - points[j * dimension + d]
                    squaredDistance += difference * difference
                }
                let value = exp(-squaredDistance / (2 * 0.25)) + (i == j ? 1e-3 : 0)
                result.storage[i * n + j] = value
                result.storage[j * n + i] = value
            }
        }
        return result
    }

    /// Factors the benchmark matrix of order `n` `repetitions` times and returns the wall-clock seconds of each
    /// factorisation (the `Cholesky` initialiser: validation, copy and factorisation, like `numpy.linalg.cholesky`).
    ///
    /// - Parameters:
    ///   - n: The order of the matrix, at least 1.
    ///   - repetitions: The number of timed factorisations, at least 1. One untimed factorisation runs first, to warm
    ///     the caches and the allocator.
    /// - Returns: `repetitions` durations in seconds, in the order measured.
    /// - Complexity: `repetitions + 1` factorisations, n³/3 flops each.
    public static func seconds(n: Int, repetitions: Int) -> [Double] {
        precondition(n >= 1 && repetitions >= 1, "CholeskyBenchmark: need n >= 1 and repetitions >= 1")
        let a = matrix(n: n)
        let clock = ContinuousClock()
        var checksum = 0.0
        var times: [Double] = []
        for repetition in 0...repetitions {
            let start = clock.now
            let factorisation: Cholesky
            do {
                factorisation = try Cholesky(a, jitterPolicy: .none)
            } catch {
                preconditionFailure("CholeskyBenchmark: the benchmark matrix of order \(n) failed to factor: \(error)")
            }
            let elapsed = clock.now - start
            checksum += factorisation.logDeterminant
            if repetition > 0 {
                let (seconds, attoseconds) = elapsed.components
                times.append(Double(seconds) + Double(attoseconds) * 1e-18)
            }
        }
        precondition(checksum.isFinite, "CholeskyBenchmark: non-finite factor")
        return times
    }
}
