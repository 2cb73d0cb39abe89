"""Compatibility: the rules in one place, as pure functions over plain values.

Step 2 of the journey is a joint assessment. Every partner council answers the same
questionnaire, and these functions compare the partners' submitted answers question by
question and theme by theme. How a question is compared is set on the question by admins and
passed in as a plain ``QuestionRule``. No database here, so the rules can be read, tested with
tables of cases and explained on the "How we compare" page.

The rules:
- A question is compared only when at least two partners answered it; otherwise it shows "Not
  enough answers". A question hidden from a partner (its "show only when" condition does not
  hold) counts as not answered by that partner.
- Free-text questions, and questions set to "no comparison", are shown side by side and never
  judged ("Not compared").
- "Must match": when every partner gave the same answer, the partners are aligned. When the
  partners that gave a definite answer agree, but some gave a flexible answer such as "Not
  decided", "No preference" or "Either", the answers are different: worth a conversation. When
  definite answers disagree, it is a conflict, to be resolved before the business case. For a
  question with several choices, partners agree when they chose exactly the same options.
- "May differ": the same answers are aligned; any difference is different, never a conflict.
- "Within a tolerance" (numbers, money and percentages): when the gap between the largest and
  the smallest answer is no more than the tolerance, the partners are aligned; otherwise it is
  a conflict. A tolerance given as a percentage is that percentage of the largest answer. A
  question with no tolerance needs equal answers.
- "Within months" (dates): when the latest date is no more than the given number of months
  after the earliest, the partners are aligned; otherwise it is a conflict. Months are calendar
  months, and a month after the 31st lands on the month's last day: a month after 31 January is
  28 February (29 in a leap year).
- "Overlap" (services in scope): when one partner puts a service in scope that another partner
  says it will never share, it is a conflict, and every clash is listed. Otherwise partners that
  chose the same services are aligned, and different choices are different.
- Odd ones out: when three or more partners answered, the partners whose answer stands out are
  named. For "must match" and "may differ", partners are grouped by answer, leaving flexible
  answers aside; when one group is larger than every other, the partners outside it are named,
  and when the largest groups are the same size the partners are split and nobody is named. For
  tolerances and months, the partners named are those further than the tolerance (or the months)
  from the middle answer (with an even number of answers, the lower of the two middle ones), when
  they are fewer than the rest; otherwise nobody is singled out.
  For overlap, the partners named are those that will never share a service another partner
  puts in scope. With only two partners, nobody is singled out.
- A theme with any conflict is in conflict; otherwise a theme with any difference is different;
  otherwise a theme with any aligned question is aligned; otherwise it is not compared.
- The partnership follows the same rule over its themes: any theme in conflict puts the
  partnership in conflict; otherwise any different theme makes it different; otherwise any
  aligned theme makes it aligned; otherwise it is not compared.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from toolkit.conditions import is_answered
from toolkit.money import money

ALIGNED = "Aligned"  # the partners agree
DIFFERENT = "Different"  # worth a conversation
CONFLICT = "Conflict"  # must be resolved before the business case
NOT_COMPARED = "Not compared"  # shown side by side, never judged
NOT_ENOUGH = "Not enough answers"  # fewer than two partners answered (or were shown) it

# comparison kinds (the values stored on the question)
MUST_MATCH, MAY_DIFFER, TOLERANCE, MONTHS, OVERLAP, NONE = "match", "differ", "tolerance", "months", "overlap", "none"
COMPARISONS = (MUST_MATCH, MAY_DIFFER, TOLERANCE, MONTHS, OVERLAP, NONE)

TEXT_KINDS = frozenset({"text", "long_text"})
NUMBER_KINDS = frozenset({"number", "money", "percentage"})
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class QuestionRule:
    key: str
    text: str
    theme: str  # theme slug
    kind: str  # question kind: yes_no, yes_partly_no, agreement, single, multiple, number, ...
    comparison: str  # one of COMPARISONS
    tolerance: Decimal | None = None  # TOLERANCE: how far apart answers may be
    tolerance_is_percent: bool = False  # TOLERANCE: a percentage of the largest answer
    months: int | None = None  # MONTHS: how many months apart dates may be
    flexible: frozenset = frozenset()  # option values that fit any other answer
    excluded_by: str | None = None  # OVERLAP: key of the "will never share" question
    labels: dict = field(default_factory=dict)  # option value -> label, in option order


@dataclass(frozen=True)
class QuestionResult:
    key: str
    theme: str
    verdict: str
    answers: dict  # partner -> stored value, only partners that answered and were shown it, in order
    odd_ones_out: tuple  # partner names whose answer differs from the rest; () when none named
    reason: str  # why, in plain English; empty for ALIGNED, NOT_COMPARED and NOT_ENOUGH
    clashes: tuple = ()  # OVERLAP: (partner putting it in scope, option value, partner refusing it)


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    verdict: str
    counts: dict  # ALIGNED, DIFFERENT, CONFLICT -> number of questions (all three always present)


@dataclass(frozen=True)
class Compatibility:
    questions: list  # [QuestionResult], in the rules' order
    themes: list  # [ThemeResult], in the order themes first appear among the rules
    verdict: str  # the partnership's
    partners: tuple  # partner names, in order


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def compare_question(rule: QuestionRule, answers: dict, never: dict | None = None) -> QuestionResult:
    """Compare one question's answers (partner -> stored value, for the partners shown it).

    ``never``, for an overlap question: partner -> that partner's "will never share" answer.
    An answer that cannot be read (say, a date that is not a date) counts as unanswered.
    """
    read, given = {}, {}
    for partner, value in answers.items():
        compared = _read(rule, value)
        if compared is not None:
            read[partner], given[partner] = compared, value

    if len(read) < 2:
        verdict, odd, reason, clashes = NOT_ENOUGH, (), "", ()
    elif rule.comparison not in COMPARISONS or rule.comparison == NONE or rule.kind in TEXT_KINDS:
        verdict, odd, reason, clashes = NOT_COMPARED, (), "", ()
    elif rule.comparison == TOLERANCE:
        verdict, odd, reason, clashes = *_within_tolerance(rule, read), ()
    elif rule.comparison == MONTHS:
        verdict, odd, reason, clashes = *_within_months(rule, read), ()
    elif rule.comparison == OVERLAP:
        verdict, odd, reason, clashes = _overlap(rule, read, never or {})
    else:
        verdict, odd, reason, clashes = *_same_answers(rule, read), ()
    return QuestionResult(rule.key, rule.theme, verdict, given, tuple(odd), reason, tuple(clashes))


def theme_verdict(verdicts) -> str:
    """A theme with any conflict is in conflict; otherwise any difference makes it different;
    otherwise any aligned question makes it aligned; otherwise it is not compared."""
    verdicts = set(verdicts)
    for verdict in (CONFLICT, DIFFERENT, ALIGNED):
        if verdict in verdicts:
            return verdict
    return NOT_COMPARED


def overall_verdict(verdicts) -> str:
    """The partnership's verdict over its themes' verdicts: the same rule as for a theme."""
    return theme_verdict(verdicts)


def compare(rules, answers_by_partner: dict, shown_by_partner: dict | None = None) -> Compatibility:
    """Compare every partner's answers, question by question and theme by theme.

    ``answers_by_partner``: partner -> {question key: stored value}, in the partners' order.
    ``shown_by_partner``: partner -> the question keys shown to that partner; None (for all
    partners, or for one partner) means every question was shown.
    """
    partners = tuple(answers_by_partner)

    def answers_to(key):
        return {
            partner: (answers_by_partner[partner] or {}).get(key)
            for partner in partners
            if shown_by_partner is None or shown_by_partner.get(partner) is None or key in shown_by_partner[partner]
        }

    questions = []
    for rule in rules:
        never = answers_to(rule.excluded_by) if rule.comparison == OVERLAP and rule.excluded_by else None
        questions.append(compare_question(rule, answers_to(rule.key), never))

    by_theme = {}
    for result in questions:
        by_theme.setdefault(result.theme, []).append(result.verdict)
    themes = [
        ThemeResult(theme, theme_verdict(verdicts), {v: verdicts.count(v) for v in (ALIGNED, DIFFERENT, CONFLICT)})
        for theme, verdicts in by_theme.items()
    ]
    return Compatibility(questions, themes, overall_verdict(t.verdict for t in themes), partners)


# The comparisons. Each takes the answers as read (partner -> value, at least two) and returns
# (verdict, odd ones out, reason).


def _same_answers(rule, read):
    """Must match and may differ."""
    if len(set(read.values())) == 1:
        return ALIGNED, (), ""
    definite = {value for value in read.values() if not _is_flexible(rule, value)}
    verdict = CONFLICT if rule.comparison == MUST_MATCH and len(definite) > 1 else DIFFERENT

    odd, split = (), False
    counts = {}
    for value in read.values():
        if not _is_flexible(rule, value):
            counts[value] = counts.get(value, 0) + 1
    if len(read) >= 3 and counts:
        largest = max(counts.values())
        leaders = [value for value, count in counts.items() if count == largest]
        if len(leaders) > 1:
            split = True
        else:
            odd = tuple(p for p, v in read.items() if v != leaders[0] and not _is_flexible(rule, v))

    if odd:
        rest = {p: v for p, v in read.items() if p not in odd}
        reason = f"{_describe(rule, rest)}. {_odd_sentence(rule, read, odd)}"
    elif split:
        reason = f"The partners are split: {_describe(rule, read)}."
    else:
        reason = f"{_describe(rule, read)}."
    return verdict, odd, reason


def _within_tolerance(rule, read):
    values = list(read.values())
    largest = max(values)
    spread = largest - min(values)
    tolerance = Decimal(str(rule.tolerance)) if rule.tolerance is not None else Decimal(0)
    allowed = tolerance * abs(largest) / 100 if rule.tolerance_is_percent else tolerance
    if spread <= allowed:
        return ALIGNED, (), ""
    limit = f"{_number(tolerance)}%" if rule.tolerance_is_percent else _amount(rule.kind, tolerance)
    reason = f"Answers are {_amount(rule.kind, spread)} apart, more than the {limit} allowed."
    odd = ()
    if len(read) >= 3:
        median = sorted(values)[(len(values) - 1) // 2]
        odd = minority(tuple(p for p, v in read.items() if abs(v - median) > allowed), read)
    if odd:
        reason = f"{reason} {_odd_sentence(rule, read, odd)}"
    return CONFLICT, odd, reason


def _within_months(rule, read):
    values = list(read.values())
    earliest, latest = min(values), max(values)
    months = rule.months or 0
    if latest <= add_months(earliest, months):
        return ALIGNED, (), ""
    whole = (latest.year - earliest.year) * 12 + latest.month - earliest.month
    if add_months(earliest, whole) > latest:
        whole -= 1
    if add_months(earliest, whole) == latest:
        apart = f"{whole} month{'' if whole == 1 else 's'}"
    elif whole == 0:
        apart = "less than a month"
    else:
        apart = f"over {whole} month{'' if whole == 1 else 's'}"
    reason = f"The dates are {apart} apart, more than the {months} allowed."

    def too_far(one, other):
        first, last = min(one, other), max(one, other)
        return last > add_months(first, months)

    odd = ()
    if len(read) >= 3:
        median = sorted(values)[(len(values) - 1) // 2]
        odd = minority(tuple(p for p, v in read.items() if too_far(v, median)), read)
    if odd:
        reason = f"{reason} {_odd_sentence(rule, read, odd)}"
    return CONFLICT, odd, reason


def minority(odd, read):
    """Partners are named as differing from the rest only when they are fewer than the rest."""
    return odd if len(odd) * 2 < len(read) else ()


def _overlap(rule, read, never):
    refused = {}
    for partner, value in never.items():
        if is_answered(value):
            refused[partner] = frozenset(value if isinstance(value, (list, tuple, set, frozenset)) else [value])
    clashes = tuple(
        (partner, option, refuser)
        for partner, chosen in read.items()
        for option in _in_order(rule, chosen)
        for refuser, options in refused.items()
        if refuser != partner and option in options
    )
    if clashes:
        refusers = {refuser for _, _, refuser in clashes}
        odd = tuple(p for p in refused if p in refusers) if len(read) >= 3 else ()
        # One clause per service and the partners refusing it, naming everyone who includes it:
        # "Merton, Sutton and Kingston put Legal in scope, which Richmond will never share".
        refusing = {}
        for partner, option, refuser in clashes:
            refusing.setdefault((partner, option), []).append(refuser)
        grouped = {}
        for (partner, option), names in refusing.items():
            grouped.setdefault((option, tuple(names)), []).append(partner)
        reason = "; ".join(
            f"{_names(partners)} {'puts' if len(partners) == 1 else 'put'} {rule.labels.get(option, option)} in scope, "
            f"which {_names(list(names))} will never share"
            for (option, names), partners in grouped.items()
        )
        return CONFLICT, odd, f"{reason}.", clashes
    if len(set(read.values())) == 1:
        return ALIGNED, (), "", ()
    return DIFFERENT, (), f"{_describe(rule, read)}.", ()


# Reading answers and writing reasons.


def _read(rule, value):
    """The value compared, or None when unanswered or unreadable."""
    if not is_answered(value):
        return None
    try:
        if rule.kind in NUMBER_KINDS:
            if isinstance(value, bool):
                return None
            number = Decimal(str(value))
            return number if number.is_finite() else None
        if rule.kind == "date":
            return value if isinstance(value, date) else date.fromisoformat(value)
        if rule.kind == "multiple" or rule.comparison == OVERLAP or isinstance(value, (list, tuple, set)):
            return frozenset(value if isinstance(value, (list, tuple, set, frozenset)) else [value])
        hash(value)
        return value
    except (InvalidOperation, ValueError, TypeError):
        return None


def _is_flexible(rule, value):
    if isinstance(value, frozenset):
        return bool(value) and value <= rule.flexible
    return isinstance(value, str) and value in rule.flexible


def _in_order(rule, options):
    """Chosen option values in the question's option order, unknown values last."""
    known = [option for option in rule.labels if option in options]
    return known + sorted(str(option) for option in options if option not in rule.labels)


