"""Which kind of document a text is (work plan, work report, action plan), told by its content
and never by its file name; the goal markers that tell it are shared with the parsers."""

import re

from .lines import Line, kw

ACTION_GOAL = re.compile(r"^\s*" + kw("Cilj", "Циљ") + r"\s+(\d+)\s*[:.]\s*(.*)$", re.I)
_AP_HEADER = re.compile(r"^\s*" + kw("RIZICI", "РИЗИЦИ", "RESURSI", "РЕСУРСИ") + r"\s*$")
GENERAL_GOAL = re.compile(
    r"^"
    + kw("ОПШТИ", "OPŠTI", "OPSTI")
    + r"\s+"
    + kw("ЦИЉ", "CILJ")
    + r"\s+([IVX]+|\d+)\.?\s*:?\s*(.*)$",
    re.I,
)


def detect_kind(title: str, lines: list[Line]) -> str:
    texts = [ln.text for ln in lines]
    if re.match(r"akcioni\s+plan|акциони\s+план", title, re.I) or (
        any(ACTION_GOAL.match(t) for t in texts) and any(_AP_HEADER.match(t) for t in texts)
    ):
        return "action_plan"
    if any(GENERAL_GOAL.match(t) for t in texts):
        return "work_plan"
    if re.match(r"(план|plan)\s+(рада|rada)", title, re.I):
        return "work_plan"
    return "work_report"
