import TunebenchNumerics

/// The acquisition functions of ``GaussianProcessOptimizer``, for minimization, on standardised outputs, written so
/// that larger is better.
///
/// With posterior mean `μ`, standard deviation `σ`, incumbent `y*` (the smallest standardised observation) and
/// `z = (y* − μ) / σ`:
/// - `ei`: expected improvement `σ (φ(z) + z Φ(z))` (Jones, Schonlau and Welch, "Efficient global optimization of
///   expensive black-box functions", J. Global Optim. 13, 1998);
/// - `logei`: its logarithm computed without underflow (Ament et al., "Unexpected improvements to expected
///   improvement for Bayesian optimization", NeurIPS 2023), which keeps gradients alive far from the incumbent;
/// - `ucb`: the lower confidence bound `μ − κ σ`, negated (Srinivas et al., "Gaussian process optimization in the
///   bandit setting", ICML 2010);
/// - `pi`: the probability of improvement `Φ(z)` (Kushner 1964), maximized through `log Φ(z)` (same maximizer).
public enum AcquisitionFunction: String, Sendable, Hashable, CaseIterable {
    case ei
    case logei
    case ucb
    case pi

    /// The value and its derivatives with respect to `μ` and `σ`.
    @inlinable
    func evaluate(mean: Double, sd: Double, best: Double, kappa: Double) -> GaussianAcquisition.ValueWithDerivatives {
        switch self {
        case .ei: return GaussianAcquisition.eiWithDerivatives(mean: mean, sd: sd, best: best)
        case .logei: return GaussianAcquisition.logEIWithDerivatives(mean: mean, sd: sd, best: best)
        case .pi: return GaussianAcquisition.logPIWithDerivatives(mean: mean, sd: sd, best: best)
        case .ucb:
            let lcb = GaussianAcquisition.lcbWithDerivatives(mean: mean, sd: sd, beta: kappa)
            return GaussianAcquisition.ValueWithDerivatives(value: -lcb.value, dMean: -lcb.dMean, dSD: -lcb.dSD)
        }
    }

    /// The value alone.
    @inlinable
    func value(mean: Double, sd: Double, best: Double, kappa: Double) -> Double {
        switch self {
        case .ei: return GaussianAcquisition.ei(mean: mean, sd: sd, best: best)
        case .logei: return GaussianAcquisition.logEI(mean: mean, sd: sd, best: best)
        case .pi: return GaussianAcquisition.logPI(mean: mean, sd: sd, best: best)
        case .ucb: return -GaussianAcquisition.lcb(mean: mean, sd: sd, beta: kappa)
        }
    }
}
