import Foundation
import Testing
import TunebenchCore
import TunebenchProblems

/// Simulated durations (``TimedProblem``, the `duration` options): lognormal with mean one second, a function of the
/// instance and the configuration, the values untouched.
struct TimedProblemTests {
    static func make(_ name: String, _ options: [String: OptionValue], seed: UInt64 = 3) throws -> any Problem {
        try FailureTests.registry.makeProblem(EntrySpec(name, options: options), seed: seed)
    }

    static func uniform(_ space: SearchSpace, _ generator: inout Xoshiro256StarStar) -> Configuration {
        space.decode((0..<space.dimension).map { _ in generator.nextUnit() })
    }

    /// Over 20,000 uniform configurations, the mean duration is 1 s (standard error about 0.0038 for σ = 0.5, 0.009
    /// for σ = 1) and the log-durations have standard deviation σ; the values are the base problem's.
    @Test(arguments: ["branin", "hartmann6", "bbob-f15"], [0.5, 1.0])
    func durationsAreLognormalWithMeanOneSecond(name: String, spread: Double) throws {
        var timed = try Self.make(name, ["duration": .string("lognormal"), "duration-spread": .real(spread)])
        var plain = try Self.make(name, [:])
        var generator = Xoshiro256StarStar(seed: 17)
        var durations: [Double] = []
        for _ in 0..<20_000 {
            let x = Self.uniform(timed.space, &generator)
            let a = try timed.evaluate(x)
            let b = try plain.evaluate(x)
            #expect(a.value == b.value && b.duration == nil)
            durations.append(try #require(a.duration))
        }
        let mean = durations.reduce(0, +) / Double(durations.count)
        #expect(abs(mean - 1) < 5 * spread * 0.0075, "mean \(mean)")
        let logs = durations.map { log($0) }
        let logMean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.map { ($0 - logMean) * ($0 - logMean) }.reduce(0, +) / Double(logs.count - 1)).squareRoot()
        #expect(abs(sd - spread) < 0.03 * spread, "sd \(sd)")
        #expect(abs(logMean + spread * spread / 2) < 0.03, "log mean \(logMean)")
    }

    /// The same configuration takes the same time, whenever it is evaluated; another instance draws other times; and
    /// the options stay out of the seeds, so repetition k keeps its instance.
    @Test func durationsDependOnTheInstanceAndTheConfigurationOnly() throws {
        var first = try Self.make("hartmann3", ["duration": .string("lognormal")])
        var again = try Self.make("hartmann3", ["duration": .string("lognormal")])
        var other = try Self.make("hartmann3", ["duration": .string("lognormal")], seed: 4)
        var generator = Xoshiro256StarStar(seed: 5)
        let points = (0..<50).map { _ in Self.uniform(first.space, &generator) }
        let forward = try points.map { try first.evaluate($0).duration! }
        let backward = try points.reversed().map { try again.evaluate($0).duration! }
        #expect(forward == Array(backward.reversed()))
        #expect(try forward == points.map { try first.evaluate($0).duration! })
        #expect(try forward != points.map { try other.evaluate($0).duration! })
        let spec = EntrySpec("hartmann3", options: ["duration": .string("lognormal"), "duration-spread": .real(0.5)])
        #expect(spec.seedLabel == "hartmann3")
    }

    @Test func aSpreadNeedsLognormalDurations() {
        #expect(throws: ProblemsError.self) { try Self.make("branin", ["duration-spread": .real(0.5)]) }
    }
}
