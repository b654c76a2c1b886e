from django import forms

from core.forms import ScopedModelForm
from notices.models import ChannelPreference, Notice, RobotWebhook


class NoticeForm(ScopedModelForm):
    class Meta:
        model = Notice
        fields = ["organization", "title", "body", "target_orgs", "include_subtree", "audience"]
        labels = {"organization": "发文党组织"}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "target_orgs": forms.SelectMultiple(attrs={"size": 8}),
        }


class RobotWebhookForm(ScopedModelForm):
    webhook_url = forms.URLField(label="Webhook 地址", max_length=500, assume_scheme="https")

    class Meta:
        model = RobotWebhook
        fields = ["organization", "name", "flavor", "webhook_url", "active", "note"]


class ChannelPreferenceForm(ScopedModelForm):
    class Meta:
        model = ChannelPreference
        fields = ["email_digest", "email_notices"]
