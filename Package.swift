// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "vmsvc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vmsvc", targets: ["vmsvc"]),
        .library(name: "KubeSim", targets: ["KubeSim"]),
        .library(name: "KubeModel", targets: ["KubeModel"]),
        .library(name: "VMServiceCore", targets: ["VMServiceCore"]),
        // For benchmarks/ (the reference re-implementation and the client benchmarks).
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "Observability", targets: ["Observability"]),
        .library(name: "Coordinator", targets: ["Coordinator"]),
        .library(name: "ShardProtocol", targets: ["ShardProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // System libraries. Swift code imports only the shims, never these directly.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),

        // Pure Swift: the API model and the reconcile core.
        .target(name: "KubeModel"),
        .target(name: "VMServiceCore", dependencies: ["KubeModel"]),

        // Coordinator <-> worker transport and wire schema.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(
            name: "ShardProtocol",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["shard.proto"]
        ),

        // The Kubernetes client: config, libcurl transport, typed verbs, reflector.
        .target(
            name: "KubeClient",
            dependencies: [
                "CCurlShim", "KubeModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The socket-thread plumbing both ends of the shard transport share.
        .target(name: "ShardTransport", dependencies: ["ZeroMQ"]),

        // The coordinator: cache, shard map, ROUTER server.
        .target(
            name: "Coordinator",
            dependencies: [
                "KubeClient", "KubeModel", "VMServiceCore", "ShardProtocol", "ShardTransport", "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The in-memory API server (kube-sim).
        .target(
            name: "KubeSim",
            dependencies: [
                "KubeModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // A worker process's engine: namespace shards, batch pacing, syncing through a writer.
        .target(
            name: "Worker",
            dependencies: [
                "VMServiceCore", "KubeModel", "KubeClient", "ShardProtocol", "ShardTransport", "ZeroMQ",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),

        // `vmsvc verify`: the cluster compared with what the reconcile core would make of it.
        .target(name: "Verify", dependencies: ["KubeModel", "VMServiceCore", "KubeClient"]),

        // /metrics, /healthz, /readyz and the swift-log handler of every vmsvc process.
        .target(
            name: "Observability",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        .executableTarget(
            name: "vmsvc",
            dependencies: [
                "CCurlShim", "CZeroMQ", "KubeModel", "VMServiceCore", "KubeSim", "KubeClient", "Verify", "Observability",
                "Coordinator", "Worker", "ZeroMQ", "ShardTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        .testTarget(
            name: "KubeModelTests",
            dependencies: [
                "KubeModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "KubeClient", "KubeModel", "KubeSim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WorkerTests",
            dependencies: [
                "Worker", "VMServiceCore", "KubeModel", "KubeClient", "KubeSim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "VMServiceCoreTests",
            dependencies: [
                "VMServiceCore", "KubeModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Coordinator", "Worker", "KubeClient", "KubeModel", "KubeSim", "VMServiceCore", "ShardProtocol", "ZeroMQ", "ShardTransport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ShardProtocolTests",
            dependencies: [
                "ShardProtocol",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "VerifyTests",
            dependencies: [
                "Verify", "KubeSim", "KubeClient", "KubeModel", "VMServiceCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ObservabilityTests",
            dependencies: [
                "Observability",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Verify", "KubeClient", "KubeModel", "VMServiceCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "KubeSimTests",
            dependencies: [
                "KubeSim", "KubeModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
