/// One node of a binary decision tree on numeric features, as ``RegressionTree`` and ``ClassificationTree`` store
/// them: an internal node sends a point left when `x[feature] <= threshold`, a leaf has `feature < 0`. A tree is a
/// flat array of nodes, the root first, the children of an internal node at `left` and `left + 1`.
@usableFromInline
struct TreeNode: Sendable, Hashable {
    /// The feature tested, or −1 at a leaf.
    @usableFromInline var feature: Int32
    /// The left child; the right child follows it.
    @usableFromInline var left: Int32
    @usableFromInline var threshold: Double

    @usableFromInline
    init(feature: Int32, left: Int32, threshold: Double) {
        self.feature = feature
        self.left = left
        self.threshold = threshold
    }

    /// A leaf, or a node whose test is not decided yet.
    static let leaf = TreeNode(feature: -1, left: -1, threshold: 0)
}

extension Array where Element == TreeNode {
    /// The index of the leaf that `point` (one value per feature) reaches from the root.
    @inlinable
    func leafIndex(for point: UnsafePointer<Double>) -> Int {
        withUnsafeBufferPointer { nodes in
            var index = 0
            var node = nodes[0]
            while node.feature >= 0 {
                index = Int(node.left) + (point[Int(node.feature)] <= node.threshold ? 0 : 1)
                node = nodes[index]
            }
            return index
        }
    }
}
