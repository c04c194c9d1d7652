"""Real database servers for the tests: started on 127.0.0.1 in private temp folders, stopped at session end.

Each module is a pytest plugin (listed in ``tests/conftest.py``) with one session fixture per server.
"""
