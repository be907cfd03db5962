import KubeModel

extension VirtualMachineService.APIVersion {
    /// `--api-version`, else `VMSVC_API_VERSION`, else the default: the one resolution both
    /// the coordinator (what it watches) and the workers (what they write) use.
    static func resolved(flag: Self?) -> Self {
        flag ?? Environment.string("VMSVC_API_VERSION").flatMap(Self.init) ?? VirtualMachineService.defaultVersion
    }
}
