"""Offline practice simulator for IT-support calls."""

__version__ = "0.1.0"
