"""One page of a list: fifty rows, the page number from `?page=`, out-of-range numbers clamped."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page=PAGE_SIZE, count=None):
    """`count`, when the caller has counted the rows already, spares the paginator its own count query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is never computed
    return paginator.get_page(request.GET.get("page"))
