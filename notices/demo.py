"""Demo notices from 组织部 (one sent, with some of it read; one draft). Idempotent."""

from django.utils import timezone

from notices.choices import Audience
from notices.models import Message, Notice
from notices.services import save_notice, send_notice
from orgs.choices import OrgType
from orgs.models import Organization

SENT_TITLE = "关于开展年度民主评议党员工作的通知"
DRAFT_TITLE = "关于报送第四季度“三会一课”落实情况的通知"


def load(ctx):
    if Notice.objects.filter(title=SENT_TITLE).exists():
        ctx["log"]("  通知已存在，跳过")
        return
    zzb = Organization.objects.filter(code="ZZB").first()
    generals = list(Organization.objects.filter(org_type=OrgType.GENERAL_BRANCH))
    if zzb is None or not generals:
        ctx["log"]("  没有组织部或党总支，跳过通知示例")
        return
    sent = save_notice(
        Notice(
            organization=zzb,
            title=SENT_TITLE,
            body="各党总支、党支部：\n请于 12 月 31 日前完成本年度民主评议党员工作，结果录入平台“组织生活”模块。",
            include_subtree=True,
            audience=Audience.SECRETARIES,
        ),
        None,
        generals,
    )
    send_notice(sent, None)
    rng = ctx["rng"]
    ids = list(Message.objects.filter(notice=sent).values_list("pk", flat=True))
    read = rng.sample(ids, k=len(ids) * 2 // 3)
    Message.objects.filter(pk__in=read).update(read_at=timezone.now())
    save_notice(
        Notice(
            organization=zzb,
            title=DRAFT_TITLE,
            body="各党支部：请于下季度第一周内在平台核对本季度“三会一课”记录。",
            include_subtree=True,
            audience=Audience.COMMITTEE,
        ),
        None,
        generals[:3],
    )
    ctx["log"](f"  通知 2 条（已发送 1 条，{len(ids)} 名书记收到，{len(read)} 人已读）")
