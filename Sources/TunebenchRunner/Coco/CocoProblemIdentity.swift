/// Which COCO problem a run's problem is: its suite, function, instance and dimension, read from the problem's
/// metadata entry `coco` (`"bbob f07 i3 d10"`, as the bbob problems record it).
public struct CocoProblemIdentity: Sendable, Hashable {
    public var suite: String
    public var function: Int
    public var instance: Int
    public var dimension: Int

    public init(suite: String, function: Int, instance: Int, dimension: Int) {
        self.suite = suite
        self.function = function
        self.instance = instance
        self.dimension = dimension
    }

    /// The identity in a run's problem metadata, or `nil` when it has no `coco` entry or the entry does not read as
    /// `SUITE fF iI dD`.
    public init?(metadata: [String: String]) {
        guard let text = metadata["coco"] else { return nil }
        let words = text.split(separator: " ")
        guard words.count == 4,
            words[1].first == "f", let function = Int(words[1].dropFirst()), function > 0,
            words[2].first == "i", let instance = Int(words[2].dropFirst()), instance > 0,
            words[3].first == "d", let dimension = Int(words[3].dropFirst()), dimension > 0
        else { return nil }
        self.init(suite: String(words[0]), function: function, instance: instance, dimension: dimension)
    }
}
