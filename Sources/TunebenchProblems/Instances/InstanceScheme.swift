/// How the seeded instances of a ``SyntheticFunction`` move it inside its box.
///
/// An instance is the function composed with a seeded map of the box's points `x` to the function's own
/// coordinates `z`; its minimum value is the function's, attained where the map sends `x` to a known minimizer,
/// so regret stays exact. The scheme follows COCO's instances (N. Hansen, S. Finck, R. Ros and A. Auger,
/// "Real-parameter black-box optimization benchmarking 2009: noiseless functions definitions", INRIA research
/// report RR-6829, 2009, section 1: a seeded optimum `x_opt` uniform in `[-4, 4]^d` of the box `[-5, 5]^d`, and
/// seeded orthogonal rotations), without COCO's offset of the value, so that every instance keeps the published
/// minimum.
public enum InstanceScheme: Sendable, Equatable {
    /// `z = Q (x - m) + c`: the minimizer `c` moves to `m`, uniform in the middle 80% of each side of the box (as
    /// COCO's `[-4, 4]` in `[-5, 5]`), and `Q` is a uniformly random rotation when `rotated`, the identity
    /// otherwise.
    ///
    /// For functions defined on all of `R^d` whose minimum over `R^d` is the minimum over the box, so that points
    /// the map sends outside the published box cannot go lower. Rotation is for functions that are not separable
    /// in the first place: rotating a separable function (Rastrigin) would change its character.
    case shift(rotated: Bool)

    /// A seeded symmetry of the cube: each coordinate reflected about the centre of its side or not, and the
    /// coordinates permuted, `z_{π(i)} = x_i` or `l + u - x_i`.
    ///
    /// For functions defined only on their box (Hartmann, Shekel, Michalewicz), whose values outside it may be
    /// lower: the map sends the box onto itself, so the instance is the published function seen in another
    /// orientation, and its minimizer is one of up to `2^d d!` images of the published one.
    case symmetry
}
