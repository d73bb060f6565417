import Foundation
import Testing

/// A test or suite that needs what a machine may lack (python3, Python modules, a plugin's build), checked before
/// it runs: skipped with the reason when it is missing, or failed when the missing part is mandatory (under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`, which CI sets after installing everything the tests need).
///
/// The check runs only for tests that are about to run, once per test (a check that starts a process caches its
/// answer), so that a skip is reported as such, at once, and not as a cancellation after the test's own time.
public struct Requirement: TestTrait, SuiteTrait {
    /// Why the test cannot run here, or `nil` when it can.
    let unmet: @Sendable () -> String?
    /// Whether an unmet requirement fails the test instead of skipping it.
    let mandatory: Bool

    struct Unmet: Error, CustomStringConvertible {
        var description: String
    }

    public func prepare(for test: Test) async throws {
        guard let reason = unmet() else { return }
        if mandatory {
            throw Unmet(description: "TUNEBENCH_REQUIRE_PLUGINS=1, but \(reason)")
        }
        // A condition trait made now, with the reason as its comment, reports the skip.
        try await ConditionTrait.disabled(Comment(rawValue: "skipped: \(reason)")).prepare(for: test)
    }
}

extension Trait where Self == Requirement {
    /// python3 with `modules` (python3 alone when none): skipped without them, failed under
    /// `TUNEBENCH_REQUIRE_PLUGINS=1`; the message names each missing module and the pip command.
    public static func python(_ modules: PythonModule...) -> Self {
        Requirement(unmet: { Python.unavailability(of: modules) }, mandatory: TestEnvironment.requiresPlugins)
    }

    /// bayesmark's own environment (``TestEnvironment/bayesmarkPython``): skipped without it, failed under
    /// `TUNEBENCH_REQUIRE_PLUGINS=1`.
    public static var bayesmark: Self {
        Requirement(
            unmet: {
                TestEnvironment.bayesmarkPython == nil
                    ? "TUNEBENCH_BAYESMARK_PYTHON is not set (the python of a virtual environment made from "
                        + "Tests/Scripts/requirements-bayesmark.txt)" : nil
            }, mandatory: TestEnvironment.requiresPlugins)
    }

    /// A requirement that `unmet` describes: it returns why the test cannot run here, or `nil`.
    /// - Parameter mandatory: whether an unmet requirement fails the test instead of skipping it.
    public static func requirement(mandatory: Bool, _ unmet: @escaping @Sendable () -> String?) -> Self {
        Requirement(unmet: unmet, mandatory: mandatory)
    }
}

/// What the environment asks of the tests.
public enum TestEnvironment {
    /// `TUNEBENCH_REQUIRE_PLUGINS=1`: the plugins and the Python modules that tests need must be there, so that a
    /// missing one fails instead of being skipped.
    public static var requiresPlugins: Bool {
        ProcessInfo.processInfo.environment["TUNEBENCH_REQUIRE_PLUGINS"] == "1"
    }

    /// `TUNEBENCH_OPTIONAL_PLUGINS`: comma-separated plugins that may be missing even then (optuna-gp, which needs
    /// PyTorch).
    public static var optionalPlugins: Set<String> {
        let names = ProcessInfo.processInfo.environment["TUNEBENCH_OPTIONAL_PLUGINS"] ?? ""
        return Set(names.split(separator: ",").map(String.init))
    }

    /// `TUNEBENCH_BAYESMARK_PYTHON`: the interpreter of a virtual environment with bayesmark 0.0.8 and the libraries it
    /// runs on (`Tests/Scripts/requirements-bayesmark.txt`; .ci/run makes it); `nil` when unset or empty.
    public static var bayesmarkPython: String? {
        ProcessInfo.processInfo.environment["TUNEBENCH_BAYESMARK_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the plugin `name` must be able to start here.
    public static func requires(plugin name: String) -> Bool {
        requiresPlugins && !optionalPlugins.contains(name)
    }
}
