"""Never lose a keystroke: type into a claim and close the window at once, as a reviewer clicking
the window's close button would (a WM_DELETE_WINDOW message); reopen and find every character.

To make the race certain rather than likely, another connection holds the database's write lock
while the reviewer types and closes (as a CLI run writing at that moment would), so the saves are
still waiting when the close arrives; the lock is released a second later."""
import sqlite3
import subprocess
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from Xlib import X, display, protocol

from test_desktop import SELECT_TEXT, content, paste_article, wait

NOTE = "Chiffre annoncé par la société ; à recouper avec le régulateur avant publication. " * 3


def close_like_a_window_manager(title="claimdesk"):
    """Sends WM_DELETE_WINDOW to every visible window titled `title` (what a close button does).
    Every one: a window an earlier test left closing must not take the message meant for ours."""
    window_ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                                capture_output=True, text=True).stdout.split()
    assert window_ids, f"no visible window titled {title}"
    d = display.Display()
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    for window_id in window_ids:
        window = d.create_resource_object("window", int(window_id))
        event = protocol.event.ClientMessage(window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
        window.send_event(event, event_mask=X.NoEventMask)
    d.flush()
    d.close()


def window_gone(title="claimdesk", seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                              capture_output=True, text=True).stdout.strip():
            return True
        time.sleep(0.2)
    return False


def test_closing_the_window_right_after_typing_keeps_every_keystroke(launch, tmp_path):
    db = tmp_path / "desk.db"
    driver = launch(db)
    paste_article(driver)
    assert driver.execute_script(SELECT_TEXT, driver.find_element(By.ID, "article-text"), "950 millions")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "make-claim"))).click()
    note = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-note")))
    wait(driver).until(lambda d: "saved" in d.find_element(By.ID, "save-state").get_attribute("class").split())

    other_writer = sqlite3.connect(db, timeout=10, isolation_level=None, check_same_thread=False)
    other_writer.execute("BEGIN IMMEDIATE")
    note.send_keys(NOTE)
    assert "saved" not in driver.find_element(By.ID, "save-state").get_attribute("class").split(), \
        "the edits are waiting for the lock"
    close_like_a_window_manager()
    threading.Timer(1.0, lambda: other_writer.execute("ROLLBACK")).start()
    # Generous: on a loaded machine the window handles the close request only after every
    # keystroke queued before it (the host closes it at most 8 s after that, see CLOSE_FALLBACK).
    assert window_gone(seconds=60), "the window closed"
    other_writer.close()
    try:
        driver.quit()  # the app is gone; end the WebDriver session that drove it
    except Exception:
        pass

    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#claims li[data-claim-id]"))).click()
    note = wait(driver).until(EC.visibility_of_element_located((By.ID, "claim-note")))
    assert note.get_attribute("value") == NOTE
