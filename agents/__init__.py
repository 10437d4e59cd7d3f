"""Faust agents, one module per pipeline stage; found by the app's autodiscovery."""
