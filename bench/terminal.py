"""A program run in a pseudo-terminal for the benchmarks, with what it has painted."""

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    """Starts `command` in a fresh pseudo-terminal; `started` is when it was launched."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.leader, follower = pty.openpty()
        os.set_blocking(self.leader, False)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            command,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(follower)

    def wait_for(self, text: bytes, timeout: float = 30) -> float:
        """Seconds until `text` is painted, counting only output from this call on."""
        start = time.perf_counter()
        seen = b""
        while text not in seen:
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"{text!r} never painted")
            if select.select([self.leader], [], [], 0.01)[0]:
                seen += os.read(self.leader, 65536)
        return time.perf_counter() - start

    def drain(self, quiet: float = 0.3) -> None:
        """Read what has been painted until the program has been quiet for `quiet` s."""
        while select.select([self.leader], [], [], quiet)[0]:
            os.read(self.leader, 65536)

    def send(self, keys: bytes) -> None:
        os.write(self.leader, keys)

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.leader)
