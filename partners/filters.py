import django_filters
from django.utils.translation import gettext_lazy as _

from core.search import UnicodeLower
from partners.models import Direction, League, Project, ProjectState
from schools.filters import BootstrapFilterSet
from schools.models import School


class ProjectFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Title"), method="filter_title")
    direction = django_filters.ModelChoiceFilter(label=_("Direction"), queryset=Direction.objects.none())
    owner_school = django_filters.ModelChoiceFilter(label=_("School"), queryset=School.objects.none())
    state = django_filters.ChoiceFilter(label=_("State"), choices=ProjectState.choices)
    league = django_filters.ModelChoiceFilter(label=_("League"), queryset=League.objects.none())

    class Meta:
        model = Project
        fields = ["q", "direction", "owner_school", "state", "league"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        leagues = League.objects.for_user(user)
        if len(leagues[:2]) < 2:
            del self.filters["league"]  # an office usually runs one league; a choice of one is noise
        else:
            self.filters["league"].queryset = leagues
        self.filters["direction"].queryset = Direction.objects.filter(league__in=leagues).select_related("league")
        # The schools that own a project this user can see: members of the office's league.
        self.filters["owner_school"].queryset = School.objects.filter(
            league_projects__in=Project.objects.visible_to(user)
        ).distinct()

    def filter_title(self, queryset, name, value):
        return queryset.annotate(title_lower=UnicodeLower("title")).filter(title_lower__contains=value.lower())
