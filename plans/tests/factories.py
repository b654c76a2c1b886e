"""Small builders for plan objects in the test world (through the services)."""

import datetime as dt

from plans import services
from plans.models import Plan, Task


def make_plan(world, org_key="zzb_dept", **extra):
    extra.setdefault("title", "测试计划")
    return services.save_plan(Plan(organization=world.orgs[org_key], **extra), None, action="add")


def make_task(
    world, plan=None, org_key=None, units=(), deadline="2023年9月", on=dt.date(2023, 7, 1), **extra
):
    plan = plan or make_plan(world)
    task = Task(
        plan=plan,
        organization=world.orgs[org_key] if org_key else plan.organization,
        title=extra.pop("title", "测试任务"),
        number=extra.pop("number", Task.objects.count() + 1),
        **extra,
    )
    services.apply_deadline(task, deadline)
    return services.save_task(task, None, units=[(world.orgs[k], r) for k, r in units], on=on)
