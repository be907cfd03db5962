/// A streamed response body (a watch) as chunks, reporting each chunk taken to the
/// transfer's `StreamBackpressure`: the transfer pauses while too much waits here.
public struct ResponseBodyStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let chunks: AsyncThrowingStream<[UInt8], any Error>
    let backpressure: StreamBackpressure

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
        let backpressure: StreamBackpressure

        public mutating func next() async throws -> [UInt8]? {
            guard let chunk = try await chunks.next() else { return nil }
            backpressure.consumed(chunk.count)
            return chunk
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), backpressure: backpressure)
    }
}
