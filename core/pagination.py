"""One page of a list: fifty rows, the page number from `?page=`, out-of-range numbers clamped."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
