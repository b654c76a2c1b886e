"""Build 发展档案 at a given step through the services (the same path a branch secretary takes)."""

import datetime as dt

from core.testing.world import person
from development import services
from development.models import Publicity
from development.rules import VoteCounts
from members.choices import PoliticalStatus

D = dt.date
APPLIED = D(2022, 3, 1)


BORN = D(2000, 1, 1)


def applicant(world, org_key="a1", name="申请人", born=BORN):
    return person(name, world.orgs[org_key], PoliticalStatus.MASSES, birth_date=born)


def publicity(file, kind, start):
    return services.save_publicity(Publicity(file=file, kind=kind, start=start, working_days=5), None)


def walk(world, file, upto, user=None):
    """Record steps 2..upto with dates that satisfy every rule (starting from APPLIED)."""
    mentors = [world.people["committee_a1"]]
    sponsors = [world.people["secretary_a1"], world.people["committee_a1"]]
    root = world.orgs["root"]
    plan = {
        2: dict(on=D(2022, 3, 20), people=[world.people["secretary_a1"]]),
        3: dict(on=D(2022, 9, 1)),
        4: dict(on=D(2022, 9, 5), approving_org=world.orgs["a"]),
        5: dict(on=D(2022, 9, 6), people=mentors),
        6: dict(on=D(2023, 3, 1)),
        7: dict(on=D(2023, 9, 11)),
        8: dict(on=D(2023, 9, 15), approving_org=world.orgs["a"]),
        9: dict(on=D(2023, 9, 16), people=sponsors),
        10: dict(on=D(2023, 10, 1), data={"conclusion": "政治审查合格"}),
        11: dict(on=D(2023, 10, 10), data={"days": 3, "hours": 24}),
        12: dict(on=D(2023, 11, 1)),
        13: dict(on=D(2023, 11, 5), approving_org=root),
        14: dict(on=D(2023, 11, 6)),
        15: dict(on=D(2023, 11, 20), vote=VoteCounts(should_attend=10, present=8, yes=7, no=1)),
        16: dict(on=D(2023, 12, 1), people=[world.people["secretary_a"]]),
        17: dict(on=D(2024, 1, 10), approving_org=root),
        18: dict(on=D(2024, 1, 20), approving_org=root),
        19: dict(on=D(2024, 1, 21)),
        20: dict(on=D(2024, 2, 1)),
        21: dict(on=D(2024, 6, 1)),
        22: dict(on=D(2024, 10, 20)),
        23: dict(
            on=D(2024, 11, 20),
            data={"outcome": "convert"},
            vote=VoteCounts(should_attend=10, present=9, yes=9, kind="conversion"),
        ),
        24: dict(on=D(2024, 12, 10), approving_org=root),
        25: dict(on=D(2024, 12, 15)),
    }
    for n in range(file.current_step + 1, upto + 1):
        if n == 7:
            publicity(file, "candidate", D(2023, 9, 1))
        if n == 15:
            publicity(file, "admission", D(2023, 11, 10))
        if n == 23:
            publicity(file, "conversion", D(2024, 11, 11))
        services.record_step(file, n, user, **plan[n])
        file.refresh_from_db()
    return file


def file_at(world, upto, org_key="a1", name="申请人"):
    file = services.open_file(applicant(world, org_key, name), None, applied_on=APPLIED)
    return walk(world, file, upto) if upto > 1 else file
