"""The app's screens: start, chat, summary, preview, export and confirmation dialogs."""
