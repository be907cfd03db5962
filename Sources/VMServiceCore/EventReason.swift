/// The reasons of the Events the controller records on a VirtualMachineService. The success
/// reasons are the reference's (spec §3); the warnings are this project's (spec §16).
public enum EventReason {
    public static let createServiceSuccess = "CreateK8sServiceSuccess"
    public static let updateServiceSuccess = "UpdateK8sServiceSuccess"
    public static let deleteServiceSuccess = "DeleteK8sServiceSuccess"
    public static let createServiceFailed = "CreateK8sServiceFailed"
    public static let updateServiceFailed = "UpdateK8sServiceFailed"
    public static let updateEndpointsFailed = "UpdateEndpointsFailed"
    public static let serviceConflict = "ServiceConflict"
    public static let invalidVirtualMachineService = "InvalidVirtualMachineService"
    public static let invalidEndpointAddress = "InvalidEndpointAddress"
}

/// An Event to record on the VirtualMachineService being reconciled.
public struct ReconcileEvent: Sendable, Hashable {
    /// `Normal` or `Warning`.
    public var type: String
    public var reason: String
    public var message: String

    public init(type: String, reason: String, message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }

    /// The reference's success events: reason = operation + `Success`, message = operation + ` success`.
    static func success(_ reason: String) -> ReconcileEvent {
        let operation = String(reason.dropLast("Success".count))
        return ReconcileEvent(type: "Normal", reason: reason, message: operation + " success")
    }

    static func warning(_ reason: String, _ message: String) -> ReconcileEvent {
        ReconcileEvent(type: "Warning", reason: reason, message: message)
    }
}
