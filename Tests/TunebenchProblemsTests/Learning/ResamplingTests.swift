import Testing
import TunebenchCore
import TunebenchProblems

/// Splits and folds cover the rows once, keep the test rows out, and standardize by the training rows.
struct ResamplingTests {
    /// A regression dataset whose target is the row's index, so that rows can be traced through a split.
    static func traced(_ n: Int) -> Dataset {
        Dataset(
            features: (0..<n).flatMap { [Double($0), Double($0 % 7)] },
            targets: (0..<n).map(Double.init),
            featureCount: 2,
            task: .regression
        )
    }

    static func ids(_ data: Dataset) -> [Int] { data.targets.map { Int($0) } }

    @Test func holdoutPartsAreDisjointAndCoverEveryRow() throws {
        let data = Self.traced(101)
        try Resampling.standard.validate(rowCount: 101)
        let splits = Resampling.standard.splits(of: data, seed: 4)
        #expect(splits.count == 1)
        let split = splits[0]
        let (train, validation, test) = (Self.ids(split.train), Self.ids(split.validation), Self.ids(split.test))
        #expect(validation.count == 61 && test.count == 20 && train.count == 20)
        #expect((train + validation + test).sorted() == Array(0..<101))
    }

    @Test func splitDependsOnTheSeed() {
        let data = Self.traced(100)
        #expect(Resampling.standard.splits(of: data, seed: 1) == Resampling.standard.splits(of: data, seed: 1))
        #expect(Resampling.standard.splits(of: data, seed: 1) != Resampling.standard.splits(of: data, seed: 2))
    }

    @Test func foldsValidateEveryDevelopmentRowOnceAndShareTheTestRows() throws {
        let data = Self.traced(103)
        let resampling = Resampling.crossValidation(folds: 5, test: 0.2)
        try resampling.validate(rowCount: 103)
        let folds = resampling.splits(of: data, seed: 9)
        #expect(folds.count == 5)
        let test = Self.ids(folds[0].test)
        #expect(test.count == 21)
        var validated: [Int] = []
        for fold in folds {
            #expect(Self.ids(fold.test) == test)
            let train = Self.ids(fold.train)
            let validation = Self.ids(fold.validation)
            #expect([16, 17].contains(validation.count))
            #expect(Set(train).isDisjoint(with: validation) && Set(train).isDisjoint(with: test))
            #expect((train + validation).count == 82)
            validated += validation
        }
        #expect((validated + test).sorted() == Array(0..<103))
    }

    @Test func trainingPartIsStandardizedByItsOwnStatistics() {
        let split = Resampling.standard.splits(of: ClassificationData().dataset(seed: 2), seed: 3)[0]
        let n = Double(split.train.rowCount)
        for j in 0..<split.train.featureCount {
            let column = (0..<split.train.rowCount).map { split.train[$0, j] }
            let mean = column.reduce(0, +) / n
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
            #expect(abs(mean) < 1e-12 && abs(variance - 1) < 1e-12)
        }
        // The validation rows use the training statistics, so their mean is near 0 but not exactly 0.
        let validationMean = (0..<split.validation.rowCount).map { split.validation[$0, 0] }.reduce(0, +)
        #expect(abs(validationMean) > 1e-9)
    }

    @Test func constantFeaturesAreLeftUnscaled() {
        let data = Dataset(features: [1, 5, 1, 6, 1, 7], targets: [0, 1, 0], featureCount: 2, task: .regression)
        let standardization = Standardization(fitting: data)
        #expect(standardization.scale[0] == 1)
        #expect(standardization.apply(to: data).features[0] == 0)
    }

    @Test func tooFewRowsAreRejected() {
        #expect(throws: ProblemsError.self) { try Resampling.folds(10).validate(rowCount: 8) }
        #expect(throws: ProblemsError.self) {
            try Resampling.crossValidation(folds: 1, test: 0.2).validate(rowCount: 100)
        }
        #expect(throws: ProblemsError.self) {
            try Resampling.holdout(validation: 0.5, test: 0.5).validate(rowCount: 100)
        }
        #expect(throws: Never.self) { try Resampling.folds(5).validate(rowCount: 20) }
    }

    @Test func csvRoundTripsEveryNumber() throws {
        let data = FriedmanData(samples: 30, features: 6, noise: 0.5).dataset(seed: 12)
        let lines = data.csv().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "x0,x1,x2,x3,x4,x5,y")
        #expect(lines.count == 32 && lines.last == "")
        for row in 0..<30 {
            let numbers = lines[row + 1].split(separator: ",").map { Double(String($0)) }
            #expect(numbers == ((0..<6).map { data[row, $0] } + [data.targets[row]]).map(Optional.some))
        }
    }
}
