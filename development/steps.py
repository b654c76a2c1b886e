"""The 25 steps (DOMAIN.md §1) and the two rule versions, as data; the migration loads them into the database.

Each step lists the rule ids its recording checks (see development/rules.py). Parameters are per rule
set so that the organization department can change a default (e.g. 公示 working days) in one place.
"""

# Parameters of the 2014 细则 (national rules and the school's defaults); the rule id is in the comment.
PARAMS_2014 = {
    "min_age": 18,  # DEV-AGE
    "talk_within_months": 1,  # DEV-TALK
    "activist_after_months": 6,  # DEV-ACT-MIN (default)
    "mentors_min": 1,  # DEV-MENTOR
    "mentors_max": 2,  # DEV-MENTOR
    "assess_every_months": 6,  # DEV-ASSESS
    "report_every_months": 3,  # DEV-REPORT (default: quarterly)
    "candidate_after_months": 12,  # DEV-CAND-MIN
    "sponsors": 2,  # DEV-SPONSOR
    "train_min_days": 3,  # DEV-TRAIN
    "train_min_hours": 24,  # DEV-TRAIN
    "publicity_working_days": 5,  # DEV-PUBLIC (default)
    "approve_within_months": 3,  # DEV-APPROVE
    "approve_max_months": 6,  # DEV-APPROVE (special cases)
    "probation_months": 12,  # DEV-PROB
    "extension_min_months": 6,  # DEV-PROB-END
    "extension_max_months": 12,  # DEV-PROB-END
    "archive_within_days": 7,  # DEV-ARCHIVE (default)
    "meeting_after_prereview_months": None,  # DEV-2026 only
    "oath_within_months": None,  # DEV-2026 only (DEV-OATH: within probation)
}
# DEV-2026: the reported revision — branch meeting within 1 month after pre-review, oath within 1 month of approval.
PARAMS_2026 = PARAMS_2014 | {"meeting_after_prereview_months": 1, "oath_within_months": 1}

RULE_SETS = [
    {
        "code": "2014",
        "name": "《中国共产党发展党员工作细则》（2014）",
        "active": True,
        "effective_from": "2014-06-10",
        "params": PARAMS_2014,
        "note": "现行规则。",
    },
    {
        "code": "2026",
        "name": "2026 年修订（DEV-2026，待确认）",
        "active": False,
        "effective_from": "2026-01-01",
        "params": PARAMS_2026,
        "note": "据报道的修订内容：发展对象公示不少于 5 个工作日、预审后 1 个月内召开支部大会、审批后 1 个月内宣誓。"
        "确认前不启用。",
    },
]

# number, stage, name, performer, materials, checks, people label/min/max, repeatable, needs approving org
STEPS = [
    (1, 1, "递交入党申请书", "申请人", "入党申请书", ["DEV-AGE"], "", 0, 0, False, False),
    (2, 1, "党组织派人谈话", "党支部", "谈话记录", ["DEV-TALK"], "谈话人", 1, 3, False, False),
    (
        3,
        2,
        "推荐和确定入党积极分子",
        "党支部委员会",
        "推荐材料、支委会记录",
        ["DEV-ACT-MIN"],
        "",
        0,
        0,
        False,
        False,
    ),
    (4, 2, "上级党委备案", "上级党委", "入党积极分子备案表", [], "", 0, 0, False, True),
    (5, 2, "指定培养联系人", "党支部", "", ["DEV-MENTOR"], "培养联系人", 1, 2, False, False),
    (6, 2, "培养教育考察", "党支部、培养联系人", "半年考察记录", [], "", 0, 0, True, False),
    (
        7,
        3,
        "确定发展对象",
        "党支部委员会",
        "支委会记录、公示材料",
        ["DEV-CAND-MIN", "DEV-PUBLIC"],
        "",
        0,
        0,
        False,
        False,
    ),
    (8, 3, "报上级党委备案", "上级党委", "发展对象备案表", [], "", 0, 0, False, True),
    (9, 3, "确定入党介绍人", "党支部", "", ["DEV-SPONSOR"], "入党介绍人", 2, 2, False, False),
    (10, 3, "政治审查", "党支部、上级党委", "政治审查结论（书面）", ["DEV-POLREV"], "", 0, 0, False, False),
    (11, 3, "集中培训", "上级党委（党校）", "培训证明", ["DEV-TRAIN"], "", 0, 0, False, False),
    (12, 4, "支部委员会审查", "党支部委员会", "审查意见", [], "", 0, 0, False, False),
    (13, 4, "上级党委预审", "上级党委", "预审意见", [], "", 0, 0, False, True),
    (14, 4, "填写入党志愿书", "发展对象", "入党志愿书", [], "", 0, 0, False, False),
    (
        15,
        4,
        "支部大会讨论",
        "支部党员大会",
        "会议记录、表决结果",
        ["DEV-POLREV", "DEV-TRAIN", "DEV-PUBLIC", "DEV-VOTE"],
        "",
        0,
        0,
        False,
        False,
    ),
    (16, 4, "上级党委派人谈话", "上级党委委员或组织员", "谈话记录", [], "谈话人", 1, 2, False, False),
    (17, 4, "上级党委审批", "上级党委", "审批意见", ["DEV-APPROVE"], "", 0, 0, False, True),
    (18, 4, "再上一级党委组织部门备案", "再上一级党委组织部门", "备案材料", [], "", 0, 0, False, True),
    (19, 5, "编入党支部和党小组", "党支部", "", [], "", 0, 0, False, False),
    (20, 5, "入党宣誓", "上级党委或党支部", "宣誓记录", ["DEV-OATH"], "", 0, 0, False, False),
    (21, 5, "继续教育考察", "党支部", "考察记录", [], "", 0, 0, True, False),
    (22, 5, "提出转正申请", "预备党员", "转正申请书", [], "", 0, 0, False, False),
    (
        23,
        5,
        "支部大会讨论",
        "支部党员大会",
        "会议记录、表决结果",
        ["DEV-PUBLIC", "DEV-VOTE", "DEV-PROB-END"],
        "",
        0,
        0,
        True,
        False,
    ),
    (24, 5, "上级党委审批", "上级党委", "审批意见", ["DEV-APPROVE"], "", 0, 0, True, True),
    (25, 5, "材料归档", "党支部、组织部门", "入党材料", ["DEV-ARCHIVE"], "", 0, 0, False, False),
]
# DEV-2026 adds its meeting-after-pre-review check to step 15.
EXTRA_CHECKS = {"2026": {15: ["DEV-2026"]}}


def seed(RuleSet, StepDefinition):
    """Create (or update) the rule sets and their steps; idempotent, also used by tests and demo data."""
    for spec in RULE_SETS:
        rule_set, created = RuleSet.objects.get_or_create(
            code=spec["code"],
            defaults={k: spec[k] for k in ("name", "active", "effective_from", "params", "note")},
        )
        extra = EXTRA_CHECKS.get(spec["code"], {})
        for number, stage, name, performer, materials, checks, label, pmin, pmax, rep, org in STEPS:
            StepDefinition.objects.update_or_create(
                rule_set=rule_set,
                number=number,
                defaults={
                    "stage": stage,
                    "name": name,
                    "performer": performer,
                    "materials": materials,
                    "checks": checks + extra.get(number, []),
                    "people_label": label,
                    "people_min": pmin,
                    "people_max": pmax,
                    "repeatable": rep,
                    "needs_approving_org": org,
                },
            )
