from django.shortcuts import render

from home.dashboard import panels_for


def home(request):
    """Each role's home: what waits for the reader first, then the panels of the apps they work in."""
    return render(request, "home/home.html", panels_for(request.user, session=request.session))
