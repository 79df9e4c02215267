"""Plans and reports in the Centre's plain-text form, made into structured publication pages.

parse.py reads one document (kind.py tells its kind) with lines.py, text.py and title.py, and one
parser per kind: work_plan.py (with plan_goals.py and indicators.py), action_plan.py and
report.py, into the data of document.py. build.py fills the page's blocks with that data and
store.py saves the page.
"""
