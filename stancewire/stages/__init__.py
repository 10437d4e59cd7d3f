"""The pipeline's stages as pure functions: plain values in, plain data out.

Each agent in ``agents/`` is a thin loop that takes events from its stream, calls the stage of
the same name here and sends what it returns (``records``), writes the table entries it returns
(``writes``) and dead-letters what it rejects (``dead_letters``). Everything Faust-specific
(topics, tables, the current event, acks, rebalance guards, metrics) stays in the agent, so
every rule of the pipeline can be tested with a list in and a list out, without a broker
(``tests/stages/``). Nothing here imports Faust, aiokafka, ``streams`` or ``agents``.
"""

from stancewire.stages.records import Output, Record, TableWrite

__all__ = ["Output", "Record", "TableWrite"]
