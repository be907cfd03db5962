import Foundation

@testable import ShardProtocol

/// One filled-in example of every message, for round trips and malformed-frame tests.
enum ShardSamples {
    static func vm(_ name: String, labels: [String: String] = ["app": "web"]) -> ShardVMProjection {
        var vm = ShardVMProjection()
        vm.namespace = "tenant-a"
        vm.name = name
        vm.uid = "uid-\(name)"
        vm.labels = labels
        vm.primaryIp4 = "10.0.0.7"
        vm.primaryIp6 = "fd00::7"
        vm.readyStatus = "True"
        vm.readinessProbeConfigured = true
        vm.beingDeleted = false
        return vm
    }

    static func namespaceEpochs() -> [ShardNamespaceEpoch] {
        ["tenant-a", "tenant-b"].enumerated().map { index, namespace in
            var entry = ShardNamespaceEpoch()
            entry.namespace = namespace
            entry.epoch = UInt64(index + 41)
            return entry
        }
    }

    static let serviceJSON = Data(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"}}"#.utf8)

    static var bodies: [ShardEnvelope.OneOf_Body] {
        var hello = ShardHello()
        hello.workerID = "worker-1"
        hello.protocolVersion = 1
        hello.capacity.maxNamespaces = 500
        hello.capacity.maxInFlight = 64
        hello.pid = 4242

        var welcome = ShardWelcome()
        welcome.coordinatorID = "coordinator-0"
        welcome.coordinatorInstance = "c0-1700000000"
        welcome.protocolVersion = 1
        welcome.heartbeatIntervalMs = 1000
        welcome.heartbeatLiveness = 3

        var heartbeat = ShardHeartbeat()
        heartbeat.sentUnixMs = 1_700_000_000_123
        heartbeat.load.namespaces = 12
        heartbeat.load.queuedChanges = 3
        heartbeat.load.writesInFlight = 9

        var assign = ShardAssign()
        assign.namespaces = namespaceEpochs()
        var revoke = ShardRevoke()
        revoke.namespaces = namespaceEpochs()
        var revokeAck = ShardRevokeAck()
        revokeAck.namespaces = namespaceEpochs()

        var snapshot = ShardSnapshot()
        snapshot.namespace = "tenant-a"
        snapshot.epoch = 41
        snapshot.sequence = 1
        snapshot.final = true
        snapshot.virtualMachines = [vm("vm-1"), vm("vm-2", labels: [:])]
        snapshot.virtualMachineServices = [Data(#"{"kind":"VirtualMachineService"}"#.utf8)]
        snapshot.services = [serviceJSON]
        snapshot.endpoints = [Data(#"{"kind":"Endpoints"}"#.utf8)]

        var delta = ShardDelta()
        delta.namespace = "tenant-a"
        delta.epoch = 41
        delta.sequence = 2
        delta.changes = changes

        var ack = ShardAck()
        ack.namespace = "tenant-a"
        ack.epoch = 41
        ack.sequence = 2

        var resync = ShardResyncRequest()
        resync.namespace = "tenant-a"
        resync.epoch = 41
        resync.reason = .sequenceGap
        resync.lastAppliedSequence = 2
        resync.detail = "expected 3, received 5"

        var stats = ShardStats()
        stats.senderID = "worker-1"
        stats.framesReceived = 1000
        stats.framesDroppedStaleEpoch = 2
        stats.apiWrites = 77

        return [
            .hello(hello), .welcome(welcome), .heartbeat(heartbeat), .assign(assign), .revoke(revoke),
            .revokeAck(revokeAck), .snapshot(snapshot), .delta(delta), .ack(ack),
            .resyncRequest(resync), .stats(stats),
        ]
    }

    /// One change of every kind.
    static var changes: [ShardChange] {
        var deleted = ShardVMDelete()
        deleted.name = "vm-9"
        deleted.uid = "uid-vm-9"
        deleted.lastLabels = ["app": "db"]
        var ref = ShardObjectRef()
        ref.name = "web"
        ref.uid = "uid-web"
        let kinds: [ShardChange.OneOf_Kind] = [
            .vmUpsert(vm("vm-3")), .vmDelete(deleted),
            .vmServiceUpsert(Data(#"{"kind":"VirtualMachineService"}"#.utf8)), .vmServiceDelete(ref),
            .serviceUpsert(serviceJSON), .serviceDelete(ref),
            .endpointsUpsert(Data(#"{"kind":"Endpoints"}"#.utf8)), .endpointsDelete(ref),
        ]
        return kinds.map { kind in
            var change = ShardChange()
            change.kind = kind
            return change
        }
    }
}
