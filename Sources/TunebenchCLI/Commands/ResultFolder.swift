import ArgumentParser
import Foundation
import Tunebench

/// A result folder written by `tunebench run`, as the commands that read one open it.
struct ResultFolder {
    let store: ResultStore
    let experiment: Experiment

    /// - Throws: `ValidationError` naming the missing `experiment.json`, or the experiment file's own errors.
    init(_ directory: String, registry: Registry) throws {
        store = ResultStore(directory: URL(fileURLWithPath: directory))
        guard FileManager.default.fileExists(atPath: store.experimentURL.path) else {
            throw ValidationError("\(store.experimentURL.path) does not exist; is \(directory) a result folder?")
        }
        experiment = try ExperimentFile.load(store.experimentURL, registry: registry)
    }
}
