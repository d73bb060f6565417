import Foundation
import Testing

@testable import TunebenchNumerics

/// k-nearest neighbours on a hand-computed example: five training points, one query, every metric and weighting.
struct NearestNeighbourClassifierTests {
    /// Rows 0...4 at (0, 0), (2, 0), (0, 3), (3, 3), (1, 1), of classes 0, 1, 1, 0, 0.
    private let classifier = NearestNeighbourClassifier(
        features: [0, 0, 2, 0, 0, 3, 3, 3, 1, 1],
        labels: [0, 1, 1, 0, 0],
        featureCount: 2,
        classCount: 2
    )

    /// The query (1.5, 1).
    private let query: [Double] = [1.5, 1]

    typealias Metric = NearestNeighbourClassifier.Metric

    /// Distances from the query to rows 4, 1, 0, then rows 2 and 3, which tie:
    /// - Euclidean: √0.25 = 0.5, √1.25, √3.25, then √6.25 = 2.5 for both;
    /// - Manhattan: 0.5, 1.5, 2.5, then 3.5 for both;
    /// - Chebyshev: 0.5, 1, 1.5, then 2 for both.
    private static let distances: [Metric: [Double]] = [
        .euclidean: [0.5, 1.25.squareRoot(), 3.25.squareRoot(), 2.5, 2.5],
        .manhattan: [0.5, 1.5, 2.5, 3.5, 3.5],
        .chebyshev: [0.5, 1, 1.5, 2, 2],
    ]

    @Test(arguments: Metric.allCases)
    func neighboursAreOrderedByDistanceThenRow(_ metric: Metric) {
        let found = classifier.neighbours(of: query, k: 5, metric: metric)[0]
        #expect(found.map(\.row) == [4, 1, 0, 2, 3])
        for (neighbour, expected) in zip(found, Self.distances[metric]!) {
            #expect(abs(neighbour.distance - expected) < 1e-15)
        }
    }

    /// k = 1: the nearest row, 4, of class 0, whatever the metric and weighting.
    @Test(arguments: Metric.allCases, NearestNeighbourClassifier.Weighting.allCases)
    func oneNeighbourVotesAlone(_ metric: Metric, _ weighting: NearestNeighbourClassifier.Weighting) {
        #expect(classifier.probabilities(of: query, k: 1, metric: metric, weighting: weighting) == [1, 0])
    }

    /// k = 3: rows 4, 1, 0 of classes 0, 1, 0. Uniform: 2/3 for class 0. Distance weights 1/d:
    /// - Euclidean: (2 + 1/√3.25) / (2 + 1/√1.25 + 1/√3.25);
    /// - Manhattan: (2 + 0.4) / (2 + 2/3 + 0.4) = 18/23;
    /// - Chebyshev: (2 + 2/3) / (2 + 1 + 2/3) = 8/11.
    @Test(arguments: Metric.allCases)
    func threeNeighboursVoteAsComputedByHand(_ metric: Metric) {
        let uniform = classifier.probabilities(of: query, k: 3, metric: metric, weighting: .uniform)
        #expect(abs(uniform[0] - 2.0 / 3) < 1e-15 && abs(uniform[1] - 1.0 / 3) < 1e-15)
        let expected: Double
        switch metric {
        case .euclidean:
            let (a, b) = (1 / 1.25.squareRoot(), 1 / 3.25.squareRoot())
            expected = (2 + b) / (2 + a + b)
        case .manhattan: expected = 18.0 / 23
        case .chebyshev: expected = 8.0 / 11
        }
        let weighted = classifier.probabilities(of: query, k: 3, metric: metric, weighting: .distance)
        #expect(abs(weighted[0] - expected) < 1e-15 && abs(weighted[1] - (1 - expected)) < 1e-15)
    }

    /// k = 4: rows 2 (class 1) and 3 (class 0) tie for fourth place; row 2 comes first and is taken, so the vote is
    /// 2 against 2 (row 3 would have made it 3 against 1).
    @Test(arguments: Metric.allCases)
    func tiesAreBrokenByRowIndex(_ metric: Metric) {
        #expect(classifier.probabilities(of: query, k: 4, metric: metric, weighting: .uniform) == [0.5, 0.5])
    }

    /// With distance weights, neighbours at distance 0 take all the weight.
    @Test func exactMatchesTakeAllTheDistanceWeight() {
        let p = classifier.probabilities(of: [2, 0], k: 3, metric: .euclidean, weighting: .distance)
        #expect(p == [0, 1])
    }

    /// k beyond the training set is cut to it: every row votes.
    @Test func largeKUsesEveryRow() {
        let p = classifier.probabilities(of: query + [0, 0], k: 50, metric: .manhattan, weighting: .uniform)
        #expect(p == [0.6, 0.4, 0.6, 0.4])
    }

    /// On a grid of integer points, where most distances tie, the neighbours are the first k of all rows sorted by
    /// (distance, row), for every k, metric and query.
    @Test(arguments: Metric.allCases)
    func neighboursAreThePrefixOfTheSortedRowsDespiteManyTies(_ metric: Metric) {
        var generator = SplitMix64(state: 3)
        let n = 40
        let features: [Double] = (0..<2 * n).map { _ in Double(generator.nextIndex(below: 4)) }
        let grid = NearestNeighbourClassifier(
            features: features,
            labels: (0..<n).map { $0 % 2 },
            featureCount: 2,
            classCount: 2
        )
        let queries: [[Double]] = [[0, 0], [1.5, 2], [3, 1]]
        for query in queries {
            let distances: [Double] = (0..<n).map { row in
                Self.distance(query, Array(features[2 * row..<2 * row + 2]), metric)
            }
            let sorted: [Int] = (0..<n).sorted { a, b in
                distances[a] != distances[b] ? distances[a] < distances[b] : a < b
            }
            for k in 1...n {
                let found: [Int] = grid.neighbours(of: query, k: k, metric: metric)[0].map { $0.row }
                #expect(found == Array(sorted.prefix(k)), "k = \(k), query \(query)")
            }
        }
    }

    private static func distance(_ x: [Double], _ y: [Double], _ metric: Metric) -> Double {
        let differences: [Double] = zip(x, y).map { abs($0 - $1) }
        switch metric {
        case .euclidean: return differences.map { $0 * $0 }.reduce(0, +).squareRoot()
        case .manhattan: return differences.reduce(0, +)
        case .chebyshev: return differences.max()!
        }
    }
}
