/// The one matrix kernel of ``DenseNetwork``: a product `C = start + A B` over raw row-major buffers, with `A` read
/// through strides so that the same code serves `x W` (forward pass), `δ Wᵀ` (backward pass, with `Wᵀ` stored) and
/// `aᵀ δ` (weight gradient, `A` read down its columns).
enum DenseKernels {
    /// What `C` starts from.
    enum Start {
        /// Zero.
        case zero
        /// The same row vector (a bias) in every row.
        case row(UnsafePointer<Double>)
        /// `C`'s current values (accumulate).
        case current
    }

    /// `C[p, j] = start[p, j] + Σ_k A[p, k] B[k, j]` for `p < rows`, `k < inner`, `j < columns`, where
    /// `A[p, k] = a[p · aRowStride + k · aInnerStride]`, `B[k, j] = b[k · bRowStride + j]` and
    /// `C[p, j] = c[p · cRowStride + j]`.
    ///
    /// Columns go in blocks of 8 and then 4 held in registers (`SIMD8`/`SIMD4`), the rest one at a time for four
    /// rows at once. For each output the sum runs over `k` in order, so the result is the same on every run; in the
    /// blocks, terms with `A[p, k] = 0` (inactive ReLU units) are skipped, which changes nothing but the time.
    @inlinable
    static func product(
        rows: Int,
        inner: Int,
        columns: Int,
        a: UnsafePointer<Double>,
        aRowStride: Int,
        aInnerStride: Int,
        b: UnsafePointer<Double>,
        bRowStride: Int,
        c: UnsafeMutablePointer<Double>,
        cRowStride: Int,
        start: Start
    ) {
        /// Columns `j ..< j + V.scalarCount` of row `p`, the sum held in one `V`.
        @inline(__always)
        func block<V: SIMD>(_ p: Int, _ j: Int, as _: V.Type) where V.Scalar == Double {
            let row = c + p * cRowStride + j
            let aRow = a + p * aRowStride
            var sum: V
            switch start {
            case .zero: sum = V()
            case .row(let bias): sum = UnsafeRawPointer(bias + j).loadUnaligned(as: V.self)
            case .current: sum = UnsafeRawPointer(row).loadUnaligned(as: V.self)
            }
            for k in 0..<inner {
                let x = aRow[k * aInnerStride]
                if x == 0 { continue }
                sum += x * UnsafeRawPointer(b + k * bRowStride + j).loadUnaligned(as: V.self)
            }
            UnsafeMutableRawPointer(row).storeBytes(of: sum, as: V.self)
        }
        for p in 0..<rows {
            var j = 0
            while j + 8 <= columns {
                block(p, j, as: SIMD8<Double>.self)
                j += 8
            }
            if j + 4 <= columns { block(p, j, as: SIMD4<Double>.self) }
        }
        // The last `columns mod 4` columns, four rows at a time so that four sums advance independently.
        let first = columns - columns % 4
        for j in first..<columns {
            @inline(__always)
            func startValue(_ p: Int) -> Double {
                switch start {
                case .zero: return 0
                case .row(let bias): return bias[j]
                case .current: return c[p * cRowStride + j]
                }
            }
            var p = 0
            while p + 4 <= rows {
                var sum = SIMD4(startValue(p), startValue(p + 1), startValue(p + 2), startValue(p + 3))
                let a0 = a + p * aRowStride
                for k in 0..<inner {
                    let x = SIMD4(
                        a0[k * aInnerStride],
                        a0[aRowStride + k * aInnerStride],
                        a0[2 * aRowStride + k * aInnerStride],
                        a0[3 * aRowStride + k * aInnerStride]
                    )
                    sum += x * b[k * bRowStride + j]
                }
                for q in 0..<4 { c[(p + q) * cRowStride + j] = sum[q] }
                p += 4
            }
            while p < rows {
                var sum = startValue(p)
                let aRow = a + p * aRowStride
                for k in 0..<inner { sum += aRow[k * aInnerStride] * b[k * bRowStride + j] }
                c[p * cRowStride + j] = sum
                p += 1
            }
        }
    }
}
