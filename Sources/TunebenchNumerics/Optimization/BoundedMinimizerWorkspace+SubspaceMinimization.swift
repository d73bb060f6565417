// The subspace step (Byrd, Lu, Nocedal and Zhu 1995, section 5.1, the direct primal method; with the projection of
// Morales and Nocedal 2011).
//
// The variables at a bound at the Cauchy point x^c stay there; over the free ones (selector Z) the model is minimized
// without bounds: with the reduced gradient r = Z'(g + B(x^c - x)) = Z'(g + theta (x^c - x) - W M c) and the reduced
// matrix B^ = theta I - W^ M W^', W^ = Z'W, the step is d^u = -B^^-1 r. By Sherman-Morrison-Woodbury,
//
//     B^^-1 = I/theta + W^ (K - W^'W^/theta)^-1 W^' / theta^2,     K = M^-1,
//
// so d^u = -(r + W^ v / theta) / theta with (K - W^'W^/theta) v = W^'r, a 2k x 2k system (symmetric and indefinite;
// solved by Gaussian elimination with partial pivoting). It is nonsingular exactly when B^ is, by Sylvester's
// determinant identity. When every variable is free, B^ = B and d^u = -H r with the inverse BFGS matrix H = B^-1
// (H0 = I/theta), computed instead by the two-loop recursion (J. Nocedal, "Updating quasi-Newton matrices with limited
// storage", Math. Comp. 35, 1980; Nocedal and Wright, Algorithm 7.4) in O(n k) rather than O(n k^2 + k^3). Then xbar = P(x^c + d^u), kept if g'(xbar - x) <= 0; otherwise the unprojected step is
// truncated at the first bound, xbar = x^c + a* d^u, which is a descent direction because the model decreases from
// x to x^c and from x^c along d^u.

extension BoundedMinimizerWorkspace {
    /// Computes `target = xbar` from the Cauchy point.
    ///
    /// - Returns: false if the `2k x 2k` system is numerically singular.
    /// - Complexity: O(free k^2 + k^3).
    mutating func minimizeSubspace() -> Bool {
        let k = pairCount
        let q = 2 * k
        freeCount = 0
        for i in 0..<n {
            target[i] = cauchyPoint[i]
            if lower[i] < cauchyPoint[i] && cauchyPoint[i] < upper[i] {
                freeVariables[freeCount] = i
                freeCount += 1
            }
        }
        guard freeCount > 0 else { return true }

        // The reduced gradient r, kept in subspaceStep until the step replaces it; scratch = M c.
        if k > 0 { multiplyByM(c, into: scratch) }
        for f in 0..<freeCount {
            let i = freeVariables[f]
            var r = g[i] + theta * (cauchyPoint[i] - x[i])
            if k > 0 {
                loadRowOfW(i, into: wRow)
                r -= Self.dot(wRow, scratch, q)
            }
            subspaceStep[i] = r
        }

        let inverseTheta = 1 / theta
        if k > 0 && freeCount == n {
            twoLoopRecursion()
        } else if k == 0 {
            for f in 0..<freeCount {
                let i = freeVariables[f]
                subspaceStep[i] = -inverseTheta * subspaceStep[i]
            }
        } else {
            let ld = 2 * m
            for a in 0..<q {
                rightSide[a] = 0
                for b in 0..<q { system[a * ld + b] = 0 }
            }
            // K = [-D, L'; L, theta S'S].
            for i in 0..<k {
                system[i * ld + i] = -sy[i * m + i]
                for j in 0..<k {
                    if i > j {
                        system[(k + i) * ld + j] = sy[i * m + j]
                        system[j * ld + k + i] = sy[i * m + j]
                    }
                    system[(k + i) * ld + k + j] = theta * ss[i * m + j]
                }
            }
            // K - W^'W^/theta and W^'r, one free variable (one row of W) at a time.
            for f in 0..<freeCount {
                let i = freeVariables[f]
                loadRowOfW(i, into: wRow)
                let r = subspaceStep[i]
                for a in 0..<q {
                    rightSide[a] += wRow[a] * r
                    let scaled = wRow[a] * inverseTheta
                    let row = system + a * ld
                    for b in 0..<q { row[b] -= scaled * wRow[b] }
                }
            }
            guard solveSystem(size: q) else { return false }
            for f in 0..<freeCount {
                let i = freeVariables[f]
                loadRowOfW(i, into: wRow)
                subspaceStep[i] = -inverseTheta * (subspaceStep[i] + inverseTheta * Self.dot(wRow, rightSide, q))
            }
        }

        // Morales and Nocedal: project the subspace minimizer; keep it if it gives descent.
        for f in 0..<freeCount {
            let i = freeVariables[f]
            target[i] = min(max(cauchyPoint[i] + subspaceStep[i], lower[i]), upper[i])
        }
        var slope = 0.0
        for i in 0..<n { slope += g[i] * (target[i] - x[i]) }
        if slope > 0 {
            var fraction = 1.0
            for f in 0..<freeCount {
                let i = freeVariables[f]
                let step = subspaceStep[i]
                if step > 0 && upper[i] < .infinity {
                    fraction = min(fraction, (upper[i] - cauchyPoint[i]) / step)
                } else if step < 0 && lower[i] > -.infinity {
                    fraction = min(fraction, (lower[i] - cauchyPoint[i]) / step)
                }
            }
            for f in 0..<freeCount {
                let i = freeVariables[f]
                target[i] = min(max(cauchyPoint[i] + fraction * subspaceStep[i], lower[i]), upper[i])
            }
        }
        return true
    }

