"""The outputs that the plug-ins write into a graded cell: an error (what the student reads as the
reason for lost points) and a line of text.
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode


def error_output(ename: str, lines: list[str]) -> NotebookNode:
    return NotebookNode(
        output_type="error",
        ename=ename,
        evalue=lines[0] if lines else "",
        traceback=[f"{ename}: {line}" if i == 0 else line for i, line in enumerate(lines)],
    )


def stdout_output(text: str) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout", text=text)
