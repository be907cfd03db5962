import CCurl
import CCurlShim

/// One request on one libcurl easy handle, from setup to completion.
///
/// Created and configured on the caller's thread, then handed to the event loop, which alone
/// touches it from then on (its callbacks run inside `curl_multi_perform` on the loop thread).
/// `@unchecked Sendable` because of that hand-over: there is never concurrent access.
final class CurlTransfer: @unchecked Sendable {
    /// How the response goes back to the caller.
    enum Delivery {
        /// The whole response at once.
        case buffered(CheckedContinuation<HTTPResponse, any Error>)
        /// Body chunks as they arrive (watches), paused while the consumer is `backpressure`'s
        /// limit behind. A non-2xx body is buffered and ends the stream as `HTTPStatusFailure`.
        case streaming(
            AsyncThrowingStream<[UInt8], any Error>.Continuation, stallTimeout: Duration, backpressure: StreamBackpressure)
    }

    let id: UInt64
    let easy: UnsafeMutableRawPointer
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private var connectTo: UnsafeMutablePointer<curl_slist>?
    private let delivery: Delivery
    private let warnings: WarningLog
    private var responseHeaders: [(name: String, value: String)] = []
    private var body: [UInt8] = []
    /// Whether the status is known to be 2xx, once the first body byte arrived (streaming).
    private var streamingBody: Bool?
    private var finished = false
    /// When bytes last arrived; a stream silent for longer than its stall timeout is aborted.
    private var lastActivity = ContinuousClock.now
    private var stalled = false

    /// Nil when libcurl cannot allocate a handle.
    init?(
        id: UInt64, request: HTTPRequest, settings: CurlTransport.Configuration, delivery: Delivery,
        warnings: WarningLog
    ) {
        guard let easy = curl_easy_init() else { return nil }
        self.id = id
        self.easy = easy
        self.delivery = delivery
        self.warnings = warnings
        configure(request, settings)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        curl_slist_free_all(connectTo)
    }

    private func configure(_ request: HTTPRequest, _ settings: CurlTransport.Configuration) {
        setString(CURLOPT_URL, request.url)
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Wait for a connection that can multiplex rather than open another one.
        setLong(CURLOPT_PIPEWAIT, 1)
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        setLong(CURLOPT_TCP_KEEPIDLE, 30)
        setLong(CURLOPT_TCP_KEEPINTVL, 10)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.milliseconds)
        setLong(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        setString(CURLOPT_USERAGENT, settings.userAgent)
        switch delivery {
        case .buffered:
            if let timeout = request.timeout ?? settings.requestTimeout {
                setLong(CURLOPT_TIMEOUT_MS, timeout.milliseconds)
            }
        case .streaming:
            // Checked about once a second by libcurl (see `checkStall`).
            setLong(CURLOPT_NOPROGRESS, 0)
            vmsvc_curl_easy_setopt_xferinfo_callback(easy, curlProgressCallback)
            vmsvc_curl_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(self).toOpaque())
        }

