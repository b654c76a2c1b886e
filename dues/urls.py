from django.urls import path

from dues import views

app_name = "dues"


def crud(prefix, name, list_view, detail, edit=None, delete=None, changelog=None):
    out = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=name),
    ]
    if edit:
        out += [
            path(f"{prefix}/add/", edit.as_view(), name=f"{name}_add"),
            path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"),
        ]
    if delete:
        out.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    if changelog:
        out.append(path(f"{prefix}/<int:pk>/changelog/", changelog.as_view(), name=f"{name}_changelog"))
    return out


urlpatterns = [
    path("", views.LedgerView.as_view(), name="ledger"),
    path("arrears/", views.ArrearsView.as_view(), name="arrears"),
    path("arrears/<int:person_pk>/open/", views.LapseCaseOpenView.as_view(), name="lapsecase_open"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("statement/<int:person_pk>/", views.StatementView.as_view(), name="statement"),
    path("mine/", views.MyDuesView.as_view(), name="mine"),
    path("bases/import/", views.DuesBaseImportView.as_view(), name="duesbase_import"),
    *crud(
        "bases",
        "duesbase",
        views.DuesBaseListView,
        views.DuesBaseView,
        views.DuesBaseEditView,
        views.DuesBaseDeleteView,
        views.DuesBaseChangelogView,
    ),
    *crud(
        "payments",
        "duespayment",
        views.DuesPaymentListView,
        views.DuesPaymentView,
        views.DuesPaymentEditView,
        views.DuesPaymentDeleteView,
        views.DuesPaymentChangelogView,
    ),
    *crud(
        "reductions",
        "duesreduction",
        views.DuesReductionListView,
        views.DuesReductionView,
        views.DuesReductionEditView,
        None,
        views.DuesReductionChangelogView,
    ),
    path("reductions/<int:pk>/decide/", views.DuesReductionDecideView.as_view(), name="duesreduction_decide"),
    *crud(
        "cases",
        "lapsecase",
        views.LapseCaseListView,
        views.LapseCaseView,
        None,
        None,
        views.LapseCaseChangelogView,
    ),
    path("cases/<int:pk>/close/", views.LapseCaseCloseView.as_view(), name="lapsecase_close"),
    *crud(
        "handovers",
        "dueshandover",
        views.DuesHandoverListView,
        views.DuesHandoverView,
        views.DuesHandoverEditView,
        None,
        views.DuesHandoverChangelogView,
    ),
    path("handovers/<int:pk>/confirm/", views.DuesHandoverConfirmView.as_view(), name="dueshandover_confirm"),
    path("handovers/<int:pk>/return/", views.DuesHandoverReturnView.as_view(), name="dueshandover_return"),
    *crud(
        "notices",
        "duesannualnotice",
        views.DuesAnnualNoticeListView,
        views.DuesAnnualNoticeView,
        views.DuesAnnualNoticeEditView,
        None,
        views.DuesAnnualNoticeChangelogView,
    ),
]
