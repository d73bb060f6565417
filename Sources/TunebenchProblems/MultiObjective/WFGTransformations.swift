import Foundation

/// The transformation and shape functions of the WFG toolkit (S. Huband, P. Hingston, L. Barone and L. While, "A
/// review of multiobjective test problems and a scalable test problem toolkit", IEEE TEVC 10(5), 2006, tables II to
/// V; the names are the paper's). Every value is brought back into [0, 1] when it leaves it by at most 10⁻¹⁰
/// (`correct`, as the toolkit's own C++ code and pymoo do), so that rounding never leaks out of the unit interval.
enum WFG {
    /// Values in [−10⁻¹⁰, 0) become 0 and values in (1, 1 + 10⁻¹⁰] become 1.
    @inline(__always)
    static func correct(_ y: Double) -> Double {
        if y < 0, y >= -1e-10 { return 0 }
        if y > 1, y <= 1 + 1e-10 { return 1 }
        return y
    }

    // MARK: - Bias

    /// b_poly(y, α) = y^α.
    static func polynomial(_ y: Double, _ alpha: Double) -> Double { correct(pow(y, alpha)) }

    /// b_flat(y, A, B, C): A on [B, C], linear to y on either side.
    static func flat(_ y: Double, _ a: Double, _ b: Double, _ c: Double) -> Double {
        correct(
            a + min(0, (y - b).rounded(.down)) * (a * (b - y) / b)
                - min(0, (c - y).rounded(.down)) * ((1 - a) * (y - c) / (1 - c)))
    }

    /// b_param(y, y′, A, B, C) = y^(B + (C − B)(A − (1 − 2y′) |⌊½ − y′⌋ + A|)).
    static func parameterDependent(
        _ y: Double, _ dependency: Double, _ a: Double = 0.98 / 49.98, _ b: Double = 0.02, _ c: Double = 50
    ) -> Double {
        let exponent = a - (1 - 2 * dependency) * abs((0.5 - dependency).rounded(.down) + a)
        return correct(pow(y, b + (c - b) * exponent))
    }

    // MARK: - Shift

    /// s_linear(y, A) = |y − A| / |⌊A − y⌋ + A|.
    static func linearShift(_ y: Double, _ a: Double) -> Double {
        correct(abs(y - a) / abs((a - y).rounded(.down) + a))
    }

    /// s_decept(y, A, B, C): a deceptive shift with its global optimum at A and deceptive optima at 0 and 1.
    static func deceptiveShift(_ y: Double, _ a: Double = 0.35, _ b: Double = 0.001, _ c: Double = 0.05) -> Double {
        let lower = (y - a + b).rounded(.down) * (1 - c + (a - b) / b) / (a - b)
        let upper = (a + b - y).rounded(.down) * (1 - c + (1 - a - b) / b) / (1 - a - b)
        return correct(1 + (abs(y - a) - b) * (lower + upper + 1 / b))
    }

    /// s_multi(y, A, B, C): a multi-modal shift with A minima, the global one at C.
    static func multimodalShift(_ y: Double, _ a: Double, _ b: Double, _ c: Double) -> Double {
        let distance = abs(y - c) / (2 * ((c - y).rounded(.down) + c))
        let angle = (4 * a + 2) * Double.pi * (0.5 - distance)
        // `distance * distance`, not `pow(distance, 2)`: an optimized build turns that call into the product and a
        // debug build calls libm's `pow`, which can differ in the last bit (NumPy squares too).
        return correct((1 + cos(angle) + 4 * b * (distance * distance)) / (b + 2))
    }

    // MARK: - Reduction

    /// r_sum(y, w) = Σ w_i y_i / Σ w_i.
    static func weightedSum(_ y: ArraySlice<Double>, _ w: ArraySlice<Double>) -> Double {
        var numerator = 0.0
        for (value, weight) in zip(y, w) { numerator += value * weight }
        return correct(numerator / w.reduce(0, +))
    }

