"""An article changes after publication, in the real window: import version 1, make claims, import
version 2 as a new version of it, find each claim's fate (moved, changed to confirm, orphaned) in
the triage, confirm the changed one and re-attach the orphan to a passage of the new text."""
import json
import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_desktop import SELECT_TEXT, content, has_text, shot, wait
from test_review import chord, keys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1 = (FIXTURES / "reseau-v1.txt").read_text(encoding="utf-8")
V2 = (FIXTURES / "reseau-v2.txt").read_text(encoding="utf-8")

FIGURE = "un chantier chiffré à 42 milliards de francs CFA"  # corrected to 47 in version 2
QUOTE = "les fuites ont été divisées par deux en trois ans"  # moved down by a new paragraph
DELETED = "les coupures ont baissé de 60 % depuis janvier"  # its paragraph is gone in version 2
NEW_PASSAGE = "la cour des comptes régionale"


def paste(driver, text, as_version=False):
    chord(driver, Keys.SHIFT, "n") if as_version else chord(driver, Keys.CONTROL, Keys.SHIFT, "v")
    area = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-text")))
    if as_version:
        assert driver.find_element(By.ID, "paste-version-of").is_selected()
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        area, text)
    chord(driver, Keys.CONTROL, Keys.ENTER)
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "paste-text")))


def make_claim(driver, text):
    count = len(driver.find_elements(By.CSS_SELECTOR, "#claims li[data-claim-id]"))
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), text)
    keys(driver, "n")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#claims li[data-claim-id]")) == count + 1)
    keys(driver, Keys.ESCAPE)


def triage_item(driver, state):
    return wait(driver).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, f"#triage li.triage-item[data-anchor-state='{state}']")))


def stored_claims(cli_binary, db):
    done = subprocess.run([cli_binary, "--db", str(db), "claims", "--json"], check=True, capture_output=True, text=True)
    return {c["quote"] if c["anchor_state"] != "changed" else c["previous_quote"]: c for c in json.loads(done.stdout)}


def test_a_new_version_carries_claims_and_the_orphan_is_reattached(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"
    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.ID, "import-paste")))
    driver.find_element(By.TAG_NAME, "body").click()
    paste(driver, V1)
    wait(driver).until(has_text((By.ID, "article-title"), "d'ici 2026"))
    for quote in (FIGURE, QUOTE, DELETED):
        make_claim(driver, quote)

    paste(driver, V2, as_version=True)
    wait(driver).until(has_text((By.ID, "article-title"), "d'ici 2027"))
    assert driver.find_element(By.ID, "notice-triage").is_displayed()  # "go to the triage"
    count = driver.find_element(By.ID, "triage-count")
    assert (count.get_attribute("data-changed"), count.get_attribute("data-orphaned")) == ("1", "1")

    # The triage: the orphan with its context from version 1, the changed claim old beside new.
    orphan = triage_item(driver, "orphaned")
    assert orphan.get_attribute("data-version") == "1"
    assert DELETED in content(orphan.find_element(By.CSS_SELECTOR, ".triage-context"))
    changed = triage_item(driver, "changed")
    assert "42" in content(changed.find_element(By.CSS_SELECTOR, ".quote-before"))
    assert "47" in content(changed.find_element(By.CSS_SELECTOR, ".quote-after"))
    moved = driver.find_elements(By.CSS_SELECTOR, "#article-text mark.claim[data-anchor-state='moved']")
    assert any(QUOTE in content(m) for m in moved)
    driver.execute_script("document.getElementById('triage').scrollIntoView()")
    shot(driver, "11-orphan-triage")

    changed.find_element(By.CSS_SELECTOR, "button.confirm").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#triage-list li[data-anchor-state='changed']"))

    # Re-attach the orphan: select the passage in version 2, then press its Re-attach button.
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), NEW_PASSAGE)
    button = triage_item(driver, "orphaned").find_element(By.CSS_SELECTOR, "button.reattach")
    wait(driver).until(lambda d: button.get_attribute("data-state") == "ready")
    button.click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#triage-list li[data-anchor-state='orphaned']"))
    shot(driver, "12-after-triage")
    driver.quit()

    claims = stored_claims(cli_binary, db)
    assert (claims[QUOTE]["anchor_state"], claims[QUOTE]["version"]) == ("moved", 2)
    figure = next(c for c in claims.values() if c["quote"].startswith("un chantier"))
    assert (figure["anchor_state"], figure["quote"]) == ("anchored", "un chantier chiffré à 47 milliards de francs CFA")
    reattached = claims[NEW_PASSAGE]
    assert (reattached["anchor_state"], reattached["version"]) == ("anchored", 2)
    history = json.loads(subprocess.run([cli_binary, "--db", str(db), "claim", "history", reattached["id"], "--json"],
                                        check=True, capture_output=True, text=True).stdout)
    assert ("quote", DELETED, NEW_PASSAGE) in [(h["field"], h["old"], h["new"]) for h in history]
