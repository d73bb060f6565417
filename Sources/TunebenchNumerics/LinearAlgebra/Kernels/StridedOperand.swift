/// A read-only view of a dense matrix through two strides: element `(i, p)` sits at
/// `base[i * rowStride + p * columnStride]`.
///
/// A row-major matrix with leading dimension `ld` is `(ld, 1)`; its transpose, read without copying, is `(1, ld)`.
/// The kernels take their operands as such views, so that one packed product serves `A Bᵀ`, `A B` and `Aᵀ B` alike:
/// the layout only changes the packing, which is O(size) against the O(m n k) arithmetic.
struct StridedOperand {
    /// The address of element `(0, 0)`.
    var base: UnsafePointer<Double>
    /// The distance, in elements, between `(i, p)` and `(i + 1, p)`.
    var rowStride: Int
    /// The distance, in elements, between `(i, p)` and `(i, p + 1)`.
    var columnStride: Int

    /// A row-major block whose rows are `leadingDimension` elements apart.
    @inline(__always)
    init(rowMajor base: UnsafePointer<Double>, leadingDimension: Int) {
        self.base = base
        self.rowStride = leadingDimension
        self.columnStride = 1
    }

    /// The transpose of a row-major block whose rows are `leadingDimension` elements apart.
    @inline(__always)
    init(transposeOf base: UnsafePointer<Double>, leadingDimension: Int) {
        self.base = base
        self.rowStride = 1
        self.columnStride = leadingDimension
    }

    /// The view of the same matrix that starts at element `(row, column)`.
    @inline(__always)
    func offset(row: Int, column: Int) -> StridedOperand {
        var copy = self
        copy.base = base + (row &* rowStride &+ column &* columnStride)
        return copy
    }
}

/// Loads and stores of four consecutive doubles, aligned or not (SSE2 `movupd` pairs on x86-64 without AVX, `ldp`/`ldr q`
/// on arm64).
enum VectorMemory {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store(_ value: SIMD4<Double>, to pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
