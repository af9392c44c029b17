"""Exporting and importing claim sets through the real window and the real GTK file dialogs: CSV
with a byte-order mark for spreadsheets, a ClaimReview export refused for want of the desk's
settings (the refusal shown in the dialog, which stays open) and let through once they are filled
in there, then a JSON export imported back with "Import claims…", which finds nothing new."""
import json
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select

from test_desktop import (SELECT_TEXT, answer_open_dialog, answer_save_dialog, content, has_text, paste_article,
                          saved, shot, type_into, wait)

FIGURE = "950 millions"
STATEMENT = "Kalimba compte 950 millions d’utilisateurs"


def make_reviewed_claim(driver):
    """A claim on the figure with a statement and a verdict, moved to reviewed."""
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), FIGURE)
    wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-statement"))).send_keys(STATEMENT)
    Select(driver.find_element(By.ID, "claim-verdict")).select_by_value("mostly_true")
    Select(driver.find_element(By.ID, "claim-status")).select_by_value("in_review")
    saved(driver)
    Select(driver.find_element(By.ID, "claim-status")).select_by_value("reviewed")
    saved(driver)


def open_export_dialog(driver):
    driver.find_element(By.ID, "export-json").click()
    return wait(driver).until(EC.visibility_of_element_located((By.ID, "export-dialog")))


def choose(driver, element_id):
    """Clicks a radio or checkbox of the dialog (scrolled into view first)."""
    box = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    return box


def painted_shot(driver, name):
    """A screenshot once the page has painted what the DOM now holds (a screenshot taken at once
    may show the frame before)."""
    driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
    time.sleep(0.3)
    shot(driver, name)


def notice_says(driver, expected):
    wait(driver, 20).until(EC.visibility_of_element_located((By.ID, "notice")))
    wait(driver).until(has_text((By.ID, "notice"), expected))
    return content(driver.find_element(By.ID, "notice"))


def test_export_csv_refuse_claimreview_and_import_json_back(launch, tmp_path):
    driver = launch(tmp_path / "desk.db")
    paste_article(driver)
    make_reviewed_claim(driver)

    # --- CSV with a byte-order mark, through the real save dialog --------------------------------
    open_export_dialog(driver)
    wait(driver).until(has_text((By.ID, "export-count"), "1 claim matches"))
    assert driver.find_element(By.ID, "export-format-json").is_selected()
    assert driver.find_element(By.ID, "export-status-reviewed").is_selected()
    assert not driver.find_element(By.ID, "export-status-draft").is_selected()
    choose(driver, "export-format-csv")
    bom = wait(driver).until(EC.visibility_of_element_located((By.ID, "export-bom")))
    if not bom.is_selected():
        choose(driver, "export-bom")
    painted_shot(driver, "13-export-dialog")
    # The same dialog in French (longer labels must fit too); it keeps the choices made.
    driver.find_element(By.ID, "export-cancel").click()
    driver.find_element(By.ID, "lang").click()
    open_export_dialog(driver)
    wait(driver).until(has_text((By.ID, "export-heading"), "Exporter des affirmations"))
    assert driver.find_element(By.ID, "export-bom").is_selected()
    painted_shot(driver, "13-export-dialog-fr")
    driver.find_element(By.ID, "export-cancel").click()
    driver.find_element(By.ID, "lang").click()
    open_export_dialog(driver)
    wait(driver).until(has_text((By.ID, "export-heading"), "Export claims"))

    out_csv = tmp_path / "claims.csv"
    driver.find_element(By.ID, "export-submit").click()
    answer_save_dialog(out_csv)
    assert str(out_csv) in notice_says(driver, "Exported 1 claim to")
    assert not driver.find_element(By.ID, "export-dialog").is_displayed()
    data = out_csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "the byte-order mark spreadsheets need"
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("id,"), lines[0]
    assert FIGURE in lines[1] and STATEMENT in lines[1]

    # --- ClaimReview without the desk's settings: refused, in the dialog, which stays open -------
    open_export_dialog(driver)
    choose(driver, "export-format-claimreview")
    driver.find_element(By.ID, "export-submit").click()
    error = wait(driver).until(EC.visibility_of_element_located((By.ID, "export-error")))
    wait(driver).until(lambda d: "desk.name" in content(error))
    refusal = content(error)
    assert "claimdesk config set desk.name" in refusal, refusal
    assert driver.find_element(By.ID, "export-dialog").is_displayed()
    # The settings it needs are offered right there.
    desk = wait(driver).until(EC.visibility_of_element_located((By.ID, "export-desk")))
    assert "desk.name" in content(desk)
    painted_shot(driver, "14-export-refused")

    # --- Filled in right there, the settings let ClaimReview through -----------------------------
    type_into(driver, "export-setting-desk-name", "Vérif Sahel")
    type_into(driver, "export-setting-desk-url", "https://verif.example")
    type_into(driver, "export-setting-claimreview-url_pattern", "https://verif.example/checks/{id}")
    driver.find_element(By.ID, "export-desk-save").click()
    wait(driver).until(has_text((By.ID, "export-desk-state"), "Saved"))
    out_reviews = tmp_path / "reviews.json"
    driver.find_element(By.ID, "export-submit").click()
    answer_save_dialog(out_reviews)
    notice_says(driver, str(out_reviews))
    [review] = json.loads(out_reviews.read_text(encoding="utf-8"))
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == STATEMENT
    assert review["author"]["name"] == "Vérif Sahel"
    open_export_dialog(driver)

    # --- JSON, then imported back: nothing new ---------------------------------------------------
    out_json = tmp_path / "claims.json"
    choose(driver, "export-format-json")
    driver.find_element(By.ID, "export-submit").click()
    answer_save_dialog(out_json)
    notice_says(driver, str(out_json))
    assert '"format": "claimdesk"' in out_json.read_text(encoding="utf-8")

    wait(driver).until(EC.element_to_be_clickable((By.ID, "import-claims"))).click()
    answer_open_dialog(out_json, title="Import claims")
    report = notice_says(driver, "Claims imported")
    assert "0 new claims, 0 updated, 1 unchanged" in report, report
    painted_shot(driver, "15-import-report")
    # The claim is still there, once, as it was.
    time.sleep(0.3)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#claims li[data-claim-id]")) == 1
