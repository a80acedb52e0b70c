"""Runs every infra test (test_*.py beside this file) and ends with one line,
`infra tests: N passed, M failed`, which ./scripts/test adds to its closing count.
Exit status 1 when anything failed or could not run."""

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Counting(unittest.TextTestResult):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main():
    sys.path.insert(0, str(HERE))
    suite = unittest.defaultTestLoader.discover(str(HERE), pattern="test_*.py", top_level_dir=str(HERE))
    runner = unittest.TextTestRunner(verbosity=2, resultclass=Counting, stream=sys.stdout)
    result = runner.run(suite)
    # A test with failing subtests is one failure; an error (a test that could not run,
    # or a module that did not import) is a failure too.
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"infra tests: {result.passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
