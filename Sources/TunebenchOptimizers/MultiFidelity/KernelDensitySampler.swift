import TunebenchCore
import TunebenchNumerics

/// BOHB's model (S. Falkner, A. Klein and F. Hutter, "BOHB: robust and efficient hyperparameter optimization at
/// scale", ICML 2018, Algorithm 2), with the rules and defaults of its reference implementation, hpbandster 0.7.4
/// (`hpbandster/optimizers/config_generators/bohb.py`): two product-kernel density estimates
/// (``ProductKernelDensity``, statsmodels' `KDEMultivariate` with `bw='normal_reference'`), `l` fitted to the good
/// and `g` to the bad observations of one fidelity level, and a new configuration chosen among draws around good ones
/// by the ratio `g(x)/l(x)`. ``HyperbandOptimizer`` decides when to use it and picks the level.
///
/// **Coordinates.** As hpbandster's ConfigSpace vectors: a real or integer parameter is its unit-interval position
/// (``Parameter/Domain/position(of:)``, log scales included) and a continuous variable (`c`; hpbandster passes `c` for
/// integers too, and no ordered `o`); a categorical one is its choice index and an unordered variable (`u`). An
/// inactive parameter (a conditional space) is imputed as hpbandster's `impute_conditional_data` does, within the
/// good or the bad set: from a uniformly chosen row of that set where it is active (copying that row's values into
/// every coordinate still missing), or, when no row has it, a uniform value (a position in `[0, 1)`, or a choice);
/// the missing coordinates are taken in ConfigSpace's vector order (``imputationOrder``).
///
/// **Split.** With `n` observations of the level sorted by loss (failed evaluations count as `+∞`, as hpbandster's
/// `new_result` makes crashed and non-finite losses; ties in arrival order, where NumPy's default sort leaves their
/// order unspecified), the good set is the first `n_good = max(N_min, ⌊q n / 100⌋)` and the bad set the next
/// `min(n_bad, n − n_good)`, `n_bad = max(N_min, ⌊(100 − q) n / 100⌋)` (so at some `n` the worst observation is in
/// neither). `q` is `top_n_percent` (15) and `N_min` is `min_points_in_model`, `d + 1` by default and never less.
/// A level **has a model** when `n ≥ N_min` and both sets have more rows than the `d` parameters (hpbandster's
/// conditions for fitting; with the defaults, `n − n_good ≥ d + 1`).
///
/// **Bandwidths.** The normal-reference rule on each set, every bandwidth raised to at least `min_bandwidth` (10⁻³).
///
/// **Candidates.** `num_samples` (64) times: a uniformly chosen good row `m`; each continuous coordinate drawn from
/// the normal `N(m_j, (b · h_j)²)` truncated to `[0, 1]` (`b` the bandwidth factor, 3; ``TruncatedNormal``), each
/// unordered one kept with probability `1 − h_j` and otherwise a uniform choice among all the parameter's choices.
/// The candidate minimizing `max(10⁻³², g(x)) / max(l(x), 10⁻³²)` wins (Python's `max`: a NaN `g` counts as 10⁻³²,
/// a NaN `l` makes the ratio NaN); the first minimum wins ties. As in hpbandster, a non-finite ratio (a one-level
/// categorical column of a set gives infinite densities away from its value) stops the search at that candidate
/// when `l(x)` is finite, and is otherwise skipped. When no candidate wins, the caller draws at random.
struct KernelDensitySampler: Sendable {
    /// hpbandster's `BOHB` options, with its defaults.
    struct Settings: Sendable, Hashable {
        /// `min_points_in_model`; 0, or any value below `d + 1`, means `d + 1`.
        var minimumPoints = 0
        /// `top_n_percent` `q`: the share of observations in the good set, in percent.
        var topPercent = 15
        /// `num_samples`: candidates scored per new configuration.
        var candidates = 64
        /// `bandwidth_factor` `b`: how much wider than `l`'s the candidates' continuous kernels are.
        var bandwidthFactor = 3.0
        /// `min_bandwidth`: the floor of every bandwidth.
        var minimumBandwidth = 1e-3
    }

