// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks of the pure core, kept out of the main package so that building vmsvc never
// builds ordo-one/benchmark. Run with `make bench-micro` (see README.md).
let package = Package(
    name: "vmsvc-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "vmsvc", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
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
    ],
    swiftLanguageModes: [.v6]
)
