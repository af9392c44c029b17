"""Importing as a reviewer does in the real window: a whole folder (with a file that is not an
article), and a web address fetched twice — the second time the page has changed and becomes a
new version, and the claim made on the first is carried to it (the corrected figure waits in the
triage for the reviewer's confirmation)."""
import http.server
import shutil
import subprocess
import threading
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from test_desktop import SELECT_TEXT, content, find_window, has_text, shot, wait

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def answer_folder_dialog(folder, seconds=20):
    """Chooses `folder` in the GTK folder dialog: type it in the location field, enter it, accept."""
    window = find_window("Import a folder of articles", seconds)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
    subprocess.run(["xdotool", "key", "--window", window, "ctrl+l"], check=True)
    time.sleep(0.5)
    subprocess.run(["xdotool", "type", "--window", window, "--delay", "5", f"{folder}/"], check=True)
    # The first Return completes the path, the second enters the folder, the third chooses it.
    for _ in range(5):
        time.sleep(0.7)
        if not subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Import a folder of articles"],
                              capture_output=True, text=True).stdout.strip():
            return
        subprocess.run(["xdotool", "key", "--window", window, "Return"], check=False)
    raise AssertionError("the folder dialog did not close")


def test_import_a_folder_reports_the_file_it_skipped(launch, tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    shutil.copy(FIXTURES / "messagerie-fr.txt", story / "a.txt")
    shutil.copy(FIXTURES / "breaking-en.txt", story / "b.txt")
    shutil.copy(FIXTURES / "messagerie-fr.html", story / "c.html")
    (story / "rapport.pdf").write_bytes(b"%PDF-1.4\n")

    driver = launch(tmp_path / "desk.db")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "import-folder"))).click()
    answer_folder_dialog(story)
    wait(driver, 30).until(has_text((By.ID, "notice"), "1 file skipped"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#article-list li[data-article-id]")) == 3
    skipped = content(driver.find_element(By.ID, "import-skipped"))
    assert "rapport.pdf" in skipped and "PDF" in skipped
    shot(driver, "4-folder-imported")


class ChangingPage(http.server.BaseHTTPRequestHandler):
    """Serves one article whose figure is corrected between the first and second download."""
    figure = "950 millions"

    def do_GET(self):
        body = (
            "<!doctype html><html lang=fr><head><meta charset=utf-8>"
            "<meta property='og:site_name' content='Le Fleuve Info'></head><body><article>"
            "<h1>Kalimba : le nombre d’utilisateurs en question</h1>"
            f"<p>La messagerie Kalimba affirme compter {ChangingPage.figure} d’utilisateurs actifs chaque mois.</p>"
            "<p>Le régulateur a suspendu le service pendant quatre jours en août, faute de réponse aux réquisitions.</p>"
            "</article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_import_a_web_address_and_its_new_version(launch, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChangingPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/kalimba"
    try:
        driver = launch(tmp_path / "desk.db")

        def fetch():
            wait(driver).until(EC.element_to_be_clickable((By.ID, "import-paste"))).click()
            field = wait(driver).until(EC.visibility_of_element_located((By.ID, "paste-url")))
            field.clear()
            field.send_keys(url)
            driver.find_element(By.ID, "paste-submit").click()

        fetch()
        wait(driver, 20).until(has_text((By.ID, "article-title"), "Kalimba : le nombre d’utilisateurs"))
        text_root = driver.find_element(By.ID, "article-text")
        assert driver.execute_script(SELECT_TEXT, text_root, "950 millions")
        wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
        wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#article-text mark.claim")))

        ChangingPage.figure = "900 millions"
        fetch()
        wait(driver, 20).until(has_text((By.ID, "notice"), "Version 2"))
        wait(driver).until(has_text((By.ID, "article-text"), "900 millions"))
        assert "version 2" in content(driver.find_element(By.ID, "article-meta"))
        assert len(driver.find_elements(By.CSS_SELECTOR, "#article-list li[data-article-id]")) == 1
        # The corrected figure: the claim is carried to version 2, drawn on the new text and
        # waiting in the triage with the old wording beside the new.
        mark = wait(driver).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, "#article-text mark.claim[data-anchor-state='changed']")))
        assert "900 millions" in content(mark)
        changed = driver.find_element(By.CSS_SELECTOR, "#triage li.triage-item[data-anchor-state='changed']")
        assert "950" in content(changed.find_element(By.CSS_SELECTOR, ".quote-before"))
        shot(driver, "5-new-version")
    finally:
        server.shutdown()
