"""The benchmark subsystem: read corpora, run cleanpage and peer extractors, score, report, gate.

Modules: `corpus` (both corpus shapes, the text-dump variant), `metrics` (every figure), `peers` (cleanpage
and the peers as one kind of cleaner), `runner` (timing and scoring), `tables` (console output), `report`
(HTML), `baseline` (the quality gate) and `cli` (the ``cleanpage bench`` command). Importing this package
imports none of them, nor any peer.
"""
