"""feeds: publish RSS 2.0 and Atom 1.0 feeds from a folder of mixed-format articles."""

__version__ = "0.1.0"
