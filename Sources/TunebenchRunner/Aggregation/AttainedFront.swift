import TunebenchCore
import TunebenchNumerics

/// The objective vectors a multi-objective run has attained so far, as their non-dominated points, with their
/// hypervolume (``TunebenchNumerics/Hypervolume``) up to the problem's reference point.
///
/// The run's scalar best, the value its traces and statistics follow, is the negated hypervolume `−HV(A; r)`, and
/// its record's optimum the negated front volume `−HV*`, so that regret is hypervolume regret `HV* − HV(A; r)`
/// (``TunebenchCore/ParetoReference``), floored at 0: a volume measured on a sample of the front is a lower bound
/// that a run may pass. Only points that dominate the reference point strictly add volume, so only those are kept.
struct AttainedFront {
    let reference: ParetoReference
    /// The non-dominated attained points inside the reference box.
    private(set) var points: [[Double]] = []
    /// `HV(points; r)`.
    private(set) var hypervolume = 0.0

    init(reference: ParetoReference) {
        self.reference = reference
    }

    /// Adds an attained point; returns whether the hypervolume grew. The volume is computed again only when the
    /// point joins the front (O(f log f) for a front of f points in two or three objectives).
    @discardableResult
    mutating func add(_ point: [Double]) -> Bool {
        guard zip(point, reference.point).allSatisfy({ $0 < $1 }) else { return false }
        guard !points.contains(where: { kept in zip(kept, point).allSatisfy { $0 <= $1 } }) else { return false }
        points.removeAll { kept in zip(point, kept).allSatisfy { $0 <= $1 } }
        points.append(point)
        hypervolume = Hypervolume.exact(points, reference: reference.point)
        return true
    }

    /// One point's own scalar value: `−HV({point}; r)`, the volume of its box up to the reference point (0 outside
    /// it), floored at `−HV*` as ``best`` is.
    static func single(_ point: [Double], reference: ParetoReference) -> Double {
        guard zip(point, reference.point).allSatisfy({ $0 < $1 }) else { return 0 }
        let volume = zip(reference.point, point).reduce(1.0) { $0 * ($1.0 - $1.1) }
        return 0 - min(volume, reference.hypervolume ?? volume)
    }

    /// The run's scalar best: `−HV`, floored at `−HV*` when the front's volume is known (`0 − HV`, so that an empty
    /// volume is written `0.0`, not `-0.0`).
    var best: Double {
        guard let volume = reference.hypervolume else { return 0 - hypervolume }
        return 0 - min(hypervolume, volume)
    }
}
