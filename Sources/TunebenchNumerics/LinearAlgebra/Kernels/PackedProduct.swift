/// The matrix product at the heart of the blocked factorisation and solves: `C += alpha · A Bᵀ`, with `A` (m × k)
/// and `B` (n × k) read through strided views, so that `A B`, `Aᵀ B` and `A Aᵀ` are the same routine.
///
/// The loop nest is Goto and van de Geijn's ("Anatomy of high-performance matrix multiplication", ACM TOMS 34(3),
/// 2008), written out in Swift:
///
/// - `B` is cut into column blocks of `columnBlock` rows and depth blocks of `depthBlock`; each block is packed into
///   strips of `stripWidth` (4) rows laid out depth-major (`packedB[(s · kc + p) · 4 + c] = B[s · 4 + c, p]`), so
///   that the micro-kernel reads a depth step of a strip as one aligned 4-wide load.
/// - `A` is cut into row blocks of `rowBlock` rows and packed in strips of `stripHeight` (6) rows, every element
///   written twice (`packDuplicated`): x86-64's baseline SSE2 has no broadcast load, and a pre-duplicated pair turns
///   each broadcast into a plain aligned load. A packed row block (`rowBlock × depthBlock` pairs, at most 384 KB)
///   stays in the level-2 cache while the `B` strips, each in the level-1 cache, stream past it.
/// - The micro-kernel keeps a 6 × 4 tile of `C` in twelve SSE2 registers (`SIMD2<Double>` accumulators), which with
///   two registers of `B`, one of `A` and one temporary is all sixteen: no spills. A depth step is 12 multiplications
///   and 12 additions (48 flops) in 42 instructions. Multiplications and additions are separate (`fma` without
///   hardware FMA would be a library call per lane); the independent accumulators hide the adders' latency.
///
/// The package builds without `unsafeFlags`, hence for the baseline instruction set (SSE2 on x86-64, NEON on arm64);
/// the same source compiles to 4-wide AVX code where the target allows it.
///
/// Packed strips are padded with zeros, so edge tiles run the same kernel and only their stores are partial.
///
/// `shape: .lowerTriangle` (for `C` square and diagonal-aligned, `m == n`) skips every tile that lies entirely above
/// the diagonal. Tiles that straddle the diagonal are computed whole: their entries above the diagonal are updated too,
/// with the same formula, and callers must not rely on them.
enum PackedProduct {
    /// Which entries of `C` a product must update.
    enum Shape {
        /// Every entry.
        case full
        /// The entries on and below the diagonal; `C` must be square.
        case lowerTriangle
    }

    /// Rows of `A` per micro-tile (`mr`): the broadcast side.
    static let stripHeight = 6
    /// Rows of `B` (columns of `C`) per micro-tile (`nr`): the vector side, one `SIMD4<Double>`.
    static let stripWidth = 4
    /// Depth per packed block (`kc`).
    static let depthBlock = 256
    /// Rows of `A` per packed block (`mc`), a multiple of `stripHeight`.
    static let rowBlock = 96
    /// Rows of `B` per packed block (`nc`), a multiple of `stripWidth`.
    static let columnBlock = 4096

