from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core import views as generic
from members import services
from members.choices import StandingEventKind
from members.completeness import FIELDS, branch_completeness, completeness
from members.filtersets import ChangeRequestFilterSet, MemberRecordFilterSet, PersonFilterSet
from members.forms import ChangeRequestForm, MemberRecordForm, PersonForm, ReviewForm, StandingForm
from members.importers import PersonImporter
from members.models import ChangeRequest, MemberRecord, Person
from members.tables import ChangeRequestTable, MemberRecordTable, PersonTable
from orgs.models import DualLeaderProfile, Organization, Position


def can_see_id_number(user, person):
    """Full ID numbers: the person themself and roles with the 'sensitive' right over them."""
    return Person.objects.restrict(user, "sensitive").filter(pk=person.pk).exists()


class PersonListView(generic.ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    table_class = PersonTable
    title = "人员与党员"
    import_url_name = "members:person_import"

    def base_queryset(self):
        return self.get_queryset().select_related("organization")


class PersonView(generic.ObjectView):
    model = Person

    def get_object(self):
        return get_object_or_404(
            self.get_queryset().select_related("organization", "user", "group", "development_file"),
            pk=self.kwargs["pk"],
        )

    def get_extra_context(self, request, person):
        show_id = can_see_id_number(request.user, person)
        return {
            "id_number": (person.id_number if show_id else person.masked_id_number)
            if person.id_number_cipher
            else "",
            "positions": list(
                Position.objects.filter(person=person).select_related("organization").order_by("-start")
            ),
            "memberships": list(person.memberships.select_related("organization")),
            "profile": DualLeaderProfile.objects.filter(person=person).first(),
            "breadcrumbs": person.organization.ancestors_and_self(),
            "can_change": Person.objects.restrict(request.user, "change").filter(pk=person.pk).exists(),
            "completeness": completeness(person),
            "standing_events": list(person.standing_events.all()),
            "records": list(person.records.all()),
            "development_file": getattr(person, "development_file", None),
            "is_self": request.user.person_id == person.pk,
        }


class PersonChangelogView(generic.ObjectChangelogView):
    model = Person


class PersonEditView(generic.ObjectEditView):
    model = Person
    form_class = PersonForm

    def get_form(self, obj, data=None, files=None):
        can_see = obj.pk is None or can_see_id_number(self.request.user, obj)
        return self.form_class(
            data, files, instance=obj, user=self.request.user, initial=self.get_initial(), can_see_id=can_see
        )

    def save(self, form):
        entered = form.cleaned_data.get("id_number", "")
        # someone who only sees the masked number leaves it blank to keep it
        id_number = entered if (entered or form.can_see_id) else None
        return services.save_person(form.instance, self.request.user, id_number=id_number)


class PersonDeleteView(generic.ObjectDeleteView):
    model = Person


class PersonImportView(generic.ImportView):
    model = Person
    importer_class = PersonImporter
    success_url_name = "members:person_list"


# --- 党籍 -----------------------------------------------------------------------
class PersonStandingView(generic.ScopedMixin, View):
    """停止党籍、恢复党籍、出党、死亡 — through members.services, each kept as history."""

    model = Person
    action = "change"

    def get(self, request, pk):
        person = self.get_object()
        return self.render(person, StandingForm(user=request.user, initial={"on": timezone.localdate()}))

    def post(self, request, pk):
        person = self.get_object()
        form = StandingForm(request.POST, user=request.user)
        if form.is_valid():
            c = form.cleaned_data
            kind, common = c["kind"], {"on": c["on"], "reason": c["reason"]}
            try:
                if kind == StandingEventKind.SUSPEND:
                    services.suspend_standing(person, request.user, document_no=c["document_no"], **common)
                elif kind == StandingEventKind.RESTORE:
                    services.restore_standing(person, request.user, document_no=c["document_no"], **common)
                elif kind == StandingEventKind.EXIT:
                    services.exit_party(
                        person, request.user, exit_type=c["exit_type"], document_no=c["document_no"], **common
                    )
                else:
                    services.record_death(person, request.user, **common)
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, "已登记党籍变动。")
                return redirect(person.get_absolute_url())
        return self.render(person, form, status=400)

    def render(self, person, form, status=200):
        return render(
            self.request,
            "core/object_edit.html",
            {"object": person, "form": form, "title": f"党籍变动：{person}"},
            status=status,
        )


