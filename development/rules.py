"""The development rules (DOMAIN.md §1, ids DEV-*), each encoded once as a function over plain facts.

A rule gets a ``Facts`` (dates and people of one 发展档案 and the step being recorded) and returns
the refusal message — naming the rule id and the dates — or None. The services build the facts from
the database; tests build them directly.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from development.choices import OUTCOME_VOTE, ProbationOutcome, PublicityKind, VoteKind
from members.services import add_months


@dataclass
class PersonFact:
    name: str
    political_status: str  # members.choices.PoliticalStatus value
    standing: str = "normal"  # members.choices.PartyStanding value
    rights_suspended: bool = False  # under 留党察看 with rights suspended on the day


@dataclass
class VoteCounts:
    should_attend: int
    present: int
    yes: int
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0
    written_abstain: int = 0
    kind: str = VoteKind.ADMISSION
    declared_passed: bool = True


@dataclass
class PublicityFact:
    kind: str
    start: dt.date
    end: dt.date
    working_days: int


@dataclass
class Facts:
    step: int
    on: dt.date
    params: dict
    birth_date: dt.date | None = None
    applied_on: dt.date | None = None
    activist_on: dt.date | None = None
    candidate_on: dt.date | None = None
    prereview_on: dt.date | None = None
    admitted_on: dt.date | None = None
    approved_on: dt.date | None = None
    probation_end: dt.date | None = None
    extension_months: int | None = None
    conversion_meeting_on: dt.date | None = None
    conversion_approved_on: dt.date | None = None
    people: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    vote: VoteCounts | None = None
    publicities: list = field(default_factory=list)
    approving_org_type: str | None = None
    polrev_conclusion: str = ""  # from the step-10 record
    training: dict = field(default_factory=dict)  # from the step-11 record
    pending_outcome: str | None = None  # outcome of the step-23 meeting awaiting approval


def d(day):
    return day.strftime("%Y-%m-%d") if day else "（未记录）"


RULES: dict[str, Callable[[Facts], str | None]] = {}
LABELS: dict[str, str] = {}


def rule(rule_id, label):
    def register(func):
        RULES[rule_id] = func
        LABELS[rule_id] = label
        return func

    return register


@rule("DEV-AGE", "申请人递交申请时年满十八周岁")
def age(f: Facts):
    if not f.birth_date:
        return "无法核对申请人是否年满十八周岁（DEV-AGE）：人员记录缺少出生日期"
    adult_on = add_months(f.birth_date, 12 * f.params["min_age"])
    if f.on < adult_on:
        return (
            f"递交入党申请时须年满{f.params['min_age']}周岁（DEV-AGE）：出生日期 {d(f.birth_date)}，"
            f"申请日期 {d(f.on)}，最早 {d(adult_on)}"
        )
    return None


def talk_due(applied_on, params):
    """DEV-TALK: the last day for the first talk."""
    return add_months(applied_on, params["talk_within_months"])


@rule("DEV-TALK", "收到入党申请书后一个月内派人谈话")
def talk(f: Facts):
    due = talk_due(f.applied_on, f.params)
    if f.on > due:
        return (
            f"党组织应在收到入党申请书后{f.params['talk_within_months']}个月内派人谈话（DEV-TALK）："
            f"递交申请 {d(f.applied_on)}，最迟 {d(due)}，谈话 {d(f.on)}"
        )
    return None


def activist_earliest(applied_on, params):
    """DEV-ACT-MIN: the first day someone may become an activist."""
    return add_months(applied_on, params["activist_after_months"])


@rule("DEV-ACT-MIN", "递交申请满六个月后方可确定为入党积极分子")
def activist_min(f: Facts):
    earliest = activist_earliest(f.applied_on, f.params)
    if f.on < earliest:
        return (
            f"确定入党积极分子须在递交入党申请书满{f.params['activist_after_months']}个月之后（DEV-ACT-MIN）："
            f"递交申请 {d(f.applied_on)}，最早 {d(earliest)}"
        )
    return None


def _full_members_only(people, what, rule_id, *, check_rights=False):
    for p in people:
        if p.political_status != "full_member" or p.standing != "normal":
            return f"{what}须为正式党员（{rule_id}）：{p.name}不是党籍正常的正式党员"
        if check_rights and p.rights_suspended:
            return f"{what}不得为留党察看期间停止党员权利者（{rule_id}）：{p.name}"
    return None


@rule("DEV-MENTOR", "指定 1–2 名正式党员作培养联系人")
def mentor(f: Facts):
    low, high = f.params["mentors_min"], f.params["mentors_max"]
    if not low <= len(f.people) <= high:
        return f"须指定 {low}–{high} 名培养联系人（DEV-MENTOR）：现为 {len(f.people)} 名"
    return _full_members_only(f.people, "培养联系人", "DEV-MENTOR")


def candidate_earliest(activist_on, params):
    """DEV-CAND-MIN: the first day an activist may become a candidate."""
    return add_months(activist_on, params["candidate_after_months"])


@rule("DEV-CAND-MIN", "确定为入党积极分子满一年后方可确定为发展对象")
def candidate_min(f: Facts):
    if not f.activist_on:
        return "确定发展对象须先确定为入党积极分子（DEV-CAND-MIN）：没有确定积极分子的日期"
    earliest = candidate_earliest(f.activist_on, f.params)
    if f.on < earliest:
        years = f.params["candidate_after_months"] // 12
        span = (
            f"满{'一' if years == 1 else years}年"
            if f.params["candidate_after_months"] % 12 == 0
            else (f"满{f.params['candidate_after_months']}个月")
        )
        return (
            f"确定发展对象须在确定为入党积极分子{span}之后（DEV-CAND-MIN）：确定积极分子 {d(f.activist_on)}，"
            f"最早 {d(earliest)}"
        )
    return None


PUBLICITY_FOR_STEP = {7: PublicityKind.CANDIDATE, 15: PublicityKind.ADMISSION, 23: PublicityKind.CONVERSION}


@rule("DEV-PUBLIC", "确定发展对象、接收预备党员、转正前公示不少于 5 个工作日")
def public(f: Facts):
    kind = PUBLICITY_FOR_STEP[f.step]
    if f.step == 23 and f.data.get("outcome") != ProbationOutcome.CONVERT:
        return None  # only conversion is published; extension and cancellation are not
    need = f.params["publicity_working_days"]
    done = [p for p in f.publicities if p.kind == kind and p.end < f.on]
    if not done:
        return f"{PublicityKind(kind).label}须在 {d(f.on)} 之前完成（DEV-PUBLIC）：没有已结束的公示记录"
    if not any(p.working_days >= need for p in done):
        best = max(done, key=lambda p: p.working_days)
        return (
            f"{PublicityKind(kind).label}不少于 {need} 个工作日（DEV-PUBLIC）：{d(best.start)} 至 {d(best.end)} "
            f"仅 {best.working_days} 个工作日"
        )
    return None


@rule("DEV-SPONSOR", "两名正式党员作入党介绍人")
def sponsor(f: Facts):
    need = f.params["sponsors"]
    if len(f.people) != need:
        return f"须有 {need} 名入党介绍人（DEV-SPONSOR）：现为 {len(f.people)} 名"
    return _full_members_only(f.people, "入党介绍人", "DEV-SPONSOR", check_rights=True)


@rule("DEV-POLREV", "没有书面政治审查结论不能发展入党")
def polrev(f: Facts):
    conclusion = f.data.get("conclusion", "") if f.step == 10 else f.polrev_conclusion
    if not (conclusion or "").strip():
        return "没有书面政治审查结论（DEV-POLREV）：请在“政治审查”步骤填写审查结论"
    return None


def training_ok(training, params):
    """DEV-TRAIN: at least 3 days or 24 class hours of centralised training."""
    return (
        float(training.get("days") or 0) >= params["train_min_days"]
        or float(training.get("hours") or 0) >= params["train_min_hours"]
    )


@rule("DEV-TRAIN", "集中培训不少于 3 天或 24 学时")
def train(f: Facts):
    training = f.data if f.step == 11 else f.training
    if not training_ok(training, f.params):
        return (
            f"集中培训须不少于 {f.params['train_min_days']} 天或 {f.params['train_min_hours']} 学时（DEV-TRAIN）："
            f"记录为 {training.get('days') or 0} 天、{training.get('hours') or 0} 学时"
        )
    return None


def vote_result(v: VoteCounts):
    """DEV-VOTE: (quorum, passed). Quorum: more than half of those who should attend are present.
    Passed: yes-votes, including absent members' written ones, exceed half of those who should attend."""
    quorum = 2 * v.present > v.should_attend
    passed = quorum and 2 * (v.yes + v.written_yes) > v.should_attend
    return quorum, passed


