/// Finds the candidate closest to a mistyped name, for "did you mean ...?" messages.
public enum NearestName {
    /// The candidate with the smallest edit distance to `name`, if it is close enough to be a plausible typo.
    ///
    /// A candidate qualifies when its Levenshtein distance is at most `max(2, name.count / 3)`; ties go to the
    /// earliest candidate, so the answer is deterministic.
    /// - Parameters:
    ///   - name: the name that was not found.
    ///   - candidates: the valid names, in a fixed order.
    /// - Returns: the nearest valid name, or `nil` when none is close.
    /// - Complexity: O(k · m · n) for k candidates of length m and a name of length n.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = max(2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            // The distance is at least the difference in length: skip the quadratic work when that alone is too far.
            guard abs(scalars.count - target.count) <= min(limit, best?.distance ?? .max) else { continue }
            let distance = levenshtein(target, scalars)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
    ///
    /// Wagner-Fischer dynamic programme with a single row of length `b.count + 1`.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
