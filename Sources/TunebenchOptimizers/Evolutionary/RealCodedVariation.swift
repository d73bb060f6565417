import Foundation
import TunebenchCore
import TunebenchNumerics

/// Simulated binary crossover and polynomial mutation on genes in the unit cube (K. Deb and R. B. Agrawal,
/// "Simulated binary crossover for continuous search space", Complex Systems 9, 1995; K. Deb and M. Goyal, "A
/// combined genetic adaptive search (GeneAS) for engineering design", 1996), in two forms:
/// - ``Form/clipped`` (``GeneticAlgorithm``): the unbounded operators, children clipped to the cube, a mutation's step
///   a share of the gene's distance to the bound it moves towards;
/// - ``Form/bounded`` (``NSGAOptimizer``): those of Deb's NSGA-II code (K. Deb, NSGA-II C code revision 1.1.6,
///   `realcross` and `real_mutate_ind`; pymoo's `SBX` and `PM`; K. Deb and D. Deb, "Analysing mutation schemes for
///   real-parameter genetic algorithms", IJAISC 4(1), 2014), whose spreads shrink near the bounds instead of being
///   clipped there and whose mutation step is a share of the whole range.
///
/// Categorical genes cross over by swapping and mutate by a uniform redraw.
struct RealCodedVariation: Sendable {
    enum Form: Sendable { case clipped, bounded }

    /// Which genes are categorical.
    let categorical: [Bool]
    /// η_c.
    let crossoverIndex: Double
    /// η_m.
    let mutationIndex: Double
    var form = Form.clipped

    /// Each gene crosses with probability ½ (categorical genes by swapping).
    /// - Clipped: the spread factor `β = (2u)^{1/(η_c+1)}` for `u ≤ ½`, else `(1/(2(1 − u)))^{1/(η_c+1)}`, and the
    ///   children `½((1 ± β) p₁ + (1 ∓ β) p₂)`, clipped to the cube.
    /// - Bounded, when the parents differ by more than 10⁻¹⁴: with y₁ ≤ y₂ the parents' genes and one uniform u, for
    ///   each side `β = 1 + 2 (distance to that bound)/(y₂ − y₁)`, `α = 2 − β^{−(η_c+1)}`, `β_q = (u α)^{1/(η_c+1)}`
    ///   for `u ≤ 1/α`, else `(1/(2 − u α))^{1/(η_c+1)}`; the children are `½((y₁ + y₂) ∓ β_q (y₂ − y₁))`, clipped,
    ///   and go to either child with probability ½.
    func crossover(_ a: inout [Double], _ b: inout [Double], using generator: inout Xoshiro256StarStar) {
        let eta = crossoverIndex
        for j in a.indices where generator.nextUnit() < 0.5 {
            if categorical[j] {
                swap(&a[j], &b[j])
                continue
            }
            switch form {
            case .clipped:
                let u = generator.nextUnit()
                let beta = u <= 0.5 ? pow(2 * u, 1 / (eta + 1)) : pow(1 / (2 * (1 - u)), 1 / (eta + 1))
                let (p1, p2) = (a[j], b[j])
                a[j] = min(max(0.5 * ((1 + beta) * p1 + (1 - beta) * p2), 0), 1)
                b[j] = min(max(0.5 * ((1 - beta) * p1 + (1 + beta) * p2), 0), 1)
            case .bounded:
                guard abs(a[j] - b[j]) > 1e-14 else { continue }
                let (y1, y2) = (min(a[j], b[j]), max(a[j], b[j]))
                let u = generator.nextUnit()
                func spread(_ beta: Double) -> Double {
                    let alpha = 2 - pow(beta, -(eta + 1))
                    return u <= 1 / alpha ? pow(u * alpha, 1 / (eta + 1)) : pow(1 / (2 - u * alpha), 1 / (eta + 1))
                }
                let lower = 0.5 * ((y1 + y2) - spread(1 + 2 * y1 / (y2 - y1)) * (y2 - y1))
                let upper = 0.5 * ((y1 + y2) + spread(1 + 2 * (1 - y2) / (y2 - y1)) * (y2 - y1))
                let (c1, c2) = (min(max(lower, 0), 1), min(max(upper, 0), 1))
                (a[j], b[j]) = generator.nextUnit() <= 0.5 ? (c2, c1) : (c1, c2)
            }
        }
    }

    /// Each gene mutates with probability `1/d` (categorical genes by a uniform redraw), with one uniform u.
    /// - Clipped: by `δ = (2u)^{1/(η_m+1)} − 1` of its distance to 0 for `u < ½`, else by
    ///   `1 − (2(1 − u))^{1/(η_m+1)}` of its distance to 1.
    /// - Bounded: by `δ_q = (2u + (1 − 2u)(1 − x)^{η_m+1})^{1/(η_m+1)} − 1` for `u < ½`, else
    ///   `1 − (2(1 − u) + 2(u − ½) x^{η_m+1})^{1/(η_m+1)}`, then clipped.
    func mutate(_ x: inout [Double], using generator: inout Xoshiro256StarStar) {
        let probability = 1 / Double(max(x.count, 1))
        let eta = mutationIndex
        for j in x.indices where generator.nextUnit() < probability {
            if categorical[j] {
                x[j] = generator.nextUnit()
                continue
            }
            let u = generator.nextUnit()
            switch (form, u < 0.5) {
            case (.clipped, true): x[j] += (pow(2 * u, 1 / (eta + 1)) - 1) * x[j]
            case (.clipped, false): x[j] += (1 - pow(2 * (1 - u), 1 / (eta + 1))) * (1 - x[j])
            case (.bounded, true): x[j] += pow(2 * u + (1 - 2 * u) * pow(1 - x[j], eta + 1), 1 / (eta + 1)) - 1
            case (.bounded, false): x[j] += 1 - pow(2 * (1 - u) + 2 * (u - 0.5) * pow(x[j], eta + 1), 1 / (eta + 1))
            }
            x[j] = min(max(x[j], 0), 1)
        }
    }
}
