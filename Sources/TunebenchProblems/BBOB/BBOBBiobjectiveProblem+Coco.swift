/// COCO's names of a bbob-biobj problem, as its logger writes them in the data files (coco-experiment 2.8.2:
/// `suite_biobj_utilities.c` sets a problem's id, name and type from its two bbob problems; `suite_bbob.c` gives
/// each bbob function the type of its group).
extension BBOBBiobjectiveProblem {
    /// COCO's type of each of the five bbob groups (``BBOBFunctions/groups``), in order.
    public static let cocoGroupTypes = [
        "1-separable", "2-moderate", "3-ill-conditioned", "4-multi-modal", "5-weakly-structured",
    ]

    /// COCO's problem type: the two bbob functions' group types joined by `_` (`1-separable_2-moderate`).
    public var cocoProblemType: String {
        func type(_ function: Int) -> String {
            Self.cocoGroupTypes[BBOBFunctions.groups.firstIndex { $0.functions.contains(function) }!]
        }
        return type(objectives.0.function) + "_" + type(objectives.1.function)
    }

    /// COCO's problem name: the two bbob problems' ids joined by `__` (`bbob_f001_i02_d05__bbob_f006_i04_d05`).
    public var cocoProblemName: String {
        func id(_ problem: BBOBProblem) -> String {
            let f = problem.function < 10 ? "00\(problem.function)" : "0\(problem.function)"
            return "bbob_f\(f)_i\(BBOBFunctions.twoDigits(problem.instance))_d\(BBOBFunctions.twoDigits(dimension))"
        }
        return id(objectives.0) + "__" + id(objectives.1)
    }

    /// The problem's index in COCO's whole bbob-biobj suite with its default options (`cocoex.Suite("bbob-biobj", "",
    /// "")`): its dimensions (those of bbob, ``BBOBFunctions/dimensions``), then the 55 functions, then instances 1
    /// to 15. (A suite of other options numbers its problems otherwise.)
    public var cocoIndex: Int {
        let d = BBOBFunctions.dimensions.firstIndex(of: dimension) ?? BBOBFunctions.dimensions.count
        return (d * 55 + function - 1) * Self.instancePairs.count + instance - 1
    }

    /// COCO's best known hypervolume in the normalised space: ``BBOBBiobjectiveVolumes``' for instances 1 to 10, and
    /// COCO's placeholder 1.0 elsewhere (`suite_biobj_best_values_hyp.c`).
    public var cocoBestHypervolume: Double {
        BBOBBiobjectiveVolumes.volume(function: function, dimension: dimension, instance: instance) ?? 1.0
    }
}
