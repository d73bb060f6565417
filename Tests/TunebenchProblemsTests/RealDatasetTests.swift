import Foundation
import Testing
import TunebenchTestSupport

@testable import TunebenchProblems

/// The real data sets that ship in the source (``RealDataset``) are scikit-learn's, value for value: their shapes and
/// classes, and every number against what `Tests/Scripts/real_datasets.py print NAME` prints from scikit-learn's
/// loader.
struct RealDatasetTests {
    @Test(arguments: [
        (RealDataset.iris, 150, 4, 3), (.wine, 178, 13, 3), (.breast, 569, 30, 2), (.digits, 1797, 64, 10),
        (.diabetes, 442, 10, 1),
    ])
    func shapesAndClassesAreScikitLearns(data: RealDataset, rows: Int, features: Int, classes: Int) {
        let dataset = data.dataset
        #expect(dataset.rowCount == rows && dataset.featureCount == features && dataset.classCount == classes)
        if classes > 1 {
            #expect(Set(dataset.targets) == Set((0..<classes).map(Double.init)))
        }
        #expect(dataset.features.allSatisfy(\.isFinite) && dataset.targets.allSatisfy(\.isFinite))
    }

    @Test(.python(.numpy, .sklearn), arguments: RealDataset.allCases)
    func everyValueIsTheLoadersBitForBit(data: RealDataset) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/real_datasets.py")
        let result = try PythonScript.run(script, ["print", data.rawValue])
        #expect(result.status == 0, "\(result.errors)")
        let reference = RealDataset.parse(result.output, task: data.task)
        let dataset = data.dataset
        #expect(reference.rowCount == dataset.rowCount && reference.featureCount == dataset.featureCount)
        #expect(reference.features.map(\.bitPattern) == dataset.features.map(\.bitPattern))
        #expect(reference.targets.map(\.bitPattern) == dataset.targets.map(\.bitPattern))
    }
}
