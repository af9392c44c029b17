"""The walking skeleton, as a reviewer does it in the real window: import a French article by
paste, select the figure "950 millions", make it a claim with a verdict, quit, reopen on the same
database, find it highlighted, export it, and check the exported offsets are that span in code
points (the article opens with an emoji, so UTF-16 offsets would be off by one)."""
import json
import os
import subprocess
import time
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "messagerie-fr.txt"
TITLE = "La messagerie Kalimba revendique 950 millions d’utilisateurs et promet plus de modération"
FIGURE = "950 millions"
SHOTS = Path(os.environ.get("CLAIMDESK_SHOTS", "/tmp/claimdesk-e2e"))

# Selects the first occurrence of arguments[1] inside the element arguments[0], as a reviewer's
# mouse drag would, and lets the page see the mouseup that ends a drag. The needle may run across
# several text nodes (a claim's highlight or a suggestion's underline splits the text).
SELECT_TEXT = """
const [root, needle] = arguments;
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
const nodes = [];
let all = '';
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  nodes.push([node, all.length]);
  all += node.data;
}
const at = all.indexOf(needle);
if (at < 0) return false;
const place = (offset, isEnd) => {
  for (const [node, base] of nodes) {
    const local = offset - base;
    if (local >= 0 && (isEnd ? local <= node.data.length : local < node.data.length)) return [node, local];
  }
  return null;
};
const [startNode, startOffset] = place(at, false);
const [endNode, endOffset] = place(at + needle.length, true);
const range = document.createRange();
range.setStart(startNode, startOffset);
range.setEnd(endNode, endOffset);
const sel = window.getSelection();
sel.removeAllRanges();
sel.addRange(range);
startNode.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
return true;
"""

def content(element):
    """The element's text as the DOM holds it. (WebKitWebDriver's rendered-text heuristic returns
    "" for some styled inline elements, so assertions read textContent.)"""
    return element.get_attribute("textContent")


def has_text(locator, expected):
    return lambda d: expected in content(d.find_element(*locator))


def wait(driver, seconds=15):
    """Waits for a condition; an element re-rendered while the condition reads it is read again."""
    return WebDriverWait(driver, seconds, poll_frequency=0.1,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


def type_into(driver, element_id, text):
    """Types into a field as a reviewer would. The field is scrolled to the middle of its pane
    first: WebKitWebDriver sometimes answers a bare "unknown error" when asked to type into a field
    near the bottom edge of a scrolling pane, so that one error gets a single second attempt."""
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    for attempt in range(2):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", field)
        try:
            field.send_keys(text)
            return field
        except WebDriverException as error:
            if attempt or error.msg:
                raise
            time.sleep(0.5)
            field.clear()  # the failed attempt may have typed part of the text
    return field


def shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def paste_article(driver):
    wait(driver).until(EC.element_to_be_clickable((By.ID, "import-paste"))).click()
    area = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-text")))
    # Typing 1 KB key by key is slow over WebDriver; set the value as a paste would, then let the
    # page see the input event.
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        area, FIXTURE.read_text(encoding="utf-8"))
    driver.find_element(By.ID, "paste-submit").click()
    wait(driver).until(has_text((By.ID, "article-title"), TITLE))


def saved(driver):
    """Waits until every edit of the selected claim is stored (the editor says so)."""
    wait(driver).until(lambda d: "saved" in d.find_element(By.ID, "save-state").get_attribute("class").split())


