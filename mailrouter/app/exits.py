"""The `mailrouter` command's exit codes (documented in its help and the README)."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONFIG, EXIT_NOT_FOUND, EXIT_BUSY = 0, 1, 2, 3, 4, 5
