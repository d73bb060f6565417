import TunebenchCore

/// The registry entries of COCO's bi-objective suite (``BBOBBiobjectiveProblem``) and the suite `bbob-biobj`.
///
/// | option      | values (default)                                                                          |
/// |-------------|-------------------------------------------------------------------------------------------|
/// | `dimension` | 2, 3, 5, 10, 20, 40 (10)                                                                  |
/// | `instances` | COCO's bi-objective instances 1 to 15 (`1-10`, those with a best known volume)           |
/// | `box`       | `coco`, COCO's declared [−100, 100]ⁿ, or `bbob`, [−5, 5]ⁿ (`coco`)                       |
public enum BBOBBiobjectiveProblems {
    /// `bbob-biobj-f01` ... `bbob-biobj-f55`, in function order.
    public static let entries: [ProblemEntry] = (1...55).map(entry)

    /// `bbob-biobj`: the 55 entries with default options.
    public static let suite = Suite(
        name: "bbob-biobj",
        summary: "COCO's 55 bi-objective functions (pairs of bbob functions), 10-D, instances 1-10 (one per "
            + "repetition); bbob-biobj:dimension=D for others",
        problems: entries.map { EntrySpec($0.name) })

    /// The entry name of function `function`: `bbob-biobj-f07`.
    public static func name(_ function: Int) -> String {
        "bbob-biobj-f\(BBOBFunctions.twoDigits(function))"
    }

    static func entry(_ function: Int) -> ProblemEntry {
        let name = name(function)
        let (first, second) = BBOBBiobjectiveProblem.bbobPair(function)
        return ProblemEntry(
            name: name,
            summary: "COCO bbob-biobj f\(function): bbob f\(first) (\(BBOBFunctions.name(first))) and f\(second) "
                + "(\(BBOBFunctions.name(second))), 2 objectives",
            options: [
                OptionSpec(
                    "dimension", .integerChoice(BBOBFunctions.dimensions), default: .integer(10),
                    summary: "number of variables: COCO's 2, 3, 5, 10, 20 or 40"),
                OptionSpec(
                    "instances", .text, default: .string("1-10"),
                    summary: "COCO's bi-objective instances (1 to 15; 1-10 have best known volumes): repetition k "
                        + "runs the one at position k mod their count"),
                OptionSpec(
                    "box", .choice(BBOBBiobjectiveProblem.Box.allCases.map(\.rawValue)), default: .string("coco"),
                    summary: "the search box: coco, COCO's declared [-100, 100]^n, or bbob, [-5, 5]^n"),
            ],
            details: [
                "objectives: both minimised; the metric is hypervolume regret against the nadir point, HV* being "
                    + "COCO's best known volume (instances 1-10; elsewhere the negated hypervolume)"
            ]
        ) { context in
            let instances = try BBOBInstanceList(parsing: context.options.string("instances"), entry: name)
            if let outside = instances.instances.first(where: { $0 > BBOBBiobjectiveProblem.instancePairs.count }) {
                throw CoreError.invalidOption(
                    entry: name, option: "instances", value: "'\(context.options.string("instances"))'",
                    expected: "instances from 1 to 15, the bi-objective instances COCO defines (\(outside) is not)")
            }
            return try BBOBBiobjectiveProblem(
                function: function, dimension: context.options.integer("dimension"),
                instance: instances.instance(forRepetition: context.repetition),
                box: BBOBBiobjectiveProblem.Box(rawValue: context.options.string("box"))!)
        }
    }
}
