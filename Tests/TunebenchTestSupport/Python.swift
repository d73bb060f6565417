import Foundation
import Synchronization

/// A Python module that tests import, with the pip distribution that installs it.
public struct PythonModule: Sendable, Hashable {
    /// The name `import` takes: `sklearn`.
    public var name: String
    /// The name `pip install` takes: `scikit-learn`.
    public var distribution: String

    public init(_ name: String, pip distribution: String? = nil) {
        self.name = name
        self.distribution = distribution ?? name
    }

    public static let numpy = PythonModule("numpy")
    public static let scipy = PythonModule("scipy")
    public static let sklearn = PythonModule("sklearn", pip: "scikit-learn")
    /// The reference of the product-kernel density estimate (`KDEMultivariate`).
    public static let statsmodels = PythonModule("statsmodels")
    /// BOHB's reference implementation (its config generator's model).
    public static let hpbandster = PythonModule("hpbandster")
    public static let kurobako = PythonModule("kurobako")
    /// Lua in Python, which kurobako needs for conditional spaces.
    public static let lupa = PythonModule("lupa")
    /// COCO's experiment code, the reference of the bbob functions and of COCO's logger.
    public static let cocoex = PythonModule("cocoex", pip: "coco-experiment")
    /// COCO's post-processing.
    public static let cocopp = PythonModule("cocopp")
    /// moocore's C code, the reference of the hypervolume and the other multi-objective indicators.
    public static let moocore = PythonModule("moocore")
    /// pymoo, the reference of ZDT, DTLZ and WFG and of its own indicators.
    public static let pymoo = PythonModule("pymoo")
    /// Optuna, the reference of its samplers' parts (the hypervolume subset selection of multi-objective TPE).
    public static let optuna = PythonModule("optuna")
}

/// What the `python3` on `PATH` can import here, probed once per module and test process.
///
/// Each probe is one `python3` process that imports the modules not probed yet, one by one, and prints those that
/// fail with their error, so that a message names every missing module, not only the first.
public enum Python {
    /// What the probes so far found.
    private struct Probes {
        /// Whether python3 runs: `nil` until the first probe, then success or the reason it does not.
        var interpreter: Result<Void, Failure>?
        /// The modules probed.
        var probed: Set<String> = []
        /// The import error of each probed module that failed.
        var errors: [String: String] = [:]
    }

    private struct Failure: Error {
        var reason: String
    }

    private static let probes = Mutex(Probes())

    private static let script = """
        import importlib, sys
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except BaseException as error:
                print(name + "\\t" + type(error).__name__ + ": " + " ".join(str(error).split()), flush=True)
        """

    /// Why python3 itself cannot run here (`python3 is not on PATH`), or `nil` when it can.
    public static var interpreterProblem: String? {
        probe([])
        return probes.withLock { state in
            if case .failure(let failure)? = state.interpreter { return failure.reason }
            return nil
        }
    }

    /// The modules of `names` that python3 cannot import, each with the error its import raised, in the order given
    /// (all of them, with the reason, when python3 cannot run).
    public static func unimportable(_ names: [String]) -> [(module: String, error: String)] {
        probe(names)
        return probes.withLock { state in
            if case .failure(let failure)? = state.interpreter { return names.map { ($0, failure.reason) } }
            return names.compactMap { name in state.errors[name].map { (name, $0) } }
        }
    }

    /// A sentence naming what of `names` is missing: python3, or each module that cannot be imported (with its
    /// error when it is installed but fails); `nil` when every module imports.
    public static func missing(_ names: [String]) -> String? {
        if let problem = interpreterProblem { return problem }
        let failures = unimportable(names)
        guard !failures.isEmpty else { return nil }
        let absent = failures.map { module, error in error == "ModuleNotFoundError: No module named '\(module)'" }
        let modules = failures.count == 1 ? "the Python module" : "the Python modules"
        if !absent.contains(false) {
            return "\(modules) \(failures.map(\.module).joined(separator: ", ")) "
                + (failures.count == 1 ? "is missing" : "are missing")
        }
        let items = zip(failures, absent).map { failure, absent in
            "\(failure.module) (\(absent ? "not installed" : failure.error))"
        }
        return "\(modules) \(items.joined(separator: ", ")) cannot be imported"
    }

    /// Why tests that import `modules` cannot run here, with the pip command that installs what is missing; `nil`
    /// when every module imports.
    public static func unavailability(of modules: [PythonModule]) -> String? {
        guard let missing = missing(modules.map(\.name)) else { return nil }
        if interpreterProblem != nil { return missing }
        let absent = Set(unimportable(modules.map(\.name)).map(\.module))
        let install = modules.filter { absent.contains($0.name) }.map(\.distribution)
        return missing + "; install with: pip install " + install.joined(separator: " ")
    }

    /// Imports the modules of `names` not probed yet in one python3 process; the first probe also tells whether
    /// python3 runs. Probes hold the lock, so that each module is probed once.
    private static func probe(_ names: [String]) {
        probes.withLock { state in
            if case .failure? = state.interpreter { return }
            let unknown = names.filter { !state.probed.contains($0) }
            guard state.interpreter == nil || !unknown.isEmpty else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script] + unknown
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                state.interpreter = .failure(Failure(reason: "python3 cannot be started (/usr/bin/env: \(error))"))
                return
            }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let status = process.terminationStatus
                state.interpreter = .failure(
                    Failure(
                        reason: status == 127
                            ? "python3 is not on PATH" : "python3 does not run here (it exited with status \(status))"))
                return
            }
            state.interpreter = .success(())
            state.probed.formUnion(unknown)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                if parts.count == 2 { state.errors[parts[0]] = parts[1] }
            }
        }
    }
}
