import ArgumentParser
import CCurlShim
import CZeroMQ
import KubeModel

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of vmsvc and of the libraries it runs on."
    )

    func run() {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        print("vmsvc \(VMSvcVersion.current)")
        print("api: \(VirtualMachineService.apiGroup) \(VirtualMachineService.defaultVersion)")
        print("libcurl: \(String(cString: vmsvc_curl_version()))")
        print("libzmq: \(major).\(minor).\(patch)")
    }
}
