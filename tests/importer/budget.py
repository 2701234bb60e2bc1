"""How many examples a Hypothesis property tries: its full number under `make test`
(the "full" profile, loaded by default in tests/conftest.py), a tenth of it under
`make test-fast` (HYPOTHESIS_PROFILE=dev), for the edit loop."""

from __future__ import annotations

from hypothesis import settings

FULL = 100  # the "full" profile's max_examples: a property's number is a share of it


def examples(full: int) -> int:
    """The property's number of examples under the profile in use."""
    return max(1, full * settings.default.max_examples // FULL)
