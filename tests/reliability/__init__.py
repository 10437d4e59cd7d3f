"""Reliability tests (issue 7): fuzzed input, killed workers, broker restarts, slow subscribers."""
