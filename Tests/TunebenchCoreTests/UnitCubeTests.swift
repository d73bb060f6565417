import Testing
import TunebenchCore

struct UnitCubeTests {
    let mixed = try! SearchSpace([
        .real("x", lower: -5, upper: 10),
        .real("rate", lower: 1e-5, upper: 1, scale: .log),
        .integer("n", lower: -2, upper: 3),
        .integer("width", lower: 1, upper: 1000, scale: .log),
        .categorical("color", choices: ["red", "green", "blue"]),
    ])

    let conditional = try! SearchSpace([
        .categorical("model", choices: ["linear", "forest", "net"]),
        .real("alpha", lower: 1e-6, upper: 1, scale: .log, when: .init(parent: "model", values: ["linear"])),
        .categorical("activation", choices: ["relu", "tanh"], when: .init(parent: "model", values: ["net"])),
        .real("slope", lower: 0, upper: 1, when: .init(parent: "activation", values: ["relu"])),
    ])

    @Test func realsMapLinearlyAndLogarithmically() {
        let c = mixed.decode([0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(abs(c.real(0) - 2.5) < 1e-12)
        #expect(abs(c.real(1) - 10.0.squareRoot() * 1e-3) < 1e-12)  // geometric mean of 1e-5 and 1
        #expect(mixed.decode([0, 0, 0, 0, 0]).real(0) == -5)
        #expect(mixed.decode([1, 1, 1, 1, 1]).real(0) == 10)
        #expect(mixed.decode([1, 1, 1, 1, 1]).real(1) == 1)
    }

    @Test func everyIntegerOwnsAnEqualCell() {
        // n in [-2, 3]: six integers, each owning a cell of width 1/6.
        var counts: [Int: Int] = [:]
        let steps = 6000
        for i in 0..<steps {
            let u = (Double(i) + 0.5) / Double(steps)
            counts[mixed.decode([0, 0, u, 0, 0]).integer(2), default: 0] += 1
        }
        #expect(counts.keys.sorted() == Array(-2...3))
        #expect(counts.values.allSatisfy { $0 == 1000 })
    }

    @Test func logIntegersCoverTheirBoundsAndFavourSmallValues() {
        #expect(mixed.decode([0, 0, 0, 0, 0]).integer(3) == 1)
        #expect(mixed.decode([0, 0, 0, 1, 0]).integer(3) == 1000)
        // Half of the unit interval lies below the geometric middle of [0.5, 1000.5], about 22.4.
        #expect(mixed.decode([0, 0, 0, 0.5, 0]).integer(3) == 22)
    }

    @Test func categoricalChoicesOwnEqualCells() {
        #expect(mixed.decode([0, 0, 0, 0, 0.0]).choice(4) == 0)
        #expect(mixed.decode([0, 0, 0, 0, 0.34]).choice(4) == 1)
        #expect(mixed.decode([0, 0, 0, 0, 0.999]).choice(4) == 2)
        #expect(mixed.decode([0, 0, 0, 0, 1.0]).choice(4) == 2)
        #expect(mixed.encode(mixed.decode([0, 0, 0, 0, 0.9]))[4] == 2.5 / 3)
    }

    @Test func decodeEncodeDecodeIsTheIdentity() {
        var generator = Xoshiro256StarStar(seed: 1)
        for space in [mixed, conditional] {
            for _ in 0..<2000 {
                let point = (0..<space.dimension).map { _ in Double(generator.next() >> 11) * 0x1p-53 }
                let configuration = space.decode(point)
                let again = space.decode(space.encode(configuration))
                #expect(throws: Never.self) { try space.validate(configuration) }
                for (a, b) in zip(configuration.values, again.values) {
                    switch (a, b) {
                    case (.real(let x)?, .real(let y)?): #expect(abs(x - y) <= 1e-12 * max(1, abs(x)))
                    default: #expect(a == b)
                    }
                }
            }
        }
    }

    @Test func encodeDecodeRoundTripsIntegersAndChoicesExactly() {
        for n in -2...3 {
            for width in [1, 2, 3, 10, 999, 1000] {
                for color in 0..<3 {
                    let c = Configuration([.real(1.5), .real(0.01), .integer(n), .integer(width), .categorical(color)])
                    let back = mixed.decode(mixed.encode(c))
                    #expect(back.integer(2) == n && back.integer(3) == width && back.choice(4) == color)
                }
            }
        }
    }

    @Test func inactiveParametersDecodeToNilAndEncodeToTheCentre() {
        let linear = conditional.decode([0.1, 0.5, 0.9, 0.9])
        #expect(linear.choice(0) == 0)
        #expect(linear[1] != nil && linear[2] == nil && linear[3] == nil)
        let net = conditional.decode([0.9, 0.5, 0.1, 0.25])
        #expect(net[1] == nil)
        #expect(net.choice(2) == 0)  // relu, so slope is active
        #expect(net.real(3) == 0.25)
        let tanh = conditional.decode([0.9, 0.5, 0.9, 0.25])
        #expect(tanh[3] == nil)  // nested condition: slope needs relu
        #expect(conditional.encode(linear)[2] == 0.5 && conditional.encode(linear)[3] == 0.5)
    }

    @Test func outOfRangeAndNaNCoordinatesAreClamped() {
        let c = mixed.decode([-3, 7, .nan, 2, -1])
        #expect(throws: Never.self) { try mixed.validate(c) }
        #expect(c.real(0) == -5 && c.real(1) == 1)
    }
}
