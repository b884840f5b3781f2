"""The assistant in a browser: `policy-assistant serve`.

- `access`: who may open the assistant (access tokens, the --users file) and where each person's drafts live;
- `sessions`: browser sessions, and the language a browser asks for;
- `web`: the web server (textual-serve on aiohttp) that checks every request and runs one assistant
  process per browser tab;
- `addresses`: the address the server prints, and its certificate for HTTPS;
- `tabs`: the assistant process behind each tab, and those started ahead of their tabs (spares);
- `tab`: the program each browser tab runs;
- `delivery`: in a browser, the exported files become downloads.

Only `web` (with `logs` and `addresses`) uses the network; only the serve command imports them.
"""
