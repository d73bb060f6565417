// The generalized Cauchy point (Byrd, Lu, Nocedal and Zhu 1995, section 4, algorithm CP).
//
// Along the projected steepest-descent path x(t) = P(x - t g), variable i reaches its bound at the breakpoint
//
//     t_i = (x_i - u_i) / g_i  if g_i < 0,    (x_i - l_i) / g_i  if g_i > 0,    +infinity otherwise.
//
// Between breakpoints the path is a straight segment with direction d (d_i = -g_i for variables still moving, 0 for
// the others), and the model m(x + z) = g'z + z'Bz/2 restricted to a segment is a parabola in the step dt from the
// segment's start, with slope f' = g'd + d'Bz and curvature f'' = d'Bd. The first local minimizer of the model along
// the path is at dt* = -f'/f'' on the first segment where dt* < the segment's length. With B = theta I - W M W',
// p = W'd and c = W'z, passing breakpoint b (variable b stops at its bound, z_b = bound - x_b) updates
//
//     f'  <- f' + dt f'' + g_b^2 + theta g_b z_b - g_b w_b' M c     (c already advanced by dt p)
//     f'' <- f'' - theta g_b^2 - 2 g_b w_b' M p - g_b^2 w_b' M w_b
//     p   <- p + g_b w_b
//
// (w_b' is row b of W), O(k^2) per breakpoint. Breakpoints are visited in increasing order from a binary heap, so only
// those before the Cauchy point are sorted. As in L-BFGS-B, f'' is kept above eps times its first value.

extension BoundedMinimizerWorkspace {
    /// Computes the generalized Cauchy point into `cauchyPoint`, and `c = W'(x^c - x)` for the subspace step.
    ///
    /// - Returns: false if the model's curvature along the path is not positive (a numerically indefinite memory).
    /// - Complexity: O(n k + n + b (log n + k^2)) for `b` breakpoints passed.
    mutating func computeCauchyPoint() -> Bool {
        let k = pairCount
        let q = 2 * k
        for j in 0..<q { c[j] = 0 }
        guard hasBounds else {
            // No finite bound: every variable stays free, and the subspace step from x^c = x (c = 0) is the
            // unconstrained quasi-Newton step, as L-BFGS-B skips the Cauchy search for unconstrained problems.
            cauchyPoint.update(from: x, count: n)
            return true
        }
        var slope = 0.0
        var heapCount = 0
        var unboundedMovers = 0
        for i in 0..<n {
            let gi = g[i]
            var breakpoint = Double.infinity
            if gi < 0 {
                if upper[i] < .infinity { breakpoint = (x[i] - upper[i]) / gi }
            } else if gi > 0 {
                if lower[i] > -.infinity { breakpoint = (x[i] - lower[i]) / gi }
            }
            breakpoints[i] = breakpoint
            cauchyPoint[i] = x[i]
            if breakpoint == 0 || gi == 0 {
                pathDirection[i] = 0  // at a bound that the gradient pushes against (or a flat direction)
            } else {
                pathDirection[i] = -gi
                slope -= gi * gi
                if breakpoint < .infinity {
                    heap[heapCount] = i
                    heapCount += 1
                } else {
                    unboundedMovers += 1
                }
            }
        }
        guard slope < 0 else { return true }  // the projected gradient is 0: x is its own Cauchy point

        multiplyByWTransposed(pathDirection, into: p)
        var curvature = -theta * slope
        if k > 0 {
            multiplyByM(p, into: scratch)
            curvature -= Self.dot(p, scratch, q)
        }
        guard curvature > 0 && curvature.isFinite else { return false }
        let curvatureFloor = Double.ulpOfOne * curvature
        var bestStep = -slope / curvature
        var pathTime = 0.0

        buildHeap(count: heapCount)
        while heapCount > 0 {
            let b = heap[0]
            let segment = breakpoints[b] - pathTime
            if bestStep < segment { break }
            popHeap(count: &heapCount)

            let gb = g[b]
            let bound = pathDirection[b] > 0 ? upper[b] : lower[b]
            let zb = bound - x[b]
            cauchyPoint[b] = bound
            pathDirection[b] = 0
            for j in 0..<q { c[j] += segment * p[j] }
            slope += segment * curvature + gb * gb + theta * gb * zb
            curvature -= theta * gb * gb
            if k > 0 {
                loadRowOfW(b, into: wRow)
                multiplyByM(wRow, into: mwRow)
                slope -= gb * Self.dot(mwRow, c, q)
                curvature -= 2 * gb * Self.dot(mwRow, p, q) + gb * gb * Self.dot(mwRow, wRow, q)
                for j in 0..<q { p[j] += gb * wRow[j] }
            }
            curvature = max(curvature, curvatureFloor)
            pathTime = breakpoints[b]
            if heapCount == 0 && unboundedMovers == 0 {
                bestStep = 0  // every moving variable is at a bound: the path ends here
                break
            }
            bestStep = -slope / curvature
        }
        bestStep = max(bestStep, 0)
        pathTime += bestStep
        for i in 0..<n where pathDirection[i] != 0 {
            cauchyPoint[i] = min(max(x[i] + pathTime * pathDirection[i], lower[i]), upper[i])
        }
        for j in 0..<q { c[j] += bestStep * p[j] }
        return true
    }

    // MARK: - The breakpoint heap (a binary min-heap of variable indices keyed by breakpoint)

    private func buildHeap(count: Int) {
        var i = count / 2 - 1
        while i >= 0 {
            siftDown(i, count: count)
            i -= 1
        }
    }

    private func popHeap(count: inout Int) {
        count -= 1
        heap[0] = heap[count]
        siftDown(0, count: count)
    }

    private func siftDown(_ start: Int, count: Int) {
        var parent = start
        let item = heap[parent]
        let key = breakpoints[item]
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && breakpoints[heap[child + 1]] < breakpoints[heap[child]] { child += 1 }
            if breakpoints[heap[child]] >= key { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = item
    }
}
