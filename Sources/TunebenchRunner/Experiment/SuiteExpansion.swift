import TunebenchCore

extension Suite {
    /// The suite's problems with `options` given to each: the options override the suite's own, and when there are
    /// any they go into each label as a suffix (`bbob-f01` with `dimension = 2` becomes `bbob-f01-dimension2`), so
    /// that one suite under several options gives distinct labels. Used by `--problems` lists and experiment files.
    public func problems(with options: [String: OptionValue]) -> [EntrySpec] {
        let suffix = options.isEmpty ? "" : "-" + EntrySpec.defaultLabel(name: "", options: options).dropFirst()
        return problems.map { problem in
            EntrySpec(
                problem.name, label: problem.label + suffix,
                options: problem.options.merging(options) { _, given in given })
        }
    }
}
