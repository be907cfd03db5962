/// `--log-format`: `text` for people at a terminal, `json` for log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}
