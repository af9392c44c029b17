"""Suggestions in the real window, as a reviewer uses them: the figures, dates and quotes worth
checking are underlined as soon as the article is pasted; clicking "950 millions" opens its card
(the value read, the speaker); "Make claim" makes a claim pre-filled with type, value, claimant
and sentence (checked through the CLI); a dismissed date stays dismissed after the app restarts;
S switches the underlines off."""
import json
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_desktop import content, paste_article, shot, wait

FIGURE = "950 millions"
SENTENCE = ("Son fondateur, Idrissa Maïga, assure que le service compte désormais 950 millions d’utilisateurs "
            "actifs chaque mois, contre 700 millions un an plus tôt.")


def underlined(driver):
    return [content(e) for e in driver.find_elements(By.CSS_SELECTOR, "#article-text [data-suggestion]")]


def click_underline(driver, text):
    """Clicks the underline whose text is `text` (scrolled into view first)."""
    def find(d):
        for e in d.find_elements(By.CSS_SELECTOR, "#article-text [data-suggestion]"):
            if content(e) == text:
                return e
        return False
    element = wait(driver).until(find)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return wait(driver).until(EC.visibility_of_element_located((By.ID, "suggestion-card")))


def test_accept_dismiss_and_toggle_suggestions(launch, cli_binary, tmp_path):
    db = tmp_path / "desk.db"
    driver = launch(db)
    paste_article(driver)

    wait(driver).until(lambda d: FIGURE in underlined(d))
    found = underlined(driver)
    assert "2013" in found and "2 septembre dernier" in found and "pendant quatre jours" in found, found
    assert any(t.startswith("« Nous supprimons") for t in found), found
    # A quote holding a figure is drawn in pieces around it: count suggestions, not pieces.
    indexes = {e.get_attribute("data-suggestion") for e in driver.find_elements(By.CSS_SELECTOR, "#article-text [data-suggestion]")}
    summary = content(driver.find_element(By.ID, "suggestions-summary"))
    assert summary == f"{len(indexes)} suggestions", summary
    # The underlines are decoration: the reader's text is the article's, character for character.
    assert SENTENCE in content(driver.find_element(By.ID, "article-text"))

    card = click_underline(driver, FIGURE)
    assert "Figure" in content(card)
    assert "950,000,000 utilisateurs" in content(card)
    assert "Idrissa Maïga" in content(card), "the speaker of the sentence, as the claim will name them"
    time.sleep(0.3)  # let the card be painted before the screenshot
    shot(driver, "13-suggestion-card")
    driver.find_element(By.ID, "suggestion-accept").click()

    wait(driver).until(lambda d: any(content(m) == FIGURE for m in d.find_elements(By.CSS_SELECTOR, "#article-text mark.claim")))
    statement = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-statement")))
    assert statement.get_attribute("value") == SENTENCE
    assert driver.find_element(By.ID, "claim-claimant").get_attribute("value") == "Idrissa Maïga"
    assert content(driver.find_element(By.ID, "claim-value")) == "Value read: 950,000,000 utilisateurs"
    wait(driver).until(lambda d: FIGURE not in underlined(d))
    shot(driver, "14-claim-from-suggestion")

    [claim] = json.loads(subprocess.run([cli_binary, "--db", str(db), "claims", "--json"],
                                        check=True, capture_output=True, text=True).stdout)
    assert claim["quote"] == FIGURE
    assert claim["type"] == "quantity"
    assert claim["claimant"] == "Idrissa Maïga"
    assert claim["statement"] == SENTENCE
    assert claim["value"] == {"type": "quantity", "number": 950000000, "unit": "utilisateurs"}
    assert claim["reviewer"] == "Awa Traoré"

    # Dismiss the year with the keyboard: it goes, and the count says so.
    click_underline(driver, "2013")
    driver.switch_to.active_element.send_keys(Keys.DELETE)
    wait(driver).until(lambda d: "2013" not in underlined(d))
    wait(driver).until(lambda d: "1 dismissed" in content(d.find_element(By.ID, "suggestions-summary")))
    driver.quit()

    # Remembered for the article: after a restart it is still dismissed.
    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#article-list li[data-article-id]")))
    driver.find_element(By.CSS_SELECTOR, "#article-list li[data-article-id]").click()
    wait(driver).until(lambda d: "pendant quatre jours" in underlined(d))
    assert "2013" not in underlined(driver)
    assert FIGURE not in underlined(driver), "claimed: settled"
    assert "1 dismissed" in content(driver.find_element(By.ID, "suggestions-summary"))

    # S switches them off (and the toggle says so); the claim's highlight stays.
    driver.find_element(By.TAG_NAME, "body").send_keys("s")
    wait(driver).until(lambda d: underlined(d) == [])
    assert driver.find_element(By.ID, "suggestions-toggle").get_attribute("aria-pressed") == "false"
    assert [content(m) for m in driver.find_elements(By.CSS_SELECTOR, "#article-text mark.claim")] == [FIGURE]
    driver.find_element(By.ID, "suggestions-toggle").click()
    wait(driver).until(lambda d: "pendant quatre jours" in underlined(d))
    shot(driver, "15-suggestions-after-restart")
