from django.conf import settings


def client_address(request):
    """The visitor's address; behind the HTTPS proxy (DJANGO_BEHIND_HTTPS_PROXY), the one the proxy saw."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
