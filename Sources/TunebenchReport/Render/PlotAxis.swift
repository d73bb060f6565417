import Foundation

/// How values map onto a plot axis.
public enum PlotScale: Sendable, Hashable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log10 of the value; values at or below a positive floor are drawn at the floor.
    case log
}

/// One axis of a plot: its domain, its ticks, and the map from values to a fraction of the axis length.
///
/// A linear axis spans the data (or a fixed range); with `loose`, the data range is widened to whole multiples of
/// its nice step (``PlotTicks/niceRange(_:)``). A log axis spans the data widened to whole decades
/// (``PlotTicks/decadeRange(_:)``), or a fixed range. On a log axis every value at or below the *floor* is drawn at
/// the floor: the floor is a fixed range's lower bound when it is positive, else the smallest positive value divided
/// by 10, or 1e-12 when no value is positive.
struct PlotAxis: Sendable {
    /// A tick label: plain text, or a power of ten 10^k written with a superscript.
    enum Label: Sendable, Equatable {
        case text(String)
        case power(Int)
    }

    /// A labelled tick with a grid line.
    struct Tick: Sendable, Equatable {
        var value: Double
        var label: Label
    }

    let scale: PlotScale
    /// The values at the two ends of the axis.
    let domain: ClosedRange<Double>
    /// On a log axis, the value at and below which values are drawn at it; `nil` on a linear axis.
    let floor: Double?
    /// Whether some finite value lies below ``floor`` (a log axis then says so in a note).
    let clamps: Bool
    /// Labelled ticks, increasing.
    let ticks: [Tick]
    /// Unlabelled ticks (2…9 × 10^k and unlabelled decades on a log axis), increasing.
    let minorTicks: [Double]

    /// The most decades a log axis labels; beyond that, every second (third, …) decade is labelled.
    static let maximumDecadeLabels = 8
    /// The most decades for which a log axis draws minor ticks at 2…9 × 10^k.
    static let maximumDecadesWithMinorTicks = 6

    /// An axis for `values` (non-finite ones are ignored).
    ///
    /// - Parameters:
    ///   - scale: Linear or log.
    ///   - values: The data to show along this axis.
    ///   - fixed: A range to show instead of the data's; on a log axis a lower bound at or below zero is replaced by
    ///     the floor.
    ///   - loose: On a linear axis without a fixed range, widen the data range to whole steps.
    init(scale: PlotScale, values: [Double], fixed: ClosedRange<Double>?, loose: Bool) {
        self.scale = scale
        let finite = values.filter(\.isFinite)
        let fixed = fixed.flatMap { $0.lowerBound.isFinite && $0.upperBound.isFinite ? $0 : nil }
        switch scale {
        case .linear:
            floor = nil
            clamps = false
            let data = finite.min().flatMap { low in finite.max().map { low...$0 } }
            let base = fixed ?? data ?? 0...1
            let step = PlotTicks.niceStep(for: base)
            let widen = (fixed == nil && loose) || !(base.upperBound > base.lowerBound)
            let domain = widen ? PlotTicks.niceRange(base) : base
            self.domain = domain
            ticks = PlotTicks.multiples(of: step, in: domain).map {
                Tick(value: $0, label: .text(PlotTicks.label($0, step: step)))
            }
            minorTicks = []
        case .log:
            let positive = finite.filter { $0 > 0 }
            let floor: Double
            if let fixed, fixed.lowerBound > 0 {
                floor = fixed.lowerBound
            } else {
                // Held above 1e-300 so that subnormal data keep the logarithms finite.
                floor = max(positive.min().map { $0 / 10 } ?? 1e-12, 1e-300)
            }
            self.floor = floor
            clamps = finite.contains { $0 < floor }
            let domain: ClosedRange<Double>
            if let fixed, fixed.upperBound > max(fixed.lowerBound, floor) {
                domain = max(fixed.lowerBound, floor)...fixed.upperBound
            } else {
                let low = clamps ? floor : (positive.min() ?? 1)
                let high = max(positive.max() ?? low * 10, low)
                domain = PlotTicks.decadeRange(low...high)
            }
            self.domain = domain
            (ticks, minorTicks) = Self.logTicks(domain)
        }
    }

    /// Decades as labelled ticks (every m-th when there are more than ``maximumDecadeLabels``, m the smallest that
    /// fits, labelled decades the multiples of m); the other decades and, over at most
    /// ``maximumDecadesWithMinorTicks`` decades, 2…9 × 10^k as minor ticks. A range holding fewer than two decades
    /// also labels 2 × 10^k and 5 × 10^k.
    private static func logTicks(_ domain: ClosedRange<Double>) -> ([Tick], [Double]) {
        let decades = PlotTicks.decades(domain)
        var ticks: [Tick] = []
        var minor: [Double] = []
        let every = max(1, (decades.count + maximumDecadeLabels - 1) / maximumDecadeLabels)
        for k in decades {
            if k.isMultiple(of: every) {
                ticks.append(Tick(value: PlotTicks.pow10(k), label: .power(k)))
            } else {
                minor.append(PlotTicks.pow10(k))
            }
        }
        let low = Int((log10(domain.lowerBound) + 1e-9).rounded(.down))
        let high = Int((log10(domain.upperBound) - 1e-9).rounded(.down))
        let inside = { (v: Double) in v >= domain.lowerBound * (1 - 1e-9) && v <= domain.upperBound * (1 + 1e-9) }
        if decades.count < 2 {
            for k in low...high {
                for m in [2.0, 5.0] {
                    let value = m * PlotTicks.pow10(k)
                    if inside(value) { ticks.append(Tick(value: value, label: .text(SVGText.compact(value)))) }
                }
            }
            ticks.sort { $0.value < $1.value }
        }
        if high - low < maximumDecadesWithMinorTicks {
            for k in low...high {
                for m in 2...9 {
                    let value = Double(m) * PlotTicks.pow10(k)
                    if inside(value) && !ticks.contains(where: { abs($0.value - value) <= 1e-9 * value }) {
                        minor.append(value)
                    }
                }
            }
        }
        return (ticks, minor.sorted())
    }

    /// Where the data value `value` falls along the axis, as a fraction from 0 (the domain's lower end) to 1 (its
    /// upper end), or `nil` for a non-finite value. On a log axis values below the floor are drawn at the floor.
    /// Values outside the domain give fractions outside 0…1.
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        return position(scale == .log ? max(value, floor ?? domain.lowerBound) : value)
    }

    /// Where the tick at `value` (finite, and positive on a log axis) falls along the axis, as a fraction: like
    /// ``fraction(_:)`` but without the floor, since a decade tick may lie below it.
    func tickFraction(_ value: Double) -> Double {
        position(value)
    }

    private func position(_ value: Double) -> Double {
        switch scale {
        case .linear:
            return (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .log:
            let low = log10(domain.lowerBound)
            return (log10(value) - low) / (log10(domain.upperBound) - low)
        }
    }
}
