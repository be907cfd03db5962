import Testing

@testable import KubeSim

@Suite struct AuthRequestAttributesTests {
    static func attributes(_ method: String, _ uri: String) -> RequestAttributes {
        let request = APIRequest(method: method, uri: uri, headers: [], body: [])
        return RequestAttributes(request, route: Route(segments: request.segments))
    }

    @Test func getWithoutANameIsListOrWatch() {
        #expect(Self.attributes("GET", "/api/v1/namespaces/ns1/services").verb == "list")
        #expect(Self.attributes("GET", "/api/v1/namespaces/ns1/services?watch=true").verb == "watch")
        #expect(Self.attributes("GET", "/api/v1/namespaces/ns1/services?watch=false").verb == "list")
        #expect(Self.attributes("GET", "/api/v1/watch/namespaces/ns1/services/web").verb == "watch")
        #expect(Self.attributes("GET", "/api/v1/namespaces/ns1/services/web").verb == "get")
    }

    @Test func aFieldSelectorOnTheNameNamesTheObject() {
        let watch = Self.attributes("GET", "/api/v1/namespaces/ns1/services?watch=1&fieldSelector=metadata.name%3Dweb")
        #expect(watch.verb == "watch")
        #expect(watch.name == "web")
    }

    @Test func deleteWithoutANameIsDeleteCollection() {
        #expect(Self.attributes("DELETE", "/api/v1/namespaces/ns1/configmaps").verb == "deletecollection")
        #expect(Self.attributes("DELETE", "/api/v1/namespaces/ns1/configmaps/a").verb == "delete")
    }

    @Test func subresourceGroupAndNamespaceComeFromThePath() {
        let status = Self.attributes(
            "PUT", "/apis/vmoperator.vmware.com/v1alpha2/namespaces/ns1/virtualmachineservices/web/status")
        #expect(status.verb == "update")
        #expect(status.group == "vmoperator.vmware.com")
        #expect(status.combinedResource == "virtualmachineservices/status")
        #expect(status.namespace == "ns1")
        #expect(status.name == "web")
    }

    @Test func aNamespaceIsInItself() {
        let namespace = Self.attributes("GET", "/api/v1/namespaces/ns1")
        #expect(namespace.resource == "namespaces")
        #expect(namespace.namespace == "ns1")
        #expect(Self.attributes("GET", "/api/v1/namespaces").namespace == "")
    }

    @Test func discoveryIsANonResourceRequest() {
        let discovery = Self.attributes("GET", "/apis/vmoperator.vmware.com/v1alpha2")
        #expect(!discovery.isResourceRequest)
        #expect(discovery.path == "/apis/vmoperator.vmware.com/v1alpha2")
        #expect(discovery.verb == "get")
    }
}
