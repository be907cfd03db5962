import Foundation

/// Starts the dedicated thread a ZeroMQ socket lives on (see `ZMQSocket`: sockets never
/// leave their thread). A named OS thread rather than a task, because its loop blocks in
/// `zmq_poll` and must not hold a cooperative-pool thread.
public enum SocketThread {
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.start()
    }
}
