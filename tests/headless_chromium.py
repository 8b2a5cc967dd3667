"""Headless Chromium for tests, driven over the DevTools protocol through a pipe (no port):
load a page, evaluate JavaScript against its DOM and layout, take a screenshot, and see every
request the page made. Plus a small PNG decoder, so screenshots are read without Pillow.

Chromium is Debian's `chromium` package (`.ci/run` installs it in CI); `CHROMIUM` is None
where it is absent, and the tests that need it skip with a message.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# What a closed network and a root user need: no sandbox (root), no GPU, and none of the
# background connections Chromium would otherwise try at every start.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT = 60.0


class Browser:
    """One Chromium and one page. Commands go to the page's session; events are kept."""

    def __init__(self, width: int = 1280, height: int = 900) -> None:
        if CHROMIUM is None:
            raise RuntimeError("chromium is not installed")
        self.profile = tempfile.mkdtemp(prefix="newsnorm-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Above 4, so that putting them on fds 3 and 4 never overwrites one with the other.
        to_browser_r, from_browser_w = (_above_four(fd) for fd in (to_browser_r, from_browser_w))
        # Chromium reads commands on fd 3 and writes answers on fd 4; bash puts them there.
        command = " ".join(
            [f"exec '{CHROMIUM}'", *FLAGS, f"--user-data-dir='{self.profile}'",
             "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank",
             f"3<&{to_browser_r} 4>&{from_browser_w}"]
        )  # fmt: skip
        self.process = subprocess.Popen(
            ["bash", "-c", command],
            pass_fds=(to_browser_r, from_browser_w),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.session: str | None = None
        self.events: list[dict[str, Any]] = []
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            self.session = attached["sessionId"]
            for domain in ("Page", "Network", "Runtime"):
                self.send(f"{domain}.enable")
            self.resize(width, height)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.session = None
            self.send("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session is not None:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def resize(self, width: int, height: int) -> None:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics)

    def load(self, path: Path) -> None:
        """Open a file and wait for its load event."""
        self.events.clear()
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        deadline = time.monotonic() + TIMEOUT
        while not any(event.get("method") == "Page.loadEventFired" for event in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not load")
            self.events.append(self._receive())

    def requested(self) -> list[str]:
        """Every URL the page asked for since it was loaded."""
        return [
            event["params"]["request"]["url"]
            for event in self.events
            if event.get("method") == "Network.requestWillBeSent"
        ]

    def evaluate(self, expression: str) -> Any:
        """A JavaScript expression's value (DevTools runs it whatever the page's policy)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, full_page: bool = False) -> bytes:
        """A PNG of the viewport, or of the whole page."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params |= {"captureBeyondViewport": True, "clip": clip}
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])


def _above_four(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


@dataclass(frozen=True, slots=True)
class Image:
    """Decoded pixels, `rgb[y, x] == (r, g, b)`."""

    rgb: np.ndarray[Any, np.dtype[np.uint8]]

    def colours_in(self, left: float, top: float, right: float, bottom: float) -> set[str]:
        """The `#rrggbb` colours inside a rectangle of CSS pixels (scale 1)."""
        area = self.rgb[int(top) + 1 : int(bottom) - 1, int(left) + 1 : int(right) - 1]
        unique = np.unique(area.reshape(-1, 3), axis=0)
        return {"#" + "".join(f"{int(value):02x}" for value in pixel) for pixel in unique}


def decode_png(data: bytes) -> Image:
    """An 8-bit RGB or RGBA PNG, as Chromium writes them, decoded (alpha dropped)."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG")
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8)
    rows = raw.reshape(height, stride + 1)
    pixels = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        pixels[y] = _unfilter(int(rows[y, 0]), rows[y, 1:], previous, channels)
        previous = pixels[y]
    return Image(pixels.reshape(height, width, channels)[:, :, :3])


def _unfilter(kind: int, line: Any, above: Any, bpp: int) -> Any:
    if kind == 0:
        return line
    if kind == 1:  # Sub: a running sum along each channel
        return np.cumsum(line.reshape(-1, bpp), axis=0, dtype=np.uint32).astype(np.uint8).ravel()
    if kind == 2:  # Up
        return (line.astype(np.uint16) + above).astype(np.uint8)
    out = bytearray(len(line))
    line_b, above_b = line.tobytes(), above.tobytes()
    for i in range(len(line_b)):
        left = out[i - bpp] if i >= bpp else 0
        up = above_b[i]
        if kind == 3:  # Average
            out[i] = (line_b[i] + (left + up) // 2) & 0xFF
            continue
        corner = above_b[i - bpp] if i >= bpp else 0
        estimate = left + up - corner
        distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
        best = (
            left
            if distances[0] <= distances[1] and distances[0] <= distances[2]
            else (up if distances[1] <= distances[2] else corner)
        )
        out[i] = (line_b[i] + best) & 0xFF
    return np.frombuffer(bytes(out), dtype=np.uint8)
