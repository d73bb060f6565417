import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench sklearn`: a native learning problem beside bayesmark's scikit-learn problem of the same model
/// family, data and folds.
struct SklearnBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "sklearn",
        abstract: "Measure native learning problems against bayesmark's scikit-learn problems on the same data.",
        discussion: """
            For each model family and data set, times the native problem with split=bayesmark (the same rows and \
            5 folds as bayesmark) and the python-bayesmark plugin's problem of that family (through the plugin \
            protocol, so the time includes a round trip to Python), as `tunebench bench problems` does: instance 0, \
            SAMPLES configurations drawn uniformly from each problem's own space after one untimed warm-up. The \
            pairs are knn / kNN, random-forest / RF (bayesmark: 10 trees), logreg / linear (scikit-learn's \
            liblinear logistic regression), mlp / MLP-adam (log-loss) on each classification data set, and ridge / \
            linear on diabetes (mean squared error). The spaces differ (each problem keeps its own, and the \
            native models train at full fidelity), so the ratio compares the cost of an evaluation as each suite \
            defines it, not one fit of one configuration. Needs the plugin's requirements (`tunebench plugin \
            check bayesmark-knn-breast-nll`). Build with -c release.
            """
    )

    @Option(help: "Comma-separated classification data sets (iris, wine, breast, digits); diabetes is always timed.")
    var datasets = "breast,digits"

    @Option(parsing: .unconditional, help: "Random configurations timed per problem.")
    var samples = 10

    @OptionGroup var plugins: PluginOptions

    /// The model families compared: native entry, bayesmark model name (its registry spelling).
    static let classifiers: [(native: String, bayesmark: String)] = [
        ("knn", "knn"), ("random-forest", "rf"), ("logreg", "linear"), ("mlp", "mlp-adam"),
    ]

    func validate() throws {
        guard (1...10_000).contains(samples) else {
            throw ValidationError("--samples must be in [1, 10000], got \(samples)")
        }
        let allowed = RealDataset.allCases.filter { $0.task != .regression }.map(\.rawValue)
        for name in datasets.split(separator: ",").map(String.init) where !allowed.contains(name) {
            throw ValidationError(
                "--datasets: unknown classification data set '\(name)'; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    mutating func run(registry: Registry) throws {
        var pairs: [(native: EntrySpec, sklearn: EntrySpec)] = []
        for dataset in datasets.split(separator: ",").map(String.init) {
            for (native, model) in Self.classifiers {
                pairs.append((
                    EntrySpec(native, options: ["dataset": .string(dataset), "split": .string("bayesmark")]),
                    EntrySpec("bayesmark-\(model)-\(dataset)-nll")))
            }
        }
        pairs.append((
            EntrySpec("ridge", options: ["dataset": .string("diabetes"), "split": .string("bayesmark")]),
            EntrySpec("bayesmark-linear-diabetes-mse")))
        for (_, sklearn) in pairs where (try? registry.problem(named: sklearn.name)) == nil {
            throw ValidationError(
                "no problem '\(sklearn.name)': the python-bayesmark plugin is not in the plugin folder "
                    + "(--plugins, default ./Plugins)")
        }
        StandardStreams.output(
            "native problem                                median ms   scikit-learn problem             median ms   ratio\n")
        for (native, sklearn) in pairs {
            let medians = try [native, sklearn].map { spec -> Double in
                var problem = try ProblemBenchmark.makeProblem(spec, registry: registry)
                let configurations = ProblemBenchmark.configurations(of: problem, label: spec.label, samples: samples)
                let times = try ProblemBenchmark.times(of: &problem, configurations, level: nil)
                return Statistics.quantile(sorted: times, 0.5)
            }
            StandardStreams.output(
                native.label.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + String(format: "%11.3f   ", medians[0])
                    + sklearn.label.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + String(format: "%10.3f %7.3f\n", medians[1], medians[1] / medians[0]))
        }
        StandardStreams.output("ratio: scikit-learn's median over the native median (above 1: native is faster)\n")
    }
}
