/// A set of integers in `0..<capacity` with insertion, removal, predecessor and successor in O(log₆₄ capacity)
/// word operations: a tree of 64-bit words whose leaves hold one bit per integer and whose inner words hold one bit
/// per non-empty child word (the layout of a van Emde Boas tree cut at 64-way fan-out, as in the "fast sets" of
/// competitive programming). Three levels cover 262,144 integers.
///
/// The three-objective hypervolume sweep keeps the points of its two-dimensional front here by their rank in (x, y)
/// order (``SweepFront``).
///
/// The words live in one allocation that the set owns (it cannot be copied), so that its operations on the sweeps'
/// inner loops touch memory without bounds or uniqueness checks.
struct RankSet: ~Copyable {
    /// The levels' words one after another: level 0 has one bit per integer, and bit `j` of level `k + 1` is set when
    /// word `j` of level `k` is not 0.
    private let words: UnsafeMutablePointer<UInt64>
    /// The offset of each level's first word in `words`, and the total word count after the last.
    private let offsets: UnsafeMutablePointer<Int>
    private let levelCount: Int

    /// An empty set for the integers `0..<capacity`.
    init(capacity: Int) {
        precondition(capacity >= 0, "RankSet: negative capacity \(capacity)")
        var counts = [max(1, (capacity + 63) >> 6)]
        while counts.last! > 1 { counts.append((counts.last! + 63) >> 6) }
        levelCount = counts.count
        offsets = .allocate(capacity: counts.count + 1)
        var total = 0
        for (level, count) in counts.enumerated() {
            offsets[level] = total
            total += count
        }
        offsets[counts.count] = total
        words = .allocate(capacity: total)
        words.initialize(repeating: 0, count: total)
    }

    deinit {
        words.deallocate()
        offsets.deallocate()
    }

    /// The words of `level` in `words` (their count is `offsets[level + 1] − offsets[level]`).
    @inline(__always)
    private func level(_ level: Int) -> UnsafeMutablePointer<UInt64> { words + offsets[level] }

    @inline(__always)
    private func wordCount(_ level: Int) -> Int { offsets[level + 1] - offsets[level] }

    func contains(_ value: Int) -> Bool {
        words[value >> 6] & (1 << UInt64(value & 63)) != 0
    }

    func insert(_ value: Int) {
        var index = value
        for level in 0..<levelCount {
            let word = self.level(level) + (index >> 6)
            let wasEmpty = word.pointee == 0
            word.pointee |= 1 << UInt64(index & 63)
            guard wasEmpty else { return }
            index >>= 6
        }
    }

    func remove(_ value: Int) {
        var index = value
        for level in 0..<levelCount {
            let word = self.level(level) + (index >> 6)
            word.pointee &= ~(1 << UInt64(index & 63))
            guard word.pointee == 0 else { return }
            index >>= 6
        }
    }

    /// The smallest member greater than `value` (`value` may be −1 for the smallest member), or `nil`.
    func successor(_ value: Int) -> Int? {
        var index = value + 1
        // The common case first: a member later in the same leaf word.
        if index < wordCount(0) << 6 {
            let above = words[index >> 6] & (UInt64.max << UInt64(index & 63))
            if above != 0 { return (index & ~63) | above.trailingZeroBitCount }
        }
        var level = 0
        // Climb until a word holds a member at or after `index`.
        while true {
            guard level < levelCount else { return nil }
            let word = index >> 6
            guard word < wordCount(level) else { return nil }
            let above = self.level(level)[word] & (UInt64.max << UInt64(index & 63))
            if above != 0 {
                index = (word << 6) | above.trailingZeroBitCount
                break
            }
            index = word + 1
            level += 1
        }
        // Descend along the lowest set bits.
        while level > 0 {
            level -= 1
            index = (index << 6) | self.level(level)[index].trailingZeroBitCount
        }
        return index
    }

    /// The largest member smaller than `value`, or `nil`.
    func predecessor(_ value: Int) -> Int? {
        var index = value - 1
        if index >= 0 {
            let below = words[index >> 6] & (UInt64.max >> UInt64(63 - (index & 63)))
            if below != 0 { return (index & ~63) | (63 - below.leadingZeroBitCount) }
        }
        var level = 0
        while true {
            guard index >= 0, level < levelCount else { return nil }
            let word = index >> 6
            let below = self.level(level)[word] & (UInt64.max >> UInt64(63 - (index & 63)))
            if below != 0 {
                index = (word << 6) | (63 - below.leadingZeroBitCount)
                break
            }
            index = word - 1
            level += 1
        }
        while level > 0 {
            level -= 1
            index = (index << 6) | (63 - self.level(level)[index].leadingZeroBitCount)
        }
        return index
    }
}
