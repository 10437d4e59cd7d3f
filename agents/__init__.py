"""Faust agents, one module per pipeline stage: each a thin loop that takes from a stream, calls
a pure stage function (``stancewire.stages``) and sends what it returns. ``agents.wiring``
puts them all on an app (``streams.app.create_app`` calls it).

Nothing is imported here: the NLP child process imports ``agents.nlp_worker`` and should not pay
for Faust and the other agents."""
