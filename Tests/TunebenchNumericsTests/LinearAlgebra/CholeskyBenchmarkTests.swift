import Testing
import TunebenchNumerics

struct CholeskyBenchmarkTests {
    @Test func benchmarkMatrixIsAFixedKernelMatrix() {
        let a = CholeskyBenchmark.matrix(n: 5)
        #expect(a == CholeskyBenchmark.matrix(n: 5))
        #expect(a == a.transposed)
        #expect(a.diagonal.allSatisfy { abs($0 - 1.001) <= 1e-15 })
        #expect(a.storage.allSatisfy { $0 > 0 && $0 <= 1.001 })
    }

    @Test func secondsReturnsOneTimingPerRepetition() {
        let times = CholeskyBenchmark.seconds(n: 70, repetitions: 3)
        #expect(times.count == 3 && times.allSatisfy { $0 > 0 && $0.isFinite })
    }
}
