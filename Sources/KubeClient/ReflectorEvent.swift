import KubeModel

/// What a `Reflector` tells its consumer, in the order the changes happened.
public enum ReflectorEvent<Object: KubernetesObject>: Sendable {
    case added(Object)
    /// An object changed; `old` is the last state the consumer was told about.
    case updated(old: Object, new: Object)
    /// The object's last state, as the server reported it on deletion.
    case deleted(Object)
    /// The complete state after a (re)list. `deleted` holds objects the consumer knew that
    /// no longer exist (or were recreated under the same name with a new uid) — deletions
    /// missed while the watch was down. The first event of every reflector is a replace.
    case replaced(objects: [Object], deleted: [Object])
}
