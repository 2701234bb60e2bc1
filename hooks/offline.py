"""Make the offline copy (`make offline`, OFFLINE=true) work from file://, from our bytes.

Material's offline plugin takes care of links and of search in an iframe (browsers
refuse web workers from file://). Two things are left, and done here, only when
that plugin is on (hooks run after plugins, so its settings are there to change):

- it adds the iframe-worker shim from unpkg: swapped for our vendored copy
  (scripts/vendor_assets.py), since readers get every byte from our origin;
- instant navigation cannot work from file://, and left on, it stops Material from
  starting at all there (no diagrams, no code buttons): it is switched off.
"""

from __future__ import annotations

SHIM = "assets/vendor/iframe-worker/shim/index.js"


def offline_enabled(config) -> bool:
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


def on_config(config):
    if not offline_enabled(config):
        return config
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(url) else url for url in polyfills]
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    return config