# --- 奖惩与组织处理 ---------------------------------------------------------------
class MemberRecordListView(generic.ObjectListView):
    model = MemberRecord
    filterset_class = MemberRecordFilterSet
    table_class = MemberRecordTable
    title = "奖惩与组织处理"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("person__organization")


class MemberRecordView(generic.ObjectView):
    model = MemberRecord
    template_name = "members/memberrecord.html"


class MemberRecordEditView(generic.ObjectEditView):
    model = MemberRecord
    form_class = MemberRecordForm

    def save(self, form):
        return services.save_record(form.instance, self.request.user)


class MemberRecordDeleteView(generic.ObjectDeleteView):
    model = MemberRecord


# --- 信息变更申请 -----------------------------------------------------------------
class ChangeRequestListView(generic.ObjectListView):
    model = ChangeRequest
    filterset_class = ChangeRequestFilterSet
    table_class = ChangeRequestTable
    title = "信息变更申请"
    actions = ("add", "export")

    def base_queryset(self):
        return self.get_queryset().select_related("person__organization")

    def extra_context(self, request):
        return {"add_url": reverse("members:changerequest_add") if request.user.person_id else ""}


class ChangeRequestView(generic.ObjectView):
    model = ChangeRequest

    def get_extra_context(self, request, obj):
        can_review = ChangeRequest.objects.restrict(request.user, "change").filter(pk=obj.pk).exists()
        return {"can_review": can_review and obj.status == "pending", "form": ReviewForm(user=request.user)}


class ChangeRequestAddView(generic.ScopedMixin, View):
    """A member asks to change their own record (only the view right is needed: it is their own)."""

    model = ChangeRequest

    def person(self):
        if not self.request.user.person_id:
            raise PermissionDenied("您的账号没有关联人员信息。")
        return Person.objects.get(pk=self.request.user.person_id)

    def get(self, request):
        person = self.person()
        return self.render(ChangeRequestForm(user=request.user, person=person))

    def post(self, request):
        person = self.person()
        form = ChangeRequestForm(request.POST, user=request.user, person=person)
        if form.is_valid():
            # the form shows current values; a field left out of the POST is not being changed
            values = {
                f: form.cleaned_data.get(f) or "" for f in ChangeRequest.EDITABLE_FIELDS if f in request.POST
            }
            try:
                change = services.submit_change_request(
                    person, request.user, values, form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, "已提交，等待党支部审核。")
                return redirect(change.get_absolute_url())
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(
            self.request, "core/object_edit.html", {"form": form, "title": "申请修改本人信息"}, status=status
        )


class ChangeRequestReviewView(generic.ScopedMixin, View):
    model = ChangeRequest
    action = "change"

    def post(self, request, pk):
        change = self.get_object()
        form = ReviewForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "approve":
                    services.approve_change_request(change, request.user, form.cleaned_data["note"])
                else:
                    services.return_change_request(change, request.user, form.cleaned_data["note"])
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已审核。")
        return redirect(change.get_absolute_url())


# --- 信息完整度 -------------------------------------------------------------------
class CompletenessView(generic.ScopedMixin, View):
    """Completeness of member records for a branch / general branch (?org=), with what is missing."""

    model = Person

    def get(self, request):
        org = None
        people = self.get_queryset().party_members()
        if request.GET.get("org"):
            org = get_object_or_404(Organization.objects.restrict(request.user), pk=request.GET["org"])
            people = people.filter(organization__path__startswith=org.path)
        summary = branch_completeness(people)
        incomplete = []
        for person in people.select_related("organization").only(*FIELDS, "organization__name"):
            result = completeness(person)
            if result.missing:
                incomplete.append((person, result))
            if len(incomplete) >= 200:
                break
        return render(
            request,
            "members/completeness.html",
            {
                "title": f"党员信息完整度 · {org.name if org else '全部管理范围'}",
                "summary": summary,
                "incomplete": incomplete,
                "org": org,
                "orgs": Organization.objects.restrict(request.user).active().exclude(org_type="group"),
            },
        )
