"""The full claim record through the real window: statement, type, a tag, a source; after a
restart everything is there, and the history lists who changed what."""
import json
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select

from test_desktop import SELECT_TEXT, content, has_text, paste_article, saved, type_into, wait

STATEMENT = "Kalimba compte 950 millions d’utilisateurs actifs par mois"
SOURCE = "https://regulateur.example/rapport-2024"


def test_the_whole_record_is_kept(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"
    driver = launch(db)
    paste_article(driver)
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), "950 millions")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-statement"))).send_keys(STATEMENT)
    Select(driver.find_element(By.ID, "claim-type")).select_by_value("quantity")
    saved(driver)
    tag = driver.find_element(By.ID, "claim-tag-input")
    tag.send_keys("télécoms", Keys.ENTER)
    wait(driver).until(has_text((By.ID, "claim-tags"), "télécoms"))
    type_into(driver, "evidence-url", SOURCE)
    type_into(driver, "evidence-quote", "880 millions d’utilisateurs mensuels")
    Select(driver.find_element(By.ID, "evidence-stance")).select_by_value("refutes")
    driver.find_element(By.ID, "evidence-add").click()
    wait(driver).until(has_text((By.ID, "claim-evidence"), "880 millions d’utilisateurs mensuels"))
    saved(driver)
    driver.quit()

    claim = json.loads(subprocess.run([cli_binary, "--db", str(db), "claims", "--json"],
                                      check=True, capture_output=True, text=True).stdout)[0]
    assert claim["statement"] == STATEMENT
    assert claim["type"] == "quantity"
    assert claim["tags"] == ["télécoms"]
    assert [(e["url"], e["stance"]) for e in claim["evidence"]] == [(SOURCE, "refutes")]

    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#claims li[data-claim-id]"))).click()
    statement = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-statement")))
    assert statement.get_attribute("value") == STATEMENT
    driver.find_element(By.ID, "claim-history").click()
    wait(driver).until(has_text((By.ID, "claim-history-list"), "télécoms"))
    history = content(driver.find_element(By.ID, "claim-history-list"))
    assert "Awa Traoré" in history and SOURCE in history