    /// r_sum with equal weights: the mean, its sum taken in NumPy's pairwise order (``pairwiseSum(_:)``).
    static func mean(_ y: ArraySlice<Double>) -> Double {
        correct(pairwiseSum(y) / Double(y.count))
    }

    /// Σ y in the order of NumPy's `pairwise_sum` (numpy/_core/src/umath/loops_utils.h.src), which `np.mean` uses:
    /// below 8 values left to right; up to 128, eight running sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5)
    /// + (r6 + r7)), then the remainder; beyond, the two halves (the first a multiple of 8) recursively. WFG9's
    /// exponents of up to 50 turn the last bit of a mean into 10⁻¹¹ of a value, so the order is pymoo's.
    static func pairwiseSum(_ y: ArraySlice<Double>) -> Double {
        let n = y.count
        let start = y.startIndex
        if n < 8 {
            var sum = 0.0
            for value in y { sum += value }
            return sum
        }
        if n <= 128 {
            var r = Array(y[start..<(start + 8)])
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += y[start + i + j] }
                i += 8
            }
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                sum += y[start + i]
                i += 1
            }
            return sum
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(y[start..<(start + half)]) + pairwiseSum(y[(start + half)...])
    }

    /// r_nonsep(y, A) = Σ_j (y_j + Σ_{k<A−1} |y_j − y_{(1+j+k) mod |y|}|) / (|y| ⌈A/2⌉ (1 + 2A − 2⌈A/2⌉) / A).
    static func nonseparable(_ y: ArraySlice<Double>, _ a: Int) -> Double {
        let values = Array(y)
        let m = values.count
        var numerator = 0.0
        for j in 0..<m {
            numerator += values[j]
            for k in 0..<(a - 1) { numerator += abs(values[j] - values[(1 + j + k) % m]) }
        }
        let half = (Double(a) / 2).rounded(.up)
        return correct(numerator / (Double(m) * half * (1 + 2 * Double(a) - 2 * half) / Double(a)))
    }

    // MARK: - Shapes

    /// The m-th of M shape values (m from 1) over the M − 1 position values `x`: linear, convex or concave.
    static func shape(_ kind: ShapeKind, _ x: [Double], _ m: Int) -> Double {
        let last = x.count
        func term(_ value: Double) -> Double {
            switch kind {
            case .linear: return value
            case .convex: return 1 - cos(0.5 * value * Double.pi)
            case .concave: return sin(0.5 * value * Double.pi)
            }
        }
        func closing(_ value: Double) -> Double {
            switch kind {
            case .linear: return 1 - value
            case .convex: return 1 - sin(0.5 * value * Double.pi)
            case .concave: return cos(0.5 * value * Double.pi)
            }
        }
        var result = 1.0
        if m == 1 {
            for value in x { result *= term(value) }
        } else if m <= last {
            for value in x[..<(last - m + 1)] { result *= term(value) }
            result *= closing(x[last - m + 1])
        } else {
            result = closing(x[0])
        }
        return correct(result)
    }

    enum ShapeKind { case linear, convex, concave }

    /// mixed(x) = (1 − x − cos(2Aπx + π/2) / (2Aπ))^α (A = 5, α = 1 in WFG1).
    static func mixed(_ x: Double, _ a: Double = 5, _ alpha: Double = 1) -> Double {
        let frequency = 2 * a * Double.pi
        return correct(pow(1 - x - cos(frequency * x + 0.5 * Double.pi) / frequency, alpha))
    }

    /// disc(x) = 1 − x^α cos²(Aπ x^β) (A = 5, α = β = 1 in WFG2).
    static func disconnected(_ x: Double, _ a: Double = 5, _ alpha: Double = 1, _ beta: Double = 1) -> Double {
        let wave = cos(a * Double.pi * pow(x, beta))
        return correct(1 - pow(x, alpha) * wave * wave)
    }
}
