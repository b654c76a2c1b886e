from django import forms

from core.forms import ScopedModelForm
from members.models import Person


class PersonForm(ScopedModelForm):
    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        required=False,
        help_text="18 位，保存时校验校验位和出生日期，加密存储",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "phone",
            "email",
            "staff_no",
            "category",
            "education",
            "title",
            "unit",
            "organization",
            "political_status",
            "joined_on",
            "full_member_on",
        ]
        widgets = {
            "birth_date": forms.DateInput(),
            "joined_on": forms.DateInput(),
            "full_member_on": forms.DateInput(),
        }

    def __init__(self, *args, can_see_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.id_number_cipher:
            if can_see_id:
                self.fields["id_number"].initial = self.instance.id_number
            else:
                self.fields[
                    "id_number"
                ].help_text = f"已登记（{self.instance.masked_id_number}）；留空保持不变"
        self.can_see_id = can_see_id

    def clean_staff_no(self):
        return self.cleaned_data.get("staff_no") or None
