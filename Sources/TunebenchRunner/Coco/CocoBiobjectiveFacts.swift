/// What COCO's bi-objective logger knows of a bbob-biobj problem beyond its values, which the export needs and a run
/// file does not hold: its ideal and nadir points, its best known normalised hypervolume, and COCO's names for it.
///
/// ``CocoExport`` asks for them through a closure, since this library does not know the problems; the built-in one
/// builds them from `BBOBBiobjectiveProblem` (the `Tunebench` module's `CocoBiobjectiveFacts.builtin`).
public struct CocoBiobjectiveFacts: Sendable, Equatable {
    /// The problem: suite `bbob-biobj`, function 1 ... 55, instance, dimension.
    public var identity: CocoProblemIdentity
    /// The ideal point, `(f₁*, f₂*)`.
    public var ideal: [Double]
    /// The nadir point: each objective at the other's optimum.
    public var nadir: [Double]
    /// COCO's best known hypervolume in the normalised space (`suite_biobj_best_values_hyp`; its 1.0 placeholder for
    /// instances 11 to 15), the `reference value` of the data files.
    public var bestHypervolume: Double
    /// COCO's problem type, the folder of the data files and the name of the `.info` file: the two bbob functions'
    /// groups, `1-separable_2-moderate`.
    public var problemType: String
    /// COCO's problem name, the ids of the two bbob problems: `bbob_f001_i02_d05__bbob_f006_i04_d05`.
    public var problemName: String
    /// The problem's index in COCO's whole bbob-biobj suite (dimensions 2, 3, 5, 10, 20, 40; 55 functions;
    /// instances 1 to 15, in that nesting).
    public var index: Int

    public init(
        identity: CocoProblemIdentity, ideal: [Double], nadir: [Double], bestHypervolume: Double, problemType: String,
        problemName: String, index: Int
    ) {
        self.identity = identity
        self.ideal = ideal
        self.nadir = nadir
        self.bestHypervolume = bestHypervolume
        self.problemType = problemType
        self.problemName = problemName
        self.index = index
    }

    /// COCO's problem id without the instance, the stem of the data files: `bbob-biobj_f07_d05`.
    public var stem: String {
        "bbob-biobj_f\(Self.twoDigits(identity.function))_d\(Self.twoDigits(identity.dimension))"
    }

    /// COCO's problem id: `bbob-biobj_f07_i03_d05`, the stem of the archive file.
    public var problemID: String {
        "bbob-biobj_f\(Self.twoDigits(identity.function))_i\(Self.twoDigits(identity.instance))"
            + "_d\(Self.twoDigits(identity.dimension))"
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
