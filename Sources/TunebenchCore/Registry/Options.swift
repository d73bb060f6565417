/// The options of one entry instance: every declared option with its given or default value.
///
/// Build it with ``resolve(_:specs:entry:)``, which checks the given values and fills in defaults, so that the
/// typed getters below can rely on every declared option being present with its canonical type.
public struct Options: Sendable, Hashable {
    public private(set) var values: [String: OptionValue]

    public init(_ values: [String: OptionValue] = [:]) {
        self.values = values
    }

    /// Checks `given` against `specs` and completes it with defaults.
    /// - Throws: ``CoreError/unknownOption(entry:option:suggestion:)`` for a name no spec declares (with the
    ///   nearest declared name), ``CoreError/invalidOption(entry:option:value:expected:)`` for a bad value.
    public static func resolve(_ given: [String: OptionValue], specs: [OptionSpec], entry: String) throws -> Options {
        for name in given.keys.sorted() where !specs.contains(where: { $0.name == name }) {
            throw CoreError.unknownOption(
                entry: entry, option: name, suggestion: NearestName.suggestion(for: name, among: specs.map(\.name)))
        }
        var values: [String: OptionValue] = [:]
        for spec in specs {
            values[spec.name] = try spec.coerce(given[spec.name] ?? spec.defaultValue, entry: entry)
        }
        return Options(values)
    }

    // MARK: - Typed getters

    public func integer(_ name: String) -> Int {
        guard case .integer(let k)? = values[name] else { missing(name, "an integer") }
        return k
    }

    public func real(_ name: String) -> Double {
        switch values[name] {
        case .real(let x)?: return x
        case .integer(let k)?: return Double(k)
        default: missing(name, "a real number")
        }
    }

    public func string(_ name: String) -> String {
        guard case .string(let s)? = values[name] else { missing(name, "a string") }
        return s
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let b)? = values[name] else { missing(name, "a boolean") }
        return b
    }

    private func missing(_ name: String, _ type: String) -> Never {
        preconditionFailure("option '\(name)' is not \(type) here; build Options with Options.resolve")
    }
}
