/// Why a `Reflector` lists or watches again, for `Reflector.Options.onRestart`. A steady
/// trickle of `watchEnded` is normal (servers end watches after minutes); `relist` and
/// `error` cost a full list or mean the API server is unhealthy.
public enum ReflectorRestart: String, Sendable, Hashable, CaseIterable {
    /// The server ended the watch; the reflector watches again from the last version.
    case watchEnded = "watch_ended"
    /// The last version seen expired (410 Gone): everything is listed again.
    case relist
    /// The list or watch failed; the reflector retries after a backoff.
    case error
}
