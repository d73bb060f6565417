import TunebenchCore

/// Combined algorithm selection and hyperparameter optimization (CASH: C. Thornton, F. Hutter, H. H. Hoos and
/// K. Leyton-Brown, "Auto-WEKA: combined selection and hyperparameter optimization of classification algorithms",
/// KDD 2013): a learner that is one of several learners, the choice itself a hyperparameter.
///
/// **Space**: a categorical `model` over the components' names, then each component's parameters in component order,
/// renamed `name.parameter` (`mlp.learning-rate`). A component's unconditional parameter becomes conditional on
/// `model = name`; a conditional one keeps its condition with the parent renamed (`mlp.width-2` on `mlp.layers`).
/// Because ``SearchSpace`` makes a parameter inactive whenever its parent is, conditions chain: `mlp.width-2` is
/// active only when `model = mlp` and `mlp.layers` allows it, and every parameter of the other models is inactive
/// (`nil`).
///
/// **Training**: the chosen component's parameters, in its own order, form a configuration of its own space, and
/// the component trains with the same data and the same seed, so that `model = m` gives exactly the predictions of
/// learner `m` alone with those hyperparameters.
///
/// **Fidelity**: when every component has the same non-empty fidelity levels, the combined learner has them too and
/// passes the level on. Otherwise (components with different resources, epochs against trees, or none) it is
/// single-fidelity and trains every component at its full fidelity: a level of one model's resource means nothing
/// for another's.
public struct ModelSelectionLearner: Learner {
    /// One model to choose from: its name, the value of `model` that selects it and the prefix of its parameters.
    public struct Component: Sendable {
        public var name: String
        public var learner: any Learner

        public init(_ name: String, _ learner: any Learner) {
            self.name = name
            self.learner = learner
        }
    }

    /// The name of the categorical parameter that chooses the model.
    public static let modelParameter = "model"

    /// The models, in the order of `model`'s choices.
    public let components: [Component]
    /// `model`, then every component's parameters, prefixed.
    public let space: SearchSpace
    /// The components' common fidelity levels, or none (see the type's documentation).
    public let fidelities: [Fidelity]
    /// Where each component's parameters sit in ``space``.
    let parameterRanges: [Range<Int>]

    /// Combines `components`.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when there are no components
    ///   or two share a name; `CoreError` when a prefixed name clashes.
    public init(_ components: [Component]) throws {
        let names = components.map(\.name)
        guard !components.isEmpty, Set(names).count == names.count else {
            throw ProblemsError.invalidArgument(
                problem: "cash",
                argument: "models",
                value: "[" + names.joined(separator: ", ") + "]",
                expected: "at least one model, each named once"
            )
        }
        var parameters: [Parameter] = [.categorical(Self.modelParameter, choices: names)]
        var ranges: [Range<Int>] = []
        for component in components {
            let start = parameters.count
            for parameter in component.learner.space.parameters {
                var prefixed = parameter
                prefixed.name = component.name + "." + parameter.name
                if let condition = parameter.condition {
                    prefixed.condition = .init(
                        parent: component.name + "." + condition.parent,
                        values: condition.values
                    )
                } else {
                    prefixed.condition = .init(parent: Self.modelParameter, values: [component.name])
                }
                parameters.append(prefixed)
            }
            ranges.append(start..<parameters.count)
        }
        self.components = components
        space = try SearchSpace(parameters)
        parameterRanges = ranges
        let levels = components[0].learner.fidelities
        fidelities = components.allSatisfy { $0.learner.fidelities == levels } ? levels : []
    }

    /// The chosen component's index and its configuration, in its own space.
    public func component(of configuration: Configuration) -> (index: Int, configuration: Configuration) {
        let index = configuration.choice(0)
        return (index, Configuration(Array(configuration.values[parameterRanges[index]])))
    }

    public func predictions(
        _ configuration: Configuration,
        fidelity: Int?,
        train: Dataset,
        predicting targets: [Dataset],
        seed: UInt64
    ) throws -> [Predictions] {
        let (index, own) = component(of: configuration)
        return try components[index].learner.predictions(
            own,
            fidelity: fidelities.isEmpty ? nil : fidelity,
            train: train,
            predicting: targets,
            seed: seed
        )
    }

    /// The chosen component's, at the level it trains with.
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        let (index, own) = component(of: configuration)
        return components[index].learner.operations(
            own, fidelity: fidelities.isEmpty ? nil : fidelity, train: train, predictedRows: predictedRows)
    }
}
