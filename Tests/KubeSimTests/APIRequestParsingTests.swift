import Testing

@testable import KubeSim

@Suite struct APIRequestParsingTests {
    @Test func segmentsArePercentDecodedOneByOneAndEmptyOnesDropped() {
        let request = APIRequest(method: "GET", uri: "//api/v1/namespaces/a%2Fb//configmaps/x+y/", headers: [], body: [])
        #expect(request.segments == ["api", "v1", "namespaces", "a/b", "configmaps", "x+y"])
        #expect(request.query.isEmpty)
    }

    @Test func queryPairsDecodePlusAsSpaceAndKeepWhatFollowsTheFirstEquals() {
        let uri = "/api/v1/pods?labelSelector=app%3Din+(a,b)&watch&limit=&fieldSelector=a=b&&bad=%zz&%6Bey=1"
        let request = APIRequest(method: "GET", uri: uri, headers: [], body: [])
        #expect(request.query == [
            "labelSelector": "app=in (a,b)", "watch": "", "limit": "", "fieldSelector": "a=b", "bad": "%zz", "key": "1",
        ])
        #expect(request.flag("watch"))
        #expect(APIRequest(method: "GET", uri: "/?", headers: [], body: []).segments == [])
    }

    @Test func headerNamesAreLowerCased() {
        let request = APIRequest(method: "GET", uri: "/", headers: [("Content-Type", "application/json; charset=utf-8")], body: [])
        #expect(request.contentType == "application/json")
        let spaced = APIRequest(method: "GET", uri: "/", headers: [("content-type", " application/apply-patch+yaml ")], body: [])
        #expect(spaced.contentType == "application/apply-patch+yaml")
        #expect(APIRequest(method: "GET", uri: "/", headers: [], body: []).contentType == "")
    }

    /// A write without `fieldManager` is managed under the User-Agent's product, as
    /// kube-apiserver's `prefixFromUserAgent` derives it.
    @Test func fieldManagerNamesComeFromTheUserAgentAsKubeAPIServerDerivesThem() {
        #expect(ResourceVerbs.managerName(userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc") == "kubectl")
        #expect(ResourceVerbs.managerName(userAgent: "/leading-slash") == "")
        #expect(ResourceVerbs.managerName(userAgent: "tab\there/1") == "tabhere")
        #expect(ResourceVerbs.managerName(userAgent: "caf\u{E9} client") == "caf\u{E9} client")
        #expect(ResourceVerbs.managerName(userAgent: String(repeating: "m", count: 200)).utf8.count == 128)
        #expect(ResourceVerbs.managerName(userAgent: String(repeating: "m", count: 127) + "\u{E9}") == String(repeating: "m", count: 127))
    }
}

@Suite struct ContainsBytesTests {
    @Test func findsAPatternAnywhereAndOnlyWhole() {
        let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
        #expect(accept.containsBytes("as=Table"))
        #expect(accept.containsBytes("application/json"))
        #expect(!accept.containsBytes("as=table"))
        #expect(!accept.containsBytes("json;as=Table;v=v2"))
        #expect("cbor".containsBytes("cbor"))
        #expect(!"cbo".containsBytes("cbor"))
        #expect("".containsBytes(""))
        #expect(!"".containsBytes("a"))
        #expect("xxé protobuf".containsBytes("protobuf"))
        #expect(Substring("a;as=Table").description.containsBytes("as=Table"))
    }
}
