"""Test platforms: real servers on loopback that read requests with their own code."""
