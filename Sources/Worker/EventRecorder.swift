import KubeModel
import VMServiceCore

/// Turns the Events a pass wants to record into API writes, the way client-go's
/// events.k8s.io recorder does, so that a hot object cannot flood the API server:
///
/// * the same (object, reason, message) seen again within `seriesWindow` becomes a count
///   increase of the first Event (`series`, written as a patch) instead of a new Event;
/// * like client-go's EventAggregator, once `maxSimilar` different messages of one
///   (object, type, reason) were seen within `similarWindow`, further ones are combined into
///   one Event noted "(combined from similar events): …" and counted as its series, so a
///   message that varies (an error text with a changing detail) cannot escape the dedup;
/// * every object has a token bucket (`burst` writes, one more per `refill`); an occurrence
///   over the limit is not written, but a repeat still counts, so the next series update
///   carries the true total.
struct EventRecorder: Sendable {
    var seriesWindow: Duration = .seconds(360)
    var burst = 25
    var refill: Duration = .seconds(300)
    var similarWindow: Duration = .seconds(600)
    var maxSimilar = 10
    /// The `reportingController` of every Event (spec §11's controller name).
    var controller = "vmoperator.vmware.com/virtualmachineservice-controller"
    /// The `reportingInstance`: which worker wrote it.
    var instance: String

    /// What to send.
    enum Write: Sendable, Hashable {
        case create(Event)
        case updateSeries(namespace: String, name: String, series: EventSeries)
    }

    private struct SeriesKey: Hashable {
        var object: String
        var reason: String
        /// nil: the combined Event of many similar messages.
        var message: String?
    }

    private struct SimilarKey: Hashable {
        var object: String
        var type: String
        var reason: String
    }

    /// The different messages seen for one `SimilarKey` lately.
    private struct Similar {
        var messages: Set<String> = []
        var lastSeen: MicroTime
    }

    private struct Series {
        var eventName: String
        var count: Int32
        var lastObserved: MicroTime
        /// Whether `count` went past what the API holds (the increase was rate limited).
        var unwritten: Bool
    }

    private struct Bucket {
        var tokens: Double
        var updated: MicroTime
    }

    private var series: [SeriesKey: Series] = [:]
    private var buckets: [String: Bucket] = [:]
    private var similar: [SimilarKey: Similar] = [:]
    private var created = 0
    /// Above this many remembered series, expired ones are dropped.
    private let pruneThreshold = 4096

    init(instance: String) {
        self.instance = instance
    }

    /// The write for one occurrence of `event` on `regarding`; nil when the rate limit holds it back.
    mutating func record(_ event: ReconcileEvent, regarding: ObjectReference, now: MicroTime) -> Write? {
        let objectKey = "\(regarding.namespace ?? "")/\(regarding.name ?? "")"
        let combined = isCombined(event, object: objectKey, now: now)
        let key = SeriesKey(object: objectKey, reason: event.reason, message: combined ? nil : event.message)
        if var existing = series[key],
            now.microsecondsSince1970 - existing.lastObserved.microsecondsSince1970
                < seriesWindow.microseconds
        {
            existing.count += 1
            existing.lastObserved = now
            existing.unwritten = !takeToken(objectKey, now: now)
            series[key] = existing
            guard !existing.unwritten else { return nil }
            return .updateSeries(
                namespace: regarding.namespace ?? "", name: existing.eventName,
                series: EventSeries(count: existing.count, lastObservedTime: now))
        }
        guard takeToken(objectKey, now: now) else { return nil }
        pruneIfLarge(now: now)
        let name = eventName(for: regarding, now: now)
        series[key] = Series(eventName: name, count: 1, lastObserved: now, unwritten: false)
        var note = event
        if combined { note.message = "(combined from similar events): \(event.message)" }
        return .create(makeEvent(note, named: name, regarding: regarding, now: now))
    }

    /// Records the message among its similar ones; whether it is to be combined (client-go:
    /// from the `maxSimilar`-th different message within `similarWindow` on).
    private mutating func isCombined(_ event: ReconcileEvent, object: String, now: MicroTime) -> Bool {
        let key = SimilarKey(object: object, type: event.type, reason: event.reason)
        var record = similar[key] ?? Similar(lastSeen: now)
        if now.microsecondsSince1970 - record.lastSeen.microsecondsSince1970 > similarWindow.microseconds {
            record = Similar(lastSeen: now)
        }
        record.messages.insert(event.message)
        record.lastSeen = now
        let combined = record.messages.count >= maxSimilar
        // Like client-go, the set never grows past the threshold.
        if combined { record.messages.remove(event.message) }
        similar[key] = record
        return combined
    }

    /// A create that failed: the next occurrence creates again instead of counting into an
    /// Event that does not exist.
    mutating func createFailed(_ event: Event) {
        series = series.filter { $0.value.eventName != event.metadata.name }
    }

    private func makeEvent(
        _ event: ReconcileEvent, named name: String, regarding: ObjectReference, now: MicroTime
    )
        -> Event
    {
        var object = Event(metadata: ObjectMeta(name: name, namespace: regarding.namespace))
        object.eventTime = now
        object.reportingController = controller
        object.reportingInstance = instance
        object.action = "Reconcile"
        object.reason = event.reason
        object.note = String(event.message.prefix(1024))
        object.type = event.type
        object.regarding = regarding
        return object
    }

    /// client-go's naming: the object's name and a unique hexadecimal suffix.
    private mutating func eventName(for regarding: ObjectReference, now: MicroTime) -> String {
        created += 1
        let unique = now.microsecondsSince1970 &* 1000 &+ Int64(created % 1000)
        return "\(regarding.name ?? "object").\(String(UInt64(bitPattern: unique), radix: 16))"
    }

    private mutating func takeToken(_ object: String, now: MicroTime) -> Bool {
        var bucket = buckets[object] ?? Bucket(tokens: Double(burst), updated: now)
        let elapsed = Double(now.microsecondsSince1970 - bucket.updated.microsecondsSince1970)
        bucket.tokens = min(Double(burst), bucket.tokens + max(0, elapsed) / Double(refill.microseconds))
        bucket.updated = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[object] = bucket
        return allowed
    }

    private mutating func pruneIfLarge(now: MicroTime) {
        guard series.count > pruneThreshold else { return }
        let horizon = now.microsecondsSince1970 - seriesWindow.microseconds
        series = series.filter { $0.value.lastObserved.microsecondsSince1970 >= horizon }
        let idle = now.microsecondsSince1970 - refill.microseconds * Int64(burst)
        buckets = buckets.filter { $0.value.updated.microsecondsSince1970 >= idle }
        let quiet = now.microsecondsSince1970 - similarWindow.microseconds
        similar = similar.filter { $0.value.lastSeen.microsecondsSince1970 >= quiet }
    }
}

extension Duration {
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
