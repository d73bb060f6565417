import Foundation

/// Tick positions for plot axes: "nice" linear steps and powers of ten.
///
/// A nice step is 1, 2 or 5 × 10^k, the sequence of P. S. Heckbert, "Nice numbers for graph labels", in
/// *Graphics Gems* (Academic Press, 1990), pp. 61–63. Unlike Heckbert's rounding of the range, the step is chosen
/// by search: the one whose ticks over the range extended to whole steps number closest to
/// ``preferredCount``, among those giving between ``countRange`` ticks.
enum PlotTicks {
    /// The number of ticks a linear axis aims for.
    static let preferredCount = 6
    /// The numbers of ticks a linear axis may have.
    static let countRange = 4...8

    /// The nice step for `range`: 1, 2 or 5 × 10^k such that the multiples of the step from
    /// ⌊lower / step⌋ · step to ⌈upper / step⌉ · step number within ``countRange``, closest to
    /// ``preferredCount`` (a tie goes to the larger step). A range of zero width is first widened to `lower ± 1` (at zero) or
    /// `lower ± |lower| / 2`.
    static func niceStep(for range: ClosedRange<Double>) -> Double {
        let (low, high) = widened(range)
        let span = high - low
        guard span.isFinite, span > 0 else { return PlotTicks.pow10(300) }
        let base = Int(log10(span).rounded(.down))
        var best: (step: Double, score: Double)?
        // Steps from 10^(base-2) to 5·10^(base+1) cover 4–8 ticks for every span.
        for exponent in (base - 2)...(base + 1) {
            for mantissa in [1.0, 2.0, 5.0] {
                let step = mantissa * pow10(exponent)
                let count = ((high / step) - 1e-9).rounded(.up) - ((low / step) + 1e-9).rounded(.down) + 1
                let inRange = count >= Double(countRange.lowerBound) && count <= Double(countRange.upperBound)
                let score = abs(count - Double(preferredCount)) + (inRange ? 0 : 100)
                if best.map({ score <= $0.score }) ?? true { best = (step, score) }
            }
        }
        return best?.step ?? 1
    }

    /// `range` widened outwards to whole multiples of its nice step (the "loose" labelling of Heckbert).
    static func niceRange(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let step = niceStep(for: range)
        let (low, high) = widened(range)
        return ((low / step) + 1e-9).rounded(.down) * step...((high / step) - 1e-9).rounded(.up) * step
    }

    /// The bounds of `range`, or for a range of zero width `lower ± 1` (at zero) or `lower ± |lower| / 2`.
    private static func widened(_ range: ClosedRange<Double>) -> (Double, Double) {
        guard !(range.upperBound > range.lowerBound) else { return (range.lowerBound, range.upperBound) }
        let half = range.lowerBound == 0 ? 1 : abs(range.lowerBound) / 2
        return (range.lowerBound - half, range.upperBound + half)
    }

    /// The multiples of the nice step for `range` that lie inside it.
    static func linear(_ range: ClosedRange<Double>) -> [Double] {
        multiples(of: niceStep(for: range), in: range)
    }

    /// The multiples of `step` inside `range`, with a tolerance of 1e-9 steps at each end, each computed as an
    /// integer times the step so that no error accumulates (`0` is exactly zero); none when there would be more
    /// than a thousand.
    static func multiples(of step: Double, in range: ClosedRange<Double>) -> [Double] {
        let first = ((range.lowerBound / step) - 1e-9).rounded(.up)
        let last = ((range.upperBound / step) + 1e-9).rounded(.down)
        // At most a thousand ticks, and indices well inside Int.
        guard step > 0, first <= last, last - first <= 1000, abs(first) < 1e15, abs(last) < 1e15 else { return [] }
        return (Int(first)...Int(last)).map { Double($0) * step }
    }

    /// The whole-decade range around `range` (both bounds positive): 10^⌊log10 lower⌋ … 10^⌈log10 upper⌉,
    /// one decade wider on each side when that would be a single point.
    static func decadeRange(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        var low = Int((log10(range.lowerBound) + 1e-9).rounded(.down))
        var high = Int((log10(range.upperBound) - 1e-9).rounded(.up))
        if high <= low {
            low -= 1
            high += 1
        }
        return pow10(low)...pow10(high)
    }

    /// The exponents k with 10^k inside `range` (both bounds positive), with a tolerance of 1e-9 decades.
    static func decades(_ range: ClosedRange<Double>) -> [Int] {
        guard range.lowerBound > 0, range.upperBound.isFinite else { return [] }
        let first = Int((log10(range.lowerBound) - 1e-9).rounded(.up))
        let last = Int((log10(range.upperBound) + 1e-9).rounded(.down))
        return first <= last ? Array(first...last) : []
    }

    /// 10^k, exact for the exponents a `Double` literal would give (`1e-3`, not `0.0010000000000000002`).
    static func pow10(_ k: Int) -> Double {
        Double("1e\(k)") ?? pow(10, Double(k))
    }

    /// The label of a linear tick `value` on an axis with tick spacing `step`: as many decimals as the step needs
    /// (`0.2` → one), in exponent form when the step is below 1e-4 or the value's magnitude is 1e6 or more.
    static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        if step < 1e-4 || abs(value) >= 1e6 { return SVGText.compact(value) }
        let decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
        let text = SVGText.trimmingZeros(String(format: "%.\(decimals)f", value))
        return text == "-0" ? "0" : text
    }
}
