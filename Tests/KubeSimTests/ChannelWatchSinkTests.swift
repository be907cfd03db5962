import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import KubeSim

@Suite struct ChannelWatchSinkTests {
    /// The chunks written so far, as text, and whether the last chunk (the end) came.
    static func chunks(_ channel: EmbeddedChannel) throws -> (texts: [String], ended: Bool) {
        var texts: [String] = []
        var ended = false
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            let text = buffer.readString(length: buffer.readableBytes) ?? ""
            let sizeLine = try #require(text.range(of: "\r\n"))
            let size = try #require(Int(text[..<sizeLine.lowerBound], radix: 16))
            let data = text[sizeLine.upperBound...]
            #expect(data.utf8.count == size + 2 && data.hasSuffix("\r\n"), "a chunk frames exactly its data")
            if size == 0 { ended = true } else { texts.append(String(decoding: data.utf8.dropLast(2), as: UTF8.self)) }
        }
        return (texts, ended)
    }

    /// The body chunks written so far, as text.
    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        try chunks(channel).texts
    }

    @Test func eventsWithinTheFlushIntervalGoOutTogetherAfterIt() throws {
        let channel = EmbeddedChannel()
        let sink = ChannelWatchSink(
            channel: channel, flushQueue: WatchFlushQueue(eventLoop: channel.eventLoop), flushInterval: .milliseconds(100)) {}
        sink.send(Array("a\n".utf8))
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["a\n"])

        sink.send(Array("b\n".utf8))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(50))
        sink.send(Array("c\n".utf8))
        #expect(try Self.written(channel) == [])
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(50))
        #expect(try Self.written(channel) == ["b\nc\n"])

        // After a quiet interval the next event goes out at once.
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        sink.send(Array("d\n".utf8))
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["d\n"])
    }

    /// Connections of one loop with events waiting are flushed by one task, each with one write.
    @Test func oneLoopTaskFlushesEveryWaitingConnectionOfItsLoop() throws {
        let loop = EmbeddedEventLoop()
        let queue = WatchFlushQueue(eventLoop: loop)
        let channels = [EmbeddedChannel(loop: loop), EmbeddedChannel(loop: loop)]
        let sinks = channels.map { ChannelWatchSink(channel: $0, flushQueue: queue) {} }
        sinks[0].send(Array("a\n".utf8))
        sinks[1].send(Array("b\n".utf8))
        sinks[0].send(Array("c\n".utf8))
        loop.run()
        #expect(try Self.written(channels[0]) == ["a\nc\n"])
        #expect(try Self.written(channels[1]) == ["b\n"])
    }

    @Test func withoutAnIntervalEachEventGoesOutWhenTheLoopRuns() throws {
        let channel = EmbeddedChannel()
        let sink = ChannelWatchSink(channel: channel, flushQueue: WatchFlushQueue(eventLoop: channel.eventLoop)) {}
        sink.send(Array("a\n".utf8))
        channel.embeddedEventLoop.run()
        sink.send(Array("b\n".utf8))
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["a\n", "b\n"])
    }

    /// A watcher whose backlog passes the bound is ended (its events so far still go out) and
    /// gets nothing more, as kube-apiserver drops a watcher it cannot keep up with.
    @Test func aBacklogPastTheBoundEndsTheWatch() throws {
        let channel = EmbeddedChannel()
        final class Flag: Sendable { let value = Mutex(false) }
        let finished = Flag()
        let sink = ChannelWatchSink(
            channel: channel, flushQueue: WatchFlushQueue(eventLoop: channel.eventLoop), flushInterval: .seconds(1)
        ) { finished.value.withLock { $0 = true } }
        sink.send(Array("a\n".utf8))
        channel.embeddedEventLoop.run()
        let half = [UInt8](repeating: UInt8(ascii: " "), count: ChannelWatchSink.maxBacklog / 2 + 1)
        sink.send(half)
        #expect(!finished.value.withLock { $0 })
        sink.send(half)
        sink.send(Array("late\n".utf8))
        channel.embeddedEventLoop.run()
        #expect(finished.value.withLock { $0 })
        let (texts, ended) = try Self.chunks(channel)
        #expect(texts.map(\.utf8.count).reduce(0, +) == 2 + 2 * half.count)
        #expect(ended)
    }
}
