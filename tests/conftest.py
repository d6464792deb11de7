"""Shared test setup: hypothesis profiles (``HYPOTHESIS_PROFILE=thorough`` for a longer search)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "default" keeps the whole suite fast on a shared 2-core machine; "thorough" is for hunting bugs by hand.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# "long" (HYPOTHESIS_PROFILE=long): the fuzzing of tests/test_hostile.py run for real, some minutes.
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
