import Foundation
import KubeModel

extension APIError {
    /// kube-apiserver's answer to credentials it cannot verify (or none where they are needed).
    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    /// kube-apiserver's authorization denial (`responsewriters.Forbidden`): the user, verb and
    /// resource (with subresource), API group and namespace or cluster scope, then RBAC's reason.
    static func forbidden(_ user: UserInfo, _ request: RequestAttributes, reason: String) -> APIError {
        var message: String
        if !request.isResourceRequest {
            message = "User \"\(user.name)\" cannot \(request.verb) path \"\(request.path)\""
        } else {
            let scope = request.namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(request.namespace)\""
            message = "User \"\(user.name)\" cannot \(request.verb) resource \"\(request.combinedResource)\" in API group \"\(request.group)\" \(scope)"
        }
        if !reason.isEmpty { message += ": \(reason)" }
        // The sanitizer kube-apiserver applies, since the message echoes the request.
        message = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        guard request.isResourceRequest else {
            return APIError(code: 403, reason: "Forbidden", message: "forbidden: \(message)", details: StatusDetails())
        }
        return forbidden(GroupResource(group: request.group, resource: request.resource), request.name, message)
    }
}