def vote_errors(v: VoteCounts):
    """Numbers that cannot be true (refused always, no override)."""
    errors = []
    if v.should_attend <= 0:
        errors.append("应到有表决权党员人数须大于 0")
    if v.present > v.should_attend:
        errors.append("实到人数不能多于应到人数")
    if v.yes + v.no + v.abstain > v.present:
        errors.append("赞成、反对、弃权票合计不能多于实到人数")
    if v.written_yes + v.written_no + v.written_abstain > v.should_attend - v.present:
        errors.append("书面意见份数不能多于缺席人数")
    return errors


@rule("DEV-VOTE", "支部大会：应到过半数到会，赞成票超过应到有表决权党员半数")
def vote(f: Facts):
    if f.vote is None:
        return "须记录支部大会表决结果（DEV-VOTE）"
    expected = VoteKind.ADMISSION if f.step == 15 else OUTCOME_VOTE.get(f.data.get("outcome"))
    if expected and f.vote.kind != expected:
        return f"表决事项应为“{VoteKind(expected).label}”（DEV-VOTE）"
    quorum, passed = vote_result(f.vote)
    v = f.vote
    if not quorum:
        return f"到会人数未超过应到有表决权党员的半数，不能表决（DEV-VOTE）：应到 {v.should_attend}，实到 {v.present}"
    if not passed:
        return (
            f"赞成票未超过应到有表决权党员的半数，不能记录为“通过”（DEV-VOTE）：应到 {v.should_attend}，"
            f"赞成 {v.yes} + 书面赞成 {v.written_yes} = {v.yes + v.written_yes}，须多于 {v.should_attend / 2:g}"
        )
    return None


