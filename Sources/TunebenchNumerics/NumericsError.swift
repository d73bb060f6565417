/// An error thrown by the numerical building blocks when a request is invalid.
///
/// Requests are checked when a value is constructed (a design with a dimension, a sample with a point count), so
/// that nothing fails half-way through a run. `description` names the value, the place and the remedy.
public enum NumericsError: Error, Equatable, Sendable {
    /// A design was asked for a number of coordinates it cannot produce.
    ///
    /// - Parameters:
    ///   - design: The name of the design type, for example `"SobolSequence"`.
    ///   - dimension: The requested number of coordinates.
    ///   - supported: The dimensions the design supports.
    case dimensionOutOfRange(design: String, dimension: Int, supported: ClosedRange<Int>)

    /// A design was asked for a number of points it cannot produce.
    ///
    /// - Parameters:
    ///   - design: The name of the design type, for example `"LatinHypercube"`.
    ///   - count: The requested number of points.
    ///   - supported: The point counts the design supports.
    case pointCountOutOfRange(design: String, count: Int, supported: ClosedRange<Int>)

    /// A matrix that must be symmetric positive definite is not, numerically, even with the largest jitter allowed
    /// added to its diagonal.
    ///
    /// - Parameters:
    ///   - size: The order `n` of the `n × n` matrix.
    ///   - pivot: The zero-based row whose pivot was rejected in the last attempt.
    ///   - jitter: The jitter added to the diagonal in the last attempt; `0` when the policy allowed none.
    case notPositiveDefinite(size: Int, pivot: Int, jitter: Double)

    /// A matrix handed to a factorisation has a NaN or infinite entry.
    ///
    /// - Parameters:
    ///   - operation: What was asked, for example `"Cholesky"`.
    ///   - size: The order `n` of the `n × n` matrix.
    ///   - row: The zero-based row of the first such entry (in row-major order, lower triangle).
    ///   - column: Its zero-based column.
    case nonFiniteEntry(operation: String, size: Int, row: Int, column: Int)
}

extension NumericsError: CustomStringConvertible {
    /// A message that names the offending value, where it was given, and what to do instead.
    public var description: String {
        switch self {
        case .dimensionOutOfRange(let design, let dimension, let supported):
            let message = "\(design): dimension \(dimension) is outside the supported range \(Self.format(supported))"
            if dimension < supported.lowerBound {
                return message + "; ask for at least \(Self.count(supported.lowerBound, "coordinate"))"
            }
            if design == "SobolSequence" {
                return message
                    + "; the shipped table of Joe and Kuo's direction numbers (Sources/TunebenchNumerics/Designs/"
                    + "SobolDirectionNumbers+JoeKuoTable.swift) ends at dimension \(supported.upperBound): extend it"
                    + " from new-joe-kuo-6.21201 (21201 dimensions), or use a LatinHypercube or random sampling"
            }
            return message + "; ask for at most \(Self.count(supported.upperBound, "coordinate"))"
        case .pointCountOutOfRange(let design, let count, let supported):
            let message = "\(design): point count \(count) is outside the supported range \(Self.format(supported))"
            if count < supported.lowerBound {
                return message + "; ask for at least \(Self.count(supported.lowerBound, "point"))"
            }
            return message + "; ask for at most \(Self.count(supported.upperBound, "point"))"
        case .notPositiveDefinite(let size, let pivot, let jitter):
            let attempt =
                jitter > 0
                ? "even with jitter \(jitter) (the largest the jitter policy allows) added to the diagonal"
                : "and no jitter could be added (the jitter policy allows none, or the mean diagonal is not positive)"
            return "Cholesky: the \(size) × \(size) matrix is not numerically positive definite: the pivot of row"
                + " \(pivot) fell to \(size) × machine epsilon of its diagonal entry or below, \(attempt); check that"
                + " the matrix is symmetric positive semi-definite (a valid kernel, a non-negative noise variance,"
                + " no negative diagonal entry), or allow a larger maximum in Cholesky.JitterPolicy"
        case .nonFiniteEntry(let operation, let size, let row, let column):
            return "\(operation): entry (\(row), \(column)) of the \(size) × \(size) matrix is NaN or infinite; drop"
                + " the observation that produced it (a failed evaluation, an overflowing kernel) before factoring"
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    private static func format(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound)..." : "\(range.lowerBound)...\(range.upperBound)"
    }
}
