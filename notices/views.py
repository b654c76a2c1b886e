from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core import reminders as contract
from core import views as generic
from notices import engine, services
from notices.filtersets import MessageFilterSet, NoticeFilterSet, ReceiptFilterSet, RobotWebhookFilterSet
from notices.forms import ChannelPreferenceForm, NoticeForm, RobotWebhookForm
from notices.models import ChannelPreference, Message, Notice, RobotWebhook
from notices.tables import MessageTable, NoticeTable, ReceiptTable, RobotWebhookTable


def own_messages(queryset, user):
    """The inbox is personal: only messages addressed to the signed-in person, whatever else the scope covers."""
    return queryset.for_person(user.person_id) if user.person_id else queryset.none()


# --- inbox ----------------------------------------------------------------------------------
class MessageListView(generic.ObjectListView):
    model = Message
    filterset_class = MessageFilterSet
    table_class = MessageTable
    title = "站内信"
    template_name = "notices/inbox.html"
    actions = ("export",)
    default_ordering = ("-created", "-id")

    def base_queryset(self):
        return own_messages(self.get_queryset().active(), self.request.user).select_related("organization")

    def extra_context(self, request):
        unread = own_messages(Message.objects.unread(), request.user).count()
        return {"unread": unread}


class MessageView(generic.ObjectView):
    """Opening a message marks it read; the page links to where the thing is done."""

    model = Message

    def get_queryset(self):
        return own_messages(super().get_queryset(), self.request.user).select_related(
            "organization", "notice"
        )

    def get_extra_context(self, request, obj):
        services.mark_read(obj, request.user)
        return {}


class MarkAllReadView(generic.ScopedMixin, View):
    model = Message

    def post(self, request):
        count = services.mark_all_read(request.user)
        flash.success(request, f"已将 {count} 条消息标记为已读。")
        return redirect("notices:message_list")


class TodoView(generic.ScopedMixin, View):
    """我的待办: what the signed-in person must do now, from every module, soonest due first."""

    model = Message

    def get(self, request):
        today = timezone.localdate()
        items = engine.todo_for(request.user.person_id, today) if request.user.person_id else []
        from orgs.models import Organization

        names = dict(
            Organization.objects.filter(pk__in={i.organization_id for i in items}).values_list("id", "name")
        )
        rows = [
            {
                "item": item,
                "label": contract.RULES[item.rule].label if item.rule in contract.RULES else item.rule,
                "module": contract.RULES[item.rule].module if item.rule in contract.RULES else "",
                "org": names.get(item.organization_id, ""),
                "overdue": item.due < today,
                "days": (item.due - today).days,
                "late": (today - item.due).days,
            }
            for item in items
        ]
        return render(request, "notices/todo.html", {"title": "我的待办", "rows": rows, "today": today})


