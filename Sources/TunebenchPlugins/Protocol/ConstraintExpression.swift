import Foundation
import TunebenchCore

/// The conditions Tunebench writes as kurobako constraints, and reads back: `parent == "a" or parent == "b"`.
///
/// kurobako's constraints are arbitrary Lua expressions; Tunebench's search spaces only know "active when a
/// categorical parent takes one of these choices", so it reads that shape (comparisons of one parameter with
/// quoted strings, joined by `or`, optionally in parentheses) and refuses the rest.
enum ConstraintExpression {
    /// The Lua text of a condition.
    static func write(_ condition: Parameter.Condition) -> String {
        condition.values.map { "\(condition.parent) == \(quote($0))" }.joined(separator: " or ")
    }

    /// The deepest nesting of parentheses read; the parser recurses once per level, so a constraint of a million
    /// `(` (which fits in a plugin's line) must not exhaust the stack.
    static let maximumNesting = 64

    /// The condition a constraint expresses, or `nil` when it is not of the supported shape (or nests parentheses
    /// deeper than ``maximumNesting``).
    static func read(_ text: String) -> Parameter.Condition? {
        var tokens = tokenize(text)[...]
        guard tokens.isEmpty == false, let (parent, values) = disjunction(&tokens, depth: 0), tokens.isEmpty else {
            return nil
        }
        return Parameter.Condition(parent: parent, values: values)
    }

    private static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private enum Token: Equatable {
        case name(String)
        case string(String)
        case equals
        case or
        case open
        case close
        case invalid
    }

    /// `disjunction := term ("or" term)*`, where every term compares the same parent.
    private static func disjunction(_ tokens: inout ArraySlice<Token>, depth: Int) -> (String, [String])? {
        guard let (parent, first) = term(&tokens, depth: depth) else { return nil }
        var values = first
        while tokens.first == .or {
            tokens.removeFirst()
            guard let (other, more) = term(&tokens, depth: depth), other == parent else { return nil }
            values += more
        }
        return (parent, values)
    }

    /// `term := "(" disjunction ")" | name "==" string | string "==" name`.
    private static func term(_ tokens: inout ArraySlice<Token>, depth: Int) -> (String, [String])? {
        guard let first = tokens.popFirst() else { return nil }
        switch first {
        case .open:
            guard depth < maximumNesting, let inner = disjunction(&tokens, depth: depth + 1),
                tokens.popFirst() == .close
            else { return nil }
            return inner
        case .name(let parent):
            guard tokens.popFirst() == .equals, case .string(let value)? = tokens.popFirst() else { return nil }
            return (parent, [value])
        case .string(let value):
            guard tokens.popFirst() == .equals, case .name(let parent)? = tokens.popFirst() else { return nil }
            return (parent, [value])
        default:
            return nil
        }
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.first {
            if character.isWhitespace {
                characters.removeFirst()
            } else if character == "(" || character == ")" {
                tokens.append(character == "(" ? .open : .close)
                characters.removeFirst()
            } else if character == "=" {
                characters.removeFirst()
                guard characters.popFirst() == "=" else { return [.invalid] }
                tokens.append(.equals)
            } else if character == "\"" || character == "'" {
                characters.removeFirst()
                var value = ""
                var closed = false
                while let next = characters.popFirst() {
                    if next == character {
                        closed = true
                        break
                    }
                    if next == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { return [.invalid] }
                tokens.append(.string(value))
            } else if character.isLetter || character == "_" {
                var word = ""
                while let next = characters.first, next.isLetter || next.isNumber || next == "_" {
                    word.append(next)
                    characters.removeFirst()
                }
                tokens.append(word == "or" ? .or : .name(word))
            } else {
                return [.invalid]
            }
        }
        return tokens
    }
}
