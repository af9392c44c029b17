// Bootstrap: styles, then the app into #app.
import './style.css';
import { startApp } from './app';

const mount = document.getElementById('app');
if (mount) {
  startApp(mount).catch((error: unknown) => {
    // Last resort: the app could not even start. Shown as plain text.
    const note = document.createElement('p');
    note.className = 'fatal';
    note.textContent = `claimdesk could not start: ${error instanceof Error ? error.message : String(error)}`;
    mount.appendChild(note);
  });
}
