"""The demat application: the command line, the demo, and what a person reads."""
