from django.urls import path

from plans import views as v

app_name = "plans"


def crud(prefix, model_name, list_view=None, detail=None, edit=None, delete=None, changelog=None):
    """The naming rule's routes for one model (only those given)."""
    out = []
    if list_view:
        out.append(path(f"{prefix}/", list_view.as_view(), name=f"{model_name}_list"))
    if edit:
        out.append(path(f"{prefix}/add/", edit.as_view(), name=f"{model_name}_add"))
    if detail:
        out.append(path(f"{prefix}/<int:pk>/", detail.as_view(), name=model_name))
    if edit:
        out.append(path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{model_name}_edit"))
    if delete:
        out.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{model_name}_delete"))
    if changelog:
        out.append(path(f"{prefix}/<int:pk>/changelog/", changelog.as_view(), name=f"{model_name}_changelog"))
    return out


urlpatterns = [
    path("", v.DashboardView.as_view(), name="dashboard"),
    path("supervision-notice/", v.SupervisionNoticeView.as_view(), name="supervision_notice"),
    path("plans/import/", v.PlanImportView.as_view(), name="plan_import"),
    path("tasks/<int:pk>/resolve-units/", v.TaskResolveUnitsView.as_view(), name="task_resolve_units"),
    path("reports/<int:pk>/review/", v.ProgressReportReviewView.as_view(), name="progressreport_review"),
    path("letters/coverage/", v.LetterCoverageView.as_view(), name="letter_coverage"),
    *crud("plans", "plan", v.PlanListView, v.PlanView, v.PlanEditView, v.PlanDeleteView, v.PlanChangelogView),
    *crud("tasks", "task", v.TaskListView, v.TaskView, v.TaskEditView, v.TaskDeleteView, v.TaskChangelogView),
    *crud(
        "assignments",
        "assignment",
        v.AssignmentListView,
        v.AssignmentView,
        v.AssignmentEditView,
        v.AssignmentDeleteView,
        v.AssignmentChangelogView,
    ),
    *crud("subtasks", "subtask", edit=v.SubTaskEditView, delete=v.SubTaskDeleteView),
    # reports are records: submitted once, then reviewed — no edit or delete page
    path("reports/add/", v.ProgressReportEditView.as_view(), name="progressreport_add"),
    *crud(
        "meetings",
        "regularmeeting",
        v.RegularMeetingListView,
        v.RegularMeetingView,
        v.RegularMeetingEditView,
        v.RegularMeetingDeleteView,
        v.RegularMeetingChangelogView,
    ),
    *crud("agenda", "agendaitem", edit=v.AgendaItemEditView, delete=v.AgendaItemDeleteView),
    *crud("followups", "followup", edit=v.FollowUpEditView, delete=v.FollowUpDeleteView),
    *crud(
        "lists",
        "dutylist",
        v.DutyListListView,
        v.DutyListView,
        v.DutyListEditView,
        v.DutyListDeleteView,
        v.DutyListChangelogView,
    ),
    *crud("list-items", "dutylistitem", edit=v.DutyListItemEditView, delete=v.DutyListItemDeleteView),
    *crud(
        "letters",
        "responsibilityletter",
        v.ResponsibilityLetterListView,
        v.ResponsibilityLetterView,
        v.ResponsibilityLetterEditView,
        v.ResponsibilityLetterDeleteView,
        v.ResponsibilityLetterChangelogView,
    ),
]
