import Foundation
import Testing
import TunebenchCore
import TunebenchProblems

/// The synthetic dataset generators: shapes, balance, seeding and the published formulas.
struct ClassificationDataTests {
    @Test func datasetHasTheRequestedShapeAndLabels() throws {
        let recipe = ClassificationData(samples: 301, features: 13, informative: 4, redundant: 3, classes: 4)
        try recipe.validate()
        let data = recipe.dataset(seed: 3)
        #expect(data.rowCount == 301)
        #expect(data.featureCount == 13)
        #expect(data.features.count == 301 * 13)
        #expect(data.task == .classification(classes: 4))
        #expect(data.targets.allSatisfy { $0 == $0.rounded() && (0..<4).contains(Int($0)) })
        #expect(data.features.allSatisfy { $0.isFinite })
    }

    @Test func classesAreBalancedWithoutLabelNoise() {
        // 1000 rows in 3 × 2 = 6 clusters: 167, 167, 167, 167, 166, 166; classes get clusters k and k + 3.
        let data = ClassificationData(samples: 1000, classes: 3, clustersPerClass: 2, labelNoise: 0).dataset(seed: 8)
        var counts = [0, 0, 0]
        for row in 0..<data.rowCount { counts[data.label(row)] += 1 }
        #expect(counts == [334, 333, 333])
    }

    @Test func labelNoiseRedrawsAboutTheRequestedFraction() {
        let clean = ClassificationData(samples: 4000, labelNoise: 0).dataset(seed: 8)
        let noisy = ClassificationData(samples: 4000, labelNoise: 0.3).dataset(seed: 8)
        // The same seed draws the same features; each redrawn label changes with probability 2/3.
        let changed = zip(clean.targets, noisy.targets).filter { $0 != $1 }.count
        #expect(abs(Double(changed) / 4000 - 0.2) < 0.03, "\(changed) labels changed")
    }

    @Test func sameSeedGivesTheSameDataAndOtherSeedsDiffer() {
        let recipe = ClassificationData()
        #expect(recipe.dataset(seed: 5) == recipe.dataset(seed: 5))
        #expect(recipe.dataset(seed: 5).features != recipe.dataset(seed: 6).features)
        #expect(recipe.dataset(seed: 5).targets != recipe.dataset(seed: 6).targets)
    }

    @Test func separationMakesClassesDistinguishable() {
        // The class means differ by 2 s in each coordinate where the two vertices differ (at least one), and
        // by sampling noise only when s = 0.
        func spread(_ separation: Double) -> Double {
            let data = ClassificationData(
                samples: 2000,
                features: 4,
                informative: 4,
                redundant: 0,
                classes: 2,
                clustersPerClass: 1,
                classSeparation: separation,
                labelNoise: 0
            ).dataset(seed: 1)
            var sums = [[Double]](repeating: [0, 0, 0, 0], count: 2)
            var counts = [0.0, 0.0]
            for row in 0..<data.rowCount {
                counts[data.label(row)] += 1
                for j in 0..<4 { sums[data.label(row)][j] += data[row, j] }
            }
            return (0..<4).map { j in abs(sums[0][j] / counts[0] - sums[1][j] / counts[1]) }.reduce(0, +)
        }
        #expect(spread(3) > 2 * 3 * 0.9)
        #expect(spread(0) < 0.5)
    }

    @Test func invalidRecipesNameTheOption() {
        func argument(_ recipe: ClassificationData) -> String? {
            do {
                try recipe.validate()
                return nil
            } catch ProblemsError.invalidArgument(_, let argument, _, _) {
                return argument
            } catch {
                return "\(error)"
            }
        }
        #expect(argument(ClassificationData(features: 5, informative: 4, redundant: 2)) == "features")
        #expect(argument(ClassificationData(informative: 2, classes: 3, clustersPerClass: 2)) == "informative")
        #expect(argument(ClassificationData(samples: 5, classes: 3, clustersPerClass: 2)) == "samples")
        #expect(argument(ClassificationData(labelNoise: 1.5)) == "label-noise")
        #expect(argument(ClassificationData()) == nil)
    }
}

struct FriedmanDataTests {
    @Test func formulasGiveKnownValues() {
        // #1 at x = 0.5: 10 sin(π/4) + 0 + 5 + 2.5.
        let one = FriedmanData.formula(.one, [0.5, 0.5, 0.5, 0.5, 0.5, 0.9])
        #expect(abs(one - (10 * 0.5.squareRoot() + 7.5)) < 1e-12)
        // x = (3, 1, 4, 1): x₁x₂ − 1/(x₁x₃) = 3, so #2 = √(9 + 9) and #3 = arctan(3 / 3) = π/4.
        #expect(abs(FriedmanData.formula(.two, [3, 1, 4, 1]) - 18.0.squareRoot()) < 1e-12)
        #expect(abs(FriedmanData.formula(.three, [3, 1, 4, 1]) - Double.pi / 4) < 1e-12)
    }

    @Test(arguments: FriedmanData.Variant.allCases)
    func noiselessTargetsFollowTheFormulaOnTheDocumentedRanges(_ variant: FriedmanData.Variant) {
        let data = FriedmanData(variant: variant, samples: 200, features: 7, noise: 0).dataset(seed: 2)
        #expect(data.featureCount == (variant == .one ? 7 : 4))
        #expect(data.task == .regression)
        let ranges: [ClosedRange<Double>] =
            variant == .one ? Array(repeating: 0...1, count: 7) : [0...100, (40 * .pi)...(560 * .pi), 0...1, 1...11]
        for row in 0..<data.rowCount {
            let x = (0..<data.featureCount).map { data[row, $0] }
            #expect(zip(x, ranges).allSatisfy { $1.contains($0) })
            #expect(data.targets[row] == FriedmanData.formula(variant, x))
        }
    }

    @Test func noiseHasTheRequestedStandardDeviation() {
        let clean = FriedmanData(samples: 5000, noise: 0).dataset(seed: 4)
        let noisy = FriedmanData(samples: 5000, noise: 2).dataset(seed: 4)
        let residuals = zip(noisy.targets, clean.targets).map { $0 - $1 }
        let sd = (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot()
        #expect(abs(sd - 2) < 0.1)
    }

    @Test func sameSeedGivesTheSameDataAndOtherSeedsDiffer() {
        let recipe = FriedmanData(variant: .two)
        #expect(recipe.dataset(seed: 1) == recipe.dataset(seed: 1))
        #expect(recipe.dataset(seed: 1).targets != recipe.dataset(seed: 2).targets)
    }

    @Test func friedmanOneNeedsFiveFeatures() {
        #expect(throws: ProblemsError.self) { try FriedmanData(variant: .one, features: 4).validate() }
        #expect(throws: Never.self) { try FriedmanData(variant: .two, features: 4).validate() }
    }
}
