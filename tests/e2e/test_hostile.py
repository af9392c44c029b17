"""Hostile pages in the real window (issue #8): every variant in tests/fixtures/hostile/ is
imported the ways a reviewer imports — the command line into the desk's database, the file dialog,
a web address, a paste — and opened in the reader. Nothing the pages carry may run or reach the
network: `window.__pwned` (which every attack sets) stays undefined, the local HTTP server the
attacks point at (every attacker URL is http://127.0.0.1:PORT/…) sees no request but the one
download asked for, and the page loaded nothing but claimdesk's own assets. The reader holds the
expected text, block by block, as text nodes only; bidi controls are shown as visible, isolated
markers that cannot reorder the text. The window's Content Security Policy is probed directly:
eval, inline scripts and handlers, inline styles, remote scripts, images, styles, frames and
fetches are all refused. Screenshots land in /tmp/claimdesk-e2e (CLAIMDESK_SHOTS)."""
import http.server
import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import NATIVE_PORT, _wait_for_port
from test_desktop import SELECT_TEXT, answer_open_dialog, content, has_text, shot, wait

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))
VARIANTS = {v["name"]: v for v in MANIFEST["variants"]}
SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "hostile-article.html"

# How each variant reaches the desk. The rest go through `claimdesk import FILE` into the same
# database before the window opens.
BY_FILE_DIALOG = "templates-noscript"
BY_URL = "css-attacks"
BY_PASTE = "embeds-and-base"
# The longest a single import may take (the 100,000-deep page included) before it counts as
# hanging.
IMPORT_LIMIT = 120

# The explicit bidi formatting characters, each drawn as a marker in the reader. (The implicit
# marks LRM, RLM and ALM stay plain characters: they reorder nothing a letter could not.)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def expansions(variant):
    return {key: how["unit"] * how["count"] for key, how in variant.get("expand", {}).items()}


def page_bytes(variant, port):
    html = (HOSTILE / (variant.get("file") or variant["template"])).read_text(encoding="utf-8")
    for key, value in expansions(variant).items():
        html = html.replace(key, value)
    return html.replace("__PORT__", str(port)).encode("utf-8")


