// The compact representation of the limited-memory BFGS matrix (R. H. Byrd, J. Nocedal and R. B. Schnabel,
// "Representations of quasi-Newton matrices and their use in limited memory methods", Math. Program. 63, 1994,
// Theorem 2.3):
//
//     B = theta I - W M W',   W = [Y, theta S]  (n x 2k),   M = K^-1,   K = [ -D    L'          ]   (2k x 2k)
//                                                                           [  L    theta S'S   ]
//
// with S = [s_0 ... s_(k-1)], Y likewise (oldest first), D = diag(s_i'y_i) and L the strictly lower triangle of S'Y,
// L_ij = s_i'y_j for i > j. Products with M are solved by block elimination, as in BLNZ section 3:
//
//     K u = v  <=>  T u2 = v2 + L D^-1 v1,  u1 = D^-1 (L' u2 - v1),   T = theta S'S + L D^-1 L'  (k x k, positive
//                                                                     definite when every s_i'y_i > 0),
//
// with T = J J' factored once per stored pair. Cost: O(n k) to store a pair, O(k^3) to refactor, O(k^2) per product.

extension BoundedMinimizerWorkspace {
    /// The ring-buffer column of logical pair `j` (0 is the oldest).
    @inline(__always)
    func column(_ j: Int) -> Int {
        let c = head + j
        return c >= m ? c - m : c
    }

    /// Forgets every correction pair: `B` becomes `theta I`, with `theta = 1` unless `keepingScale`, which keeps the
    /// newest curvature estimate (a scaled steepest-descent model).
    mutating func resetMemory(keepingScale: Bool = false) {
        pairCount = 0
        head = 0
        if !keepingScale { theta = 1 }
    }

    /// Stores `s = acceptedX - x` and `y = acceptedG - g` (0 for fixed variables) as the newest pair, dropping the
    /// oldest when `m` are stored, and updates `S'Y`, `S'S`, `theta` and the factor of `T`.
    ///
    /// If `T` is not numerically positive definite (nearly dependent steps), the memory is reset instead, as
    /// L-BFGS-B does. - Complexity: O(n k + k^3).
    mutating func storePair() {
        let slot: Int
        if pairCount < m {
            slot = column(pairCount)
            pairCount += 1
        } else {
            slot = head
            head = head + 1 == m ? 0 : head + 1
            for i in 0..<(m - 1) {
                for j in 0..<(m - 1) {
                    sy[i * m + j] = sy[(i + 1) * m + j + 1]
                    ss[i * m + j] = ss[(i + 1) * m + j + 1]
                }
            }
        }
        let newS = s + slot * n
        let newY = y + slot * n
        var yy = 0.0
        for i in 0..<n {
            newS[i] = acceptedX[i] - x[i]
            let change = lower[i] == upper[i] ? 0 : acceptedG[i] - g[i]
            newY[i] = change
            yy += change * change
        }
        let newest = pairCount - 1
        for j in 0...newest {
            let oldS = s + column(j) * n
            let oldY = y + column(j) * n
            var newSOldY = 0.0
            var oldSNewY = 0.0
            var newSOldS = 0.0
            for i in 0..<n {
                newSOldY += newS[i] * oldY[i]
                oldSNewY += oldS[i] * newY[i]
                newSOldS += newS[i] * oldS[i]
            }
            sy[newest * m + j] = newSOldY
            sy[j * m + newest] = oldSNewY
            ss[newest * m + j] = newSOldS
            ss[j * m + newest] = newSOldS
        }
        theta = yy / sy[newest * m + newest]
        if !(theta.isFinite && theta > 0) || !factorMiddle() {
            resetMemory()
        }
    }

    /// Forms `T = theta S'S + L D^-1 L'` and factors it as `J J'` (lower `J` in `middleFactor`).
    ///
    /// - Returns: false if a pivot is not positive and finite.
    mutating func factorMiddle() -> Bool {
        let k = pairCount
        let factor = middleFactor
        for i in 0..<k {
            for j in 0...i {
                var entry = theta * ss[i * m + j]
                for l in 0..<j {
                    entry += sy[i * m + l] * sy[j * m + l] / sy[l * m + l]
                }
                factor[i * m + j] = entry
            }
        }
        for j in 0..<k {
            var pivot = factor[j * m + j]
            for l in 0..<j { pivot -= factor[j * m + l] * factor[j * m + l] }
            guard pivot > 0 && pivot.isFinite else { return false }
            let root = pivot.squareRoot()
            factor[j * m + j] = root
            for i in (j + 1)..<k {
                var entry = factor[i * m + j]
                for l in 0..<j { entry -= factor[i * m + l] * factor[j * m + l] }
                factor[i * m + j] = entry / root
            }
        }
        return true
    }

    /// `u = M v` for `v` of length `2k`, by the block elimination above. `u` and `v` must not overlap.
    /// - Complexity: O(k^2).
    func multiplyByM(_ v: UnsafeMutablePointer<Double>, into u: UnsafeMutablePointer<Double>) {
        let k = pairCount
        let factor = middleFactor
        // u2 <- v2 + L D^-1 v1
        for i in 0..<k {
            var sum = v[k + i]
            for j in 0..<i { sum += sy[i * m + j] * v[j] / sy[j * m + j] }
            u[k + i] = sum
        }
        // u2 <- T^-1 u2 = J'^-1 J^-1 u2
        for i in 0..<k {
            var sum = u[k + i]
            for j in 0..<i { sum -= factor[i * m + j] * u[k + j] }
            u[k + i] = sum / factor[i * m + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            var sum = u[k + i]
            for j in (i + 1)..<k { sum -= factor[j * m + i] * u[k + j] }
            u[k + i] = sum / factor[i * m + i]
        }
        // u1 <- D^-1 (L' u2 - v1)
        for i in 0..<k {
            var sum = -v[i]
            for j in (i + 1)..<k { sum += sy[j * m + i] * u[k + j] }
            u[i] = sum / sy[i * m + i]
        }
    }

    /// Loads row `b` of `W = [Y, theta S]` (length `2k`) into `row`.
    @inline(__always)
    func loadRowOfW(_ b: Int, into row: UnsafeMutablePointer<Double>) {
        let k = pairCount
        for j in 0..<k {
            let offset = column(j) * n + b
            row[j] = y[offset]
            row[k + j] = theta * s[offset]
        }
    }

    /// `out = W'v` for `v` of length `n`: `[Y'v, theta S'v]`.
    /// - Complexity: O(n k).
    func multiplyByWTransposed(_ v: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let k = pairCount
        for j in 0..<k {
            let sColumn = s + column(j) * n
            let yColumn = y + column(j) * n
            var ySum = 0.0
            var sSum = 0.0
            for i in 0..<n {
                ySum += yColumn[i] * v[i]
                sSum += sColumn[i] * v[i]
            }
            out[j] = ySum
            out[k + j] = theta * sSum
        }
    }

    /// `a'b` over `count` entries.
    @inline(__always)
    static func dot(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        var sum = 0.0
        for i in 0..<count { sum += a[i] * b[i] }
        return sum
    }
}
