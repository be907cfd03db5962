import PropertyBased
import Testing

@testable import VMServiceCore

/// On random fleets and random operation sequences the index answers exactly what brute-force
/// matching over all VMs and services answers, after every step.
@Suite struct SelectorIndexPropertyTests {
    /// One step, decoded from small integers so the generator shrinks well. Labels and
    /// selectors come from three keys with two values each (plus "absent"), so matches are common.
    enum Step: CustomStringConvertible {
        case upsertVM(name: String, labels: [String: String], ip: String)
        case removeVM(name: String)
        case upsertService(name: String, selector: [String: String])
        case removeService(name: String)

        static let keys = ["a", "b", "c"]

        /// `code` in 0..<27 picks, per key, absent / "x" / "y".
        static func labels(_ code: Int) -> [String: String] {
            var labels: [String: String] = [:]
            var rest = code
            for key in keys {
                switch rest % 3 {
                case 1: labels[key] = "x"
                case 2: labels[key] = "y"
                default: break
                }
                rest /= 3
            }
            return labels
        }

        init(kind: Int, name: Int, code: Int) {
            switch kind {
            case 0, 1, 2: self = .upsertVM(name: "vm\(name)", labels: Self.labels(code % 27), ip: "10.0.0.\(code / 27)")
            case 3: self = .removeVM(name: "vm\(name)")
            case 4: self = .upsertService(name: "svc\(name % 5)", selector: Self.labels(code % 27))
            default: self = .removeService(name: "svc\(name % 5)")
            }
        }

        var description: String {
            switch self {
            case let .upsertVM(name, labels, ip): "upsertVM(\(name), \(labels.sorted { $0.key < $1.key }), \(ip))"
            case let .removeVM(name): "removeVM(\(name))"
            case let .upsertService(name, selector): "upsertService(\(name), \(selector.sorted { $0.key < $1.key }))"
            case let .removeService(name): "removeService(\(name))"
            }
        }
    }

    /// The same state, kept in plain dictionaries and matched by brute force.
    struct Model {
        var vms: [String: VMProjection] = [:]
        var selectors: [String: [String: String]] = [:]

        func services(selecting labels: [String: String]) -> Set<String> {
            Set(selectors.filter { SelectorIndex.selector($0.value, selects: labels) }.keys)
        }

        func vmNames(selectedBy service: String) -> Set<String> {
            guard let selector = selectors[service] else { return [] }
            return Set(vms.values.filter { SelectorIndex.selector(selector, selects: $0.labels) }.map(\.name))
        }

        /// The services spec §2.2 says a VM change enqueues.
        func affected(old: VMProjection?, new: VMProjection?) -> Set<String> {
            let lookUp = VMChange.classify(old: old, new: new).labelSetsToLookUp
            var result = Set<String>()
            if lookUp.contains(.old), let old { result.formUnion(services(selecting: old.labels)) }
            if lookUp.contains(.new), let new { result.formUnion(services(selecting: new.labels)) }
            return result
        }
    }

    static let steps = zip(Gen.int(in: 0...5), Gen.int(in: 0...7), Gen.int(in: 0...80))
        .map { Step(kind: $0.0, name: $0.1, code: $0.2) }
        .array(of: 1...80)

    @Test func indexAgreesWithBruteForceAfterEveryStep() async {
        await propertyCheck(count: 200, input: Self.steps) { steps in
            var index = SelectorIndex()
            var model = Model()
            for step in steps {
                switch step {
                case let .upsertVM(name, labels, ip):
                    let vm = VMProjection(namespace: "ns", name: name, uid: "u-\(name)", labels: labels, primaryIP4: ip)
                    let expected = model.affected(old: model.vms[name], new: vm)
                    model.vms[name] = vm
                    #expect(index.upsertVM(vm) == expected, "\(step)")
                case let .removeVM(name):
                    let expected = model.affected(old: model.vms.removeValue(forKey: name), new: nil)
                    #expect(index.removeVM(named: name) == expected, "\(step)")
                case let .upsertService(name, selector):
                    model.selectors[name] = selector
                    index.upsertService(named: name, selector: selector)
                case let .removeService(name):
                    model.selectors[name] = nil
                    index.removeService(named: name)
                }
                Self.expectAgreement(index, model, after: step)
            }
        }
    }

    private static func expectAgreement(_ index: SelectorIndex, _ model: Model, after step: Step) {
        #expect(index.vmCount == model.vms.count, "\(step)")
        #expect(Set(index.serviceNames) == Set(model.selectors.keys), "\(step)")
        for service in model.selectors.keys {
            #expect(index.vmNames(selectedBy: service) == model.vmNames(selectedBy: service), "\(step): \(service)")
            #expect(Set(index.vms(selectedBy: service).map(\.name)) == model.vmNames(selectedBy: service))
        }
        for code in 0..<27 {
            let labels = Step.labels(code)
            #expect(index.services(selecting: labels) == model.services(selecting: labels), "\(step): \(labels)")
        }
        for (name, vm) in model.vms {
            #expect(index.vm(named: name) == vm, "\(step)")
        }
    }
}
