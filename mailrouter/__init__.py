"""mailrouter: Code of Conduct reports, routed by email without leaking who reported."""

__version__ = "0.1.0"
