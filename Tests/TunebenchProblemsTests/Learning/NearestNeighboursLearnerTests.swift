import Testing
import TunebenchCore
import TunebenchProblems

/// The knn learner on the hand-computed example of the numerics tests (`NearestNeighbourClassifierTests`): rows at
/// (0, 0), (2, 0), (0, 3), (3, 3), (1, 1) of classes 0, 1, 1, 0, 0, and the query (1.5, 1), whose neighbours in
/// order are rows 4, 1, 0, then rows 2 and 3 tied.
struct NearestNeighboursLearnerTests {
    let learner = NearestNeighboursLearner()
    let train = Dataset(
        features: [0, 0, 2, 0, 0, 3, 3, 3, 1, 1],
        targets: [0, 1, 1, 0, 0],
        featureCount: 2,
        task: .classification(classes: 2)
    )
    let query = Dataset(features: [1.5, 1], targets: [0], featureCount: 2, task: .classification(classes: 2))

    private func probabilities(k: Int, weights: String, metric: String) throws -> [Double] {
        let space = learner.space
        let configuration = Configuration([
            .integer(k),
            .categorical(space.parameters[1].choices!.firstIndex(of: weights)!),
            .categorical(space.parameters[2].choices!.firstIndex(of: metric)!),
        ])
        let predictions = try learner.predictions(
            configuration,
            fidelity: nil,
            train: train,
            predicting: [query],
            seed: 0
        )
        guard case .probabilities(let p, classes: 2) = predictions[0] else { return [] }
        return p
    }

    @Test func spaceIsAsDocumented() {
        #expect(learner.space.parameters.map(\.name) == ["k", "weights", "metric"])
        #expect(learner.space.parameters[2].choices == ["euclidean", "manhattan", "chebyshev"])
        #expect(learner.fidelities.isEmpty)
    }

    /// k = 1: row 4 alone, class 0.
    @Test(arguments: ["euclidean", "manhattan", "chebyshev"], ["uniform", "distance"])
    func oneNeighbour(metric: String, weights: String) throws {
        #expect(try probabilities(k: 1, weights: weights, metric: metric) == [1, 0])
    }

    /// k = 3: rows 4, 1, 0 (classes 0, 1, 0). Uniform 2/3; distance weights: Manhattan distances 0.5, 1.5, 2.5 give
    /// (2 + 0.4) / (2 + 2/3 + 0.4) = 18/23, Chebyshev distances 0.5, 1, 1.5 give (2 + 2/3) / (2 + 1 + 2/3) = 8/11,
    /// Euclidean distances 0.5, √1.25, √3.25 give (2 + 1/√3.25) / (2 + 1/√1.25 + 1/√3.25).
    @Test(arguments: ["euclidean", "manhattan", "chebyshev"])
    func threeNeighbours(metric: String) throws {
        let uniform = try probabilities(k: 3, weights: "uniform", metric: metric)
        #expect(abs(uniform[0] - 2.0 / 3) < 1e-15)
        let expected = [
            "euclidean": (2 + 1 / 3.25.squareRoot()) / (2 + 1 / 1.25.squareRoot() + 1 / 3.25.squareRoot()),
            "manhattan": 18.0 / 23, "chebyshev": 8.0 / 11,
        ][metric]!
        let weighted = try probabilities(k: 3, weights: "distance", metric: metric)
        #expect(abs(weighted[0] - expected) < 1e-15)
    }

    /// k = 4: of the tied rows 2 and 3, the earlier (row 2, class 1) is taken: 2 votes against 2.
    @Test(arguments: ["euclidean", "manhattan", "chebyshev"])
    func tiesGoToTheEarlierRow(metric: String) throws {
        #expect(try probabilities(k: 4, weights: "uniform", metric: metric) == [0.5, 0.5])
    }
}