    /// Computes `C[i, j] += alpha · Σ_{p < k} A[i, p] · B[j, p]` for `i < m`, `j < n`.
    ///
    /// - Parameters:
    ///   - alpha: The scale of the product, typically `-1` (a Schur-complement update) or `1`.
    ///   - a: The `m × k` left operand.
    ///   - b: The `n × k` right operand, read as its transpose.
    ///   - c: The first element of the row-major `m × n` result, rows `leadingDimension` elements apart.
    ///   - shape: `.lowerTriangle` to update only entries with `i >= j` (see the type's note on straddling tiles).
    /// - Complexity: O(m n k) arithmetic, O((m + n) k) packing; no heap allocation below about 100 KB of workspace.
    static func accumulate(
        alpha: Double,
        _ a: StridedOperand,
        _ b: StridedOperand,
        into c: UnsafeMutablePointer<Double>,
        leadingDimension ldc: Int,
        rows m: Int,
        columns n: Int,
        depth k: Int,
        shape: Shape = .full
    ) {
        guard m > 0, n > 0, k > 0 else { return }
        let mr = stripHeight
        let nr = stripWidth
        let lower = shape == .lowerTriangle
        let kcMax = min(k, depthBlock)
        let mcMax = min((m + mr - 1) / mr * mr, rowBlock)
        let ncMax = min((n + nr - 1) / nr * nr, columnBlock)
        let capacity = kcMax * (2 * mcMax + ncMax)
        withUnsafeTemporaryAllocation(byteCount: capacity * MemoryLayout<Double>.stride, alignment: 64) { raw in
            let packedA = raw.baseAddress!.bindMemory(to: Double.self, capacity: capacity)
            let packedB = packedA + 2 * kcMax * mcMax
            var jc = 0
            while jc < n {
                let nc = min(columnBlock, n - jc)
                var pc = 0
                while pc < k {
                    let kc = min(depthBlock, k - pc)
                    pack(b.offset(row: jc, column: pc), rows: nc, depth: kc, width: nr, into: packedB)
                    // In a lower triangle, rows above the block's first column hold nothing to update.
                    var ic = lower ? jc : 0
                    while ic < m {
                        let mc = min(rowBlock, m - ic)
                        packDuplicated(a.offset(row: ic, column: pc), rows: mc, depth: kc, width: mr, into: packedA)
                        let jrEnd = lower ? min(nc, ic + mc - jc) : nc
                        var jr = 0
                        while jr < jrEnd {
                            let columns = min(nr, nc - jr)
                            // In a lower triangle, start at the strip that holds row jc + jr (the first row on or
                            // below this column strip's diagonal).
                            var ir = lower ? max(0, (jc + jr - ic) / mr * mr) : 0
                            let tileB = packedB + jr * kc
                            while ir < mc {
                                microKernel(
                                    depth: kc,
                                    packedA + 2 * ir * kc,
                                    tileB,
                                    alpha: alpha,
                                    into: c + ((ic + ir) * ldc + jc + jr),
                                    leadingDimension: ldc,
                                    rows: min(mr, mc - ir),
                                    columns: columns
                                )
                                ir += mr
                            }
                            jr += nr
                        }
                        ic += mc
                    }
                    pc += kc
                }
                jc += nc
            }
        }
    }

    /// Copies `rows × depth` elements of `source` into strips of `width` rows, depth-major inside a strip:
    /// `packed[(s · depth + p) · width + r] = source[s · width + r, p]`, zero where `s · width + r >= rows`.
    @inline(__always)
    static func pack(
        _ source: StridedOperand,
        rows: Int,
        depth: Int,
        width: Int,
        into packed: UnsafeMutablePointer<Double>
    ) {
        var destination = packed
        var first = 0
        while first < rows {
            let height = min(width, rows - first)
            if source.columnStride == 1 {
                for r in 0..<height {
                    let row = source.base + (first + r) * source.rowStride
                    var to = destination + r
                    for p in 0..<depth {
                        to.pointee = row[p]
                        to += width
                    }
                }
            } else {
                for p in 0..<depth {
                    let column = source.base + (first * source.rowStride + p * source.columnStride)
                    let to = destination + p * width
                    for r in 0..<height {
                        to[r] = column[r * source.rowStride]
                    }
                }
            }
            if height < width {
                for p in 0..<depth {
                    for r in height..<width {
                        destination[p * width + r] = 0
                    }
                }
            }
            destination += width * depth
            first += width
        }
    }

    /// Like `pack`, with every element written twice: `packed[((s · depth + p) · width + r) · 2 + {0, 1}] =
    /// source[s · width + r, p]`, so that the micro-kernel's broadcasts are plain aligned two-wide loads (SSE2 has no
    /// broadcast load).
    @inline(__always)
    static func packDuplicated(
        _ source: StridedOperand,
        rows: Int,
        depth: Int,
        width: Int,
        into packed: UnsafeMutablePointer<Double>
    ) {
        var destination = packed
        var first = 0
        while first < rows {
            let height = min(width, rows - first)
            for p in 0..<depth {
                let to = destination + 2 * p * width
                let column = source.base + (first * source.rowStride + p * source.columnStride)
                for r in 0..<width {
                    let value = r < height ? column[r * source.rowStride] : 0
                    to[2 * r] = value
                    to[2 * r + 1] = value
                }
            }
            destination += 2 * width * depth
            first += width
        }
    }

