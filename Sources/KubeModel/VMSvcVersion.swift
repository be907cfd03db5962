/// The version of vmsvc, reported by `vmsvc version`, in the User-Agent and in metrics.
public enum VMSvcVersion {
    public static let current = "0.1.0"
}
