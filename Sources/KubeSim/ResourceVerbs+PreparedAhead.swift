import KubeModel

/// Creates and updates of the types whose strategy reads no server state
/// (`ResourceStrategies.preparesAlone`), prepared outside the server's lock as
/// kube-apiserver's `GuaranteedUpdate` does.
///
/// Why: patching, schema work, validation, managedFields and encoding are most of a write's
/// CPU; under the one lock they ran one write at a time however many cores there are. Here
/// the lock is taken to read the stored object, released while the new one is prepared and
/// encoded, and taken again to commit it only if the stored object is still the one it was
/// prepared from; otherwise the write starts over. Every write still commits as if it had
/// run alone at its commit: same answers, same errors, same events in the same order.
extension ResourceVerbs {
    /// Tries before falling back to preparing under the lock, so that a hot object cannot
    /// keep a write starting over.
    static let preparationAttempts = 4

    func createPreparedAhead(_ body: JSONValue, namespace: String) throws -> Written<JSONValue> {
        let fieldValidation = try fieldValidation()
        let options = writeOptions
        let candidate = try ServerState.creationCandidate(type, namespace: namespace, body)
        let type = self.type
        let now = try server.state.withLock { state in
            if type.namespaced { try state.requireLiveNamespace(namespace, creating: type, name: candidate.name) }
            return state.now
        }
        var warnings: [String] = []
        let object = try ServerState.created(type, candidate, options: options, now: now) {
            try ResourceStrategies.prepareAlone(
                &$0, old: nil, type: type, fieldValidation: fieldValidation, warnings: &warnings)
        }
        let encoded = options.dryRun ? nil : EncodedTemplate(object)
        return try server.state.withLock { state in
            // The namespace may have gone meanwhile; then this create comes after that.
            if type.namespaced { try state.requireLiveNamespace(namespace, creating: type, name: candidate.name) }
            return try state.committing(warnings: warnings) {
                try $0.finishCreate(type, object, options: options, encoded: encoded)
            }
        }
    }

    /// Updates the stored object with what `change` makes of it; nil when there is no stored
    /// object (or it keeps changing), for the caller to write under the lock instead.
    func updatePreparedAhead(_ name: String, _ change: (JSONValue) throws -> JSONValue) throws -> Written<JSONValue>? {
        let fieldValidation = try fieldValidation()
        let options = writeOptions
        let (type, key) = (self.type, self.key)
        for _ in 0..<Self.preparationAttempts {
            guard let (old, now) = server.state.withLock({ state in state.store.get(type.groupResource, key).map { ($0, state.now) } })
            else { return nil }
            var warnings: [String] = []
            let previous = server.encodings.layout(type.groupResource, key, revision: old.resourceVersion)
            // The stored object's untouched subtrees need no schema walk if this schema made it.
            let settled = type.structuralSchema.flatMap { previous?.preparedWith === $0 ? old : nil }
            let object: JSONValue
            do {
                object = try ServerState.updated(type, key, change(old), old: old, options: options, now: now) {
                    try ResourceStrategies.prepareAlone(
                        &$0, old: old, unchangedFrom: settled, type: type, fieldValidation: fieldValidation,
                        warnings: &warnings)
                }
            } catch {
                // An error stands only if it is about the object as stored now.
                if isStored(old) { throw error }
                continue
            }
            let encoded =
                object == old || options.dryRun ? nil : EncodedTemplate(object, reusing: previous.map { (old, $0) })
            let written = server.state.withLock { state -> Written<JSONValue>? in
                guard state.store.get(type.groupResource, key)?.resourceVersion == old.resourceVersion else { return nil }
                return state.committing(warnings: warnings) {
                    $0.finishUpdate(type, key, object, old: old, options: options, encoded: encoded)
                }
            }
            if let written {
                if let encoded, let stored = written.encoded {
                    server.encodings.store(
                        encoded.layout(of: stored, preparedWith: type.structuralSchema), type.groupResource, key)
                }
                return written
            }
        }
        return nil
    }

    /// Whether `object` is still the stored one (resourceVersions are never reused).
    private func isStored(_ object: JSONValue) -> Bool {
        server.state.withLock { $0.store.get(type.groupResource, key)?.resourceVersion == object.resourceVersion }
    }
}

extension ServerState {
    /// Runs a commit under the lock, collecting the encoding it stored for the response.
    mutating func committing(
        warnings: [String], _ commit: (inout ServerState) throws -> JSONValue
    ) rethrows -> ResourceVerbs.Written<JSONValue> {
        lastCommitted = nil
        defer { lastCommitted = nil }
        let value = try commit(&self)
        return ResourceVerbs.Written(value: value, warnings: warnings, encoded: lastCommitted)
    }
}