def test_mark_up_a_claim_restart_and_export(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"

    # --- First session: import, select, make the claim -------------------------------------------
    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.ID, "reviewer")))
    wait(driver).until(has_text((By.ID, "reviewer"), "Awa Traoré"))
    paste_article(driver)
    text_root = driver.find_element(By.ID, "article-text")
    assert "Lancée en 2013" in content(text_root)
    assert "Accueil" not in content(text_root), "the site's navigation row is not article text"

    assert driver.execute_script(SELECT_TEXT, text_root, FIGURE), "the figure is in the reader"
    wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
    claimant = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-claimant")))
    claimant.send_keys("Idrissa Maïga")
    Select(driver.find_element(By.ID, "claim-verdict")).select_by_value("mostly_true")
    Select(driver.find_element(By.ID, "claim-status")).select_by_value("in_review")
    saved(driver)
    Select(driver.find_element(By.ID, "claim-status")).select_by_value("reviewed")
    note = driver.find_element(By.ID, "claim-note")
    note.send_keys("Chiffre de la société, non vérifié indépendamment.")
    saved(driver)
    wait(driver).until(lambda d: content(d.find_element(By.CSS_SELECTOR, "#article-text mark.claim")) == FIGURE)
    shot(driver, "1-claim-made")
    driver.quit()

    # --- Second session on the same database: the claim is still there and highlighted ------------
    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#article-list li[data-article-id]")))
    driver.find_element(By.CSS_SELECTOR, "#article-list li[data-article-id]").click()
    # The reader may render the article again as the claims arrive: read the mark afresh each time.
    wait(driver).until(lambda d: content(d.find_element(By.CSS_SELECTOR, "#article-text mark.claim")) == FIGURE)
    item = driver.find_element(By.CSS_SELECTOR, "#claims li[data-claim-id]")
    item.click()
    claimant = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-claimant")))
    assert claimant.get_attribute("value") == "Idrissa Maïga"
    assert Select(driver.find_element(By.ID, "claim-verdict")).first_selected_option.get_attribute("value") == "mostly_true"
    assert driver.find_element(By.ID, "claim-note").get_attribute("value") == "Chiffre de la société, non vérifié indépendamment."
    shot(driver, "2-after-restart")

    # --- Export through the app's save dialog (a real GTK dialog, answered with xdotool) ----------
    out = tmp_path / "export.json"
    driver.find_element(By.ID, "export-json").click()
    # The export dialog opens on claimdesk JSON of the reviewed and published claims.
    wait(driver).until(EC.element_to_be_clickable((By.ID, "export-submit"))).click()
    answer_save_dialog(out)
    wait(driver, 20).until(EC.visibility_of_element_located((By.ID, "notice")))
    assert str(out) in content(driver.find_element(By.ID, "notice"))
    driver.quit()

    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "claimdesk"
    [claim] = doc["claims"]
    [article] = doc["articles"]
    text = article["text"]
    start = text.index(FIGURE)  # Python indexes strings by code point, as the W3C model does
    assert (claim["start"], claim["end"]) == (start, start + len(FIGURE))
    assert text[claim["start"]:claim["end"]] == claim["quote"] == FIGURE
    assert claim["verdict"] == "mostly_true" and claim["status"] == "reviewed"
    assert claim["claimant"] == "Idrissa Maïga"
    assert claim["reviewer"] == "Awa Traoré"

    # The CLI reads the same database and agrees.
    listed = json.loads(subprocess.run([cli_binary, "--db", str(db), "claims", "--json"],
                                       check=True, capture_output=True, text=True).stdout)
    assert [(c["start"], c["end"], c["quote"]) for c in listed] == [(start, start + len(FIGURE), FIGURE)]


def find_window(title, seconds):
    """The X window id of the dialog titled `title`, once it is shown."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title], capture_output=True, text=True).stdout.split()
        if found:
            time.sleep(0.5)  # let GTK map the dialog and focus its entry
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"the dialog {title!r} did not open")


def answer_save_dialog(path, seconds=20, title="Export claims"):
    """Types `path` into the GTK save dialog the app opened, and confirms it."""
    window = find_window(title, seconds)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
    subprocess.run(["xdotool", "key", "--window", window, "ctrl+a"], check=True)
    subprocess.run(["xdotool", "type", "--window", window, "--delay", "5", str(path)], check=True)
    subprocess.run(["xdotool", "key", "--window", window, "Return"], check=True)
    for _ in range(100):
        if path.exists():
            return
        time.sleep(0.1)
    raise AssertionError(f"the export did not write {path}")


HTML_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "messagerie-fr.html"


def answer_open_dialog(path, seconds=20, title="Import an article"):
    """Types `path` into the GTK open dialog the app opened, and confirms it."""
    window = find_window(title, seconds)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
    # Ctrl+L opens the location field; typing before it is shown would lose the first keys.
    subprocess.run(["xdotool", "key", "--window", window, "ctrl+l"], check=True)
    time.sleep(0.5)
    subprocess.run(["xdotool", "type", "--window", window, "--delay", "5", str(path)], check=True)
    time.sleep(0.3)
    subprocess.run(["xdotool", "key", "--window", window, "Return"], check=True)


def test_import_a_saved_page_through_the_file_dialog_runs_none_of_it(launch, tmp_path):
    driver = launch(tmp_path / "desk.db")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "import-file"))).click()
    answer_open_dialog(HTML_FIXTURE)
    wait(driver, 20).until(has_text((By.ID, "article-title"), "La messagerie Kalimba revendique 950 millions"))
    text = content(driver.find_element(By.ID, "article-text"))
    assert "Lancée en 2013" in text
    assert "<script>window.__pwned = 1</script>" in text, "escaped markup in the page is shown as text"
    for chrome in ("Accueil", "Les plus lus", "Photo d’illustration", "© 2024"):
        assert chrome not in text, f"{chrome!r} is site chrome, not article text"
    assert driver.execute_script("return typeof window.__pwned") == "undefined", "nothing from the page ran"
    assert not driver.find_elements(By.CSS_SELECTOR, "#article-text script, #article-text img, #reader img")
    shot(driver, "3-html-imported")
