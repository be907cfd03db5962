import CCurl
import CCurlShim
import Foundation
import Synchronization

/// One thread driving one libcurl multi handle: every request of a transport runs here,
/// interleaved, sharing the multi's connection cache (keep-alive, HTTP/2 multiplexing).
///
/// Other threads never touch the multi handle. They queue work under a lock and call
/// `curl_multi_wakeup`, the one multi call libcurl allows from any thread, to interrupt
/// `curl_multi_poll`.
final class CurlEventLoop: Sendable {
    private let pending = Mutex<Pending>(Pending())
    private let multi: MultiHandle

    private struct Pending {
        var adds: [CurlTransfer] = []
        var cancels: [UInt64] = []
        var resumes: [UInt64] = []
        var shutdown = false
    }

    /// The multi handle pointer. `@unchecked Sendable`: only the loop thread uses it, except
    /// for `curl_multi_wakeup`, which libcurl documents as callable from any thread.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    init(maxConnectionsPerHost: Int) {
        _ = curlGlobalInit
        // curl_multi_init fails only when out of memory; there is nothing sensible to do then.
        guard let pointer = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        vmsvc_curl_multi_setopt_long(pointer, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        vmsvc_curl_multi_setopt_long(pointer, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        self.multi = MultiHandle(pointer: pointer)
        let thread = Thread { [self] in run() }
        thread.name = "vmsvc-curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        let accepted = pending.withLock { pending in
            guard !pending.shutdown else { return false }
            pending.adds.append(transfer)
            return true
        }
        if accepted {
            curl_multi_wakeup(multi.pointer)
        } else {
            transfer.abandon(CancellationError())
        }
    }

    func cancel(_ id: UInt64) {
        let early = pending.withLock { pending -> CurlTransfer? in
            if let index = pending.adds.firstIndex(where: { $0.id == id }) {
                return pending.adds.remove(at: index)
            }
            pending.cancels.append(id)
            return nil
        }
        if let early {
            early.abandon(CancellationError())
        } else {
            curl_multi_wakeup(multi.pointer)
        }
    }

    /// Lets a transfer paused by its consumer read again.
    func resume(_ id: UInt64) {
        pending.withLock { $0.resumes.append(id) }
        curl_multi_wakeup(multi.pointer)
    }

    /// Fails everything in flight and stops the thread, which then frees the multi handle.
    func shutdown() {
        pending.withLock { $0.shutdown = true }
        curl_multi_wakeup(multi.pointer)
    }

    // MARK: Loop thread

    private func run() {
        var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        let multi = multi.pointer
        while true {
            let work = pending.withLock { pending in
                defer { pending.adds = []; pending.cancels = []; pending.resumes = [] }
                return pending
            }
            for transfer in work.adds {
                running[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            for id in work.resumes {
                running.values.first { $0.id == id }?.resume()
            }
            for id in work.cancels {
                guard let transfer = running.values.first(where: { $0.id == id }) else { continue }
                curl_multi_remove_handle(multi, transfer.easy)
                running[transfer.easy] = nil
                transfer.abandon(CancellationError())
            }
            if work.shutdown {
                for transfer in running.values {
                    curl_multi_remove_handle(multi, transfer.easy)
                    transfer.abandon(CancellationError())
                }
                curl_multi_cleanup(multi)
                return
            }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                running.removeValue(forKey: easy)?.complete(result)
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
    }
}

/// libcurl's process-wide initialisation, done once before the first multi handle.
private let curlGlobalInit: Void = {
    curl_global_init(Int(CURL_GLOBAL_ALL))
}()
