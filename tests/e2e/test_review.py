"""The review workflow in the real window, keyboard first: the mouse only selects spans.

1. One reviewer imports, makes two claims, gives verdicts by number key, moves them through the
   workflow by letter, steps between claims, writes a note, undoes and redoes a verdict.
2. With the desk requiring a second reviewer, the first reviewer cannot mark a claim reviewed; a
   second reviewer switches in, gives a blind verdict without seeing the first, and the claim goes
   to reviewed and published. The dashboard shows the verdicts and the agreement.
"""
import json
import subprocess

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_desktop import FIXTURE, SELECT_TEXT, TITLE, content, has_text, saved, shot, wait


def keys(driver, *sequence):
    """Types keys at whatever has the focus, as a reviewer at the keyboard would."""
    ActionChains(driver).send_keys(*sequence).perform()


def chord(driver, *modifiers_then_key):
    *modifiers, key = modifiers_then_key
    actions = ActionChains(driver)
    for m in modifiers:
        actions.key_down(m)
    actions.send_keys(key)
    for m in reversed(modifiers):
        actions.key_up(m)
    actions.perform()


def cli(cli_binary, db, *args, reviewer="Awa Traoré"):
    done = subprocess.run([cli_binary, "--db", str(db), "--reviewer", reviewer, *args],
                          check=True, capture_output=True, text=True)
    return done.stdout


def claims_json(cli_binary, db):
    return json.loads(cli(cli_binary, db, "claims", "--json"))


def paste_by_keyboard(driver):
    """Ctrl+Shift+V opens the paste box; the text arrives as a paste would; Ctrl+Enter imports."""
    wait(driver).until(EC.presence_of_element_located((By.ID, "import-paste")))
    driver.find_element(By.TAG_NAME, "body").click()  # the window has the focus, nothing else
    chord(driver, Keys.CONTROL, Keys.SHIFT, "v")
    area = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-text")))
    assert driver.switch_to.active_element == area
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        area, FIXTURE.read_text(encoding="utf-8"))
    chord(driver, Keys.CONTROL, Keys.ENTER)
    wait(driver).until(has_text((By.ID, "article-title"), TITLE))


def claim_from_selection(driver, text):
    """The one mouse gesture: select the span. Then `n` makes it a claim; Esc leaves the editor's
    field for the list, where letters and digits are shortcuts."""
    count = len(driver.find_elements(By.CSS_SELECTOR, "#claims li[data-claim-id]"))
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), text)
    keys(driver, "n")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#claims li[data-claim-id]")) == count + 1)
    keys(driver, Keys.ESCAPE)


def selected_quote(driver):
    return content(driver.find_element(By.CSS_SELECTOR, "#claim-editor .claim-context .quote"))


def test_keyboard_flow_from_import_to_published(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"
    driver = launch(db)
    paste_by_keyboard(driver)

    claim_from_selection(driver, "950 millions")
    keys(driver, "2")  # the scale's second rating: mostly false
    keys(driver, "i")  # in review
    saved(driver)
    claim_from_selection(driver, "700 millions")
    keys(driver, "5", "i")
    saved(driver)

    # Step between claims in text order.
    keys(driver, "k")
    wait(driver).until(lambda d: "950 millions" in selected_quote(d))
    keys(driver, "j")
    wait(driver).until(lambda d: "700 millions" in selected_quote(d))

    # `e` goes to the note; typing there is not a shortcut.
    keys(driver, "e")
    note = driver.switch_to.active_element
    assert note.get_attribute("id") == "claim-note"
    note.send_keys("chiffre de 2023 : 700 millions")
    keys(driver, Keys.ESCAPE)
    saved(driver)

    # A verdict by mistake, undone and redone.
    keys(driver, "1")
    saved(driver)
    chord(driver, Keys.CONTROL, "z")
    wait(driver).until(lambda d: claims_json(cli_binary, db)[1]["verdict"] == "true")
    chord(driver, Keys.CONTROL, Keys.SHIFT, "z")
    wait(driver).until(lambda d: claims_json(cli_binary, db)[1]["verdict"] == "false")
    chord(driver, Keys.CONTROL, "z")
    wait(driver).until(lambda d: claims_json(cli_binary, db)[1]["verdict"] == "true")

    # Through the workflow: reviewed, then published.
    keys(driver, "r")
    saved(driver)
    keys(driver, "p")
    saved(driver)

    # The shortcuts sheet lists what was just used.
    keys(driver, "?")
    sheet = wait(driver).until(EC.visibility_of_element_located((By.ID, "shortcuts")))
    actions = {row.get_attribute("data-action") for row in sheet.find_elements(By.CSS_SELECTOR, "tr[data-action]")}
    assert len(actions) >= 12
    shot(driver, "6-shortcuts")
    keys(driver, Keys.ESCAPE)
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "shortcuts")))
    shot(driver, "7-claims-panel")
    driver.quit()

    first, second = claims_json(cli_binary, db)
    assert (first["quote"], first["verdict"], first["status"]) == ("950 millions", "mostly_false", "in_review")
    assert (second["quote"], second["verdict"], second["status"]) == ("700 millions", "true", "published")
    assert second["note"] == "chiffre de 2023 : 700 millions"
    moves = [(h["old"], h["new"]) for h in json.loads(cli(cli_binary, db, "claim", "history", second["id"], "--json"))
             if h["field"] == "status"]
    assert moves[-3:] == [("draft", "in_review"), ("in_review", "reviewed"), ("reviewed", "published")]