def expected_blocks(variant):
    text = (HOSTILE / variant["expected"]).read_text(encoding="utf-8")
    for key, value in expansions(variant).items():
        text = text.replace(key, value.strip())
    return text.removesuffix("\n").split("\n\n")


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records every request. It serves the page imported by web address; anything else that
    reaches it is an attack that got out."""
    requests = []
    pages = {}

    def _answer(self):
        Recorder.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
        body = Recorder.pages.get(self.path)
        if body is None:
            body = b"window.__pwned = 'fetched " + self.path.encode() + b"';"
            kind = "text/javascript"
        else:
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = do_OPTIONS = _answer

    def log_message(self, *args):
        pass


def start_session(tauri_driver, app_binary, db):
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": app_binary, "args": ["--db", str(db), "--reviewer", "Awa Traoré"]})
    last_error = None
    for _ in range(3):
        try:
            driver = webdriver.Remote(command_executor=tauri_driver, options=options)
            driver.implicitly_wait(0)
            return driver
        except Exception as e:  # WebKitWebDriver may not be listening yet on a cold start
            last_error = e
            _wait_for_port(NATIVE_PORT, 10)
            time.sleep(1)
    raise last_error


def cli_import(cli_binary, db, path):
    """`claimdesk import PATH --json`: the stored article, or the error it printed."""
    try:
        done = subprocess.run([cli_binary, "--db", str(db), "--reviewer", "Awa Traoré", "import", str(path), "--json"],
                              capture_output=True, text=True, timeout=IMPORT_LIMIT)
    except subprocess.TimeoutExpired:
        return None, f"`claimdesk import {path.name}` did not finish within {IMPORT_LIMIT} s"
    if done.returncode:
        return None, f"`claimdesk import {path.name}` failed: {done.stderr.strip()}"
    return json.loads(done.stdout), None


@pytest.fixture(scope="module")
def desk(tauri_driver, app_binary, cli_binary):
    """A desk holding every variant, and the window open on it. Yields a dict: driver, port,
    requests (what the server saw), ids (variant → article id), problems (variant → why it is
    missing)."""
    Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-hostile-"))
    db = folder / "desk.db"
    ids, problems = {}, {}
    for name, variant in VARIANTS.items():
        (folder / f"{name}.html").write_bytes(page_bytes(variant, port))
    Recorder.pages = {f"/articles/{BY_URL}": page_bytes(VARIANTS[BY_URL], port)}

    for name in VARIANTS:
        if name in (BY_FILE_DIALOG, BY_URL, BY_PASTE):
            continue
        article, problem = cli_import(cli_binary, db, folder / f"{name}.html")
        if article:
            ids[name] = article["id"]
        else:
            problems[name] = problem
    if SHARED.is_file():
        article, problem = cli_import(cli_binary, db, SHARED)
        if article:
            ids["shared"] = article["id"]
        else:
            problems["shared"] = problem

    driver = start_session(tauri_driver, app_binary, db)
    try:
        wait(driver).until(has_text((By.ID, "reviewer"), "Awa Traoré"))
        # Through the window: the file dialog (a saved page), a web address, a paste.
        try:
            wait(driver).until(EC.element_to_be_clickable((By.ID, "import-file"))).click()
            answer_open_dialog(folder / f"{BY_FILE_DIALOG}.html")
            wait(driver, IMPORT_LIMIT).until(has_text((By.ID, "article-title"), VARIANTS[BY_FILE_DIALOG]["title"]))
            ids[BY_FILE_DIALOG] = current_article_id(driver)
        except Exception as e:
            problems[BY_FILE_DIALOG] = f"import through the file dialog failed: {e!r}"
        try:
            wait(driver).until(EC.element_to_be_clickable((By.ID, "import-paste"))).click()
            field = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-url")))
            field.clear()
            field.send_keys(f"http://127.0.0.1:{port}/articles/{BY_URL}")
            driver.find_element(By.ID, "paste-submit").click()
            wait(driver, IMPORT_LIMIT).until(has_text((By.ID, "article-title"), VARIANTS[BY_URL]["title"]))
            ids[BY_URL] = current_article_id(driver)
        except Exception as e:
            problems[BY_URL] = f"import by web address failed: {e!r}"
        try:
            wait(driver).until(EC.element_to_be_clickable((By.ID, "import-paste"))).click()
            area = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-text")))
            # The page's source as a reviewer would paste it (typing it key by key is too slow).
            driver.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                area, page_bytes(VARIANTS[BY_PASTE], port).decode("utf-8"))
            driver.find_element(By.ID, "paste-submit").click()
            wait(driver, IMPORT_LIMIT).until(has_text((By.ID, "article-title"), VARIANTS[BY_PASTE]["title"]))
            ids[BY_PASTE] = current_article_id(driver)
        except Exception as e:
            problems[BY_PASTE] = f"import by paste failed: {e!r}"
        yield {"driver": driver, "port": port, "requests": Recorder.requests, "ids": ids, "problems": problems, "db": db}
    finally:
        try:
            driver.quit()
        finally:
            server.shutdown()


def current_article_id(driver):
    item = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#article-list li[aria-current='true']")))
    return item.get_attribute("data-article-id")


def open_article(driver, article_id, title):
    item = wait(driver).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, f"#article-list li[data-article-id='{article_id}'] button")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", item)
    item.click()
    wait(driver, 60).until(lambda d: content(d.find_element(By.ID, "article-title")) == title
                           and d.find_elements(By.CSS_SELECTOR, "#article-text > p"))


# What the reader holds: each paragraph's text, every element and attribute under it, and where
# the page's resources came from.
READER_STATE = """
const root = document.getElementById('article-text');
const tags = new Set();
const attrs = new Set();
for (const node of root.querySelectorAll('*')) {
  tags.add(node.tagName.toLowerCase());
  for (const a of node.attributes) attrs.add(a.name);
}
return {
  blocks: Array.from(root.children).map((p) => p.textContent),
  tags: Array.from(tags).sort(),
  attrs: Array.from(attrs).sort(),
  pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
  origin: location.origin,
  resources: performance.getEntriesByType('resource').map((r) => r.name),
  docTitle: document.title,
  meta: document.getElementById('article-meta').textContent,
  // How far the widest paragraph runs past its box (a 66 KB unbroken token must wrap).
  overflow: Math.max(0, ...Array.from(root.children).map((p) => p.scrollWidth - p.clientWidth)),
};
"""

ALLOWED_TAGS = {"p", "span", "mark"}
ALLOWED_ATTRS = {"class", "data-start", "data-end", "data-claim-id", "data-claim-ids", "data-depth",
                 "data-suggestion", "data-anchor-state", "data-kept", "data-bidi", "dir", "title", "style"}


def assert_nothing_got_out(desk, state):
    driver, port = desk["driver"], desk["port"]
    assert state["pwned"] is None, f"an attack ran: window.__pwned = {state['pwned']!r}"
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    stray = [r for r in desk["requests"] if r[1] != f"/articles/{BY_URL}"]
    assert not stray, f"the page reached the network: {stray}"
    foreign = [r for r in state["resources"]
               if not (r.startswith(state["origin"] + "/") or r.startswith("ipc://") or r.startswith("http://ipc.localhost/"))]
    assert not foreign, f"the window loaded resources that are not claimdesk's: {foreign}"
    assert not [r for r in state["resources"] if f":{port}" in r]


PARAMS = list(VARIANTS) + ["shared"]


@pytest.mark.parametrize("name", PARAMS)
def test_reader_shows_the_text_and_nothing_runs(desk, name):
    if name == "shared" and not SHARED.is_file():
        pytest.skip(f"{SHARED} is not there")
    assert name not in desk["problems"], desk["problems"].get(name)
    driver = desk["driver"]
    if name == "shared":
        title = "Council says bridge repairs cost 12 million euros"
    else:
        title = VARIANTS[name]["title"]
    open_article(driver, desk["ids"][name], title)
    time.sleep(0.5)  # anything that could fire on load (onload, onerror, autofocus) has fired
    state = driver.execute_script(READER_STATE)
    assert_nothing_got_out(desk, state)
    assert set(state["tags"]) <= ALLOWED_TAGS, f"the reader holds elements from the page: {state['tags']}"
    assert set(state["attrs"]) <= ALLOWED_ATTRS, f"the reader holds attributes from the page: {state['attrs']}"
    assert state["docTitle"].startswith(title)
    for leak in ("__pwned", "onerror", "javascript", "<img", "<script"):
        assert leak not in state["meta"], f"{leak!r} in the article's meta line: {state['meta']!r}"
    assert state["overflow"] <= 1, f"a paragraph runs {state['overflow']} px past the reader"
    driver.execute_script("document.getElementById('article-text').scrollTop = 0;")
    shot(driver, f"hostile-{name}")
    if name == "shared":
        text = "\n\n".join(state["blocks"])
        assert "repairs to the old bridge would cost 12 million euros, double the 2019 estimate." in text
        assert "<script>window.__pwned='escaped-text'</script>" in text, "escaped markup is shown as text"
        for leak in ("head-script", "inline-script", "svg-script", "onerror", "javascript:", "Send"):
            assert leak not in text
        return
    want = expected_blocks(VARIANTS[name])
    got = state["blocks"]
    assert len(got) == len(want), f"{len(got)} paragraphs shown, {len(want)} expected: {[b[:80] for b in got]}"
    for i, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"paragraph {i + 1} differs:\n  shown:    {g[:300]!r}\n  expected: {w[:300]!r}"
    for leak in ("__pwned", "127.0.0.1", "onerror", "javascript", "expression(", "@import", "<svg", "<img"):
        assert not any(leak in b for b in got), f"{leak!r} is shown in the reader"


def test_bidi_controls_are_visible_and_reorder_nothing(desk, cli_binary):
    assert "bidi-controls" in desk["ids"], desk["problems"].get("bidi-controls")
    driver = desk["driver"]
    variant = VARIANTS["bidi-controls"]
    open_article(driver, desk["ids"]["bidi-controls"], variant["title"])
    text = "\n\n".join(expected_blocks(variant))
    controls = [c for c in text if c in BIDI_CONTROLS]
    markers = driver.execute_script("""
        return Array.from(document.querySelectorAll('#article-text .bidi-control')).map((m) => ({
          text: m.textContent, title: m.title, label: getComputedStyle(m, '::before').content,
          isolated: getComputedStyle(m).unicodeBidi}));""")
    assert [m["text"] for m in markers] == controls, "every control is drawn as its own marker, in order"
    for m in markers:
        assert m["title"].startswith(f"U+{ord(m['text']):04X}"), m
        assert m["label"] not in ("", "none", "normal"), f"the marker shows a label: {m}"
        assert m["isolated"] in ("isolate", "isolate-override", "plaintext"), f"the marker is isolated: {m}"
    # The figure the page wrote reversed ("000,01" after an RLO) is laid out in its stored order:
    # its first character is left of its last, so the RLO reversed nothing.
    order = driver.execute_script("""
        const walker = document.createTreeWalker(document.getElementById('article-text'), NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.data.indexOf('000,01');
          if (at < 0) continue;
          const box = (i) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1); return r.getBoundingClientRect(); };
          n.parentElement.scrollIntoView({block: 'center'});
          return [box(at).left, box(at + 5).left];
        }
        return null;""")
    assert order, "the figure is in the reader"
    assert order[0] < order[1], f"the characters of the reversed figure were reordered on screen: {order}"
    shot(driver, "hostile-bidi-markers")

    # A claim on the passage across the markers quotes the page's characters, controls included:
    # the markers change nothing in the offsets.
    quote = "the deficit was \u202e000,01\u202c billion"
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), quote)
    wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
    wait(driver).until(lambda d: content(d.find_element(By.CSS_SELECTOR, "#article-text mark.claim")) == quote)
    listed = json.loads(subprocess.run([cli_binary, "--db", str(desk["db"]), "claims", "--json"],
                                       check=True, capture_output=True, text=True).stdout)
    [claim] = [c for c in listed if c["article_id"] == desk["ids"]["bidi-controls"]]
    assert claim["quote"] == quote
    assert text[claim["start"]:claim["end"]] == quote, "code point offsets into the canonical text"
    assert driver.find_elements(By.CSS_SELECTOR, "#article-text mark.claim .bidi-control"), "the markers stay inside the highlight"


# Tries what the Content Security Policy must refuse; records the violations the page reports.
CSP_PROBES = """
const [port, done] = [arguments[0], arguments[arguments.length - 1]];
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective || e.violatedDirective));
const out = {};
try { eval('window.__csp_eval = 1'); out.eval = 'ran'; } catch (e) { out.eval = e.name; }
try { new Function('window.__csp_function = 1')(); out.function = 'ran'; } catch (e) { out.function = e.name; }
try { setTimeout('window.__csp_timeout = 1', 0); } catch (e) { /* refused either way */ }
const remote = `http://127.0.0.1:${port}`;
const inline = document.createElement('script');
inline.textContent = 'window.__csp_inline = 1';
document.body.appendChild(inline);
const external = document.createElement('script');
external.src = `${remote}/csp-script.js`;
document.body.appendChild(external);
const handler = document.createElement('div');
handler.setAttribute('onclick', 'window.__csp_handler = 1');
document.body.appendChild(handler);
handler.click();
const style = document.createElement('style');
style.textContent = `@import url("${remote}/csp-import.css"); #article-title { color: rgb(1, 2, 3) !important; }`;
document.head.appendChild(style);
const img = new Image();
img.src = `${remote}/csp-image.png`;
const frame = document.createElement('iframe');
frame.src = `${remote}/csp-frame.html`;
document.body.appendChild(frame);
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = `${remote}/csp-link.css`;
document.head.appendChild(link);
fetch(`${remote}/csp-fetch`).then(() => { out.fetch = 'ran'; }, (e) => { out.fetch = e.name; });
setTimeout(() => {
  out.inline = typeof window.__csp_inline;
  out.handler = typeof window.__csp_handler;
  out.timeout = typeof window.__csp_timeout;
  out.evalRan = typeof window.__csp_eval;
  out.functionRan = typeof window.__csp_function;
  out.titleColour = getComputedStyle(document.getElementById('article-title')).color;
  out.violations = violations;
  for (const node of [inline, external, handler, style, frame, link]) node.remove();
  done(out);
}, 1500);
"""


def test_content_security_policy_refuses_code_and_remote_loads(desk):
    driver = desk["driver"]
    driver.set_script_timeout(20)
    out = driver.execute_async_script(CSP_PROBES, desk["port"])
    assert out["eval"] == "EvalError" and out["evalRan"] == "undefined", out
    assert out["function"] == "EvalError" and out["functionRan"] == "undefined", out
    assert out["timeout"] == "undefined", out
    assert out["inline"] == "undefined", "an inline script ran"
    assert out["handler"] == "undefined", "an inline event handler ran"
    assert out["titleColour"] != "rgb(1, 2, 3)", "an inline style sheet applied"
    assert out.get("fetch") != "ran", out
    time.sleep(0.5)
    stray = [r for r in desk["requests"] if r[1] != f"/articles/{BY_URL}"]
    assert not stray, f"the window reached the network: {stray}"
    for directive in ("script-src", "style-src", "img-src", "connect-src", "frame-src"):
        assert any(v.startswith(directive) for v in out["violations"]), f"no {directive} violation reported: {out['violations']}"
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def test_only_the_download_reached_the_server(desk):
    """The one request the server may see is the download of the page imported by web address,
    made by the host (not the web view)."""
    assert BY_URL not in desk["problems"], desk["problems"].get(BY_URL)
    paths = [r[1] for r in desk["requests"]]
    assert paths and set(paths) == {f"/articles/{BY_URL}"}, desk["requests"]
