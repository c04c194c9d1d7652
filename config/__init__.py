"""Shipped default configuration; installed as the data-only package ``piiaudit_config``."""
