"""The Faust side of stancewire: app, settings, wire codec, topics, tables and web views."""
