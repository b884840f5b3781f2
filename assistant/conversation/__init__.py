"""A conversation: one session of the interview as the app runs it, apart from any screen.

`controller.Conversation` holds it and its reactive state; `narration` is what the assistant says,
`prompts` how each question is asked, `policy` the policy as the answers make it, `exports` its
exports; `host.Host` is what it needs from the app.
"""