    /// `C[r, c] += alpha · Σ_p a[(p · 6 + r) · 2] · b[p · 4 + c]` for the `rows × columns` corner of a 6 × 4 tile,
    /// with `a` packed duplicated (`packDuplicated`) and both operands 16-byte aligned.
    ///
    /// Written in `SIMD2<Double>`, one SSE2 register each: twelve accumulators, two registers of `B`, and per row of
    /// `A` one aligned load that serves as the broadcast.
    @inline(__always)
    static func microKernel(
        depth: Int,
        _ a: UnsafePointer<Double>,
        _ b: UnsafePointer<Double>,
        alpha: Double,
        into c: UnsafeMutablePointer<Double>,
        leadingDimension ldc: Int,
        rows: Int,
        columns: Int
    ) {
        var c00 = SIMD2<Double>.zero
        var c01 = SIMD2<Double>.zero
        var c10 = SIMD2<Double>.zero
        var c11 = SIMD2<Double>.zero
        var c20 = SIMD2<Double>.zero
        var c21 = SIMD2<Double>.zero
        var c30 = SIMD2<Double>.zero
        var c31 = SIMD2<Double>.zero
        var c40 = SIMD2<Double>.zero
        var c41 = SIMD2<Double>.zero
        var c50 = SIMD2<Double>.zero
        var c51 = SIMD2<Double>.zero
        var pa = UnsafeRawPointer(a)
        var pb = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let b0 = pb.load(as: SIMD2<Double>.self)
            let b1 = pb.load(fromByteOffset: 16, as: SIMD2<Double>.self)
            let a0 = pa.load(as: SIMD2<Double>.self)
            c00 += b0 * a0
            c01 += b1 * a0
            let a1 = pa.load(fromByteOffset: 16, as: SIMD2<Double>.self)
            c10 += b0 * a1
            c11 += b1 * a1
            let a2 = pa.load(fromByteOffset: 32, as: SIMD2<Double>.self)
            c20 += b0 * a2
            c21 += b1 * a2
            let a3 = pa.load(fromByteOffset: 48, as: SIMD2<Double>.self)
            c30 += b0 * a3
            c31 += b1 * a3
            let a4 = pa.load(fromByteOffset: 64, as: SIMD2<Double>.self)
            c40 += b0 * a4
            c41 += b1 * a4
            let a5 = pa.load(fromByteOffset: 80, as: SIMD2<Double>.self)
            c50 += b0 * a5
            c51 += b1 * a5
            pa += 96
            pb += 32
        }
        let c0 = SIMD4(lowHalf: c00, highHalf: c01)
        let c1 = SIMD4(lowHalf: c10, highHalf: c11)
        let c2 = SIMD4(lowHalf: c20, highHalf: c21)
        let c3 = SIMD4(lowHalf: c30, highHalf: c31)
        let c4 = SIMD4(lowHalf: c40, highHalf: c41)
        let c5 = SIMD4(lowHalf: c50, highHalf: c51)
        if rows == 6 && columns == 4 {
            VectorMemory.store(VectorMemory.load(c) + alpha * c0, to: c)
            VectorMemory.store(VectorMemory.load(c + ldc) + alpha * c1, to: c + ldc)
            VectorMemory.store(VectorMemory.load(c + 2 * ldc) + alpha * c2, to: c + 2 * ldc)
            VectorMemory.store(VectorMemory.load(c + 3 * ldc) + alpha * c3, to: c + 3 * ldc)
            VectorMemory.store(VectorMemory.load(c + 4 * ldc) + alpha * c4, to: c + 4 * ldc)
            VectorMemory.store(VectorMemory.load(c + 5 * ldc) + alpha * c5, to: c + 5 * ldc)
            return
        }
        for r in 0..<rows {
            let tile = r == 0 ? c0 : r == 1 ? c1 : r == 2 ? c2 : r == 3 ? c3 : r == 4 ? c4 : c5
            let row = c + r * ldc
            for column in 0..<columns {
                row[column] += alpha * tile[column]
            }
        }
    }
}