def approve_deadline(meeting_on, params, special=False):
    """DEV-APPROVE: the higher committee approves within 3 months (6 in special cases) of the branch meeting."""
    return add_months(meeting_on, params["approve_max_months" if special else "approve_within_months"])


@rule("DEV-APPROVE", "上级党委三个月内审批（特殊情况不超过六个月），党总支不能审批")
def approve(f: Facts):
    if f.approving_org_type == "general_branch":
        return "党总支不能审批接收预备党员或预备党员转正（DEV-APPROVE）：请选择具有审批权的上级党委"
    if f.approving_org_type in ("branch", "functional_branch", "group"):
        return "审批须由上级党委作出（DEV-APPROVE）：所选组织不是党委"
    meeting = f.admitted_on if f.step == 17 else f.conversion_meeting_on
    if not meeting:
        return "没有支部大会讨论的日期（DEV-APPROVE）"
    special = bool(f.data.get("special"))
    due = approve_deadline(meeting, f.params, special)
    if f.on > due:
        months = f.params["approve_max_months" if special else "approve_within_months"]
        return (
            f"上级党委应在支部大会讨论后{months}个月内审批（DEV-APPROVE）：支部大会 {d(meeting)}，最迟 {d(due)}，"
            f"审批 {d(f.on)}"
        )
    return None


def probation_end(admitted_on, params, extension_months=None):
    """DEV-PROB: probation runs one year from the branch meeting that admitted the member (plus any extension)."""
    end = add_months(admitted_on, params["probation_months"])
    return add_months(end, extension_months) if extension_months else end


@rule("DEV-PROB-END", "预备期满：按期转正、延长一次 6–12 个月或取消资格")
def probation_end_rule(f: Facts):
    outcome = f.data.get("outcome")
    if outcome not in ProbationOutcome.values:
        return "请选择支部大会的决定：按期转正、延长预备期或取消预备党员资格（DEV-PROB-END）"
    if outcome == ProbationOutcome.CONVERT and f.on < f.probation_end:
        return f"预备期满后方可讨论转正（DEV-PROB-END）：预备期满 {d(f.probation_end)}，支部大会 {d(f.on)}"
    if outcome == ProbationOutcome.EXTEND:
        if f.extension_months:
            return f"预备期只能延长一次（DEV-PROB-END）：已延长 {f.extension_months} 个月"
        months = int(f.data.get("extension_months") or 0)
        low, high = f.params["extension_min_months"], f.params["extension_max_months"]
        if not low <= months <= high:
            return f"延长预备期为 {low}–{high} 个月（DEV-PROB-END）：填写为 {months} 个月"
    return None


@rule("DEV-OATH", "审批后及时入党宣誓，须在预备期内")
def oath(f: Facts):
    if not f.approved_on:
        return "上级党委审批后方可入党宣誓（DEV-OATH）：没有审批日期"
    if f.on < f.approved_on or (f.probation_end and f.on > f.probation_end):
        return (
            f"入党宣誓须在预备期内、审批之后（DEV-OATH）：审批 {d(f.approved_on)}，预备期满 {d(f.probation_end)}，"
            f"宣誓 {d(f.on)}"
        )
    within = f.params.get("oath_within_months")
    if within and f.on > add_months(f.approved_on, within):
        return (
            f"入党宣誓须在审批后{within}个月内（DEV-2026）：审批 {d(f.approved_on)}，"
            f"最迟 {d(add_months(f.approved_on, within))}"
        )
    return None


@rule("DEV-ARCHIVE", "转正后一周内将材料归入人事档案")
def archive(f: Facts):
    base = f.conversion_approved_on
    if not base:
        return "转正审批后方可归档（DEV-ARCHIVE）"
    due = base + dt.timedelta(days=f.params["archive_within_days"])
    if f.on > due:
        return f"转正后 {f.params['archive_within_days']} 天内归档（DEV-ARCHIVE）：转正审批 {d(base)}，最迟 {d(due)}"
    return None


@rule("DEV-2026", "预审后一个月内召开支部大会（2026 修订，待确认）")
def meeting_after_prereview(f: Facts):
    months = f.params.get("meeting_after_prereview_months")
    if not months or not f.prereview_on:
        return None
    due = add_months(f.prereview_on, months)
    if f.on > due:
        return (
            f"上级党委预审后{months}个月内召开支部大会（DEV-2026）：预审 {d(f.prereview_on)}，最迟 {d(due)}"
        )
    return None


def check(step_checks, facts: Facts) -> list[str]:
    """Run the rules a step lists; returns every refusal message."""
    return [msg for rule_id in step_checks if (msg := RULES[rule_id](facts))]
