import Foundation
import Testing

/// The HTML report of the committed peers experiment (24 optimizers), opened in headless Chromium (Debian's
/// `chromium` package) in a window 1280 px wide.
///
/// Skipped when Chromium is not installed, unless `TUNEBENCH_REQUIRE_CHROMIUM=1` (set by `.ci/run`, which installs
/// it). The screenshots are written to `$TUNEBENCH_SCREENSHOTS` (default: the system's temporary folder) as
/// `peers-report.png` and `peers-plot-enlarged.png`, and their paths are printed. The layout checks run a script in a
/// copy of the page (the report itself has none) that writes what it measures into the page, which
/// `chromium --dump-dom` then prints.
@Suite struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let required = ProcessInfo.processInfo.environment["TUNEBENCH_REQUIRE_CHROMIUM"] == "1"

    /// A copy of the files of `Results/peers` that the report reads, and the report written into it.
    func peersReport() throws -> URL {
        try committedReport("peers", files: ["experiment.json", "summary.json", "traces.csv", "timings.json", "curves"])
    }

    /// A copy of `files` of `Results/name`, and the report written into it.
    func committedReport(_ name: String, files: [String]) throws -> URL {
        let source = CommandRunner.packageRoot.appendingPathComponent("Results/\(name)")
        let folder = CommandRunner.temporaryFolder().appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in files {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let result = try CommandRunner.run(
            "tunebench", ["report", folder.path], in: CommandRunner.packageRoot)
        #expect(result.status == 0, "tunebench report failed: \(result.errors)")
        return folder
    }

    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--enable-logging=stderr", "--v=0",
    ]

    /// A screenshot of `page` in a window of `window` (width,height) pixels, written to `$TUNEBENCH_SCREENSHOTS/name`
    /// (default: the system's temporary folder), whose path is printed.
    static func screenshot(_ page: URL, window: String, name: String) throws -> Data {
        let folder = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["TUNEBENCH_SCREENSHOTS"]
                ?? FileManager.default.temporaryDirectory.path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let png = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: png)
        let shot = try CommandRunner.run(
            try #require(chromium),
            flags + ["--hide-scrollbars", "--window-size=\(window)", "--screenshot=\(png.path)", page.absoluteString])
        #expect(shot.status == 0)
        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot at \(png.path)")
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        print("Screenshot: \(png.path)")
        return data
    }

    /// A copy of `page` with `script` run at its load, the script's JSON result written into `<pre id="probe">`.
    static func probed(_ page: URL, script: String) throws -> URL {
        let html = try String(contentsOf: page, encoding: .utf8)
        let probe = """
            <script>
            addEventListener("load", function () {
              var result = (function () { \(script) })();
              var out = document.createElement("pre");
              out.id = "probe";
              out.textContent = JSON.stringify(result);
              document.body.appendChild(out);
            });
            </script>
            </body>
            """
        let copy = page.deletingLastPathComponent().appendingPathComponent("probe-\(UUID().uuidString).html")
        try html.replacingOccurrences(of: "</body>", with: probe).write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }

    /// The JSON the script of a ``probed(_:script:)`` copy wrote, read from Chromium's DOM at `window` (width,height).
    static func measure<T: Decodable>(_ copy: URL, window: String, as type: T.Type) throws -> T {
        let dom = try CommandRunner.run(
            try #require(chromium), flags + ["--window-size=\(window)", "--dump-dom", copy.absoluteString])
        #expect(dom.status == 0)
        let start = try #require(dom.output.range(of: "<pre id=\"probe\">"), "no probe result: \(dom.errors)")
        let end = try #require(dom.output.range(of: "</pre>", range: start.upperBound..<dom.output.endIndex))
        let json = dom.output[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// What the layout probe measures: the page's width and the width of its window without the scroll bar, and for
    /// every table box its table's width, its own width, its `overflow-x`, its column headers, the file named under
    /// it and whether the column headed `net`, if any, lies inside the box.
    struct Layout: Decodable {
        struct Table: Decodable {
            var source: String
            var header: [String]
            var width: Double
            var box: Double
            var overflowX: String
            var netVisible: Bool?

            var fits: Bool { width <= box }
        }

        var page: Double
        var window: Double
        var tables: [Table]
    }

    static let layoutProbe = """
        return {
          page: document.documentElement.scrollWidth,
          window: document.documentElement.clientWidth,
          tables: Array.prototype.map.call(document.querySelectorAll("div.table"), function (box) {
            var heads = Array.prototype.slice.call(box.querySelectorAll("thead th"));
            var net = heads.filter(function (th) { return th.textContent === "net"; })[0];
            var source = box.nextElementSibling && box.nextElementSibling.querySelector("code");
            return {
              source: source ? source.textContent : "",
              header: heads.map(function (th) { return th.textContent; }),
              width: box.querySelector("table").getBoundingClientRect().width,
              box: box.clientWidth,
              overflowX: getComputedStyle(box).overflowX,
              netVisible: net ? net.getBoundingClientRect().right <= box.getBoundingClientRect().right : null
            };
          })
        };
        """

    @Test(.enabled(if: chromium != nil || required))
    func thePeersReportFitsAWindow1280PixelsWide() throws {
        _ = try #require(Self.chromium, "TUNEBENCH_REQUIRE_CHROMIUM=1 but chromium is not installed")
        let folder = try peersReport()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let copy = try Self.probed(folder.appendingPathComponent("report.html"), script: Self.layoutProbe)
        let layout = try Self.measure(copy, window: "1280,2400", as: Layout.self)
        print(
            "At 1280 px the page is \(Int(layout.page)) px wide in \(Int(layout.window)) px; tables (width in box): "
                + layout.tables.map { "\($0.source) \(Int($0.width.rounded()))/\(Int($0.box))" }
                .joined(separator: ", "))
        #expect(layout.page <= layout.window, "the page scrolls sideways")
        #expect(layout.tables.count >= 10)
        for table in layout.tables {
            #expect(
                table.fits || ["auto", "scroll"].contains(table.overflowX),
                "\(table.source): \(table.width) px in a box of \(table.box) px that does not scroll")
        }
        // The pairwise matrix's net column, which its text refers to, is in view (the matrix fits here with this
        // machine's fonts, by a few pixels: wider fonts would make it scroll, which the loop above accepts); the
        // overhead table fits.
        let pairwise = try #require(layout.tables.first { $0.source == "report/pairwise.csv" })
        #expect(pairwise.header.prefix(2) == ["wins/ties/losses", "net"])
        #expect(pairwise.netVisible == true)
        print("the pairwise matrix is \(pairwise.width) px in a box of \(pairwise.box) px")
        let overhead = try #require(layout.tables.first { $0.source == "report/overhead.csv" })
        #expect(overhead.fits, "the overhead table is \(overhead.width) px in \(overhead.box) px")
    }

    /// Where the enlarged plot lies: the figure's `position`, the plot's size and the window's.
    struct Enlarged: Decodable {
        var position: String
        var width: Double
        var height: Double
        var windowWidth: Double
        var windowHeight: Double
    }

    @Test(.enabled(if: chromium != nil || required))
    func aPlotFollowedByItsLinkFillsTheWindow() throws {
        _ = try #require(Self.chromium, "TUNEBENCH_REQUIRE_CHROMIUM=1 but chromium is not installed")
        let folder = try peersReport()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let page = folder.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<a class=\"open\" href=\"#plot-branin-large\""))
        // Following the plot's link is going to its fragment. The window is then scrolled back to the top, after
        // the load, since headless Chromium's screenshot shows nothing of a page scrolled while it loads.
        let copy = try Self.probed(
            page,
            script: """
                location.hash = "#plot-branin-large";
                setTimeout(function () { scrollTo(0, 0); }, 0);
                var figure = document.getElementById("plot-branin");
                var plot = figure.querySelector("svg").getBoundingClientRect();
                return {
                  position: getComputedStyle(figure).position, width: plot.width, height: plot.height,
                  windowWidth: innerWidth, windowHeight: innerHeight
                };
                """)
        let enlarged = try Self.measure(copy, window: "1280,900", as: Enlarged.self)
        #expect(enlarged.position == "fixed")
        // The 720 px wide plot, scaled to fit the window: as wide or as tall as the window allows.
        #expect(
            enlarged.width >= 0.9 * enlarged.windowWidth || enlarged.height >= 0.8 * enlarged.windowHeight,
            "the plot is \(enlarged.width) × \(enlarged.height) in \(enlarged.windowWidth) × \(enlarged.windowHeight)")
        #expect(enlarged.width > 900)
        let data = try Self.screenshot(copy, window: "1280,900", name: "peers-plot-enlarged.png")
        #expect(data.count > 50_000, "a screenshot of a plot is not that small: \(data.count) bytes")
    }

    /// The multi-objective report of `Results/multiobjective` (seven optimizers on ZDT1-3, DTLZ2 and WFG4): every
    /// two-objective problem has its median attainment plot beside its hypervolume-regret curves, the tables fit a
    /// window 1280 px wide or scroll in their box, and Chromium logs nothing.
    @Test(.enabled(if: chromium != nil || required))
    func theMultiObjectiveReportShowsItsAttainmentSurfaces() throws {
        let chromium = try #require(Self.chromium, "TUNEBENCH_REQUIRE_CHROMIUM=1 but chromium is not installed")
        let folder = try committedReport(
            "multiobjective",
            files: ["experiment.json", "summary.json", "traces.csv", "timings.json", "curves", "fronts"])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let page = folder.appendingPathComponent("report.html")
        let dom = try CommandRunner.run(chromium, Self.flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0)
        for problem in ["zdt1", "zdt2", "zdt3", "wfg4-m2"] {
            #expect(dom.output.contains("id=\"plot-\(problem)-2\""), "no attainment plot for \(problem)")
            #expect(dom.output.contains("report/plots/attainment/\(problem).svg"), "\(problem)")
        }
        // DTLZ2 has three objectives: its curves, no attainment plot.
        #expect(dom.output.contains("id=\"plot-dtlz2-m3\"") && !dom.output.contains("id=\"plot-dtlz2-m3-2\""))
        #expect(dom.output.contains("hypervolume regret"))
        let consoleErrors = dom.errors.split(separator: "\n")
            .filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "console messages: \(consoleErrors)")
        let copy = try Self.probed(page, script: Self.layoutProbe)
        let layout = try Self.measure(copy, window: "1280,2400", as: Layout.self)
        #expect(layout.page <= layout.window, "the page scrolls sideways")
        for table in layout.tables {
            #expect(
                table.fits || ["auto", "scroll"].contains(table.overflowX),
                "\(table.source): \(table.width) px in a box of \(table.box) px that does not scroll")
        }
        let data = try Self.screenshot(page, window: "1280,2400", name: "multiobjective-report.png")
        #expect(data.count > 50_000, "a screenshot of plots is not that small: \(data.count) bytes")
    }

    @Test(.enabled(if: chromium != nil || required))
    func thePeersReportOpensInHeadlessChromiumAndShowsItsPlots() throws {
        let chromium = try #require(Self.chromium, "TUNEBENCH_REQUIRE_CHROMIUM=1 but chromium is not installed")
        let folder = try peersReport()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let page = folder.appendingPathComponent("report.html")

        // The DOM Chromium builds: every problem's plot is an SVG element with its polylines or paths.
        let dom = try CommandRunner.run(chromium, Self.flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0)
        let svgCount = dom.output.components(separatedBy: "<svg").count - 1
        #expect(svgCount >= 5 + 2, "one plot per problem (5) and the summary plots; found \(svgCount)")
        #expect(dom.output.contains("Average rank"))
        #expect(dom.output.contains("Failed and missing runs"))
        // The page has no script, so no console message at all; a parse or resource error would be logged as one.
        let consoleErrors = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "console messages: \(consoleErrors)")

        let data = try Self.screenshot(page, window: "1280,2400", name: "peers-report.png")
        #expect(data.count > 50_000, "a screenshot of plots is not that small: \(data.count) bytes")
    }
}
