"""The app served by gunicorn for the benchmark, stopped however the benchmark ends, and the
memory (RSS) of its processes sampled while it runs."""

import atexit
import http.client
import os
import signal
import socket
import subprocess
import threading
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kb(pid) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def children(pid) -> list:
    """The processes whose parent is ``pid`` (gunicorn's workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    # The parent's pid is the second field after the command, which is in brackets.
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


class Gunicorn:
    def __init__(self, python, workers, env, log_path, cwd):
        self.python, self.workers, self.env, self.log_path, self.cwd = python, workers, env, log_path, cwd
        self.port = free_port()
        self.process = None
        self.peak_kb = {}  # pid -> highest RSS seen
        self.sampling = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        gunicorn = os.path.join(os.path.dirname(self.python), "gunicorn")
        command = [gunicorn, "sharedservices.wsgi:application", "--workers", str(self.workers),
                   "--bind", f"127.0.0.1:{self.port}", "--timeout", "120"]
        # A session of its own, so stopping it stops its workers too. The log stays open in the child.
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        atexit.register(self.stop)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self.on_signal)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/sign-in/")
                connection.getresponse().read()
                connection.close()
                if len(children(self.process.pid)) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {self.log_path}")

    def on_signal(self, signum, frame):
        self.stop()
        raise SystemExit(128 + signum)

    def stop(self):
        self.sampling = False
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def sample_memory(self, every=0.25):
        """Keep the highest RSS of the master and each worker until ``stop``."""
        self.sampling = True

        def sample():
            while self.sampling and self.process is not None:
                master = self.process.pid
                for pid in [master, *children(master)]:
                    self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), rss_kb(pid))
                time.sleep(every)

        threading.Thread(target=sample, daemon=True).start()

    def workers_cpu_seconds(self) -> float:
        """CPU time the workers have used so far (user and system). Other programs sharing the
        machine move it far less than they move latency, so per request it is the steadier figure."""
        total = 0
        for pid in children(self.process.pid):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime and stime, the 14th and 15th fields
        return total / os.sysconf("SC_CLK_TCK")

    def memory(self) -> dict:
        master = self.process.pid if self.process else None
        workers = [kb for pid, kb in self.peak_kb.items() if pid != master]
        return {
            "worker_peak_rss_mb": max(workers, default=0) / 1024,
            "workers_peak_rss_mb": [kb / 1024 for kb in workers],
            "master_rss_mb": self.peak_kb.get(master, 0) / 1024,
        }
