// swift-tools-version: 6.1
//
// Tunebench: benchmarks for hyperparameter and black-box optimization algorithms.
// Module map and dependency arrows: docs/ARCHITECTURE.md, section 1, which draws this file; keep the two in step.

import PackageDescription

let package = Package(
    name: "Tunebench",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Tunebench", targets: ["Tunebench"]),
        .library(name: "TunebenchCore", targets: ["TunebenchCore"]),
        .library(name: "TunebenchNumerics", targets: ["TunebenchNumerics"]),
        .library(name: "TunebenchProblems", targets: ["TunebenchProblems"]),
        .library(name: "TunebenchOptimizers", targets: ["TunebenchOptimizers"]),
        .library(name: "TunebenchRunner", targets: ["TunebenchRunner"]),
        .library(name: "TunebenchPlugins", targets: ["TunebenchPlugins"]),
        .library(name: "TunebenchReport", targets: ["TunebenchReport"]),
        .library(name: "TunebenchConformance", targets: ["TunebenchConformance"]),
        .library(name: "TunebenchCLI", targets: ["TunebenchCLI"]),
        .executable(name: "tunebench", targets: ["tunebench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Vocabulary: spaces, configurations, Problem/Optimizer protocols, registry, seeds, records.
        .target(name: "TunebenchCore"),
        // Numerical building blocks: random variates, Sobol and Latin-hypercube designs, statistics.
        .target(name: "TunebenchNumerics"),
        .target(
            name: "TunebenchProblems", dependencies: ["TunebenchCore", "TunebenchNumerics"],
            exclude: ["Learning/Data/Real/README.md"]),
        .target(name: "TunebenchOptimizers", dependencies: ["TunebenchCore", "TunebenchNumerics"]),
        // The contract every optimizer and problem must satisfy, reusable by third-party packages.
        .target(name: "TunebenchConformance", dependencies: ["TunebenchCore", "TunebenchNumerics"]),
        .target(name: "TunebenchRunner", dependencies: ["TunebenchCore", "TunebenchNumerics"]),
        // Reports of result folders: statistics over runs, Markdown and HTML with SVG plots.
        .target(name: "TunebenchReport", dependencies: ["TunebenchCore", "TunebenchNumerics", "TunebenchRunner"]),
        // Out-of-process solvers and problems speaking kurobako's protocol (Plugins/PROTOCOL.md).
        .target(name: "TunebenchPlugins", dependencies: ["TunebenchCore", "TunebenchNumerics"]),
        // Umbrella: re-exports the libraries and defines `Registry.builtin`.
        .target(
            name: "Tunebench",
            dependencies: [
                "TunebenchCore", "TunebenchNumerics", "TunebenchProblems", "TunebenchOptimizers", "TunebenchRunner",
                "TunebenchPlugins", "TunebenchReport",
            ]
        ),
        // The command-line interface as a library, so that another package can run it with its own registry.
        .target(
            name: "TunebenchCLI",
            dependencies: ["Tunebench", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "tunebench", dependencies: ["Tunebench", "TunebenchCLI"]),
        // docs/adding-an-optimizer.md's example: an optimizer of its own, registered and run with the CLI.
        .executableTarget(name: "CustomOptimizerExample", dependencies: ["Tunebench", "TunebenchCLI"]),

        // For the test targets only: probes for python3 and Python modules, and the trait that skips a test without
        // them (or fails it under TUNEBENCH_REQUIRE_PLUGINS=1).
        .target(name: "TunebenchTestSupport", path: "Tests/TunebenchTestSupport"),
        .testTarget(name: "TunebenchCoreTests", dependencies: ["TunebenchCore"]),
        .testTarget(name: "TunebenchNumericsTests", dependencies: ["TunebenchNumerics", "TunebenchTestSupport"]),
        .testTarget(
            name: "TunebenchProblemsTests",
            dependencies: ["TunebenchProblems", "TunebenchConformance", "TunebenchTestSupport"]
        ),
        .testTarget(
            name: "TunebenchOptimizersTests",
            dependencies: ["TunebenchOptimizers", "TunebenchConformance", "Tunebench", "TunebenchTestSupport"]
        ),
        .testTarget(
            name: "TunebenchRunnerTests", dependencies: ["TunebenchRunner", "Tunebench", "TunebenchTestSupport"]),
        .testTarget(name: "TunebenchReportTests", dependencies: ["TunebenchReport", "Tunebench", "TunebenchTestSupport"]),
        .testTarget(
            name: "TunebenchPluginsTests",
            dependencies: ["TunebenchPlugins", "TunebenchConformance", "Tunebench", "TunebenchTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "TunebenchCLITests",
            dependencies: [
                "TunebenchCLI", "tunebench", "CustomOptimizerExample", "TunebenchTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