    /// One evaluation at a level: the configuration's values and its loss (`+∞` for a failed evaluation).
    struct Observation: Sendable, Hashable {
        var values: [ParameterValue?]
        var loss: Double
    }

    /// The two estimates of a level: `l` of the good observations and `g` of the bad ones.
    struct Model: Sendable {
        var good: ProductKernelDensity
        var bad: ProductKernelDensity
    }

    let space: SearchSpace
    let settings: Settings
    /// `N_min`.
    let minimumPoints: Int
    let variables: [ProductKernelDensity.Variable]
    /// The parameters' indices in the order of ConfigSpace 1.x's vectors, which hpbandster's imputation follows:
    /// by the depth of the condition (1 for an unconditional parameter, one more than the parent's otherwise), then
    /// by name (Python's order of strings: by code points).
    let imputationOrder: [Int]

    init(space: SearchSpace, settings: Settings) {
        self.space = space
        self.settings = settings
        minimumPoints = max(settings.minimumPoints, space.dimension + 1)
        variables = space.parameters.map {
            if case .categorical = $0.domain { .unordered } else { .continuous }
        }
        // Parents come before their children, so one pass gives every depth.
        var depths: [Int] = []
        for parameter in space.parameters {
            depths.append(parameter.condition.flatMap { space.index(of: $0.parent) }.map { depths[$0] + 1 } ?? 1)
        }
        let names = space.parameters.map(\.name.unicodeScalars)
        imputationOrder = space.parameters.indices.sorted { i, j in
            depths[i] != depths[j] ? depths[i] < depths[j] : names[i].lexicographicallyPrecedes(names[j])
        }
    }

    /// `n_good` and `n_bad` for `n` observations.
    func splitSizes(count n: Int) -> (good: Int, bad: Int) {
        (max(minimumPoints, settings.topPercent * n / 100), max(minimumPoints, (100 - settings.topPercent) * n / 100))
    }

    /// Whether `n` observations of a level are enough for a model: `n ≥ N_min` and both sets hold more than `d` rows.
    func hasModel(count n: Int) -> Bool {
        guard n >= minimumPoints else { return false }
        let (good, bad) = splitSizes(count: n)
        return min(good, n) > space.dimension && min(bad, n - min(good, n)) > space.dimension
    }

    /// The indices of the good and the bad observations (sorted by loss, ties in arrival order).
    func split(_ observations: [Observation]) -> (good: [Int], bad: [Int]) {
        let ranked = observations.indices.sorted {
            observations[$0].loss != observations[$1].loss ? observations[$0].loss < observations[$1].loss : $0 < $1
        }
        let (goodCount, badCount) = splitSizes(count: ranked.count)
        let good = Array(ranked.prefix(goodCount))
        return (good, Array(ranked.dropFirst(good.count).prefix(badCount)))
    }

    /// The model of `observations`, or `nil` when they are too few (``hasModel(count:)``).
    func model(_ observations: [Observation], using generator: inout Xoshiro256StarStar) -> Model? {
        guard hasModel(count: observations.count) else { return nil }
        let (good, bad) = split(observations)
        func fit(_ indices: [Int]) -> ProductKernelDensity {
            let rows = impute(indices.map { vector(observations[$0].values) }, using: &generator)
            return ProductKernelDensity(
                normalReference: rows, variables: variables, minimumBandwidth: settings.minimumBandwidth)
        }
        return Model(good: fit(good), bad: fit(bad))
    }

    /// A configuration from the model of `observations`; `nil` when there is no model or no candidate wins.
    func suggestion(from observations: [Observation], using generator: inout Xoshiro256StarStar) -> Configuration? {
        guard let model = model(observations, using: &generator) else { return nil }
        return suggestion(from: model, using: &generator)
    }