        switch request.method {
        case "GET": setLong(CURLOPT_HTTPGET, 1)
        case "POST": setLong(CURLOPT_POST, 1)
        default: setString(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            vmsvc_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBufferPointer { buffer in
                // COPYPOSTFIELDS copies, so the array need not outlive this call.
                _ = buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        vmsvc_curl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0))
                    }
                }
            }
        }
        // "Expect:" with no value stops libcurl from waiting for a 100-continue.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            requestHeaders = curl_slist_append(requestHeaders, line)
        }
        vmsvc_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders)

        configureTLS(settings.tls, identity: request.identity ?? settings.tls.clientIdentity)
        if let proxy = settings.proxyURL { setString(CURLOPT_PROXY, proxy) }
        if let route = settings.connectTo {
            connectTo = curl_slist_append(nil, route)
            vmsvc_curl_easy_setopt_slist(easy, CURLOPT_CONNECT_TO, connectTo)
        }

        let me = Unmanaged.passUnretained(self).toOpaque()
        vmsvc_curl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        vmsvc_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        vmsvc_curl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        vmsvc_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
    }

    private func configureTLS(_ tls: TLSSettings, identity: ClientIdentity?) {
        if let ca = tls.certificateAuthorityPEM { setBlob(CURLOPT_CAINFO_BLOB, ca) }
        if tls.insecureSkipVerify {
            setLong(CURLOPT_SSL_VERIFYPEER, 0)
            setLong(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let identity {
            setBlob(CURLOPT_SSLCERT_BLOB, identity.certificatePEM)
            setString(CURLOPT_SSLCERTTYPE, "PEM")
            setBlob(CURLOPT_SSLKEY_BLOB, identity.keyPEM.value)
            setString(CURLOPT_SSLKEYTYPE, "PEM")
        }
    }

    // MARK: Callbacks (loop thread)

    fileprivate func receiveHeader(_ line: String) {
        lastActivity = .now
        let trimmed = line.trimmingSuffix { $0 == "\r" || $0 == "\n" }
        if trimmed.hasPrefix("HTTP/") {
            responseHeaders.removeAll()  // a new response (after a redirect or a 1xx) starts
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = String(trimmed[trimmed.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
            responseHeaders.append((name, value))
        }
    }

    /// False when the consumer is too far behind: libcurl then pauses the transfer and
    /// offers the same bytes again once `resume()` unpauses it.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity = .now
        guard case .streaming(let continuation, _, let backpressure) = delivery else {
            body.append(contentsOf: bytes)
            return true
        }
        if streamingBody == nil {
            streamingBody = (200..<300).contains(responseCode)
            // A watch lasts minutes: report its warnings when it starts, not when it ends.
            warnings.record(responseHeaders)
        }
        if streamingBody == true {
            guard backpressure.admit(bytes.count) else { return false }
            continuation.yield(Array(bytes))
        } else {
            body.append(contentsOf: bytes)
        }
        return true
    }

    /// Reads again after a pause (loop thread).
    func resume() {
        lastActivity = .now
        // CURLPAUSE_CONT: receiving and sending both unpaused.
        curl_easy_pause(easy, 0)
    }

    /// Whether to abort: a stream that received nothing (not even a bookmark) for its stall
    /// timeout is talking to a dead peer or a wedged proxy, and only a new watch can recover.
    /// A stream paused by its consumer is not stalled: the silence is ours.
    fileprivate func checkStall() -> Bool {
        guard case .streaming(_, let stallTimeout, let backpressure) = delivery else { return false }
        if backpressure.isPaused { lastActivity = .now }
        guard ContinuousClock.now - lastActivity > stallTimeout else { return false }
        stalled = true
        return true
    }

    /// Delivers the outcome. Called once, by the loop, after the handle left the multi.
    func complete(_ result: CURLcode) {
        guard !finished else { return }
        finished = true
        let error: (any Error)? = result == CURLE_OK ? nil : transportError(result)
        let response = HTTPResponse(status: responseCode, headers: responseHeaders, body: body)
        if streamingBody == nil { warnings.record(responseHeaders) }
        switch delivery {
        case .buffered(let continuation):
            if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: response) }
        case .streaming(let continuation, let stallTimeout, _):
            if stalled {
                continuation.finish(throwing: KubeAPIError.stalled(after: stallTimeout))
            } else if let error {
                continuation.finish(throwing: error)
            } else if !response.isSuccess {
                continuation.finish(throwing: HTTPStatusFailure(response: response))
            } else {
                continuation.finish()
            }
        }
    }

    /// Ends the transfer without a result (cancelled, or the transport shut down).
    func abandon(_ error: any Error) {
        guard !finished else { return }
        finished = true
        switch delivery {
        case .buffered(let continuation): continuation.resume(throwing: error)
        case .streaming(let continuation, _, _): continuation.finish(throwing: error)
        }
    }

    private var responseCode: Int {
        var code = 0
        vmsvc_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    private func transportError(_ code: CURLcode) -> KubeAPIError {
        var sent = 0
        vmsvc_curl_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &sent)
        let message = String(cString: curl_easy_strerror(code))
        return .transport(code: Int(code.rawValue), message: message, beforeRequestSent: sent == 0)
    }

    // MARK: setopt helpers

    private func setLong(_ option: CURLoption, _ value: Int) {
        vmsvc_curl_easy_setopt_long(easy, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        vmsvc_curl_easy_setopt_string(easy, option, value)
    }

    private func setBlob(_ option: CURLoption, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { vmsvc_curl_easy_setopt_blob(easy, option, $0.baseAddress, $0.count) }
    }
}

private let curlWriteCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    guard transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) else {
        return Int(CURL_WRITEFUNC_PAUSE)
    }
    return size * count
}

private let curlHeaderCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    transfer.receiveHeader(String(decoding: bytes, as: UTF8.self))
    return size * count
}

private let curlProgressCallback: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
    context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().checkStall() ? 1 : 0
}

extension Duration {
    /// Whole milliseconds, as libcurl's `_MS` options take them.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension String {
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var s = self[...]
        while let last = s.last, drop(last) { s = s.dropLast() }
        return s
    }
}
