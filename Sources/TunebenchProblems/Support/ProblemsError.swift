/// Errors raised when a built-in problem is constructed with arguments it does not support.
///
/// Registry entries check their options before a problem is built (see `OptionSpec`), so these errors reach
/// users only through the Swift API, for example `try Michalewicz(dimension: 3)`. Messages are in the
/// `CustomStringConvertible` extension below.
public enum ProblemsError: Error, Sendable, Equatable {
    /// A constructor argument is outside what the problem supports.
    ///
    /// - Parameters:
    ///   - problem: the problem's name, such as `michalewicz`.
    ///   - argument: the argument's name, such as `dimension`.
    ///   - value: the rejected value as text.
    ///   - expected: what the argument accepts, in words.
    case invalidArgument(problem: String, argument: String, value: String, expected: String)
}

extension ProblemsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidArgument(let problem, let argument, let value, let expected):
            return "\(problem): \(argument) \(value) is not supported; expected \(expected)"
        }
    }
}

extension ProblemsError {
    /// Checks that `dimension` lies in `range`.
    /// - Throws: ``invalidArgument(problem:argument:value:expected:)`` otherwise.
    static func checkDimension(_ dimension: Int, in range: ClosedRange<Int>, problem: String) throws {
        guard range.contains(dimension) else {
            throw ProblemsError.invalidArgument(
                problem: problem, argument: "dimension", value: "\(dimension)",
                expected: "an integer in [\(range.lowerBound), \(range.upperBound)]")
        }
    }
}
