/// Per-feature centring and scaling fitted on one dataset and applied to others: `x'ⱼ = (xⱼ − μⱼ) / σⱼ`, with
/// `μⱼ` the mean and `σⱼ` the population standard deviation (divisor n) of feature `j` on the fitting set, and
/// `σⱼ = 1` for a constant feature, as scikit-learn's `StandardScaler` does.
///
/// Fit it on a training set only, so that nothing of the validation or test rows leaks into training.
public struct Standardization: Sendable, Hashable {
    /// `μⱼ`, one per feature.
    public var mean: [Double]
    /// `σⱼ`, one per feature, positive.
    public var scale: [Double]

    /// The mean and standard deviation of each feature of `data`, summed in row order.
    /// - Precondition: `data` has at least one row.
    public init(fitting data: Dataset) {
        precondition(data.rowCount > 0, "Standardization: no rows to fit")
        let d = data.featureCount
        let n = Double(data.rowCount)
        var mean = [Double](repeating: 0, count: d)
        for row in 0..<data.rowCount {
            for j in 0..<d { mean[j] += data.features[row * d + j] }
        }
        for j in 0..<d { mean[j] /= n }
        var variance = [Double](repeating: 0, count: d)
        for row in 0..<data.rowCount {
            for j in 0..<d {
                let deviation = data.features[row * d + j] - mean[j]
                variance[j] += deviation * deviation
            }
        }
        self.mean = mean
        self.scale = variance.map { sum in
            let sigma = (sum / n).squareRoot()
            return sigma > 0 && sigma.isFinite ? sigma : 1
        }
    }

    /// `data` with every feature centred and scaled; targets unchanged.
    public func apply(to data: Dataset) -> Dataset {
        let d = data.featureCount
        precondition(d == mean.count, "Standardization: fitted on \(mean.count) features, applied to \(d)")
        var result = data
        for row in 0..<data.rowCount {
            for j in 0..<d { result.features[row * d + j] = (data.features[row * d + j] - mean[j]) / scale[j] }
        }
        return result
    }
}

extension DataSplit {
    /// The split with all three parts standardized by the training part's ``Standardization``.
    public func standardized() -> DataSplit {
        let standardization = Standardization(fitting: train)
        return DataSplit(
            train: standardization.apply(to: train),
            validation: standardization.apply(to: validation),
            test: standardization.apply(to: test)
        )
    }
}
