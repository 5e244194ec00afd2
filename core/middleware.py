import time

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in user's own language choice wins over the cookie and the browser's languages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """An account created with a first password can do nothing but choose its own password."""

    ALLOWED = ("password_change", "password_change_done", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith("/static/"):
                messages.info(request, _("Choose your own password before you continue."))
                return redirect("password_change")
        return self.get_response(request)


class SessionIdleRefreshMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE) without a database write on every request.

    A signed-in user's session is saved again, with a new expiry, at most once every REFRESH_SECONDS; so a
    session ends between two hours and two hours minus five minutes after the last request, and a busy
    user's pages read their session without writing it.
    """

    REFRESH_SECONDS = 300
    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                request.session[self.KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return response
