extension Statistics {
    /// The value of rank `rank` (0 for the smallest) among `values`, which are reordered so that nothing before
    /// position `rank` is greater and nothing after it smaller.
    ///
    /// Hoare's selection ("FIND", Comm. ACM 4(7), 1961) with median-of-three pivots, in expected O(n); a range that
    /// has not narrowed after 2 log2 n + 8 partitions is sorted instead, so the worst case is O(n log n).
    /// - Precondition: `values` has no NaN and more than `rank` elements.
    static func select(rank: Int, in values: UnsafeMutableBufferPointer<Double>) -> Double {
        var lower = 0
        var upper = values.count - 1
        var partitions = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while lower < upper {
            guard partitions > 0 else {
                var range = UnsafeMutableBufferPointer(rebasing: values[lower...upper])
                range.sort()
                break
            }
            partitions -= 1
            let (a, b, c) = (values[lower], values[lower + (upper - lower) / 2], values[upper])
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = lower
            var j = upper
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[lower...j] <= pivot, values[i...upper] >= pivot, and everything between equals it.
            if rank <= j {
                upper = j
            } else if rank >= i {
                lower = i
            } else {
                break
            }
        }
        return values[rank]
    }
}

extension Statistics {
    /// The lower median: the order statistic of rank `⌈n/2⌉` (1-based), the middle value for odd `n` and the lower of
    /// the two middle values for even `n`. This is bayesmark 0.0.8's `quantiles.quantile(X, 0.5)` (the order
    /// statistic `⌈n q⌉`), from which it takes the clip of its normalised score (`experiment_baseline.py`).
    ///
    /// Found by selection (``select(rank:in:)``) in expected O(n); a sample with NaN is sorted first (NaN last).
    /// - Precondition: `values` is not empty.
    public static func lowerMedian(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the lower median of no values")
        let rank = (values.count + 1) / 2 - 1
        guard !values.contains(where: \.isNaN) else {
            return values.sorted { !$0.isNaN && ($1.isNaN || $0 < $1) }[rank]
        }
        var work = values
        return work.withUnsafeMutableBufferPointer { select(rank: rank, in: $0) }
    }
}