class PreferenceView(generic.ScopedMixin, View):
    """One's own channels: the inbox always; daily digest e-mail and notice e-mails by choice."""

    model = ChannelPreference

    def form(self, data=None):
        preference = services.preference_for(self.request.user.person)
        return ChannelPreferenceForm(data, instance=preference, user=self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.person_id:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("该账号未关联人员，没有个人提醒设置。")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "notices/preferences.html", {"title": "提醒方式", "form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.save_preference(form.instance, request.user)
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                flash.success(request, "提醒方式已保存。")
                return redirect("notices:preferences")
        return render(request, "notices/preferences.html", {"title": "提醒方式", "form": form}, status=400)


# --- notices ----------------------------------------------------------------------------------
def with_receipt_counts(queryset):
    return queryset.annotate(
        receipt_count=Count("messages", distinct=True),
        read_count=Count("messages", filter=Q(messages__read_at__isnull=False), distinct=True),
    )


class NoticeListView(generic.ObjectListView):
    model = Notice
    filterset_class = NoticeFilterSet
    table_class = NoticeTable
    title = "通知"
    default_ordering = ("-created", "-id")

    def base_queryset(self):
        return with_receipt_counts(self.get_queryset().select_related("organization"))


class NoticeView(generic.ObjectView):
    model = Notice

    def get_queryset(self):
        return with_receipt_counts(super().get_queryset().select_related("organization", "sent_by"))

    def get_extra_context(self, request, obj):
        receipts = obj.messages.select_related("recipient", "organization").order_by(
            "-read_at", "organization__path", "recipient__name"
        )
        return {
            "targets": list(obj.target_orgs.all()),
            "unread": list(receipts.filter(read_at__isnull=True)[:200]),
            "can_change": Notice.objects.restrict(request.user, "change").filter(pk=obj.pk).exists(),
        }


class NoticeEditView(generic.ObjectEditView):
    model = Notice
    form_class = NoticeForm

    def get_object(self):
        obj = super().get_object()
        if obj.pk and obj.is_sent:
            from django.http import Http404

            raise Http404("已发送的通知不能修改")
        return obj

    def save(self, form):
        return services.save_notice(form.instance, self.request.user, form.cleaned_data["target_orgs"])


class NoticeDeleteView(generic.ObjectDeleteView):
    model = Notice

    def delete(self, obj):
        services.delete_notice(obj, self.request.user)


class NoticeChangelogView(generic.ObjectChangelogView):
    model = Notice


class NoticeSendView(generic.ScopedMixin, View):
    model = Notice
    action = "change"

    def post(self, request, pk):
        notice = self.get_object()
        try:
            notice = services.send_notice(notice, request.user)
        except ValidationError as exc:
            flash.error(request, "；".join(exc.messages))
        else:
            flash.success(request, f"已发送：{notice.messages.count()} 人将在站内信中收到。")
        return redirect(notice.get_absolute_url())


class NoticeReceiptListView(generic.ObjectListView):
    """Who received a notice and who has read it (export included)."""

    model = Message
    filterset_class = ReceiptFilterSet
    table_class = ReceiptTable
    actions = ("export",)
    default_ordering = ("read_at", "organization__path", "recipient__name")

    def get(self, request, *args, **kwargs):
        self.notice = get_object_or_404(Notice.objects.restrict(request.user), pk=kwargs["pk"])
        self.title = f"阅读情况：{self.notice.title}"
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        # the notice is in the user's scope, so all of its receipts are theirs to see
        return Message.objects.filter(notice=self.notice).select_related("recipient", "organization")


# --- robots ---------------------------------------------------------------------------------
class RobotWebhookListView(generic.ObjectListView):
    model = RobotWebhook
    filterset_class = RobotWebhookFilterSet
    table_class = RobotWebhookTable
    title = "群机器人"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class RobotWebhookView(generic.ObjectView):
    model = RobotWebhook

    def get_extra_context(self, request, obj):
        from notices.models import Delivery

        return {"deliveries": list(Delivery.objects.filter(webhook=obj).order_by("-on", "-id")[:30])}


class RobotWebhookEditView(generic.ObjectEditView):
    model = RobotWebhook
    form_class = RobotWebhookForm

    def save(self, form):
        return services.save_webhook(form.instance, self.request.user)


class RobotWebhookDeleteView(generic.ObjectDeleteView):
    model = RobotWebhook


class RobotWebhookChangelogView(generic.ObjectChangelogView):
    model = RobotWebhook


class RobotWebhookTestView(generic.ScopedMixin, View):
    """Send a test line to the robot so staff can check the address before the daily pass uses it."""

    model = RobotWebhook
    action = "change"

    def post(self, request, pk):
        from notices import delivery

        robot = self.get_object()
        payload = delivery.robot_payload(
            robot.flavor, "党建工作管理平台测试消息", [f"- {robot.organization.name} 群机器人配置成功"]
        )
        try:
            delivery.post_json(robot.webhook_url, payload)
        except Exception as exc:  # noqa: BLE001 — show the robot's answer to the user
            flash.error(request, f"发送失败：{exc}")
        else:
            flash.success(request, "测试消息已发送。")
        return redirect(robot.get_absolute_url())


# --- rules ----------------------------------------------------------------------------------
class RuleListView(generic.ScopedMixin, View):
    """The registered reminder rules of every module, with how many reminders each has open now."""

    model = Notice

    def get(self, request):
        rules = contract.discover()
        open_counts = dict(
            Message.objects.restrict(request.user)
            .active()
            .filter(kind="reminder")
            .values("rule")
            .annotate(n=Count("id"))
            .values_list("rule", "n")
        )
        rows = [
            {"spec": spec, "open": open_counts.get(rule_id, 0)} for rule_id, spec in sorted(rules.items())
        ]
        return render(
            request,
            "notices/rules.html",
            {"title": "提醒规则", "rows": rows, "todo_url": reverse("notices:todo")},
        )
