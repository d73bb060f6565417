import Testing
import Tunebench

/// The cases of ``CocoBiobjectiveRunLog`` and ``CocoBiobjectiveArchive`` that cocoex's own logger cannot be made to
/// show through its evaluations (`CocoBiobjectiveExportTests` compares the rest with it): failed evaluations, which
/// it treats as COCO treats an infeasible point, and hand-made points whose volumes are known.
struct CocoBiobjectiveRunLogTests {
    /// A problem whose normalised space is the raw one: ideal (0, 0), nadir (1, 1), best volume 0.5.
    static let facts = CocoBiobjectiveFacts(
        identity: CocoProblemIdentity(suite: "bbob-biobj", function: 1, instance: 1, dimension: 2),
        ideal: [0, 0], nadir: [1, 1], bestHypervolume: 0.5, problemType: "1-separable_1-separable",
        problemName: "p", index: 0)

    @Test func aFailedFirstEvaluationIsLoggedAsCOCOsInfinityAndNotArchived() {
        var log = CocoBiobjectiveRunLog(facts: Self.facts, dimension: 2)
        log.record(nil, point: [0, 0])
        #expect(log.dat == ["1\t3.000000000000000e+21\t3.000000000000000e+21\n"])
        #expect(log.adat.isEmpty)
        log.record([0.5, 0.5], point: [1, 1])
        // Volume 0.25 of the best 0.5: the indicator 0.25, and the logarithmic target 10^(-12/20) above it.
        #expect(log.indicator == 0.25)
        #expect(log.dat.count == 2 && log.dat[1].hasPrefix("2\t2.500000000000000e-01\t2.511886431509580e-01"))
        #expect(log.adat == ["2\t5.000000000000000e-01\t5.000000000000000e-01\t1.00000000e+00\t1.00000000e+00\t\n"])
        log.record(nil, point: [2, 2])  // a later failure is counted, not logged
        log.finish()
        #expect(log.evaluations == 3 && log.indicator == 0.25)
        #expect(log.dat.last == "3\t2.500000000000000e-01\t2.511886431509580e-01\n")
        #expect(log.infoSummary == ", 1:3|2.5e-01")
    }

    /// COCO's logger writes a last line for a problem it observed and never evaluated (`logger_biobj_free`): 0
    /// evaluations, the indicator 0, the last target `DBL_MAX`.
    @Test func aRunWithoutEvaluationsEndsWithCOCOsLineOfZeroEvaluations() {
        var log = CocoBiobjectiveRunLog(facts: Self.facts, dimension: 2)
        log.finish()
        #expect(log.dat == ["0\t0.000000000000000e+00\t1.797693134862316e+308\n"])
        #expect(log.tdat == ["0\t0.000000000000000e+00\n"])
        #expect(log.adat.isEmpty && log.archiveFooter == "% evaluations = 0\n")
        #expect(log.infoSummary == ", 1:0|0.0e+00")
    }

    @Test func theArchiveKeepsTheNonDominatedPointsAndTheirVolume() {
        var archive = CocoBiobjectiveArchive(ideal: [0, 0], nadir: [1, 1])
        func offer(_ y: [Double], _ evaluation: Int) -> Bool {
            archive.insert(archive.entry(y, point: [], evaluation: evaluation))
        }
        #expect(offer([0.5, 0.5], 1))
        #expect(!offer([0.6, 0.5], 2))  // dominated
        #expect(!offer([0.5, 0.5], 3))  // equal
        #expect(offer([0.25, 0.75], 4))
        #expect(offer([0.75, 0.25], 5))
        #expect(abs(archive.hypervolume - (0.25 + 0.0625 + 0.0625)) < 1e-15)
        #expect(offer([0.2, 0.2], 6))  // dominates all three
        #expect(archive.entries.map(\.evaluation) == [6])
        #expect(abs(archive.hypervolume - 0.64) < 1e-15)
        #expect(offer([2, 0.1], 7))  // outside the region: archived, no volume
        #expect(archive.entries.map(\.evaluation) == [7, 6])
        #expect(abs(archive.hypervolume - 0.64) < 1e-15)
        #expect(CocoBiobjectiveArchive.distanceToRegion(archive.entries[0].normalized) == 1)
    }
}
