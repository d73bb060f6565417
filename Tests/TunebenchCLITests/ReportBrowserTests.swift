import Foundation
import Testing

/// The HTML report of the committed peers experiment, opened in headless Chromium (Debian's `chromium` package).
///
/// Skipped when Chromium is not installed, unless `TUNEBENCH_REQUIRE_CHROMIUM=1` (set by `.ci/run`, which installs
/// it). The screenshot is written to `$TUNEBENCH_SCREENSHOTS` (default: the system's temporary folder) as
/// `peers-report.png`, and its path is printed.
@Suite struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let required = ProcessInfo.processInfo.environment["TUNEBENCH_REQUIRE_CHROMIUM"] == "1"

    /// A copy of the files of `Results/peers` that the report reads, and the report written into it.
    func peersReport() throws -> URL {
        let source = CommandRunner.packageRoot.appendingPathComponent("Results/peers")
        let folder = CommandRunner.temporaryFolder().appendingPathComponent("peers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["experiment.json", "summary.json", "traces.csv", "timings.json", "curves"] {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let result = try CommandRunner.run(
            "tunebench", ["report", folder.path], in: CommandRunner.packageRoot)
        #expect(result.status == 0, "tunebench report failed: \(result.errors)")
        return folder
    }

    @Test(.enabled(if: chromium != nil || required))
    func thePeersReportOpensInHeadlessChromiumAndShowsItsPlots() throws {
        let chromium = try #require(Self.chromium, "TUNEBENCH_REQUIRE_CHROMIUM=1 but chromium is not installed")
        let folder = try peersReport()
        let page = folder.appendingPathComponent("report.html")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--enable-logging=stderr", "--v=0"]

        // The DOM Chromium builds: every problem's plot is an SVG element with its polylines or paths.
        let dom = try CommandRunner.run(chromium, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0)
        let svgCount = dom.output.components(separatedBy: "<svg").count - 1
        #expect(svgCount >= 5 + 2, "one plot per problem (5) and the summary plots; found \(svgCount)")
        #expect(dom.output.contains("Average rank"))
        #expect(dom.output.contains("Failed and missing runs"))
        // The page has no script, so no console message at all; a parse or resource error would be logged as one.
        let consoleErrors = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "console messages: \(consoleErrors)")

        let screenshots = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["TUNEBENCH_SCREENSHOTS"]
                ?? FileManager.default.temporaryDirectory.path)
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let png = screenshots.appendingPathComponent("peers-report.png")
        try? FileManager.default.removeItem(at: png)
        let shot = try CommandRunner.run(
            chromium, flags + ["--hide-scrollbars", "--window-size=1280,2400", "--screenshot=\(png.path)", page.absoluteString])
        #expect(shot.status == 0)
        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot at \(png.path)")
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(data.count > 50_000, "a screenshot of plots is not that small: \(data.count) bytes")
        print("Screenshot of the peers report: \(png.path)")
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }
}
