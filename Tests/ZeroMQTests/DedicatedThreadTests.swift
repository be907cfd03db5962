import Foundation
import Synchronization
import Testing

@testable import ZeroMQ

/// The pattern the roles use: the context crosses threads, a socket never does — each
/// thread makes its own.
@Suite struct DedicatedThreadTests {
    @Test func workerThreadAnswersOverItsOwnSocket() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.bind("inproc://coordinator")
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<String?>(nil)

        Thread {
            defer { finished.signal() }
            do {
                let dealer = try context.socket(.dealer)
                try dealer.set(.routingID, to: Array("worker-1".utf8))
                try dealer.connect("inproc://coordinator")
                try dealer.send([Array("hello".utf8)])
                let reply = try dealer.receive(timeout: patience)
                try dealer.send([reply?.first ?? []])
                outcome.withLock { $0 = "answered" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
        }.start()

        let hello = try #require(try router.receive(timeout: patience))
        try router.send([hello[0], Array("ping".utf8)])
        #expect(try router.receive(timeout: patience) == [hello[0], Array("ping".utf8)])
        #expect(finished.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(outcome.withLock { $0 } == "answered")
    }

    @Test func shutdownWakesAThreadBlockedInReceive() throws {
        let context = try ZMQContext()
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<ZMQError?>(nil)

        Thread {
            defer { finished.signal() }
            do {
                let pair = try context.socket(.pair)
                try pair.bind("inproc://idle")
                _ = try pair.receive()
            } catch {
                outcome.withLock { $0 = error as? ZMQError }
            }
        }.start()

        context.shutdown()
        #expect(finished.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(outcome.withLock { $0 } == .terminated)
    }
}
