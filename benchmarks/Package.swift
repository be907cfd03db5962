// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks of the pure core, kept out of the main package so that building vmsvc never
// builds ordo-one/benchmark. Run with `make bench-micro` (see README.md).
let package = Package(
    name: "vmsvc-benchmarks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vmsvc-reference", targets: ["ReferenceCommand"]),
        .executable(name: "client-bench", targets: ["ClientBench"]),
        .executable(name: "vmsvc-bench", targets: ["vmsvc-bench"]),
    ],
    dependencies: [
        .package(name: "vmsvc", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "BenchmarkFixtures",
            dependencies: [.product(name: "VMServiceCore", package: "vmsvc")]
        ),
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "KubeModel", package: "vmsvc"),
                .product(name: "VMServiceCore", package: "vmsvc"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IndexMemory",
            dependencies: ["BenchmarkFixtures", "CHeapStats", .product(name: "VMServiceCore", package: "vmsvc")],
            // KubeModel's Double.rounded() needs libm, which nothing else in this tool links.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .target(name: "CHeapStats"),
        // A load generator for kube-sim's ceiling: raw keep-alive sockets, no dependencies.
        .executableTarget(name: "kube-sim-load", path: "Sources/KubeSimLoad"),

        // The end-to-end harness (`vmsvc-bench`): kube-sim, a seeded fleet, the operator as
        // separate processes, churn and propagation latency. See README.md, "Harness".
        .executableTarget(
            name: "vmsvc-bench",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "KubeClient", package: "vmsvc"),
                .product(name: "KubeModel", package: "vmsvc"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/BenchHarness"
        ),
        .testTarget(
            name: "BenchHarnessTests",
            dependencies: ["vmsvc-bench", "BenchmarkFixtures", .product(name: "KubeModel", package: "vmsvc")]
        ),

        // Our re-implementation of the reference controller's algorithm (README: "The baseline").
        .target(
            name: "ReferenceController",
            dependencies: [
                .product(name: "KubeClient", package: "vmsvc"),
                .product(name: "KubeModel", package: "vmsvc"),
                .product(name: "VMServiceCore", package: "vmsvc"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ReferenceCommand",
            dependencies: [
                "ReferenceController",
                .product(name: "KubeClient", package: "vmsvc"),
                .product(name: "Observability", package: "vmsvc"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Client and coordinator ceilings (README: "Client and coordinator ceilings").
        .executableTarget(
            name: "ClientBench",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Coordinator", package: "vmsvc"),
                .product(name: "KubeClient", package: "vmsvc"),
                .product(name: "KubeModel", package: "vmsvc"),
                .product(name: "KubeSim", package: "vmsvc"),
                .product(name: "ShardProtocol", package: "vmsvc"),
                .product(name: "VMServiceCore", package: "vmsvc"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReferenceControllerTests",
            dependencies: [
                "ReferenceController",
                .product(name: "KubeModel", package: "vmsvc"),
                .product(name: "VMServiceCore", package: "vmsvc"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
