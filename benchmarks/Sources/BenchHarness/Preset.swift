import ArgumentParser

/// The fleet sizes issue 6 names, with churn settings and deadlines that fit each size.
enum Preset: String, ExpressibleByArgument, CaseIterable, Codable, Sendable {
    case small, medium, large

    var shape: FleetShape {
        switch self {
        case .small: FleetShape(namespaces: 10, vms: 1_000, services: 100)
        case .medium: FleetShape(namespaces: 200, vms: 20_000, services: 2_000)
        case .large: FleetShape(namespaces: 1_000, vms: 100_000, services: 10_000)
        }
    }

    /// Churn changes per second when `--rate` is not given.
    var defaultRate: Double {
        switch self {
        case .small: 50
        case .medium: 100
        case .large: 200
        }
    }

    /// Seconds of churn when `--duration` is not given.
    var defaultDuration: Double {
        switch self {
        case .small: 20
        case .medium: 60
        case .large: 120
        }
    }

    /// How long the operator may take to reach a clean `verify` after it starts.
    var syncDeadlineSeconds: Double {
        switch self {
        case .small: 120
        case .medium: 900
        case .large: 3_600
        }
    }
}

/// How many of each object a fleet has; VMs and services are spread evenly over namespaces.
struct FleetShape: Codable, Sendable, Equatable {
    var namespaces: Int
    var vms: Int
    var services: Int

    var vmsPerNamespace: Int { max(1, vms / namespaces) }
    var servicesPerNamespace: Int { max(1, services / namespaces) }
}
