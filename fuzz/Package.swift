// swift-tools-version:6.1
import PackageDescription

// libFuzzer harnesses for the parsers that read bytes from outside the process: watch
// streams, label selectors, shard frames and kubeconfig files. Kept out of the main package
// because they only build with `--sanitize=fuzzer`. Run with `make fuzz` (hack/fuzz.sh).
let package = Package(
    name: "vmsvc-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "vmsvc", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzWatchStream",
            dependencies: [
                .product(name: "KubeClient", package: "vmsvc"), .product(name: "KubeModel", package: "vmsvc"),
            ]),
        .executableTarget(name: "FuzzLabelSelector", dependencies: [.product(name: "KubeModel", package: "vmsvc")]),
        .executableTarget(name: "FuzzShardFrame", dependencies: [.product(name: "ShardProtocol", package: "vmsvc")]),
        .executableTarget(name: "FuzzKubeConfig", dependencies: [.product(name: "KubeClient", package: "vmsvc")]),
    ],
    swiftLanguageModes: [.v6]
)
