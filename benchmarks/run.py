"""`make bench`: the toolkit's speed under load, on the demo and 400 councils of scale data.

1. Makes a database of its own (PostgreSQL when it can reach one, else SQLite, saying so):
   migrate, the question bank, the demo, and `seed_demo --scale 400`.
2. Serves the app with gunicorn (2 workers, DEBUG off), signs in as merton-pm through the real
   sign-in form, and loads each page with wrk (16 connections for 6 seconds, after a warm-up),
   the floor (a static page in the base layout) first, sampling the workers' memory meanwhile.
3. Stops the server, then times each report in a process of its own (`manage.py bench reports`).
4. Prints a table, and with --json writes every figure to a file.

Needs wrk (Debian: apt-get install wrk). Run from the project with the project's Python:
    .venv/bin/python benchmarks/run.py [--json results.json]
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from server import Gunicorn
from session import Session, form_body

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "page.lua"
PASSWORD = "share-services-demo"  # the demo's published password (seed_demo.DEMO_PASSWORD)
NOT_OURS = {"sharedservices_ci", "test_sharedservices_ci"}
TARGET_RATIO, TARGET_PDF_S, TARGET_APP_SHARE = 2.0, 1.5, 0.20


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="sharedservices_bench", help="PostgreSQL database to (re)create (default %(default)s)")
    parser.add_argument("--councils", type=int, default=400, help="councils of scale data (default %(default)s)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=6, help="seconds of load per page (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page (default %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="renders of each report, of which the median (default %(default)s)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--reuse", action="store_true", help="keep the database made last time (migrated and seeded only as needed)")
    return parser.parse_args()


def run(command, env, what):
    started = time.monotonic()
    done = subprocess.run(command, check=False, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{what} failed:\n{done.stdout}{done.stderr}")
    return done.stdout, time.monotonic() - started


def postgres_reachable() -> bool:
    if not (shutil.which("psql") and shutil.which("createdb")):
        return False
    return subprocess.run(["psql", "-d", "postgres", "-Atc", "select 1"], check=False, capture_output=True).returncode == 0


def database(args, workdir) -> tuple[str, str]:
    """(DATABASE_URL, what to say about it)."""
    if postgres_reachable():
        if args.database in NOT_OURS:
            sys.exit(f"{args.database} is CI's database; choose another with --database.")
        if not args.reuse:
            run(["dropdb", "--if-exists", args.database], os.environ, "dropdb")
            run(["createdb", args.database], os.environ, "createdb")
        version = subprocess.run(["psql", "-d", args.database, "-Atc", "show server_version"], check=True, capture_output=True, text=True).stdout.strip()
        return f"postgres:///{args.database}", f"PostgreSQL {version}, database {args.database}"
    print("PostgreSQL is not reachable (psql -d postgres): measuring on SQLite instead, whose figures differ from a server's.")
    return f"sqlite:///{workdir}/bench.sqlite3", "SQLite (PostgreSQL not reachable)"


def wrk(url, env, seconds, connections) -> dict:
    threads = min(connections, max(os.cpu_count() or 1, 2))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(LUA), url]
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True)
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH ")), None)
    if done.returncode or line is None:
        sys.exit(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    figures = json.loads(line.removeprefix("BENCH "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def check_page(session, page) -> str | None:
    """Load the page once as the benchmark will; for a POST, return the body to send."""
    status, headers, text = session.request("GET", page["path"])
    if status != 200:
        sys.exit(f"{page['name']} ({page['path']}) answered {status} {headers.get('Location', '')}; expected 200.")
    if page["method"] != "POST":
        return None
    body = form_body(text)
    status, headers, text = session.request("POST", page["path"], body)
    if status != 302 or headers.get("Location", "").rstrip("/") == page["path"].rstrip("/"):
        sys.exit(f"Posting {page['name']} did not save (status {status}): the form read from the page is not what the app takes.")
    return body


def measure_pages(args, env, workdir) -> tuple[list, dict]:
    pages = json.loads(run([sys.executable, "manage.py", "bench", "pages"], env, "Listing the pages")[0])
    server = Gunicorn(sys.executable, args.workers, env, workdir / "gunicorn.log", ROOT)
    server.start()
    try:
        session = Session(server.url)
        session.sign_in(pages["user"], PASSWORD)
        bodies = {page["name"]: check_page(session, page) for page in pages["pages"]}
        server.sample_memory()
        results = []
        # The floor again at the end: how far it moved shows how steady the machine was meanwhile.
        again = {**pages["pages"][0], "name": "Floor again, at the end (steadiness)", "steadiness": True}
        bodies[again["name"]] = None
        for page in [*pages["pages"], again]:
            wrk_env = {**os.environ, "BENCH_COOKIE": session.cookie_header, "BENCH_METHOD": page["method"]}
            if bodies[page["name"]] is not None:
                body_file = workdir / "body.txt"
                body_file.write_text(bodies[page["name"]])
                wrk_env["BENCH_BODY_FILE"] = str(body_file)
            url = server.url + page["path"]
            print(f"  {page['name']} ...", end="", flush=True)
            wrk(url, wrk_env, args.warmup, args.connections)
            cpu = server.workers_cpu_seconds()
            figures = wrk(url, wrk_env, args.duration, args.connections)
            figures["cpu_ms_per_request"] = (server.workers_cpu_seconds() - cpu) * 1000 / max(figures["requests"], 1)
            expected = "302" if page["method"] == "POST" else "200"
            unexpected = {status: n for status, n in figures["statuses"].items() if status != expected}
            if unexpected or any(figures["errors"].values()):
                sys.exit(f"\n{page['name']}: responses other than {expected} under load: {unexpected}, errors {figures['errors']}")
            print(f" p95 {figures['p95_us'] / 1000:.0f} ms")
            results.append({**page, **figures})
        memory = server.memory()
    finally:
        server.stop()
    return results, memory


def with_ratios(results) -> list:
    floor = results[0]
    for result in results:
        result["p50_ratio"] = result["p50_us"] / floor["p50_us"]
        result["p95_ratio"] = result["p95_us"] / floor["p95_us"]
        result["cpu_ratio"] = result["cpu_ms_per_request"] / floor["cpu_ms_per_request"]
        # No response at all within the run is no figure, and certainly not a pass.
        result["within_target"] = None if result.get("steadiness") else bool(result["requests"]) and result["p95_ratio"] <= TARGET_RATIO
    return results


def machine(database_text) -> dict:
    with open("/proc/meminfo") as meminfo:
        memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(), "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(), "database": database_text,
        "load_average": os.getloadavg(),
    }


def table(rows, headings) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headings)]

    def line(cells):
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(headings), line("-" * w for w in widths), *(line(r) for r in rows)])


def report(figures):
    m = figures["machine"]
    print(f"\n{m['date']}: {m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}, {m['database']}; "
          f"load average {m['load_average'][0]:.2f} at the start, {figures['load']['load_average_after'][0]:.2f} after the pages")
    scale = figures["scale"]
    print(f"Scale data: {scale['councils']} councils, " + (f"added in {scale['seconds']:.1f} s" if scale["seconds"] else "already in the database") + "\n")
    print(f"Pages as merton-pm: {figures['load']['connections']} connections, {figures['load']['seconds']} s each, "
          f"gunicorn with {figures['load']['workers']} workers. Ratios are to the floor's figure; target p95 ratio <= {TARGET_RATIO:g}.\n"
          "CPU ms/req: the workers' CPU time per request, far steadier than latency when other programs share the machine.")
    rows = [
        [p["name"], p["requests"], f"{p['p50_us'] / 1000:.1f}", f"{p['p95_us'] / 1000:.1f}", f"{p['p99_us'] / 1000:.1f}", f"{p['rps']:.1f}",
         f"{p['p50_ratio']:.2f}", f"{p['p95_ratio']:.2f}", {True: "yes", False: "NO", None: "-"}[p["within_target"]],
         f"{p['cpu_ms_per_request']:.1f}", f"{p['cpu_ratio']:.2f}"]
        for p in figures["pages"]
    ]
    print(table(rows, ["Page", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "p50 ×floor", "p95 ×floor", "within", "CPU ms/req", "CPU ×floor"]))
    r = figures["reports"]
    print(f"\nReports, median of {r['runs']} renders in one process. Targets: within {TARGET_PDF_S:g} s, the app's share at most {TARGET_APP_SHARE:.0%}.")
    rows = [
        [x["name"], f"{x['median_s']:.2f}", f"{x['min_s']:.2f}", f"{x['context_s']:.2f}", f"{x['app_s']:.2f}", f"{x['app_share']:.0%}"]
        for x in r["reports"]
    ]
    print(table(rows, ["Report", "median s", "min s", "context s", "app s", "app share"]))
    mem = figures["memory"]
    print(f"\nPeak RSS: gunicorn worker {mem['worker_peak_rss_mb']:.0f} MB (master {mem['master_rss_mb']:.0f} MB); "
          f"report rendering process {r['peak_rss_mb']:.0f} MB (at start {r['start_rss_mb']:.0f} MB)")


def main():
    args = arguments()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: on Debian or Ubuntu, sudo apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        workdir = Path(work)
        url, database_text = database(args, workdir)
        figures = {"machine": machine(database_text)}
        seed_env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
        # Each step changes nothing when already done, so --reuse only brings a kept database up to date.
        print(f"{'Updating' if args.reuse else 'Making'} the database ({database_text}): migrate, question bank, demo, "
              f"{args.councils} councils of scale data")
        for command in (["migrate", "--noinput"], ["load_question_bank"], ["seed_demo"]):
            run([sys.executable, "manage.py", *command], seed_env, " ".join(command))
        said, scale_seconds = run([sys.executable, "manage.py", "seed_demo", "--scale", str(args.councils)], seed_env, "seed_demo --scale")
        if "already there" in said:
            scale_seconds = 0.0  # nothing was added, so there is no time to give
        figures["scale"] = {"councils": args.councils, "seconds": scale_seconds}
        # Served as in production: DEBUG off, so with a secret key and host names of its own.
        # Plain HTTP on 127.0.0.1, so no redirect to HTTPS (benchmarks/session.py keeps Secure cookies by hand).
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
               "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR", "SECURE_SSL_REDIRECT": "0"}
        # With DEBUG off the pages name static files by their hashed names, from collectstatic's manifest.
        run([sys.executable, "manage.py", "collectstatic", "--noinput"], env, "collectstatic")
        print(f"Loading pages with wrk ({args.connections} connections, {args.duration} s each after {args.warmup} s of warm-up)")
        pages, memory = measure_pages(args, env, workdir)
        figures["load"] = {"connections": args.connections, "seconds": args.duration, "warmup": args.warmup, "workers": args.workers,
                            "load_average_after": os.getloadavg()}
        figures["pages"], figures["memory"] = with_ratios(pages), memory
        print(f"Timing the reports ({args.runs} renders each)")
        out, _ = run([sys.executable, "manage.py", "bench", "reports", "--json", "--runs", str(args.runs)], env, "Timing the reports")
        figures["reports"] = json.loads(out)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nEvery figure: {args.json}")


if __name__ == "__main__":
    main()
