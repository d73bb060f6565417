/// The direction numbers of Sobol's sequence, from the table of Joe and Kuo, extended to 64 binary digits.
///
/// Coordinate `j >= 2` of the sequence is built from a primitive polynomial over GF(2) of degree `s`,
///
///     p(x) = x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1,
///
/// and initial values `m_1, ..., m_s` with `m_k` odd and `m_k < 2^k`. The remaining `m_k` follow from the
/// recurrence (Bratley and Fox 1988, eq. 2; `xor` is bitwise exclusive or)
///
///     m_k = 2 a_1 m_(k-1) xor 2^2 a_2 m_(k-2) xor ... xor 2^(s-1) a_(s-1) m_(k-s+1) xor 2^s m_(k-s) xor m_(k-s),
///
/// and the direction numbers are the binary fractions `v_k = m_k / 2^k`. Stored as 64-bit integers with the
/// first binary digit in the most significant bit, `V_k = m_k 2^(64-k)`, the recurrence reads
///
///     V_k = a_1 V_(k-1) xor ... xor a_(s-1) V_(k-s+1) xor V_(k-s) xor (V_(k-s) >> s),
///
/// which never overflows. Coordinate 1 has `m_k = 1` for every `k` (van der Corput's sequence in base 2) and no row
/// in the table. The table and its provenance are in `SobolDirectionNumbers+JoeKuoTable.swift`.
///
/// References: P. Bratley and B. L. Fox, "Algorithm 659: Implementing Sobol's quasirandom sequence generator",
/// ACM Trans. Math. Softw. 14(1), 1988, 88-100; S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
/// two-dimensional projections", SIAM J. Sci. Comput. 30(5), 2008, 2635-2654.
enum SobolDirectionNumbers {
    /// The number of binary digits of every direction number, and so of every point.
    static let bitCount = 64

    /// One row of Joe and Kuo's table: a coordinate's primitive polynomial and initial values.
    struct Row: Sendable {
        /// The degree `s` of the primitive polynomial, at least 1.
        let degree: Int
        /// The interior coefficients `a_1 ... a_(s-1)` packed as bits, `a_1` the most significant (Joe and Kuo's `a`).
        let coefficients: UInt64
        /// The initial values `m_1 ... m_s`.
        let initialValues: [UInt64]
    }

    /// The parsed rows; `rows[0]` belongs to coordinate 2. Parsed once, at first use.
    static let rows: [Row] = parse(joeKuoTable)

    /// The largest coordinate the table covers.
    static var maximumDimension: Int { rows.count + 1 }

    /// The 64 direction numbers `V_1 ... V_64` of one coordinate, most significant digit first.
    ///
    /// - Parameter coordinate: A coordinate in `1...maximumDimension`.
    /// - Returns: `bitCount` numbers; element `c` is `V_(c+1)`, the number that the Gray-code step flipping bit `c`
    ///   of the point index adds.
    /// - Complexity: O(`bitCount` times the polynomial degree).
    static func directionNumbers(coordinate: Int) -> [UInt64] {
        precondition((1...maximumDimension).contains(coordinate), "Sobol coordinate \(coordinate) has no table row")
        var v = [UInt64](repeating: 0, count: bitCount)
        guard coordinate > 1 else {
            for c in 0..<bitCount { v[c] = 1 << UInt64(bitCount - 1 - c) }
            return v
        }
        let row = rows[coordinate - 2]
        let s = row.degree
        for c in 0..<min(s, bitCount) {
            v[c] = row.initialValues[c] << UInt64(bitCount - 1 - c)
        }
        if s < bitCount {
            for c in s..<bitCount {
                var value = v[c - s] ^ (v[c - s] >> UInt64(s))
                for i in 1..<s where (row.coefficients >> UInt64(s - 1 - i)) & 1 == 1 {
                    value ^= v[c - i]
                }
                v[c] = value
            }
        }
        return v
    }

    /// Parses rows of the form `d s a m_1 ... m_s` (Joe and Kuo's file format), one per line, `d` counting from 2.
    ///
    /// The text is a constant of this module, so a malformed row is a programming error and stops the program with
    /// the offending line.
    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: " ").map { UInt64($0) }
            guard fields.count >= 4, !fields.contains(nil) else {
                preconditionFailure("Sobol direction numbers, row \(offset + 1): cannot read '\(line)'")
            }
            let numbers = fields.map { $0! }
            let degree = Int(numbers[1])
            let row = Row(degree: degree, coefficients: numbers[2], initialValues: Array(numbers[3...]))
            precondition(
                numbers[0] == UInt64(offset + 2) && degree >= 1 && row.initialValues.count == degree
                    && row.coefficients < (1 << UInt64(degree - 1))
                    && row.initialValues.enumerated().allSatisfy { k, m in m & 1 == 1 && m < (1 << UInt64(k + 1)) },
                "Sobol direction numbers, row \(offset + 1): '\(line)' is not 'd s a m_1 ... m_s' for d = \(offset + 2)"
            )
            rows.append(row)
        }
        return rows
    }
}
