from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from accounts.models import User


class PersonLoginBackend(ModelBackend):
    """Log in with the user name, the person's 工号/学号 or their phone number."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        username = username.strip()
        users = list(
            User.objects.filter(
                Q(username=username) | Q(person__staff_no=username) | Q(person__phone=username)
            )[:2]
        )
        if len(users) != 1:
            User().set_password(password)  # same work either way: no timing hint
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
