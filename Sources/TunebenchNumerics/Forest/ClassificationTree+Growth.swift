import Foundation

/// The working state of one classification tree's growth (the rules are in ``ClassificationTree``'s documentation).
///
/// `order` holds, for every feature, the sample's distinct rows sorted by that feature; each node occupies the same
/// range `lower..<upper` in every feature's list, and a split partitions every list stably, so a node's rows stay
/// sorted without sorting again. The buffers are allocated once per tree; non-copyable, so they have one owner and
/// are freed with it. `columns` and `labels` point into the ``PresortedClassificationData`` and live as long as the
/// caller's access to it.
struct ClassificationTreeGrower: ~Copyable {
    let settings: ClassificationTree.Settings
    let rowCount: Int
    let featureCount: Int
    let classCount: Int
    /// Distinct rows in the sample.
    let count: Int
    /// `columns[f * rowCount + row]`: feature `f` of row `row`.
    let columns: UnsafePointer<Double>
    /// The class of each row.
    let labels: UnsafePointer<Int32>
    /// Copies of each row (by row index) in the sample.
    let weights: UnsafeMutablePointer<Int>
    /// `order[f * count + i]`: the sample's rows sorted by feature `f` (then by row index) within each node.
    let order: UnsafeMutablePointer<Int32>
    /// Scratch for the stable partition.
    let scratch: UnsafeMutablePointer<Int32>
    /// Whether each row (by row index) goes left at the split being made.
    let goesLeft: UnsafeMutablePointer<Bool>
    /// Feature indices, partially shuffled at each node.
    let features: UnsafeMutablePointer<Int>
    /// The node's weighted class counts, then the counts left of the scan's position.
    let totals: UnsafeMutablePointer<Int>
    let leftCounts: UnsafeMutablePointer<Int>
    /// `x ln x` for `x = 0 ... Σ weights` (entropy only; empty for Gini).
    let xLogX: [Double]

    init(
        data: PresortedClassificationData,
        columns: UnsafePointer<Double>,
        labels: UnsafePointer<Int32>,
        weights: [Int],
        settings: ClassificationTree.Settings
    ) {
        self.settings = settings
        self.columns = columns
        self.labels = labels
        let n = data.rowCount
        let d = data.featureCount
        rowCount = n
        featureCount = d
        classCount = data.classCount
        self.weights = .allocate(capacity: n)
        self.weights.initialize(from: weights, count: n)
        let count = weights.lazy.filter { $0 > 0 }.count
        self.count = count
        order = .allocate(capacity: d * count)
        var next = 0
        for f in 0..<d {
            for i in 0..<n {
                let row = data.ascending[f * n + i]
                if weights[Int(row)] > 0 {
                    order[next] = row
                    next += 1
                }
            }
        }
        scratch = .allocate(capacity: count)
        goesLeft = .allocate(capacity: n)
        goesLeft.initialize(repeating: false, count: n)
        features = .allocate(capacity: d)
        for f in 0..<d { features[f] = f }
        totals = .allocate(capacity: 2 * classCount)
        totals.initialize(repeating: 0, count: 2 * classCount)
        leftCounts = totals + classCount
        let weight = weights.reduce(0, +)
        xLogX = settings.criterion == .entropy ? (0...weight).map { $0 == 0 ? 0 : Double($0) * log(Double($0)) } : []
    }

    deinit {
        weights.deallocate()
        order.deallocate()
        scratch.deallocate()
        goesLeft.deallocate()
        features.deallocate()
        totals.deallocate()
    }

    mutating func grow<G: RandomNumberGenerator>(into tree: inout ClassificationTree, using generator: inout G) {
        // An explicit stack of (node, lower, upper) keeps deep trees off the call stack.
        var stack: [(node: Int, lower: Int, upper: Int)] = [(tree.appendNode(depth: 0), 0, count)]
        var counts = [Int](repeating: 0, count: classCount)
        while let (node, lower, upper) = stack.popLast() {
            let depth = tree.depths[node]
            let weight = countClasses(lower, upper)
            let size = upper - lower
            for k in 0..<classCount { counts[k] = totals[k] }
            tree.setLeafValues(node, counts: counts, total: weight, sampleCount: size)
            guard depth < settings.maxDepth, size >= settings.minSamplesSplit, size >= 2 * settings.minSamplesLeaf,
                counts.contains(where: { $0 > 0 && $0 < weight }),
                let (feature, threshold) = bestSplit(lower, upper, weight: weight, using: &generator)
            else { continue }
            let boundary = partition(lower, upper, feature: feature, threshold: threshold)
            let left = tree.appendNode(depth: depth + 1)
            let right = tree.appendNode(depth: depth + 1)
            tree.makeSplit(node, feature: feature, threshold: threshold, left: left)
            stack.append((right, boundary, upper))
            stack.append((left, lower, boundary))
        }
    }

