import Foundation

/// One instance of one bbob function in one dimension, and COCO's generator of its random parts: the seed, the
/// optimal value `f_opt`, the optimum's location `x_opt` and the rotations.
///
/// COCO numbers the instances of each function from 1; the same (function, dimension, instance) is the same
/// function in every COCO release since 2009 and in every language. Everything here follows N. Hansen, S. Finck,
/// R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009: noiseless functions
/// definitions", INRIA RR-6829, 2009, and coco-experiment 2.8.2 `src/suite_bbob.c` (seeds) and
/// `src/suite_bbob_legacy_code.c` (`bbob2009_compute_xopt`, `bbob2009_compute_fopt`, `bbob2009_compute_rotation`),
/// with the same arithmetic, so that the numbers are bit-identical. The functions that place their optimum
/// differently (f4, f5, f8, f9, f12, f19–f22, f24) say so where they are defined.
struct BBOBInstance: Sendable, Hashable {
    /// The function number, 1 ... 24.
    let function: Int
    /// The number of variables.
    let dimension: Int
    /// COCO's instance number, 1 or more.
    let number: Int

    /// The seed of the instance's random parts (`rseed` in `coco_get_bbob_problem`): `f + 10000 · instance`, with
    /// f4 taking f3's and f18 taking f17's, so that those pairs share their rotations and optimum.
    var seed: Int {
        Self.seedFunction(function) + 10_000 * number
    }

    /// The function whose seed `function` uses: 3 for f4, 17 for f18, itself otherwise.
    private static func seedFunction(_ function: Int) -> Int {
        switch function {
        case 4: return 3
        case 18: return 17
        default: return function
        }
    }

    /// The optimal value `f_opt` (`bbob2009_compute_fopt`): the quotient of two Gaussian numbers (seeds `s` and
    /// `s + 1`, `s` = ``seed``) times 100, rounded to two decimals and clipped to [−1000, 1000].
    var fopt: Double {
        let first = BBOBLegacyRandom.gaussian(count: 1, seed: seed)[0]
        let second = BBOBLegacyRandom.gaussian(count: 1, seed: seed + 1)[0]
        let rounded = BBOBTransformations.round(100.0 * 100.0 * first / second) / 100.0
        return min(1000.0, max(-1000.0, rounded))
    }

    /// The standard location of the optimum (`bbob2009_compute_xopt`): `d` uniform numbers `u_i` from `seed`, each
    /// mapped to `8 ⌊10⁴ u_i⌋ / 10⁴ − 4`, a multiple of 0.0008 in [−4, 4), with 0 replaced by −10⁻⁵.
    ///
    /// - Parameter seed: ``seed`` for every function but f12, which uses ``seed`` + 1,000,000.
    func standardOptimum(seed: Int) -> [Double] {
        BBOBLegacyRandom.uniform(count: dimension, seed: seed).map { u in
            let x = 8 * (1e4 * u).rounded(.down) / 1e4 - 4
            return x == 0 ? -1e-5 : x
        }
    }

    /// ``standardOptimum(seed:)`` for the instance's own ``seed``.
    var xopt: [Double] {
        standardOptimum(seed: seed)
    }

    /// The random rotation of `seed` (``BBOBMatrix/rotation(seed:dimension:)``). COCO's functions use two:
    /// `R` from ``seed`` + 1,000,000 and `Q` from ``seed`` (RR-6829's names; which one a function applies where is
    /// given with the function).
    func rotation(seed: Int) -> BBOBMatrix {
        BBOBMatrix.rotation(seed: seed, dimension: dimension)
    }

    /// `R`, the rotation of seed ``seed`` + 1,000,000.
    var rotationR: BBOBMatrix {
        rotation(seed: seed + 1_000_000)
    }

    /// `Q`, the rotation of seed ``seed``.
    var rotationQ: BBOBMatrix {
        rotation(seed: seed)
    }

    /// `R · Λ · Q` with `Λ = diag(base^(i/(d−1)))`, as COCO forms it for f6, f13, f15, f16 and f23
    /// (`base` = √α for a condition `α`).
    func rotatedScaling(base: Double) -> BBOBMatrix {
        BBOBMatrix.product(rotationR, scaling: BBOBTransformations.powers(of: base, dimension: dimension), rotationQ)
    }
}
