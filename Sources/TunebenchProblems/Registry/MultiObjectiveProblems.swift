import TunebenchCore

/// The registry entries of the multi-objective test functions (``ZDTFunction``, ``DTLZFunction``, ``WFGFunction``)
/// and their suites: each the published problem (``MultiObjectiveProblem``), every objective minimised, measured by
/// hypervolume regret against the function's reference point and front volume.
///
/// | names | objectives | variables |
/// |---|---|---|
/// | `zdt1` … `zdt4`, `zdt6` | 2 | `variables` (30, or 10 for ZDT4 and ZDT6); `reference` r of (r, r), 1.1 |
/// | `dtlz1` … `dtlz7` | `objectives` (3; 2 to 6) | m + k − 1, `k` (5 for DTLZ1, 20 for DTLZ7, 10 otherwise) |
/// | `wfg1` … `wfg9` | `objectives` (2) | k + l: `k` (0: 4 for two objectives, 2(m − 1) otherwise), `l` (20) |
public enum MultiObjectiveProblems {
    public static let entries: [ProblemEntry] =
        ZDTFunction.Kind.allCases.map(zdt) + (1...7).map(dtlz) + (1...9).map(wfg)

    /// The suites `zdt`, `dtlz` and `wfg`, each with default options.
    public static let suites: [Suite] = [
        Suite(
            name: "zdt", summary: "ZDT1-4 and ZDT6: two objectives (Zitzler, Deb & Thiele 2000)",
            problems: ZDTFunction.Kind.allCases.map { EntrySpec("zdt\($0.rawValue)") }),
        Suite(
            name: "dtlz", summary: "DTLZ1-7 with three objectives (Deb, Thiele, Laumanns & Zitzler 2005)",
            problems: (1...7).map { EntrySpec("dtlz\($0)") }),
        Suite(
            name: "wfg", summary: "WFG1-9 with two objectives (Huband, Hingston, Barone & While 2006)",
            problems: (1...9).map { EntrySpec("wfg\($0)") }),
    ]

    static let details = [
        "objectives: all minimised; the metric is hypervolume regret, HV* - HV(attained), against the reference point",
        "instances: none; every repetition runs the published problem",
    ]

    static func zdt(_ kind: ZDTFunction.Kind) -> ProblemEntry {
        let summaries: [ZDTFunction.Kind: String] = [
            .zdt1: "convex front f2 = 1 - sqrt(f1)", .zdt2: "concave front f2 = 1 - f1^2",
            .zdt3: "five disconnected pieces", .zdt4: "ZDT1's front behind 21^9 local fronts, x2..xn in [-5, 5]",
            .zdt6: "non-uniform concave front, f1 >= 0.28",
        ]
        return ProblemEntry(
            name: "zdt\(kind.rawValue)", summary: "ZDT\(kind.rawValue), 2 objectives: \(summaries[kind]!)",
            options: [
                OptionSpec(
                    "variables", .integer(2...1000), default: .integer(kind.defaultVariables),
                    summary: "number of variables n"),
                OptionSpec(
                    "reference", .real(1.001...1_000_000), default: .real(1.1),
                    summary: "the reference point (r, r) of the hypervolume; 11 lets short runs far from the front "
                        + "count"),
            ],
            details: details, providesReferenceFront: true
        ) { context in
            try MultiObjectiveProblem(
                ZDTFunction(
                    kind, variables: context.options.integer("variables"),
                    reference: context.options.real("reference")))
        }
    }

    static func dtlz(_ number: Int) -> ProblemEntry {
        let summaries = [
            "linear front sum f = 1/2, 11^k - 1 local fronts", "spherical front",
            "spherical front, 3^k - 1 local fronts",
            "spherical front, points crowded to its edges (alpha = 100)", "a curve on the sphere",
            "a curve on the sphere, g = sum x^0.1", "2^(m-1) disconnected pieces",
        ]
        return ProblemEntry(
            name: "dtlz\(number)", summary: "DTLZ\(number), m objectives: \(summaries[number - 1])",
            options: [
                OptionSpec(
                    "objectives", .integer(2...6), default: .integer(3),
                    summary: "number of objectives m (2 to 6: the attained hypervolume is exact, fast up to 4 and "
                        + "slower beyond, O(n^(m-2)) for a front of n points)"),
                OptionSpec(
                    "k", .integer(1...100), default: .integer(DTLZFunction.defaultDistanceVariables(number)),
                    summary: "distance variables; n = m + k - 1"),
            ],
            details: details, providesReferenceFront: true
        ) { context in
            let m = context.options.integer("objectives")
            return try MultiObjectiveProblem(
                DTLZFunction(number, objectives: m, variables: m + context.options.integer("k") - 1))
        }
    }

    static func wfg(_ number: Int) -> ProblemEntry {
        let shapes =
            ["convex, mixed", "convex, disconnected", "linear, degenerate"] + Array(repeating: "concave", count: 6)
        return ProblemEntry(
            name: "wfg\(number)", summary: "WFG\(number), m objectives, \(shapes[number - 1]) front (WFG toolkit)",
            options: [
                OptionSpec(
                    "objectives", .integer(2...4), default: .integer(2),
                    summary: "number of objectives m (2 to 4: the attained hypervolume is exact and fast up to 4)"),
                OptionSpec(
                    "k", .integer(0...100), default: .integer(0),
                    summary: "position variables, a multiple of m - 1; 0: 4 for two objectives, 2(m - 1) otherwise"),
                OptionSpec(
                    "l", .integer(1...100), default: .integer(20),
                    summary: "distance variables" + (number == 2 || number == 3 ? ", even" : "")),
            ],
            details: details, providesReferenceFront: true
        ) { context in
            let m = context.options.integer("objectives")
            let given = context.options.integer("k")
            let k = given == 0 ? (m == 2 ? 4 : 2 * (m - 1)) : given
            let l = context.options.integer("l")
            guard k % (m - 1) == 0 else {
                throw ProblemsError.invalidArgument(
                    problem: "wfg\(number)", argument: "k", value: "\(k)",
                    expected: "a multiple of objectives - 1 = \(m - 1)")
            }
            guard !(number == 2 || number == 3) || l % 2 == 0 else {
                throw ProblemsError.invalidArgument(
                    problem: "wfg\(number)", argument: "l", value: "\(l)", expected: "an even number")
            }
            return try MultiObjectiveProblem(
                WFGFunction(number, objectives: m, positionVariables: k, distanceVariables: l))
        }
    }
}