    /// `subspaceStep <- -H subspaceStep` over all `n` variables, by the two-loop recursion with `H0 = I / theta`.
    /// - Complexity: O(n k).
    private func twoLoopRecursion() {
        let k = pairCount
        let q = subspaceStep
        let alpha = scratch
        for j in stride(from: k - 1, through: 0, by: -1) {
            let sColumn = s + column(j) * n
            let yColumn = y + column(j) * n
            let a = Self.dot(sColumn, q, n) / sy[j * m + j]
            alpha[j] = a
            for i in 0..<n { q[i] -= a * yColumn[i] }
        }
        let inverseTheta = 1 / theta
        for i in 0..<n { q[i] *= inverseTheta }
        for j in 0..<k {
            let sColumn = s + column(j) * n
            let yColumn = y + column(j) * n
            let correction = alpha[j] - Self.dot(yColumn, q, n) / sy[j * m + j]
            for i in 0..<n { q[i] += correction * sColumn[i] }
        }
        for i in 0..<n { q[i] = -q[i] }
    }

    /// Solves `system * v = rightSide` (size `q`, leading dimension `2m`) in place by Gaussian elimination with
    /// partial pivoting; `rightSide` receives `v`.
    ///
    /// - Returns: false if a pivot column is all zero or the solution is not finite.
    /// - Complexity: O(q^3), at most (2m)^3 = 8000 multiply-adds for m = 10.
    private func solveSystem(size q: Int) -> Bool {
        let ld = 2 * m
        for column in 0..<q {
            var pivotRow = column
            var largest = abs(system[column * ld + column])
            for r in (column + 1)..<q where abs(system[r * ld + column]) > largest {
                largest = abs(system[r * ld + column])
                pivotRow = r
            }
            guard largest > 0 && largest.isFinite else { return false }
            if pivotRow != column {
                for j in column..<q {
                    let swapped = system[column * ld + j]
                    system[column * ld + j] = system[pivotRow * ld + j]
                    system[pivotRow * ld + j] = swapped
                }
                let swapped = rightSide[column]
                rightSide[column] = rightSide[pivotRow]
                rightSide[pivotRow] = swapped
            }
            let pivotRowStart = system + column * ld
            let pivot = pivotRowStart[column]
            for r in (column + 1)..<q {
                let rowStart = system + r * ld
                let factor = rowStart[column] / pivot
                if factor == 0 { continue }
                for j in (column + 1)..<q { rowStart[j] -= factor * pivotRowStart[j] }
                rightSide[r] -= factor * rightSide[column]
            }
        }
        for r in stride(from: q - 1, through: 0, by: -1) {
            var sum = rightSide[r]
            for j in (r + 1)..<q { sum -= system[r * ld + j] * rightSide[j] }
            rightSide[r] = sum / system[r * ld + r]
            guard rightSide[r].isFinite else { return false }
        }
        return true
    }
}