def test_second_review_is_blind_and_required(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"
    cli(cli_binary, db, "config", "set", "review.second_reviewer", "true")
    driver = launch(db)
    paste_by_keyboard(driver)
    claim_from_selection(driver, "950 millions")
    keys(driver, "1", "i")  # false, in review
    saved(driver)

    # The author alone cannot mark it reviewed: the app says a second review is needed.
    keys(driver, "r")
    hint = wait(driver).until(EC.presence_of_element_located((By.ID, "status-hint")))
    wait(driver).until(lambda d: content(hint).strip() != "")
    assert claims_json(cli_binary, db)[0]["status"] == "in_review"

    # A second reviewer takes the keyboard: w, their name, Enter.
    keys(driver, "w")
    name = wait(driver).until(EC.visibility_of_element_located((By.ID, "reviewer-name")))
    name.send_keys(Keys.CONTROL, "a")
    name.send_keys("Moussa Diarra", Keys.ENTER)
    wait(driver).until(has_text((By.ID, "reviewer"), "Moussa Diarra"))
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "reviewer-chooser")))

    # Blind: the first verdict appears nowhere in the editor until Moussa gives his.
    keys(driver, "j")
    section = wait(driver).until(EC.visibility_of_element_located((By.ID, "review-section")))
    assert section.get_attribute("data-mode") == "blind"
    assert not driver.find_element(By.ID, "claim-verdict").is_displayed()
    assert driver.find_element(By.ID, "verdict-hidden").is_displayed()
    item = driver.find_element(By.CSS_SELECTOR, "#claims li[data-claim-id]")
    assert item.get_attribute("data-blind") == "true"
    assert "Faux" not in content(item) and "False" not in content(item)
    # Nor in the colour of the highlight: the default scale paints "false" #c62828.
    mark = driver.find_element(By.CSS_SELECTOR, "#article-text mark.claim")
    assert "198, 40, 40" not in mark.value_of_css_property("background-color")
    shot(driver, "8-blind-review")
    keys(driver, "2")  # his verdict: mostly false — the focus goes to the review's submit button
    wait(driver).until(lambda d: d.switch_to.active_element.get_attribute("id") == "review-submit")
    keys(driver, Keys.ENTER)
    wait(driver).until(lambda d: d.find_element(By.ID, "review-section").get_attribute("data-mode") == "reviewed")
    cards = driver.find_elements(By.CSS_SELECTOR, "#review-list li[data-reviewer]")
    assert {c.get_attribute("data-reviewer") for c in cards} >= {"Awa Traoré", "Moussa Diarra"}

    # Signed off: now it can go to reviewed and published.
    keys(driver, Keys.ESCAPE, "r")
    wait(driver).until(lambda d: claims_json(cli_binary, db)[0]["status"] == "reviewed")
    keys(driver, "p")
    wait(driver).until(lambda d: claims_json(cli_binary, db)[0]["status"] == "published")

    # The history says who did what, the blind review included.
    driver.find_element(By.ID, "claim-history-summary").click()
    wait(driver).until(has_text((By.ID, "claim-history-list"), "Moussa Diarra"))
    driver.execute_script("document.getElementById('claim-history-list').scrollIntoView()")
    shot(driver, "10-history")

    # The dashboard: a bar per verdict, and the agreement of the two reviewers.
    keys(driver, "g")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "dashboard")))
    bars = driver.find_elements(By.CSS_SELECTOR, "#chart-verdicts g.bar[data-key]")
    assert {b.get_attribute("data-key") for b in bars} >= {"false"}
    wait(driver).until(has_text((By.ID, "agreement-overall"), "Moussa Diarra"))
    shot(driver, "9-dashboard")
    keys(driver, Keys.ESCAPE)
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "dashboard")))
    driver.quit()

    claim = claims_json(cli_binary, db)[0]
    assert claim["verdict"] == "false"  # the review did not overwrite the author's verdict
    assert [(r["reviewer"], r["verdict"]) for r in claim["reviews"]] == [("Moussa Diarra", "mostly_false")]
    agreement = json.loads(cli(cli_binary, db, "agreement", "--json"))
    assert agreement["claims"] == 1 and agreement["reviewers"] == ["Awa Traoré", "Moussa Diarra"]