    /// Fills `totals` with the weighted class counts of the node `lower..<upper` and returns their sum.
    func countClasses(_ lower: Int, _ upper: Int) -> Int {
        for k in 0..<classCount { totals[k] = 0 }
        var weight = 0
        for i in lower..<upper {
            let row = Int(order[i])
            totals[Int(labels[row])] += weights[row]
            weight += weights[row]
        }
        return weight
    }

    /// The best split of the node over randomly drawn features, or `nil` when none is valid.
    func bestSplit<G: RandomNumberGenerator>(
        _ lower: Int,
        _ upper: Int,
        weight: Int,
        using generator: inout G
    ) -> (feature: Int, threshold: Double)? {
        let d = featureCount
        let quota = min(max(settings.featuresPerSplit, 1), d)
        var best: (score: Double, feature: Int, threshold: Double)?
        var drawn = 0
        var searched = 0
        while drawn < d, searched < quota {
            // Partial Fisher–Yates: features[drawn] becomes a uniform draw from the features not yet drawn.
            let pick = drawn + generator.nextIndex(below: d - drawn)
            (features[drawn], features[pick]) = (features[pick], features[drawn])
            let feature = features[drawn]
            drawn += 1
            let rows = order + feature * count
            let column = columns + feature * rowCount
            guard column[Int(rows[lower])] < column[Int(rows[upper - 1])] else { continue }  // constant here
            searched += 1
            if let candidate = bestThreshold(feature, lower, upper, weight: weight),
                best == nil || candidate.score > best!.score
            {
                best = (candidate.score, feature, candidate.threshold)
            }
        }
        return best.map { ($0.feature, $0.threshold) }
    }

    /// The best threshold of one feature: one scan of the node's rows in the feature's order, moving one row at a
    /// time from the right child to the left and updating the class counts and their sums of squares.
    func bestThreshold(_ feature: Int, _ lower: Int, _ upper: Int, weight: Int) -> (score: Double, threshold: Double)? {
        let size = upper - lower
        let minimum = settings.minSamplesLeaf
        let entropy = settings.criterion == .entropy
        let rows = order + feature * count
        let column = columns + feature * rowCount
        var leftSquares = 0
        var rightSquares = 0
        for k in 0..<classCount {
            leftCounts[k] = 0
            rightSquares += totals[k] * totals[k]
        }
        var leftWeight = 0
        var best: (score: Double, threshold: Double)?
        var value = column[Int(rows[lower])]
        for i in lower..<(upper - 1) {
            let row = Int(rows[i])
            let k = Int(labels[row])
            let w = weights[row]
            let right = totals[k] - leftCounts[k]
            // (c + w)² − c² on the left, (r − w)² − r² on the right.
            leftSquares += (2 * leftCounts[k] + w) * w
            rightSquares -= (2 * right - w) * w
            leftCounts[k] += w
            leftWeight += w
            let next = column[Int(rows[i + 1])]
            defer { value = next }
            let leftSize = i + 1 - lower
            guard value < next, leftSize >= minimum, size - leftSize >= minimum else { continue }
            let rightWeight = weight - leftWeight
            var score: Double
            if entropy {
                score = -xLogX[leftWeight] - xLogX[rightWeight]
                for c in 0..<classCount { score += xLogX[leftCounts[c]] + xLogX[totals[c] - leftCounts[c]] }
            } else {
                score = Double(leftSquares) / Double(leftWeight) + Double(rightSquares) / Double(rightWeight)
            }
            if best == nil || score > best!.score {
                var threshold = value / 2 + next / 2
                if threshold >= next { threshold = value }
                best = (score, threshold)
            }
        }
        return best
    }

    /// Splits the node `lower..<upper` of every feature's list stably into `x[feature] <= threshold`, then the rest;
    /// returns where the right child begins.
    func partition(_ lower: Int, _ upper: Int, feature: Int, threshold: Double) -> Int {
        let rows = order + feature * count
        let column = columns + feature * rowCount
        var boundary = lower
        for i in lower..<upper {
            let row = Int(rows[i])
            let left = column[row] <= threshold
            goesLeft[row] = left
            if left { boundary += 1 }
        }
        // The split feature's own list is already in order: its left rows come first.
        for f in 0..<featureCount where f != feature {
            let rows = order + f * count
            var l = lower
            var r = 0
            for i in lower..<upper {
                let row = rows[i]
                if goesLeft[Int(row)] {
                    rows[l] = row
                    l += 1
                } else {
                    scratch[r] = row
                    r += 1
                }
            }
            (rows + l).update(from: scratch, count: r)
        }
        return boundary
    }
}
