from core import views as generic
from members import services
from members.filtersets import PersonFilterSet
from members.forms import PersonForm
from members.importers import PersonImporter
from members.models import Person
from members.tables import PersonTable
from orgs.models import DualLeaderProfile, Position


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
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            self.get_queryset().select_related("organization", "user"), pk=self.kwargs["pk"]
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
