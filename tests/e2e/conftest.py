"""Drive the real claimdesk desktop app: tauri-driver + WebKitWebDriver under Xvfb.

The app binary comes from $CLAIMDESK_APP (scripts/test.sh sets it). Two traps found when this was
first probed on Debian 12: tauri-driver accepts connections before WebKitWebDriver listens, so we
wait for the native port too; and tauri-driver must be stopped with SIGTERM, not SIGKILL, or
WebKitWebDriver lingers holding pipes open.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

ROOT = Path(__file__).resolve().parents[2]
DRIVER_PORT = 4444
NATIVE_PORT = 4445


def _wait_for_port(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def _binary(variable, name):
    path = os.environ.get(variable) or str(ROOT / "target" / "debug" / name)
    if not Path(path).is_file():
        pytest.fail(f"{path} does not exist: build it with `cargo build -p claimdesk-app -p claimdesk` "
                    f"or run the whole suite with scripts/test.sh")
    return path


@pytest.fixture(scope="session")
def app_binary():
    return _binary("CLAIMDESK_APP", "claimdesk-app")


@pytest.fixture(scope="session")
def cli_binary():
    return _binary("CLAIMDESK_CLI", "claimdesk")


@pytest.fixture(scope="session")
def tauri_driver():
    exe = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    if not os.environ.get("DISPLAY"):
        pytest.fail("no X display: run the end-to-end tests under xvfb-run (scripts/test.sh does)")
    # The web view keeps its local storage (the UI language, for one) under the XDG data folder;
    # a run must not inherit what an earlier run, or the reviewer's own use, left there.
    state = Path(tempfile.mkdtemp(prefix="claimdesk-e2e-"))
    env = dict(os.environ, XDG_DATA_HOME=str(state / "data"), XDG_CACHE_HOME=str(state / "cache"),
               XDG_CONFIG_HOME=str(state / "config"))
    proc = subprocess.Popen([exe, "--port", str(DRIVER_PORT), "--native-port", str(NATIVE_PORT)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        if not _wait_for_port(DRIVER_PORT, 20):
            pytest.fail("tauri-driver did not start listening on port 4444")
        yield f"http://127.0.0.1:{DRIVER_PORT}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture
def launch(tauri_driver, app_binary):
    """launch(db_path) starts the app on that database and returns a WebDriver session for it."""
    sessions = []

    def start(db_path, reviewer="Awa Traoré"):
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {
            "application": app_binary,
            "args": ["--db", str(db_path), "--reviewer", reviewer],
        })
        last_error = None
        for _ in range(3):
            try:
                driver = webdriver.Remote(command_executor=tauri_driver, options=options)
                break
            except Exception as e:  # WebKitWebDriver may not be listening yet on a cold start
                last_error = e
                _wait_for_port(NATIVE_PORT, 10)
                time.sleep(1)
        else:
            raise last_error
        driver.implicitly_wait(0)
        sessions.append(driver)
        return driver

    yield start
    for driver in sessions:
        try:
            driver.quit()
        except Exception:
            pass
