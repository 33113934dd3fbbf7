"""Shared by the peer scripts: builds Benchmarks' PeerWorkload in release and returns its path."""
import os
import subprocess
import sys

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary():
    """Builds PeerWorkload (release; build output to stderr) and returns the executable's path."""
    subprocess.run(["swift", "build", "-c", "release", "--package-path", BENCH, "--product", "PeerWorkload"],
                   check=True, stdout=sys.stderr)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--package-path", BENCH, "--show-bin-path"],
                              check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "PeerWorkload")
