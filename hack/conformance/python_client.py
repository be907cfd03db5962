"""Conformance of kube-sim against the official Python client (`kubernetes` on PyPI).

Run by python.sh against a running kube-sim whose kubeconfig is in $KUBECONFIG. Prints one
line per check and "N passed, M failed"; exits non-zero on any failure.
"""
import sys
import threading

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

config.load_kube_config()
core = client.CoreV1Api()
custom = client.CustomObjectsApi()
NS = "python-conformance"
results = {"passed": 0, "failed": 0}


def check(name, fn):
    try:
        fn()
        results["passed"] += 1
        print(f"ok   {name}")
    except Exception as error:  # report every kind of failure the same way
        results["failed"] += 1
        print(f"FAIL {name}: {error!r}")


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def create_namespace():
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=NS)))
    expect(core.read_namespace(NS).status.phase == "Active", "namespace not Active")


def create_config_maps():
    for i in range(7):
        body = client.V1ConfigMap(metadata=client.V1ObjectMeta(name=f"cm-{i}", labels={"app": "demo"}), data={"i": str(i)})
        core.create_namespaced_config_map(NS, body)


def paginated_list():
    names, token, pages, revisions = [], None, 0, set()
    while True:
        page = core.list_namespaced_config_map(NS, limit=3, _continue=token, label_selector="app=demo")
        names += [item.metadata.name for item in page.items]
        revisions.add(page.metadata.resource_version)
        pages += 1
        token = page.metadata._continue
        if not token:
            break
    expect(names == [f"cm-{i}" for i in range(7)], f"unexpected names {names}")
    expect(pages == 3, f"expected 3 pages, got {pages}")
    expect(len(revisions) == 1, "pages must share one resourceVersion")


def already_exists_is_409():
    try:
        core.create_namespaced_config_map(NS, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="cm-0")))
    except ApiException as error:
        expect(error.status == 409, f"status {error.status}")
        return
    raise AssertionError("second create succeeded")


def watch_from_resource_version_with_bookmarks():
    start = core.list_namespaced_config_map(NS).metadata.resource_version
    seen = []

    def writer():
        core.patch_namespaced_config_map("cm-1", NS, {"data": {"i": "changed"}})
        core.delete_namespaced_config_map("cm-2", NS)

    threading.Timer(0.2, writer).start()
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, NS, resource_version=start,
                          allow_watch_bookmarks=True, timeout_seconds=10):
        # The client leaves BOOKMARK objects undecoded (dicts): they carry only a resourceVersion.
        if event["type"] == "BOOKMARK":
            continue
        seen.append((event["type"], event["object"].metadata.name))
        if event["type"] == "DELETED":
            w.stop()
    expect(("MODIFIED", "cm-1") in seen and ("DELETED", "cm-2") in seen, f"events {seen}")


def bookmark_arrives():
    start = core.list_namespaced_config_map(NS).metadata.resource_version
    w = watch.Watch()
    types = []
    for event in w.stream(core.list_namespaced_config_map, NS, resource_version=start,
                          allow_watch_bookmarks=True, timeout_seconds=5):
        types.append(event["type"])
        if event["type"] == "BOOKMARK":
            w.stop()
    expect("BOOKMARK" in types, f"no bookmark in {types}")


def expired_resource_version_is_410():
    try:
        w = watch.Watch()
        for event in w.stream(core.list_namespaced_config_map, NS, resource_version="1", timeout_seconds=5):
            pass
    except ApiException as error:
        expect(error.status == 410, f"status {error.status}")
        return
    raise AssertionError("watch from an expired resourceVersion did not fail")


def custom_objects():
    vm = {
        "apiVersion": "vmoperator.vmware.com/v1alpha3", "kind": "VirtualMachine",
        "metadata": {"name": "py-vm", "labels": {"app": "demo"}}, "spec": {},
    }
    group, version, plural = "vmoperator.vmware.com", "v1alpha3", "virtualmachines"
    created = custom.create_namespaced_custom_object(group, version, NS, plural, vm)
    expect(created["metadata"]["generation"] == 1, "generation")
    status = {"status": {"network": {"primaryIP4": "10.0.0.5"}}}
    patched = custom.patch_namespaced_custom_object_status(group, version, NS, plural, "py-vm", status)
    expect(patched["status"]["network"]["primaryIP4"] == "10.0.0.5", "status patch")
    listed = custom.list_namespaced_custom_object(group, version, NS, plural, label_selector="app=demo")
    expect([item["metadata"]["name"] for item in listed["items"]] == ["py-vm"], "list")


def delete_namespace():
    core.delete_namespace(NS)


check("create namespace", create_namespace)
check("create config maps", create_config_maps)
check("list with limit/continue over one snapshot", paginated_list)
check("create of an existing name is 409", already_exists_is_409)
check("watch from a resourceVersion sees MODIFIED and DELETED", watch_from_resource_version_with_bookmarks)
check("watch with allow_watch_bookmarks gets a BOOKMARK", bookmark_arrives)
check("watch from an expired resourceVersion raises 410", expired_resource_version_is_410)
check("custom objects: create, status patch, list", custom_objects)
check("delete namespace", delete_namespace)

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
