#!/usr/bin/env python3
"""Durability check: nothing acknowledged is lost, nothing is duplicated, nothing half-written.

Starts the hub, sends a burst of creates from several clients (each with its own idempotency
key), kills the server with SIGKILL several times during the burst and restarts it. Clients
retry a request whose answer they did not get, with the same key, as a real client would.
At the end, every acknowledged create must be present exactly once, with its activity entry,
and the database must be consistent.

Usage: durability.py --binary target/debug/partner-hub [--database-url URL] [--writes 240]
                     [--kills 3]
Without --database-url, a SQLite file in a temporary directory (WAL, synchronous=FULL).
Loopback only; standard library only.
"""

import argparse
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SECRET = "durability-check-secret-0123456789abcdef"
CREATE = """mutation($input: CreateActorInput!) {
  createActor(input: $input) { actor { id name } }
}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    def __init__(self, binary, database_url, port, log):
        self.binary, self.database_url, self.port, self.log = binary, database_url, port, log
        self.process = None
        self.lock = threading.Lock()
        self.generation = 0

    def env(self):
        env = dict(os.environ)
        env["PARTNER_HUB_JWT_SECRET"] = SECRET
        env["RUST_LOG"] = "warn"
        return env

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--listen", f"127.0.0.1:{self.port}",
             "--database-url", self.database_url],
            env=self.env(), stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the hub exited with {self.process.returncode} while starting")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=1) as r:
                    if r.status == 200:
                        self.generation += 1
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        sys.exit("the hub did not become ready within 60 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def token(self, role):
        out = subprocess.run(
            [self.binary, "token", "--role", role, "--subject", "durability-check",
             "--database-url", self.database_url],
            env=self.env(), check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()[-1]


def post(port, token, query, variables, timeout=10):
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=body, method="POST",
        headers={"Content-Type": "application/json",
                 "Accept": "application/graphql-response+json",
                 "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--writes", type=int, default=240)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="ph-durability-")
    sqlite_file = None
    database_url = args.database_url
    if not database_url:
        sqlite_file = os.path.join(tmp.name, "hub.db")
        database_url = f"sqlite://{sqlite_file}?mode=rwc"
    log = open(os.path.join(tmp.name, "hub.log"), "wb")
    hub = Hub(os.path.abspath(args.binary), database_url, free_port(), log)
    hub.start()
    token = hub.token("COORDINATOR")
    run = f"{os.getpid()}-{int(time.time())}"

    acknowledged = {}  # key -> (id, name)
    lock = threading.Lock()
    done = threading.Event()
    per_client = args.writes // args.clients
    kill_at = [int(args.writes * (k + 1) / (args.kills + 1)) for k in range(args.kills)]

    def client(c):
        for i in range(per_client):
            key = f"durability-{run}-{c}-{i}"
            name = f"Durabilité {run} {c}-{i}"
            variables = {"input": {"idempotencyKey": key, "kind": "ASSOCIATION",
                                   "name": {"fr": name}, "country": "MA", "seat": "MA-03"}}
            while True:
                try:
                    body = post(hub.port, token, CREATE, variables)
                except (urllib.error.URLError, OSError, ConnectionError):
                    time.sleep(0.05)  # the server is down: retry the same key
                    continue
                actor = ((body.get("data") or {}).get("createActor") or {}).get("actor")
                if actor is None:
                    code = body["errors"][0]["extensions"].get("code")
                    if code in ("SERVICE_UNAVAILABLE", "CONFLICT"):
                        time.sleep(0.05)
                        continue
                    sys.exit(f"unexpected answer: {body}")
                with lock:
                    previous = acknowledged.get(key)
                    if previous and previous[0] != actor["id"]:
                        sys.exit(f"key {key} answered two ids: {previous[0]}, {actor['id']}")
                    acknowledged[key] = (actor["id"], name)
                break

    threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
    for t in threads:
        t.start()
    kills = 0
    for target in kill_at:
        while True:
            with lock:
                if len(acknowledged) >= target:
                    break
            if not any(t.is_alive() for t in threads):
                break
            time.sleep(0.005)
        hub.kill()
        kills += 1
        time.sleep(0.2)
        hub.start()
    for t in threads:
        t.join()
    done.set()

    # One more SIGKILL right after the last acknowledgement, then read everything back.
    hub.kill()
    kills += 1
    hub.start()
    ids = {v[0] for v in acknowledged.values()}
    failures = []
    if len(acknowledged) != per_client * args.clients:
        failures.append(f"{len(acknowledged)} acknowledged of {per_client * args.clients}")
    if len(ids) != len(acknowledged):
        failures.append("two keys answered the same actor")
    found = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 100):
        chunk = id_list[start:start + 100]
        body = post(hub.port, token, "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Actor { name } } }",
                    {"ids": chunk})
        for node in body["data"]["nodes"]:
            if node:
                found[node["id"]] = node["name"]
    for key, (actor_id, name) in acknowledged.items():
        if found.get(actor_id) != name:
            failures.append(f"acknowledged {key} ({actor_id}) is missing or changed: {found.get(actor_id)}")
    body = post(hub.port, token,
                "query($s: String!) { actors(filter: { search: $s }) { totalCount } }",
                {"s": f"Durabilite {run}"})
    total = body["data"]["actors"]["totalCount"]
    if total != len(acknowledged):
        failures.append(f"{total} actors of this run exist for {len(acknowledged)} acknowledged creates")
    body = post(hub.port, token, "{ activity(filter: { kinds: [ACTOR_JOINED] }) { totalCount } }", {})
    joined = body["data"]["activity"]["totalCount"]
    hub.kill()

    if sqlite_file:
        db = sqlite3.connect(sqlite_file)
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            failures.append(f"integrity_check: {integrity}")
        counter = db.execute("SELECT position FROM activity_counter WHERE id = 1").fetchone()[0]
        positions = [r[0] for r in db.execute("SELECT position FROM activities ORDER BY position")]
        if positions != list(range(1, counter + 1))[-len(positions):] or (positions and positions[-1] != counter):
            failures.append("activity positions are not contiguous up to the counter")
        run_actors = db.execute("SELECT COUNT(*) FROM actors WHERE name_fr LIKE ?",
                                (f"Durabilité {run} %",)).fetchone()[0]
        entries = db.execute(
            "SELECT COUNT(*) FROM activities a JOIN actors x ON x.id = a.subject_id "
            "WHERE a.subject_type = 'ACTOR' AND a.kind = 'ACTOR_JOINED' AND x.name_fr LIKE ?",
            (f"Durabilité {run} %",)).fetchone()[0]
        scoped = db.execute(
            "SELECT COUNT(DISTINCT r.record_id) FROM record_circumscriptions r "
            "JOIN actors x ON x.id = r.record_id WHERE r.record_type = 'ACTOR' AND x.name_fr LIKE ?",
            (f"Durabilité {run} %",)).fetchone()[0]
        keys = db.execute("SELECT COUNT(*) FROM idempotency_keys WHERE key LIKE ?",
                          (f"durability-{run}-%",)).fetchone()[0]
        for what, value in (("actors", run_actors), ("ACTOR_JOINED entries", entries),
                            ("scoped actors", scoped), ("idempotency keys", keys)):
            if value != len(acknowledged):
                failures.append(f"{value} {what} for {len(acknowledged)} acknowledged creates")
        db.close()

    print(f"durability: {len(acknowledged)} acknowledged creates, {kills} SIGKILLs, "
          f"{joined} ACTOR_JOINED entries in the log, backend "
          f"{'sqlite' if sqlite_file else 'postgres'}")
    if failures:
        print("durability: FAILED")
        for f in failures:
            print("  -", f)
        log.flush()
        with open(os.path.join(tmp.name, "hub.log"), "rb") as f:
            sys.stdout.write(f.read().decode(errors="replace")[-4000:])
        sys.exit(1)
    print("durability: every acknowledged write is present exactly once; nothing half-written")


if __name__ == "__main__":
    main()
