import CZeroMQ

/// The socket patterns vmsvc uses: the coordinator's ROUTER talks to one DEALER per
/// worker; PAIR connects two threads of one process over `inproc://` (for example to
/// wake a thread that sits in a poll).
public enum ZMQSocketType: Sendable, CaseIterable {
    case router
    case dealer
    case pair

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pair: ZMQ_PAIR
        }
    }
}
