"""The daemon's helper processes start without running the parent's main module again.

multiprocessing runs the parent's `__main__` in every new child (as `__mp_main__`), in case
the target lives there. Run as the console script, under a test runner or from a script, that
import cost a fresh reading process a second or more, and the first report after a slow one
(whose reading process was replaced, T4) waited for it. Here a script stands for that main
module: it notes each time it is imported, then starts the reading process the daemon uses.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

MAIN = textwrap.dedent("""
    import sys
    with open(sys.argv[1] if __name__ == "__main__" else {marks!r}, "a") as marks:
        marks.write(__name__ + "\\n")

    if __name__ == "__main__":
        from mailrouter.errors import SpoolError
        from mailrouter.pipeline.reading import Reader

        def answered(reader):                     # a round trip: the child is past its start
            try:
                reader.parse_entry("/nonexistent/entry.msg")
            except SpoolError:
                return True

        reader = Reader(seconds=30)
        reader.start()
        assert answered(reader)
        reader.close()
        reader.start()                            # replaced, as after a message past its budget
        assert answered(reader)
        reader.close()
""")


def test_a_helper_process_does_not_import_the_parent_s_main_module_again(tmp_path):
    marks = tmp_path / "marks.txt"
    script = tmp_path / "main_module.py"
    script.write_text(MAIN.format(marks=str(marks)))
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, str(script), str(marks)], check=True, timeout=120, cwd=tmp_path,
                   env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert marks.read_text().split() == ["__main__"]      # not once more per child as __mp_main__
