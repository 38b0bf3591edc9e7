import sys

# The tests start `python -m feeds` dozens of times and every pytest-xdist worker imports each test
# module: with PYTHONDONTWRITEBYTECODE set (some CI images and sandboxes set it), each of them would
# compile feeds and rewrite the tests' asserts from source again. The test run writes bytecode, as
# Python does by default; the package is imported before its conftest, so before feeds is, and the
# processes the tests start read what it wrote.
sys.dont_write_bytecode = False