    /// A configuration from `model`, by the candidate rule above; `nil` when no candidate wins.
    func suggestion(from model: Model, using generator: inout Xoshiro256StarStar) -> Configuration? {
        var best = Double.infinity
        var winner: [Double]?
        for _ in 0..<settings.candidates {
            let datum = model.good.row(generator.nextIndex(below: model.good.count))
            let candidate = draw(around: datum, bandwidths: model.good.bandwidths, using: &generator)
            let (l, g) = (model.good.density(at: candidate), model.bad.density(at: candidate))
            // Python's max(1e-32, g) / max(l, 1e-32): the first argument unless the second is larger.
            let ratio = (g > 1e-32 ? g : 1e-32) / (1e-32 > l ? 1e-32 : l)
            if !ratio.isFinite && l.isFinite {
                winner = candidate
                break
            }
            if ratio < best {
                best = ratio
                winner = candidate
            }
        }
        return winner.map(configuration)
    }

    /// A candidate around the good row `datum`, whose estimate has `bandwidths`: per coordinate in order, a continuous
    /// one is the truncated normal's quantile at one `nextUnit()`; an unordered one takes one `nextUnit()` and, when
    /// that is not below `1 − h`, one `nextIndex(below:)` for the choice.
    func draw(
        around datum: ArraySlice<Double>, bandwidths: [Double], using generator: inout some RandomNumberGenerator
    ) -> [Double] {
        var candidate = [Double](repeating: 0, count: space.dimension)
        for (j, m) in zip(0..<space.dimension, datum) {
            let h = max(bandwidths[j], settings.minimumBandwidth)
            switch space.parameters[j].domain {
            case .categorical(let choices):
                candidate[j] = generator.nextUnit() < 1 - h ? m : Double(generator.nextIndex(below: choices.count))
            default:
                candidate[j] = TruncatedNormal(mean: m, deviation: settings.bandwidthFactor * h, lower: 0, upper: 1)
                    .quantile(generator.nextUnit())
            }
        }
        return candidate
    }

    /// The model's coordinates of a configuration: positions and choice indices, `NaN` where inactive.
    func vector(_ values: [ParameterValue?]) -> [Double] {
        zip(space.parameters, values).map { parameter, value in
            switch value {
            case nil: .nan
            case .categorical(let index)?: Double(index)
            case let value?: parameter.domain.position(of: value)
            }
        }
    }

    /// The configuration of a candidate: a choice index becomes the centre of its cell of the unit cube, and
    /// ``SearchSpace/decode(_:)`` rounds integers and drops inactive parameters (as ConfigSpace does with the
    /// winning vector).
    func configuration(_ candidate: [Double]) -> Configuration {
        space.decode(
            zip(space.parameters, candidate).map { parameter, x in
                if case .categorical(let choices) = parameter.domain {
                    return (x.rounded() + 0.5) / Double(choices.count)
                }
                return x
            })
    }

    /// hpbandster's `impute_conditional_data`: while a row misses coordinates, the first of them in ConfigSpace's
    /// order (``imputationOrder``) is copied from a uniformly chosen row of `rows` that has it, together with every
    /// other coordinate still missing (the donor may lack some of them: they stay missing for the next round), or,
    /// when no row has it, drawn alone: `nextUnit()` for a position, `nextIndex(below:)` for a choice. The donors
    /// are the rows as given, never imputed ones. Unlike hpbandster's loop (`while np.any(nan_indices)`, false when
    /// the vector's coordinate 0 alone is missing), every coordinate is imputed; that coordinate is an unconditional
    /// parameter (depth 1), never missing, so the two agree.
    func impute(_ rows: [[Double]], using generator: inout Xoshiro256StarStar) -> [[Double]] {
        rows.map { original in
            var datum = original
            while let j = imputationOrder.first(where: { datum[$0].isNaN }) {
                let donors = rows.indices.filter { !rows[$0][j].isNaN }
                if donors.isEmpty {
                    if case .categorical(let choices) = space.parameters[j].domain {
                        datum[j] = Double(generator.nextIndex(below: choices.count))
                    } else {
                        datum[j] = generator.nextUnit()
                    }
                } else {
                    let donor = rows[donors[generator.nextIndex(below: donors.count)]]
                    for k in datum.indices where datum[k].isNaN { datum[k] = donor[k] }
                }
            }
            return datum
        }
    }
}
