"""A load of bad requests over keep-alive connections, with Python's own
http.client: several threads, each with one connection it reuses until a
response says `Connection: close`. Every request of the plan is sent as given
and must get an answer; an answer that is an error must be JSON with a
request id. Prints a JSON summary; exits 1 on any failure.

    python3 load_client.py HOST:PORT PLAN.json THREADS REQUESTS
"""

import http.client
import json
import sys
import threading


def run(address, plan, requests, offset, failures, counts, lock):
    try:
        send_all(address, plan, requests, offset, failures, counts, lock)
    except Exception as error:  # a bug here fails the run, never passes it
        with lock:
            failures.append(f"load client: {type(error).__name__}: {error}")


def send_all(address, plan, requests, offset, failures, counts, lock):
    host, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    for n in range(requests):
        step = plan[(offset + n) % len(plan)]
        body = step.get("body")
        if body is not None:
            body = body.encode() * step.get("repeat", 1)
        headers = dict(step.get("headers", []))
        try:
            connection.request(step["method"], step["path"], body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            with lock:
                failures.append(f"{step['name']}: {type(error).__name__}: {error}")
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            continue
        problem = check(step, response, data)
        with lock:
            counts[step["name"]] = counts.get(step["name"], 0) + 1
            if problem:
                failures.append(f"{step['name']}: {problem}")
        if (response.getheader("connection") or "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.close()


def check(step, response, data):
    if response.status != step["status"]:
        return f"status {response.status}, not {step['status']}: {data[:200]!r}"
    if response.status < 400:
        return None
    if not response.getheader("x-request-id"):
        return "no X-Request-Id"
    content_type = response.getheader("content-type") or ""
    if not content_type.startswith("application/") or "json" not in content_type:
        return f"content type {content_type!r}"
    try:
        json.loads(data)
    except ValueError:
        return f"not JSON: {data[:200]!r}"
    return None


def main():
    address, plan_file, threads, requests = sys.argv[1:5]
    with open(plan_file) as file:
        plan = json.load(file)
    failures, counts, lock = [], {}, threading.Lock()
    workers = [
        threading.Thread(
            target=run,
            args=(address, plan, int(requests), i, failures, counts, lock),
        )
        for i in range(int(threads))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"answered": sum(counts.values()), "counts": counts, "failures": failures[:20],
                      "failed": len(failures)}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
