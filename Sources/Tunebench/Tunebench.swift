// The umbrella module: `import Tunebench` gives every library of the package and the built-in registry.

@_exported import TunebenchCore
@_exported import TunebenchNumerics
@_exported import TunebenchOptimizers
@_exported import TunebenchPlugins
@_exported import TunebenchProblems
@_exported import TunebenchReport
@_exported import TunebenchRunner

extension Registry {
    /// Every built-in optimizer, problem (the synthetic ones, the constrained ones, the learning problems, then COCO's
    /// bbob functions) and suite, and the `external` entries that run a plugin given by its command line. Plugins declared under
    /// `Plugins/` are added by the command line (``PluginCatalog``).
    ///
    /// Copy it and register your own entries to extend it; it is a value, so the copy leaves it unchanged.
    public static let builtin: Registry = {
        var registry = Registry()
        do {
            for entry in BuiltinOptimizers.entries { try registry.register(entry) }
            try registry.register(PluginEntries.externalSolver)
            for entry in BuiltinProblems.entries { try registry.register(entry) }
            for entry in ConstrainedProblems.entries { try registry.register(entry) }
            for entry in MultiObjectiveProblems.entries { try registry.register(entry) }
            for entry in LearningProblems.entries { try registry.register(entry) }
            for entry in BBOBProblems.entries { try registry.register(entry) }
            for entry in BBOBBiobjectiveProblems.entries { try registry.register(entry) }
            try registry.register(PluginEntries.externalProblem)
            try registry.register(BuiltinProblems.classicSuite)
            try registry.register(ConstrainedProblems.suite)
            for suite in MultiObjectiveProblems.suites { try registry.register(suite) }
            try registry.register(LearningProblems.suite)
            try registry.register(BBOBProblems.suite)
            try registry.register(BBOBProblems.campaign2009)
            try registry.register(BBOBBiobjectiveProblems.suite)
        } catch {
            preconditionFailure("the built-in registry is inconsistent: \(error)")
        }
        return registry
    }()
}
