import Testing

@testable import TunebenchNumerics

/// CART classification trees (Gini and entropy splits, size and depth rules, weighted samples) and the random
/// forest's prefix property.
struct ClassificationTreeTests {
    // MARK: - Helpers

    private func data(
        _ features: [Double],
        _ labels: [Int],
        featureCount: Int,
        classCount: Int = 2
    )
        -> PresortedClassificationData
    {
        PresortedClassificationData(
            features: features,
            labels: labels,
            featureCount: featureCount,
            classCount: classCount
        )
    }

    private func tree(
        _ data: PresortedClassificationData,
        weights: [Int]? = nil,
        seed: UInt64 = 1,
        _ adjust: (inout ClassificationTree.Settings) -> Void = { _ in }
    ) -> ClassificationTree {
        var settings = ClassificationTree.Settings()
        adjust(&settings)
        var generator = SplitMix64(state: seed)
        return ClassificationTree(data: data, weights: weights, settings: settings, using: &generator)
    }

    /// `count` rows of `featureCount` uniform features and labels `labelOf(row)`.
    private func randomData(
        _ count: Int,
        featureCount: Int,
        classCount: Int,
        seed: UInt64,
        labelOf: ([Double]) -> Int
    ) -> (features: [Double], labels: [Int]) {
        var generator = SplitMix64(state: seed)
        var features: [Double] = []
        var labels: [Int] = []
        for _ in 0..<count {
            let row = (0..<featureCount).map { _ in generator.nextUnit() }
            features += row
            labels.append(labelOf(row))
        }
        return (features, labels)
    }

    // MARK: - Fitting

    /// On a 10 × 10 grid labelled `x0 > 0.5 and x1 > 0.3`, the tree splits x0 at 0.5 (Gini score 79 against 65 for
    /// x1 at 0.3: 50²/50 + (35² + 15²)/50 against 30²/30 + (35² + 35²)/70), then x1 at 0.3 on the right, and stops
    /// with three pure leaves that classify the whole square correctly.
    @Test func fitsAnAxisAlignedProblemExactly() {
        var features: [Double] = []
        var labels: [Int] = []
        for i in 0..<10 {
            for j in 0..<10 {
                let (x0, x1) = (0.05 + 0.1 * Double(i), 0.05 + 0.1 * Double(j))
                features += [x0, x1]
                labels.append(x0 > 0.5 && x1 > 0.3 ? 1 : 0)
            }
        }
        let grown = tree(data(features, labels, featureCount: 2))
        #expect(grown.leafCount == 3)
        #expect(grown.depth == 2)
        let root = grown.nodeSummaries[0]
        #expect(root.feature == 0 && abs(root.threshold! - 0.5) < 1e-12)
        #expect(grown.nodeSummaries.contains { $0.feature == 1 && abs($0.threshold! - 0.3) < 1e-12 })
        for (x0, x1) in [(0.2, 0.9), (0.7, 0.1), (0.7, 0.35), (0.51, 0.99), (0.49, 0.99)] {
            let expected: [Double] = x0 > 0.5 && x1 > 0.3 ? [0, 1] : [1, 0]
            #expect(grown.probabilities(of: [x0, x1]) == expected, "at (\(x0), \(x1))")
        }
    }

    /// Grown to purity, a tree reproduces the labels of distinct training rows, whatever they are.
    @Test func fullyGrownTreeFitsItsTrainingRows() {
        let (features, labels) = randomData(150, featureCount: 3, classCount: 3, seed: 4) { _ in 0 }
        var generator = SplitMix64(state: 9)
        let noise = labels.map { _ in generator.nextIndex(below: 3) }
        let grown = tree(data(features, noise, featureCount: 3, classCount: 3))
        for row in 0..<noise.count {
            let p = grown.probabilities(of: Array(features[row * 3..<(row + 1) * 3]))
            #expect(p[noise[row]] == 1, "row \(row)")
        }
    }

    // MARK: - Split choice

    /// One feature 1...6 with labels 0, 0, 1, 0, 1, 1. Gini scores Σ_k c_Lk²/W_L + Σ_k c_Rk²/W_R of the thresholds:
    /// 1.5: 1 + 13/5 = 3.6; 2.5: 4/2 + 10/4 = 4.5; 3.5: 5/3 + 5/3 = 3.33; 4.5: 10/4 + 4/2 = 4.5; 5.5: 13/5 + 1 = 3.6.
    /// 2.5 and 4.5 tie, and the first in ascending order wins; the leaves hold {0, 0} and {1, 0, 1, 1}.
    @Test func giniChoosesTheHandComputedThresholdAndTheFirstOfTies() {
        let grown = tree(data([1, 2, 3, 4, 5, 6], [0, 0, 1, 0, 1, 1], featureCount: 1)) { $0.maxDepth = 1 }
        #expect(grown.nodeSummaries[0] == .init(depth: 0, sampleCount: 6, feature: 0, threshold: 2.5))
        #expect(grown.probabilities(of: [2]) == [1, 0])
        #expect(grown.probabilities(of: [3]) == [0.25, 0.75])
    }

