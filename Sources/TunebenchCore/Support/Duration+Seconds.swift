extension Duration {
    /// The duration in seconds, as a real number.
    public var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }

    /// A duration of `seconds` seconds, saturating instead of trapping for huge values.
    public static func seconds(saturating seconds: Double) -> Duration {
        guard seconds.isFinite else { return seconds > 0 ? .seconds(Int64.max / 2) : .zero }
        return .milliseconds(Int64(max(min(seconds * 1000, 9e15), 0)))
    }
}
