"""Keeping the reporter unknown: scrubbing text, HTML and attachments."""