    /// Eight rows in three classes, labels 0, 0, 2, 2, 0, 1, 2, 2, feature 0 the row index, feature 1
    /// 3, 1, 2, 7, 6, 0, 5, 4. Best Gini: x0 at 1.5, {0, 0} against {2, 2, 0, 1, 2, 2}: 2 + 18/6 = 5, above x1 at 0.5
    /// ({1} against three 0s and four 2s: 1 + 25/7 ≈ 4.571). Best entropy score Σ c ln c − W ln W per side: x1 at 0.5,
    /// 3 ln 3 + 4 ln 4 − 7 ln 7 ≈ −4.780, above x0 at 1.5, 4 ln 4 − 6 ln 6 ≈ −5.205. So the criteria disagree.
    @Test func giniAndEntropyChooseTheirHandComputedSplits() {
        let x1: [Double] = [3, 1, 2, 7, 6, 0, 5, 4]
        let features = (0..<8).flatMap { [Double($0), x1[$0]] }
        let training = data(features, [0, 0, 2, 2, 0, 1, 2, 2], featureCount: 2, classCount: 3)
        for seed: UInt64 in 1...4 {
            let gini = tree(training, seed: seed) { $0.maxDepth = 1 }
            #expect(gini.nodeSummaries[0].feature == 0 && gini.nodeSummaries[0].threshold == 1.5)
            let entropy = tree(training, seed: seed) {
                $0.maxDepth = 1
                $0.criterion = .entropy
            }
            #expect(entropy.nodeSummaries[0].feature == 1 && entropy.nodeSummaries[0].threshold == 0.5)
        }
    }

    /// A feature that is constant in a node does not use up the node's quota of searched features.
    @Test func constantFeaturesDoNotCountTowardsTheQuota() {
        // Features 0 and 1 constant, feature 2 separates the classes.
        let features = (0..<6).flatMap { [1, 2, Double($0)] as [Double] }
        let training = data(features, [0, 0, 0, 1, 1, 1], featureCount: 3)
        for seed: UInt64 in 1...8 {
            let grown = tree(training, seed: seed) { $0.featuresPerSplit = 1 }
            #expect(grown.nodeSummaries[0].feature == 2 && grown.nodeSummaries[0].threshold == 2.5)
        }
    }

    // MARK: - Size and depth rules

    @Test(arguments: [(1, 2, 30), (5, 2, 30), (1, 40, 30), (3, 10, 4), (8, 20, 2)])
    func sizeAndDepthRulesHold(minLeaf: Int, minSplit: Int, maxDepth: Int) {
        let (features, labels) = randomData(300, featureCount: 4, classCount: 3, seed: 7) { x in
            x[0] + 0.3 * x[1] > 0.7 ? 2 : (x[2] > 0.4 ? 1 : 0)
        }
        let grown = tree(data(features, labels, featureCount: 4, classCount: 3)) {
            $0.minSamplesLeaf = minLeaf
            $0.minSamplesSplit = minSplit
            $0.maxDepth = maxDepth
        }
        let nodes = grown.nodeSummaries
        #expect(nodes.count > 1)
        for node in nodes {
            #expect(node.depth <= maxDepth)
            if node.feature == nil {
                #expect(node.sampleCount >= minLeaf)
            } else {
                #expect(node.sampleCount >= minSplit && node.sampleCount >= 2 * minLeaf)
            }
        }
        // The rules bind: the smallest leaf has exactly minLeaf rows, or the tree reaches maxDepth, or some leaf
        // left unsplit is too small to split.
        let leaves = nodes.filter { $0.feature == nil }
        let binding =
            leaves.contains { $0.sampleCount == minLeaf } || grown.depth == maxDepth
            || leaves.contains { $0.sampleCount < minSplit }
        #expect(binding)
    }

    // MARK: - Weighted samples

    /// Weights are copies: they enter the class frequencies, but the size rules count distinct rows and rows of
    /// weight 0 are left out.
    @Test func weightsCountCopiesButNotDistinctRows() {
        let training = data([0, 1, 2, 3], [0, 1, 1, 0], featureCount: 1)
        let single = tree(training, weights: [3, 1, 0, 0]) { $0.maxDepth = 0 }
        #expect(single.probabilities(of: [0]) == [0.75, 0.25])
        #expect(single.nodeSummaries[0].sampleCount == 2)
        // Two distinct rows cannot give two leaves of two rows each, whatever their weights.
        let refused = tree(training, weights: [3, 1, 0, 0]) { $0.minSamplesLeaf = 2 }
        #expect(refused.leafCount == 1)
        // The zero-weight rows 2 and 3 leave rows 0 and 1, split at their midpoint.
        let split = tree(training, weights: [3, 1, 0, 0])
        #expect(split.nodeSummaries[0].threshold == 0.5)
    }

    // MARK: - Forest

    /// Tree t depends on its own generator only, so the first 8 trees of a forest of 64 are the forest of 8, and the
    /// forest's probabilities are the mean of its trees'.
    @Test func forestOfEightIsThePrefixOfTheForestOfSixtyFour() {
        let (features, labels) = randomData(120, featureCount: 5, classCount: 3, seed: 11) { x in
            x[0] > 0.6 ? 2 : (x[1] + x[3] > 1 ? 1 : 0)
        }
        let training = data(features, labels, featureCount: 5, classCount: 3)
        func forest(_ trees: Int) -> RandomForestClassifier {
            var settings = RandomForestClassifier.Settings()
            settings.trees = trees
            settings.tree.featuresPerSplit = 2
            return RandomForestClassifier(data: training, settings: settings) { SplitMix64(state: UInt64($0) &* 77) }
        }
        let small = forest(8)
        let large = forest(64)
        #expect(small.trees == Array(large.trees.prefix(8)))
        #expect(large.trees[8] != large.trees[9])
        let point: [Double] = [0.3, 0.8, 0.1, 0.5, 0.9]
        var mean = [Double](repeating: 0, count: 3)
        for tree in small.trees {
            for (k, p) in tree.probabilities(of: point).enumerated() { mean[k] += p }
        }
        let predicted = small.probabilities(of: point, featureCount: 5)
        for k in 0..<3 { #expect(abs(predicted[k] - mean[k] / 8) < 1e-15) }
        #expect(abs(predicted.reduce(0, +) - 1) < 1e-12)
    }
}
