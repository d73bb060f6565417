extension Dataset {
    /// The dataset as comma-separated values: a header `x0,x1,...,x{d−1},y`, then one line per row, each ending in a
    /// newline.
    ///
    /// Numbers are written in Swift's shortest round-trip form (`"\(x)"`), so that reading them back, for example
    /// with NumPy or pandas, gives the same doubles bit for bit. Class targets are written as their index (`2.0`).
    public func csv() -> String {
        var text = (0..<featureCount).map { "x\($0)," }.joined() + "y\n"
        for row in 0..<rowCount {
            for column in 0..<featureCount {
                text += "\(self[row, column]),"
            }
            text += "\(targets[row])\n"
        }
        return text
    }
}
