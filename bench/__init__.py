"""Labelled benchmark: a generated Chinese/English data room with its truth, and the scorer.

``make bench-accuracy`` and ``make bench`` run it (bench/accuracy.py, bench/speed.py).
"""
