// The assistant's page. textual-serve's textual.js draws the terminal (xterm.js) and relays the
// websocket; this file, loaded before it, adds what the assistant needs around it.
(() => {
  "use strict";
  const terminals = [];

  // textual.js keeps its xterm.js Terminal to itself (`this.terminal = new Terminal(...)`). Catch it
  // as it is stored, to turn on xterm's screen-reader mode (a live text copy of the screen that
  // screen readers, and browser tests, can read), and to let `policyAssistant.screen()` read its buffer.
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", { value, writable: true, configurable: true, enumerable: true });
      if (value && value.options && value.buffer) {
        value.options.screenReaderMode = true;
        terminals.push(value);
      }
    },
  });
  window.addEventListener("load", () => {
    setTimeout(() => delete Object.prototype.terminal, 0); // textual.js has made its terminal by then
  });

  // An exported file is offered as a download: textual.js opens its address in a new window, which a
  // browser blocks as a pop-up when it comes a moment after the key press. A download link does not
  // open a window and is not blocked (the browser may ask once whether to allow several files).
  const openWindow = window.open.bind(window);
  window.open = (url, target, features) => {
    const address = new URL(url, window.location.href);
    if (address.origin === window.location.origin && address.pathname.startsWith("/download/")) {
      const link = document.createElement("a");
      link.href = address.href;
      link.download = "";
      link.rel = "noopener";
      document.body.appendChild(link);
      link.click();
      link.remove();
      return null;
    }
    return openWindow(url, target, features);
  };

  document.addEventListener("DOMContentLoaded", () => {
    // The websocket is on the address the page came from, whatever name or proxy it was reached by.
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    for (const element of document.querySelectorAll(".textual-terminal")) {
      const path = element.dataset.websocketPath || "/ws";
      element.dataset.sessionWebsocketUrl = `${scheme}//${window.location.host}${path}`;
    }
    document.getElementById("restart").addEventListener("click", () => window.location.reload());
  });

  window.policyAssistant = {
    // The screen as text, one line per row, from xterm's buffer.
    screen() {
      const terminal = terminals[0];
      if (!terminal) return "";
      const buffer = terminal.buffer.active;
      const lines = [];
      for (let row = 0; row < terminal.rows; row += 1) {
        const line = buffer.getLine(buffer.viewportY + row);
        lines.push(line ? line.translateToString(true) : "");
      }
      return lines.join("\n");
    },
  };
})();
