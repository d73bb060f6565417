import TunebenchCore
import TunebenchNumerics

extension SobolSequence {
    /// The next point of the design that decodes to a configuration of `space` not in `observed`, or `nil` after 4,096
    /// seen ones in a row (an exhausted space): the design points of ``GaussianProcessOptimizer`` and
    /// ``ParEGOOptimizer``.
    mutating func nextUnseen(in space: SearchSpace, observed: Set<Configuration>) -> Configuration? {
        var point = [Double](repeating: 0, count: space.dimension)
        for _ in 0..<4096 {
            next(into: &point)
            let configuration = space.decode(point)
            if !observed.contains(configuration) { return configuration }
        }
        return nil
    }
}
