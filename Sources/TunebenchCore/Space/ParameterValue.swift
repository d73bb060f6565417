/// The value of one active parameter.
///
/// Categorical values are indices into the parameter's `choices`; ``SearchSpace/describe(_:)`` turns them into
/// names for records and messages.
public enum ParameterValue: Sendable, Hashable {
    case real(Double)
    case integer(Int)
    case categorical(Int)

    /// The value as a real number: reals as they are, integers converted, categoricals as their index.
    public var numericValue: Double {
        switch self {
        case .real(let x): return x
        case .integer(let k): return Double(k)
        case .categorical(let index): return Double(index)
        }
    }
}
