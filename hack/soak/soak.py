#!/usr/bin/env python3
"""The long fault suite (issue 8): `make soak`.

Starts kube-sim, a fleet, coordinators and workers (all `vmsvc` processes on loopback),
keeps VM IPs churning, and runs counted iterations of each fault:

  kill      kill -9 of a random worker at a random time (default 100 times): time until the
            coordinator has reassigned all its namespaces
  failover  kill -9 of the leading coordinator of two (default 10 times): time until a VM
            change made right after the kill reaches its Endpoints
  stale     SIGSTOP of a worker for 3 heartbeat timeouts, then SIGCONT (default 5 times):
            writes the worker made after its namespaces moved
  rss       every process's RSS over a churned soak (default 10 minutes): growth

Every scenario ends with `vmsvc verify` = 0 discrepancies and counts lost updates (a VM's
last accepted IP missing from its Endpoints). Writes JSON and Markdown reports.

Usage: hack/soak/soak.py [--vmsvc PATH] [--out DIR] [--kills N] [--failovers N]
                         [--stale N] [--rss-minutes M] [--scenarios kill,failover,stale,rss]
"""
import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HEARTBEAT = 0.2  # seconds; liveness 3
NAMESPACES, VMS, APPS = 10, 20, 4
LEASE = ["--leader-election-lease-duration", "2s", "--leader-election-renew-deadline", "1500ms",
         "--leader-election-retry-period", "250ms"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    """A vmsvc process whose output lines are kept (with arrival times) for waiting on."""

    def __init__(self, vmsvc, name, args):
        self.name = name
        self.lines = []  # (monotonic time, line)
        self.cond = threading.Condition()
        self.p = subprocess.Popen([vmsvc] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            with self.cond:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self.cond.notify_all()

    def wait_line(self, text, start=0, timeout=60):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, line in self.lines[start:]:
                    if text in line:
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.p.poll() is not None:
                    return None
                self.cond.wait(left)

    def json_lines(self, text):
        with self.cond:
            found = [line for _, line in self.lines if text in line]
        out = []
        for line in found:
            try:
                out.append(json.loads(line[line.index("{"):]))
            except ValueError:
                pass
        return out

    def rss_kib(self):
        try:
            with open(f"/proc/{self.p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None

    def signal(self, sig):
        if self.p.poll() is None:
            os.kill(self.p.pid, sig)

    def stop(self):
        self.signal(signal.SIGCONT)
        self.signal(signal.SIGTERM)
        try:
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


class API:
    def __init__(self, url):
        self.url = url

    def call(self, method, path, body=None, content="application/json"):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": content, "User-Agent": "soak"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")

    def writes_by(self, component):
        """Writes kube-sim answered for the client whose User-Agent ends with `component`
        (`worker/ID`: one worker process), counted where they land rather than by the
        worker's own /metrics, which a frozen process cannot serve."""
        rows = self.call("GET", "/admin/requests")["items"]
        return sum(r["count"] for r in rows
                   if r["client"].endswith(" " + component) and r["verb"] in ("create", "update", "patch", "delete"))

    def patch_status(self, ns, name, ip, ready=True):
        body = {"status": {"network": {"primaryIP4": ip}, "conditions": [{
            "type": "Ready", "status": "True" if ready else "False", "reason": "Soak", "message": "",
            "lastTransitionTime": "2027-01-01T00:00:00Z"}]}}
        self.call("PATCH", f"/apis/vmoperator.vmware.com/v1alpha3/namespaces/{ns}/virtualmachines/{name}/status",
                  body, "application/merge-patch+json")

    def endpoint_ips(self, ns, name):
        try:
            ep = self.call("GET", f"/api/v1/namespaces/{ns}/endpoints/{name}")
        except urllib.error.HTTPError:
            return set()
        return {a["ip"] for s in ep.get("subsets") or [] for a in (s.get("addresses") or []) + (s.get("notReadyAddresses") or [])}


def ip(n, i, gen):
    return f"10.{n}.{gen}.{i + 1}"


class Fleet:
    """NAMESPACES × VMS VMs over APPS ClusterIP services, and a churn that remembers each VM's last IP."""

    def __init__(self, api):
        self.api = api
        self.gen = {}
        self.lock = threading.Lock()
        self.changes = 0
        self.stop_event = threading.Event()
        self.threads = []

    def create(self):
        for n in range(NAMESPACES):
            ns = f"soak-{n}"
            self.api.call("POST", "/api/v1/namespaces", {"metadata": {"name": ns}})
            for a in range(APPS):
                self.api.call("POST", f"/apis/vmoperator.vmware.com/v1alpha3/namespaces/{ns}/virtualmachineservices", {
                    "apiVersion": "vmoperator.vmware.com/v1alpha3", "kind": "VirtualMachineService",
                    "metadata": {"name": f"app-{a}"},
                    "spec": {"type": "ClusterIP", "selector": {"app": f"app-{a}"},
                             "ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080}]}})
            for i in range(VMS):
                self.api.call("POST", f"/apis/vmoperator.vmware.com/v1alpha3/namespaces/{ns}/virtualmachines", {
                    "apiVersion": "vmoperator.vmware.com/v1alpha3", "kind": "VirtualMachine",
                    "metadata": {"name": f"vm-{i}", "labels": {"app": f"app-{i % APPS}"}}, "spec": {}})
                self.change(n, i)

    def change(self, n, i):
        with self.lock:
            g = self.gen.get((n, i), 0) % 250 + 1
            self.gen[(n, i)] = g
        while True:
            try:
                self.api.patch_status(f"soak-{n}", f"vm-{i}", ip(n, i, g))
                with self.lock:
                    self.changes += 1
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)

    def start_churn(self, writers=2, rate=20.0):
        self.stop_event.clear()

        def loop(w):
            mine = [(n, i) for n in range(NAMESPACES) for i in range(VMS) if (n * VMS + i) % writers == w]
            while not self.stop_event.is_set():
                self.change(*random.choice(mine))
                time.sleep(writers / rate)
        self.threads = [threading.Thread(target=loop, args=(w,), daemon=True) for w in range(writers)]
        for t in self.threads:
            t.start()

    def stop_churn(self):
        self.stop_event.set()
        for t in self.threads:
            t.join()

    def lost_updates(self):
        lost = 0
        for n in range(NAMESPACES):
            for a in range(APPS):
                ips = self.api.endpoint_ips(f"soak-{n}", f"app-{a}")
                lost += sum(1 for i in range(VMS) if i % APPS == a and ip(n, i, self.gen[(n, i)]) not in ips)
        return lost


class Cluster:
    def __init__(self, vmsvc, work, coordinators=1, workers=3):
        self.vmsvc, self.work = vmsvc, work
        self.kubeconfig = os.path.join(work, "kubeconfig")
        self.sim = Proc(vmsvc, "sim", ["sim", "--port", "0", "--crds", "deploy/crds", "--kubeconfig-out", self.kubeconfig])
        line = self.sim.wait_line("kube-sim listening on")
        self.url = line.split()[-1]
        self.api = API(self.url)
        self.elect = coordinators > 1
        self.coordinator_ports = [free_port() for _ in range(coordinators)]
        self.coordinators = [self.start_coordinator(k) for k in range(coordinators)]
        self.workers = {}
        self.next_worker = 0
        for _ in range(workers):
            self.start_worker()

    def common(self):
        return ["--kubeconfig", self.kubeconfig, "--log-format", "json", "--metrics-bind-address", "127.0.0.1:0",
                "--health-probe-bind-address", "0", "--heartbeat-interval", f"{int(HEARTBEAT * 1000)}ms",
                "--heartbeat-liveness", "3"]

    def start_coordinator(self, k):
        args = ["coordinator", "--listen", f"tcp://127.0.0.1:{self.coordinator_ports[k]}",
                "--insecure-shard-channel"] + self.common()
        if self.elect:
            args += ["--leader-elect", "--leader-election-namespace", "default"] + LEASE
        return Proc(self.vmsvc, f"coordinator {k}", args)

    def start_worker(self, batch="50ms"):
        wid = f"soak-w{self.next_worker}"
        self.next_worker += 1
        args = ["worker", "--coordinator", f"tcp://127.0.0.1:{self.coordinator_ports[0]}", "--worker-id", wid,
                "--batch-period", batch, "--insecure-shard-channel"] + self.common()
        if self.elect:
            args += ["--coordinator-lease", "default/vmsvc-coordinator"]
        self.workers[wid] = Proc(self.vmsvc, wid, args)
        return wid

    def owners(self, coordinator):
        owners = {}
        for entry in coordinator.json_lines("namespace assigned"):
            owners[entry["namespace"]] = entry["worker"]
        return owners

    def verify(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = subprocess.run([self.vmsvc, "verify", "--kubeconfig", self.kubeconfig], capture_output=True, text=True)
            if r.returncode == 0:
                return 0
            time.sleep(0.5)
        m = re.search(r"(\d+) discrepancies", r.stdout + r.stderr)
        return int(m.group(1)) if m else -1

    def stop(self):
        for p in list(self.workers.values()) + self.coordinators + [self.sim]:
            p.stop()


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(values):
    return {"n": len(values), "p50": percentile(values, 50), "max": max(values) if values else None}


def scenario_kill(vmsvc, work, iterations):
    c = Cluster(vmsvc, work)
    fleet = Fleet(c.api)
    try:
        fleet.create()
        c.verify()
        fleet.start_churn()
        times = []
        for k in range(iterations):
            time.sleep(random.uniform(0.3, 2.0))
            coordinator = c.coordinators[0]
            owners = c.owners(coordinator)
            victim = random.choice(sorted(c.workers))
            orphaned = [ns for ns, w in owners.items() if w == victim]
            killed = time.monotonic()
            c.workers.pop(victim).signal(signal.SIGKILL)
            while orphaned:
                now = c.owners(coordinator)
                if all(now.get(ns) != victim for ns in orphaned):
                    times.append(time.monotonic() - killed)
                    break
                if time.monotonic() - killed > 30:
                    print(f"kill {k}: {victim}'s namespaces not reassigned after 30 s", file=sys.stderr)
                    break
                time.sleep(0.01)
            c.start_worker()
            print(f"kill {k + 1}/{iterations}: {victim} owned {len(orphaned)}; reassigned after "
                  f"{times[-1] if orphaned and times else 'n/a'}", flush=True)
        fleet.stop_churn()
        discrepancies = c.verify()
        return {"iterations": iterations, "reassignment_seconds": summary(times), "changes": fleet.changes,
                "lost_updates": fleet.lost_updates(), "verify_discrepancies": discrepancies,
                "heartbeat_seconds": HEARTBEAT, "liveness": 3}
    finally:
        c.stop()


def scenario_failover(vmsvc, work, iterations):
    c = Cluster(vmsvc, work, coordinators=2, workers=2)
    fleet = Fleet(c.api)
    try:
        fleet.create()
        c.verify()
        times = []
        for k in range(iterations):
            leaders = [i for i, p in enumerate(c.coordinators) if p.json_lines("became leader")]
            if len(leaders) != 1:
                time.sleep(0.5)
                leaders = [i for i, p in enumerate(c.coordinators) if p.json_lines("became leader")]
            leader = leaders[0]
            killed = time.monotonic()
            c.coordinators[leader].signal(signal.SIGKILL)
            n, i = random.randrange(NAMESPACES), random.randrange(VMS)
            fleet.change(n, i)
            expected = ip(n, i, fleet.gen[(n, i)])
            while expected not in c.api.endpoint_ips(f"soak-{n}", f"app-{i % APPS}"):
                if time.monotonic() - killed > 60:
                    break
                time.sleep(0.02)
            times.append(time.monotonic() - killed)
            c.coordinators[leader] = c.start_coordinator(leader)  # back as the standby
            print(f"failover {k + 1}/{iterations}: writes resumed after {times[-1]:.2f} s", flush=True)
        discrepancies = c.verify()
        return {"iterations": iterations, "writes_resumed_seconds": summary(times), "lease_duration_seconds": 2,
                "lost_updates": fleet.lost_updates(), "verify_discrepancies": discrepancies}
    finally:
        c.stop()


def scenario_stale(vmsvc, work, iterations):
    c = Cluster(vmsvc, work, workers=2)
    # The victim's batch period is 5 s: after the two passes of a burst, a change waits
    # that long, so it has changes held back when it is frozen.
    victim_id = c.start_worker(batch="5s")
    victim = c.workers[victim_id]
    fleet = Fleet(c.api)
    try:
        fleet.create()
        c.verify()
        stale = []
        for k in range(iterations):
            fleet.start_churn()
            time.sleep(2)
            fleet.stop_churn()
            c.verify()
            coordinator = c.coordinators[0]
            owned = [ns for ns, w in c.owners(coordinator).items() if w == victim_id]
            for ns in owned:
                n, i = int(ns.split("-")[1]), random.randrange(VMS)
                for _ in range(3):  # two go out at once (the burst), the third is held
                    fleet.change(n, i)
            time.sleep(1)  # the deltas reach the victim
            victim.signal(signal.SIGSTOP)
            # Frozen, it sends nothing more: what kube-sim has from it now came before.
            before = c.api.writes_by(f"worker/{victim_id}")
            deadline = time.monotonic() + 30
            while any(c.owners(coordinator).get(ns) == victim_id for ns in owned) and time.monotonic() < deadline:
                time.sleep(0.05)
            c.verify()  # the new owners applied the changes
            mark = len(coordinator.lines)
            victim.signal(signal.SIGCONT)
            coordinator.wait_line(f'"worker":"{victim_id}"', start=mark, timeout=30)
            c.verify()
            time.sleep(1.2)  # its held passes have run (and found no ownership) by now
            stale.append(c.api.writes_by(f"worker/{victim_id}") - before)
            print(f"stale {k + 1}/{iterations}: {victim_id} (owned {len(owned)}) wrote {stale[-1]:.0f} times after "
                  f"its namespaces moved", flush=True)
        discrepancies = c.verify()
        return {"iterations": iterations, "stale_writes": stale, "lost_updates": fleet.lost_updates(),
                "verify_discrepancies": discrepancies}
    finally:
        c.stop()


def scenario_rss(vmsvc, work, minutes):
    c = Cluster(vmsvc, work)
    fleet = Fleet(c.api)
    try:
        fleet.create()
        c.verify()
        fleet.start_churn(rate=50.0)
        processes = [c.sim] + c.coordinators + list(c.workers.values())
        samples = {p.name: [] for p in processes}
        end = time.monotonic() + minutes * 60
        while time.monotonic() < end:
            for p in processes:
                samples[p.name].append(p.rss_kib())
            time.sleep(10)
        fleet.stop_churn()
        discrepancies = c.verify()
        report = {}
        for name, values in samples.items():
            values = [v for v in values if v]
            # The first minute is warm-up (caches fill); growth is measured after it.
            warm = values[min(len(values) - 1, 6):] if values else []
            report[name] = {"first_kib": warm[0] if warm else None, "last_kib": warm[-1] if warm else None,
                            "max_kib": max(warm) if warm else None,
                            "growth_percent": round(100 * (warm[-1] - warm[0]) / warm[0], 1) if warm else None}
        return {"minutes": minutes, "changes": fleet.changes, "rss": report, "lost_updates": fleet.lost_updates(),
                "verify_discrepancies": discrepancies}
    finally:
        c.stop()


def markdown(result):
    out = [f"# Soak report ({result['date']})", "", f"`{result['command']}` on {result['machine']}", ""]
    k = result.get("kill")
    if k:
        r = k["reassignment_seconds"]
        out += ["## kill -9 of a worker", "",
                f"{k['iterations']} kills, heartbeat {k['heartbeat_seconds']} s × {k['liveness']}: namespaces reassigned "
                f"after p50 {r['p50']:.2f} s, max {r['max']:.2f} s; {k['changes']} VM changes, lost updates "
                f"{k['lost_updates']}, verify discrepancies {k['verify_discrepancies']}.", ""]
    f = result.get("failover")
    if f:
        r = f["writes_resumed_seconds"]
        out += ["## Coordinator failover", "",
                f"{f['iterations']} leader kills, lease {f['lease_duration_seconds']} s: writes resumed after "
                f"p50 {r['p50']:.2f} s, max {r['max']:.2f} s; lost updates {f['lost_updates']}, "
                f"verify discrepancies {f['verify_discrepancies']}.", ""]
    s = result.get("stale")
    if s:
        out += ["## Stale worker (SIGSTOP past the heartbeat timeout)", "",
                f"{s['iterations']} freezes: writes after the namespaces moved {s['stale_writes']} (total "
                f"{sum(s['stale_writes']):.0f}); lost updates "
                f"{s['lost_updates']}, verify discrepancies {s['verify_discrepancies']}.", ""]
    m = result.get("rss")
    if m:
        out += [f"## RSS over {m['minutes']} minutes of churn ({m['changes']} VM changes)", "",
                "| process | after warm-up (KiB) | end (KiB) | max (KiB) | growth |", "| --- | --- | --- | --- | --- |"]
        for name, r in m["rss"].items():
            out.append(f"| {name} | {r['first_kib']} | {r['last_kib']} | {r['max_kib']} | {r['growth_percent']} % |")
        out += ["", f"Lost updates {m['lost_updates']}, verify discrepancies {m['verify_discrepancies']}.", ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vmsvc", default=os.environ.get("VMSVC", ".build/release/vmsvc"))
    parser.add_argument("--out", default=".build/soak")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--failovers", type=int, default=10)
    parser.add_argument("--stale", type=int, default=5)
    parser.add_argument("--rss-minutes", type=float, default=10)
    parser.add_argument("--scenarios", default="kill,failover,stale,rss")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "command": " ".join(sys.argv),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"}
    runners = {"kill": (scenario_kill, args.kills), "failover": (scenario_failover, args.failovers),
               "stale": (scenario_stale, args.stale), "rss": (scenario_rss, args.rss_minutes)}
    for name in args.scenarios.split(","):
        work = tempfile.mkdtemp(prefix=f"vmsvc-soak-{name}-")
        try:
            run, count = runners[name]
            print(f"== {name}", flush=True)
            result[name] = run(args.vmsvc, work, count)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        with open(os.path.join(args.out, "soak.json"), "w") as f:
            json.dump(result, f, indent=2)
        with open(os.path.join(args.out, "soak.md"), "w") as f:
            f.write(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
