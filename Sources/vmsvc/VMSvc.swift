import ArgumentParser

@main
struct VMSvc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmsvc",
        abstract: "Keeps a Service and Endpoints in step with the VirtualMachines each VirtualMachineService selects.",
        discussion: """
            The controller for vmoperator.vmware.com VirtualMachineServices, built as a coordinator \
            that watches the API and namespace-sharded workers that write. See README.md.
            """,
        subcommands: [
            CoordinatorCommand.self, WorkerCommand.self, RunCommand.self, VerifyCommand.self, SimCommand.self, KeysCommand.self,
            VersionCommand.self,
        ]
    )
}
