import CZeroMQ

/// Which way a socket is ready.
public struct ZMQPollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// A whole message can be received without blocking.
    public static let readable = ZMQPollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking.
    public static let writable = ZMQPollEvents(rawValue: Int16(ZMQ_POLLOUT))
}

/// Waits on several sockets at once (`zmq_poll`), so one thread can serve, say, the
/// ROUTER and an `inproc://` PAIR that other threads use to hand it work.
///
/// Like its sockets, a poller belongs to one thread and is not `Sendable`.
public struct ZMQPoller {
    private var registrations: [(socket: ZMQSocket, events: ZMQPollEvents)] = []

    public init() {}

    /// Adds `socket`; its readiness is reported at the returned index of `poll`'s result.
    @discardableResult
    public mutating func register(_ socket: ZMQSocket, for events: ZMQPollEvents) -> Int {
        registrations.append((socket, events))
        return registrations.count - 1
    }

    /// Waits until a registered socket is ready or `timeout` passes. Returns the ready
    /// events of each socket in registration order; all empty means the timeout passed.
    /// Signals do not cut the wait short.
    public func poll(timeout: ZMQTimeout) throws(ZMQError) -> [ZMQPollEvents] {
        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(registrations.count)
        for registration in registrations {
            // Read each handle now: a socket closed since `register` fails here instead
            // of handing libzmq a dangling pointer.
            let socket = try registration.socket.openHandle()
            items.append(zmq_pollitem_t(socket: socket, fd: 0, events: registration.events.rawValue, revents: 0))
        }
        let deadline = timeout.deadline
        while true {
            let rc = zmq_poll(&items, Int32(items.count), deadline.remainingMilliseconds)
            if rc > 0 {
                return items.map { ZMQPollEvents(rawValue: $0.revents) }
            }
            if rc < 0 {
                let error = ZMQError.last()
                guard error == .interrupted else { throw error }
            }
            if deadline.hasPassed {
                return Array(repeating: [], count: items.count)
            }
        }
    }
}

/// The end of a wait, in the form `zmq_poll` wants it (milliseconds, -1 for forever).
struct ZMQDeadline {
    private let instant: ContinuousClock.Instant?

    init(after timeout: ZMQTimeout) {
        switch timeout {
        case .forever: instant = nil
        case .after(let duration): instant = .now + duration
        }
    }

    var hasPassed: Bool {
        guard let instant else { return false }
        return instant <= .now
    }

    /// Rounded up, so that a wait never returns early and spins.
    var remainingMilliseconds: Int {
        guard let instant else { return -1 }
        let remaining = ContinuousClock.now.duration(to: instant)
        guard remaining > .zero else { return 0 }
        return Int((remaining + .microseconds(999)).milliseconds)
    }
}

extension ZMQTimeout {
    var deadline: ZMQDeadline { ZMQDeadline(after: self) }
}
