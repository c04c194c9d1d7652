"""Keep Presidio's dependencies from reaching the network at run time."""
from __future__ import annotations


def use_bundled_suffix_list() -> None:
    """Make tldextract (used by Presidio's email recognizer) use the suffix list it ships.

    Its default extractor fetches publicsuffix.org on first use; with no network that costs a
    timeout and a traceback per process. An extractor with no URLs and no cache reads the
    snapshot inside the package.
    """
    import tldextract.tldextract as module

    module.TLD_EXTRACTOR = module.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
