/// How an optimizer entry's defaults stand to the published method it names: which implementation's defaults are
/// the reference, which entry runs with them, and every default of this entry that differs, with why and on which
/// problems it was chosen.
///
/// Fair comparisons need this in the open: a default tuned on the problems of a comparison favours its optimizer on
/// them. `tunebench list NAME` prints it, and docs/optimizers.md repeats it.
public struct ReferenceDefaults: Sendable, Hashable {
    /// One default that differs from the reference.
    public struct Deviation: Sendable, Hashable {
        /// The setting, ours and the reference's: "`candidates` 96 (reference 24)".
        public var setting: String
        /// Why it differs.
        public var reason: String
        /// The problems (and budgets, seeds) on which it was chosen; "not tuned" when it was not chosen on results.
        public var chosenOn: String

        public init(setting: String, reason: String, chosenOn: String) {
            self.setting = setting
            self.reason = reason
            self.chosenOn = chosenOn
        }
    }

    /// The reference, with its version: "Optuna 5.0.0's TPESampler".
    public var source: String
    /// The registry entry that runs with the reference's defaults; `nil` when this entry is it.
    public var entry: String?
    /// The defaults of this entry that differ from the reference (empty for the reference entry, except for what no
    /// option can express, such as a different acquisition search).
    public var deviations: [Deviation]

    public init(source: String, entry: String? = nil, deviations: [Deviation] = []) {
        self.source = source
        self.entry = entry
        self.deviations = deviations
    }

    /// The lines `tunebench list NAME` prints.
    public var lines: [String] {
        var lines = ["reference: " + source + (entry.map { " (entry `\($0)` runs with its defaults)" } ?? "")]
        for deviation in deviations {
            let chosen = deviation.chosenOn == "not tuned" ? "not tuned" : "chosen on \(deviation.chosenOn)"
            lines.append("deviates: \(deviation.setting): \(deviation.reason); \(chosen)")
        }
        return lines
    }
}

/// Which table an optimizer's results belong in. Optimizers that read the problem's exact gradients solve problems
/// no black-box method can match with the same evaluations, so their results are reported apart and never marked
/// best beside black-box methods.
public enum OptimizerTrack: String, Sendable, Hashable, CaseIterable, Codable {
    /// Sees only the values of the objective (the default).
    case blackBox = "black-box"
    /// Reads the objective's gradients.
    case gradient
}
