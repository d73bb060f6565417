import Foundation

/// The archive of COCO's bi-objective logger: the non-dominated points of a run in COCO's normalised objective
/// space, and the hypervolume they dominate in the region of interest, kept up to date point by point
/// (`logger_biobj_tree_update` in `src/logger_biobj.c`, `src/mo_utilities.c` of numbbo/coco-experiment 2.8; facts
/// carried over, the code is Tunebench's).
///
/// **Normalisation.** A point `y` becomes `ŷᵢ = (yᵢ − idealᵢ)/(nadirᵢ − idealᵢ)`, rounded to a multiple of
/// `5·10⁻¹³` (`floor(ŷ/δ + 0.5) δ`), raised to 0 when below; and when one coordinate is 0 (within `10⁻¹³`) and the
/// other below 1, the other becomes 1 (`mo_normalize`). Two values within `10⁻¹³` are equal (`mo_precision`). The
/// region of interest is `[0, 1]²`.
///
/// **Archive.** Points sorted by `ŷ₂`. A new point is taken when no archived point weakly dominates it; it removes
/// the points it dominates. Each archived point `p` inside the region holds the area `(ŷ₁(q) − ŷ₁(p))(1 − ŷ₂(p))`
/// between it and its predecessor `q` (the point of next lower `ŷ₂`), or `(1 − ŷ₁(p))(1 − ŷ₂(p))` when `q` is
/// missing or outside the region; ``hypervolume`` is the running sum of the contributions, added and subtracted in
/// COCO's order, so that it equals COCO's to the last bit.
public struct CocoBiobjectiveArchive: Sendable {
    /// COCO's `mo_precision`: normalised values closer than this are equal.
    public static let precision = 1e-13
    /// COCO's `mo_discretization`: the grid normalised values are rounded to.
    public static let discretization = 5 * 1e-13

    /// An archived point.
    public struct Entry: Sendable, Equatable {
        /// The point's objective values, as evaluated.
        public var objectives: [Double]
        /// Its normalised values, rounded (`ŷ`).
        public var normalized: [Double]
        /// Its variables.
        public var point: [Double]
        /// The evaluation that produced it, from 1.
        public var evaluation: Int
        /// Whether `ŷ` lies in `[0, 1]²`.
        public var inRegion: Bool
        /// Its share of ``hypervolume``.
        public var contribution = 0.0
    }

    /// The ideal point (each objective's optimum).
    public let ideal: [Double]
    /// The nadir point (each objective at the other's optimum).
    public let nadir: [Double]
    /// The non-dominated points, by increasing `ŷ₂`.
    public private(set) var entries: [Entry] = []
    /// The normalised hypervolume of ``entries`` in the region of interest, as COCO sums it.
    public private(set) var hypervolume = 0.0

    public init(ideal: [Double], nadir: [Double]) {
        precondition(ideal.count == 2 && nadir.count == 2, "COCO's archive has two objectives")
        self.ideal = ideal
        self.nadir = nadir
    }

    /// The archive entry of evaluation `evaluation`: `objectives` at `point`, normalised.
    public func entry(_ objectives: [Double], point: [Double], evaluation: Int) -> Entry {
        let normalized = Self.normalize(objectives, ideal: ideal, nadir: nadir)
        return Entry(
            objectives: objectives, normalized: normalized, point: point, evaluation: evaluation,
            inRegion: Self.isInRegion(normalized))
    }

    /// Offers `entry` to the archive; returns whether it was taken (no archived point weakly dominates it).
    public mutating func insert(_ entry: Entry) -> Bool {
        var entry = entry
        // The last archived point whose ŷ₂ is not above the new one's (a binary search: the archive is sorted by ŷ₂):
        // the only one that could dominate it.
        var next = 0
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if Self.compareSecond(entry, entries[middle]) >= 0 { low = middle + 1 } else { high = middle }
        }
        if low > 0 {
            let index = low - 1
            let dominance = Self.dominance(entry.normalized, entries[index].normalized)
            guard dominance > -1 else { return false }
            next = index + 1
            if dominance == 1 {
                hypervolume -= entries[index].contribution
                entries.remove(at: index)
                next = index
            }
        }
        while next < entries.count, Self.dominance(entry.normalized, entries[next].normalized) == 1 {
            hypervolume -= entries[next].contribution
            entries.remove(at: next)
        }
        let position = next
        entries.insert(entry, at: position)
        guard entry.inRegion else { return true }
        if position + 1 < entries.count, entries[position + 1].inRegion {
            let after = entries[position + 1]
            hypervolume -= after.contribution
            entries[position + 1].contribution = (entry.normalized[0] - after.normalized[0]) * (1 - after.normalized[1])
            hypervolume += entries[position + 1].contribution
        }
        if position > 0, entries[position - 1].inRegion {
            entry.contribution = (entries[position - 1].normalized[0] - entry.normalized[0]) * (1 - entry.normalized[1])
        } else {
            entry.contribution = (1 - entry.normalized[0]) * (1 - entry.normalized[1])
        }
        entries[position].contribution = entry.contribution
        hypervolume += entry.contribution
        return true
    }

    // MARK: - COCO's normalised space

    /// `|a − b| < precision` (`coco_double_almost_equal`).
    static func almostEqual(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) < precision
    }

    /// `y` normalised by the ideal and nadir points and rounded, as `mo_normalize` does.
    public static func normalize(_ y: [Double], ideal: [Double], nadir: [Double]) -> [Double] {
        var normalized = (0..<2).map { i -> Double in
            let value = (y[i] - ideal[i]) / (nadir[i] - ideal[i])
            let rounded = (value / discretization + 0.5).rounded(.down) * discretization
            return rounded < 0 ? 0 : rounded
        }
        for i in 0..<2 where almostEqual(normalized[i], 0) && normalized[1 - i] < 1 {
            normalized[1 - i] = 1
        }
        return normalized
    }

    /// `mo_get_dominance`: 1 when `a` dominates `b`, −1 when `b` dominates `a`, 0 when neither, −2 when equal.
    public static func dominance(_ a: [Double], _ b: [Double]) -> Int {
        var better = false
        var worse = false
        for i in a.indices where !almostEqual(a[i], b[i]) {
            if a[i] < b[i] { better = true } else if a[i] > b[i] { worse = true }
        }
        switch (better, worse) {
        case (true, false): return 1
        case (false, true): return -1
        case (true, true): return 0
        case (false, false): return -2
        }
    }

    /// Whether each normalised value is in `[0, 1]`, within ``precision`` of its ends (`mo_is_within_ROI`).
    public static func isInRegion(_ normalized: [Double]) -> Bool {
        normalized.allSatisfy { almostEqual($0, 0) || almostEqual($0, 1) || ($0 > 0 && $0 < 1) }
    }

    /// The distance of a normalised point from the region of interest, 0 inside (`mo_get_distance_to_ROI`).
    public static func distanceToRegion(_ normalized: [Double]) -> Double {
        guard !isInRegion(normalized) else { return 0 }
        let d0 = normalized[0] - 1
        let d1 = normalized[1] - 1
        if d0 > 0 && d1 > 0 { return (d0 * d0 + d1 * d1).squareRoot() }
        return d0 > 0 ? d0 : d1
    }

    /// The archive's order: by `ŷ₂`, equal within ``precision`` (`avl_tree_compare_by_last_objective`).
    static func compareSecond(_ a: Entry, _ b: Entry) -> Int {
        if almostEqual(a.normalized[1], b.normalized[1]) { return 0 }
        return a.normalized[1] < b.normalized[1] ? -1 : 1
    }
}
