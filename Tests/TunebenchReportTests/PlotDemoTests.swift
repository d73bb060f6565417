import Foundation
import Testing
import TunebenchReport

/// Writes demonstration plots for a look in a browser, when `TUNEBENCH_PLOT_DEMO` names a folder:
/// `TUNEBENCH_PLOT_DEMO=DIR swift test --filter PlotDemoTests`, DIR any writable folder.
@Suite struct PlotDemoTests {
    static let folder = ProcessInfo.processInfo.environment["TUNEBENCH_PLOT_DEMO"]

    /// A best-so-far curve that falls as a·x^(−p), held level over blocks of `block` evaluations.
    static func curve(_ a: Double, _ p: Double, block: Int) -> [Double] {
        (1...100).map { a * pow(Double(($0 - 1) / block * block + 1), -p) }
    }

    /// A step series over evaluations 1…100 with a band from `y / spread.0` to `y · spread.1`.
    static func banded(_ name: String, _ y: [Double], spread: (Double, Double)) -> PlotSeries {
        let x = (1...100).map(Double.init)
        return PlotSeries(
            name: name,
            x: x,
            y: y,
            lower: y.map { $0 / spread.0 },
            upper: y.map { $0 * spread.1 },
            step: true
        )
    }

    @Test(.enabled(if: folder != nil)) func writeDemonstrationPlots() throws {
        let folder = URL(fileURLWithPath: try #require(Self.folder))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let x = (1...100).map(Double.init)
        let random = Self.curve(30, 0.6, block: 7)
        var hyperband = Self.curve(8, 1.4, block: 9).enumerated().map { $0.offset < 3 ? .infinity : $0.element }
        hyperband[90...] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let gp = Self.curve(20, 2.2, block: 4)
        let regret = LinePlot(
            title: "Regret on Hartmann-6 (median, quartile band over 20 runs)",
            xLabel: "evaluations",
            yLabel: "regret",
            yScale: .log,
            series: [
                Self.banded("random", random, spread: (3, 2)), Self.banded("hyperband", hyperband, spread: (4, 3)),
                Self.banded("gp-ei & <friends>", gp, spread: (10, 5)),
            ]
        )

        let ecdf = LinePlot(
            title: "Runs reaching regret ≤ 1e-3",
            xLabel: "evaluations",
            yLabel: "fraction of runs",
            yRange: 0...1,
            series: [("random", 60.0), ("hyperband", 30.0), ("gp-ei", 12.0)].map { name, scale in
                PlotSeries(name: name, x: x, y: x.map { ((1 - exp(-$0 / scale)) * 20).rounded(.down) / 20 }, step: true)
            }
        )

        let many = LinePlot(
            title: "Average rank",
            xLabel: "evaluations",
            yLabel: "rank",
            yRange: 1...24,
            series: (0..<24).map { k in
                PlotSeries(name: "optimizer-\(k + 1)", x: x, y: x.map { 12.5 + (Double(k) - 11.5) * (0.3 + $0 / 150) })
            }
        )
        for (name, plot) in [("regret", regret), ("ecdf", ecdf), ("many", many)] {
            try plot.svg().write(to: folder.appendingPathComponent(name + ".svg"), atomically: true, encoding: .utf8)
        }
    }
}
