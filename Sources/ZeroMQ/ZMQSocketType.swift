import CZeroMQ

/// The socket patterns vmsvc uses: the coordinator's ROUTER talks to one DEALER per
/// worker; PAIR connects two threads of one process over `inproc://` (for example to
/// wake a thread that sits in a poll); REP answers ZAP authentication requests.
public enum ZMQSocketType: Sendable, CaseIterable {
    case router
    case dealer
    case pair
    case rep

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pair: ZMQ_PAIR
        case .rep: ZMQ_REP
        }
    }
}
