extension CocoBiobjectiveFacts {
    /// The facts of a built-in bbob-biobj problem (``BBOBBiobjectiveProblem``) for ``CocoExport``; `nil` when
    /// `identity` is not one (another suite, or a function, instance or dimension COCO does not define).
    public static func builtin(_ identity: CocoProblemIdentity) -> CocoBiobjectiveFacts? {
        guard identity.suite == "bbob-biobj", BBOBFunctions.dimensions.contains(identity.dimension),
            let problem = try? BBOBBiobjectiveProblem(
                function: identity.function, dimension: identity.dimension, instance: identity.instance)
        else { return nil }
        return CocoBiobjectiveFacts(
            identity: identity, ideal: problem.ideal, nadir: problem.nadir,
            bestHypervolume: problem.cocoBestHypervolume, problemType: problem.cocoProblemType,
            problemName: problem.cocoProblemName, index: problem.cocoIndex)
    }
}
