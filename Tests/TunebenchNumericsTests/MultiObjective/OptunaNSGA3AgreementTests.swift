import Testing
import TunebenchTestSupport

@testable import TunebenchNumerics

/// NSGA-III's normalisation and association (``ReferencePointNiching``) against Optuna 5.0.0's NSGAIIISampler's own
/// functions (`Tests/Scripts/optuna_nsga3_reference.py`): 300 populations of 2, 3 and 4 objectives and 4 to 120
/// points, scaled uniform, concave, linear and noisy, with the reference directions of `nsga3` (12 divisions for two
/// and three objectives, 6 for four).
///
/// - Where Optuna's extreme points span a hyperplane of positive intercepts, and where they span none (its fallback to
///   each objective's worst value), the normalised points agree to 10⁻⁹ (Optuna solves for the intercepts' inverses
///   with LAPACK and multiplies; Tunebench eliminates and divides).
/// - Where the hyperplane has an intercept that is not positive, Optuna divides by it anyway (a negative scale turns
///   the objective round); Tunebench falls back to the worst values there, as documented: that is checked instead.
/// - Each normalised point goes to the same reference line, at the same distance to 10⁻⁹; where two lines are at
///   the same distance (to 10⁻¹²), either may be taken.
///
/// The niching's draws (Algorithm 4's random choices) are Tunebench's own generator's and are not compared.
@Suite struct OptunaNSGA3AgreementTests {
    @Test(.python(.numpy, .optuna))
    func normalisationAndAssociationEqualOptunas() throws {
        guard let json = try ReferenceScript.json("optuna_nsga3_reference.py") else { return }
        let populations = try #require(json["populations"] as? [[String: Any]])
        #expect(populations.count == 300)
        var fallbacks = 0
        var associations = 0
        for (index, item) in populations.enumerated() {
            let points = try #require(item["points"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let theirs = try #require(item["normalized"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let intercepts = try #require(item["intercepts"] as? [Any]).map(ReferenceScript.double)
            let m = points[0].count
            let ours = ReferencePointNiching.normalize(points)
            let label = "population \(index) (\(item["kind"] ?? ""), \(points.count) points of \(m))"
            if item["branch"] as? String == "hyperplane", intercepts.contains(where: { !($0 > 1e-12) }) {
                // Tunebench's documented fallback: each objective's worst translated value.
                let ideal = (0..<m).map { j in points.map { $0[j] }.min()! }
                let worst = (0..<m).map { j in points.map { $0[j] - ideal[j] }.max()! }
                for (a, p) in zip(ours, points) {
                    for j in 0..<m {
                        #expect(abs(a[j] - (p[j] - ideal[j]) / worst[j]) <= 1e-12, "\(label): fallback")
                    }
                }
                fallbacks += 1
                continue
            }
            let error = zip(ours, theirs).map { a, b in zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max()! }.max()!
            #expect(error <= 1e-9, "\(label): normalised points differ by \(error)")

            let divisions = try #require(item["divisions"] as? Int)
            let directions = SimplexLattice.points(objectives: m, divisions: divisions)
            let closest = try #require(item["closest"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let distances = try #require(item["distance"] as? [Any]).map(ReferenceScript.double)
            for (k, point) in ours.enumerated() {
                let (direction, distance) = ReferencePointNiching.nearestDirection(point, directions)
                #expect(abs(distance - distances[k]) <= 1e-9 * max(1, distances[k]), "\(label), point \(k)")
                let same = zip(directions[direction], closest[k]).allSatisfy { abs($0 - $1) < 1e-12 }
                if !same {
                    // A tie: Optuna's line is as near to the point as Tunebench's.
                    let theirLine = try #require(directions.firstIndex { d in
                        zip(d, closest[k]).allSatisfy { abs($0 - $1) < 1e-12 }
                    })
                    let theirDistance = ReferencePointNiching.nearestDirection(point, [directions[theirLine]]).distance
                    #expect(abs(theirDistance - distance) <= 1e-12, "\(label), point \(k): a different line")
                }
                associations += 1
            }
        }
        #expect(fallbacks < 20, "\(fallbacks) populations with an intercept that is not positive")
        #expect(associations > 10_000)
    }
}
