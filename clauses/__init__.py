"""The clause library as data, the policy it assembles from a plain mapping of answers, and its exporters."""