def _names(names):
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _number(number):
    return format(number.normalize(), ",f")


def _amount(kind, number):
    if kind == "money":
        return money(number, places=0 if number == number.to_integral_value() else 2)
    if kind == "percentage":
        return f"{_number(number)}%"
    return _number(number)


def _show(rule, value):
    if isinstance(value, frozenset):
        return _names(f"‘{rule.labels.get(option, option)}’" for option in _in_order(rule, value))
    if isinstance(value, Decimal):
        return _amount(rule.kind, value)
    if isinstance(value, date):
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    return f"‘{rule.labels.get(value, value)}’"


def _groups(read):
    """(value, [partners]) in the order values first appear."""
    groups = {}
    for partner, value in read.items():
        groups.setdefault(value, []).append(partner)
    return list(groups.items())


def _describe(rule, read):
    return "; ".join(f"{_names(partners)} answered {_show(rule, value)}" for value, partners in _groups(read))


def _odd_sentence(rule, read, odd):
    odd_read = {p: read[p] for p in odd}
    groups = _groups(odd_read)
    if len(groups) == 1:
        verb, pronoun = ("differs", "it") if len(odd) == 1 else ("differ", "they")
        return f"{_names(odd)} {verb} from the rest: {pronoun} answered {_show(rule, groups[0][0])}."
    return f"{_names(odd)} differ from the rest: {_describe(rule, odd_read)}."
