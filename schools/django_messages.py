"""Messages that Django itself shows on Ustat's forms and pages, listed so that they are in our catalogs.

Django's own Kazakh catalog misses many of these and its Kyrgyz one some, so `makemessages` has to find
them in our code to let us translate them in locale/. Nothing imports this module; the markers only mark.
Each msgid is copied exactly from the installed Django (curly quotes included): a changed character is a
different msgid and the translation would silently stop applying.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# django/forms/fields.py: form field errors.
FORM_FIELD_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid JSON."),
)

# django/core/validators.py: validator errors.
VALIDATOR_MESSAGES = (
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("IPv4"),
    gettext_noop("IPv6"),
    gettext_noop("IPv4 or IPv6"),
    gettext_noop("Enter only digits separated by commas."),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, "
        "e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    gettext_noop("Enter a number."),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
    ),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("Null characters are not allowed."),
)

# django/forms/models.py: model form and choice errors.
MODEL_FORM_MESSAGES = (
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_noop(
        "Please correct the duplicate data for %(field_name)s which must be unique for the "
        "%(lookup)s in %(date_field)s."
    ),
    gettext_noop("Please correct the duplicate values below."),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("“%(pk)s” is not a valid value."),
)

# django/forms/forms.py: label suffix, hidden field errors.
FORM_MESSAGES = (
    gettext_noop(":"),
    gettext_noop("(Hidden field %(name)s) %(error)s"),
)

# django/forms/formsets.py: formset errors and labels.
FORMSET_MESSAGES = (
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.",
        "Please submit at most %(num)d forms.",
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
    ),
    gettext_noop("Order"),
    gettext_noop("Delete"),
)

# django/forms/utils.py: time zone conversion error.
FORM_UTIL_MESSAGES = (
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
        "ambiguous or it may not exist."
    ),
)

# django/forms/widgets.py: file and boolean widgets.
WIDGET_MESSAGES = (
    gettext_noop("Clear"),
    gettext_noop("Currently"),
    gettext_noop("Change"),
    gettext_noop("Unknown"),
    gettext_noop("Yes"),
    gettext_noop("No"),
)

# django/db/models/base.py: unique checks.
MODEL_MESSAGES = (
    gettext_noop("and"),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
)

# django/db/models/constraints.py.
CONSTRAINT_MESSAGES = (gettext_noop("Constraint “%(name)s” is violated."),)

# django/db/models/fields/__init__.py: model field errors.
MODEL_FIELD_MESSAGES = (
    gettext_noop("- Select an option -"),
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("This field cannot be null."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    gettext_noop("“%(value)s” value must be either True or False."),
    gettext_noop("“%(value)s” value must be either True, False, or None."),
    gettext_noop("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    gettext_noop("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."
    ),
    gettext_noop("“%(value)s” value must be a decimal number."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."),
    gettext_noop("“%(value)s” value must be a float."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(value)s” value must be either None, True or False."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
    gettext_noop("“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."),
    gettext_noop("“%(value)s” is not a valid binary value."),
    gettext_noop("“%(value)s” is not a valid UUID."),
)

# django/db/models/fields/related.py.
RELATED_FIELD_MESSAGES = (gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),)

# django/db/models/fields/json.py.
JSON_FIELD_MESSAGES = (gettext_noop("Value must be valid JSON."),)

# django/contrib/auth/base_user.py: field names.
AUTH_BASE_USER_MESSAGES = (
    gettext_noop("password"),
    gettext_noop("last login"),
)

# django/contrib/auth/models.py: user and group field names.
AUTH_MODEL_MESSAGES = (
    gettext_noop("group"),
    gettext_noop("groups"),
    gettext_noop("superuser status"),
    gettext_noop("Designates that this user has all permissions without explicitly assigning them."),
    gettext_noop("The groups this user belongs to. A user will get all permissions granted to each of their groups."),
    gettext_noop("user permissions"),
    gettext_noop("Specific permissions for this user."),
    gettext_noop("username"),
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop("A user with that username already exists."),
    gettext_noop("first name"),
    gettext_noop("last name"),
    gettext_noop("email address"),
    gettext_noop("staff status"),
    gettext_noop("Designates whether the user can log into this admin site."),
    gettext_noop("active"),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."
    ),
    gettext_noop("date joined"),
    gettext_noop("user"),
    gettext_noop("users"),
)

# django/contrib/auth/forms.py: sign-in and password forms.
AUTH_FORM_MESSAGES = (
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Password"),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they "
        "may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Disabled"),
    gettext_noop("Enabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
    gettext_noop("This account is inactive."),
    gettext_noop("Email"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Old password"),
)

# django/contrib/auth/password_validation.py: errors and help texts.
PASSWORD_VALIDATION_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)

# django/contrib/auth/validators.py.
USERNAME_VALIDATOR_MESSAGES = (
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_noop("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."),
)

# django/core/paginator.py: page errors.
PAGINATOR_MESSAGES = (
    gettext_noop("…"),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
)

# django/utils/dates.py: weekday and month names, as the date filters look them up.
DATE_MESSAGES = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)

# django/utils/dateformat.py: a.m./p.m., noon, midnight.
TIME_OF_DAY_MESSAGES = (
    gettext_noop("p.m."),
    gettext_noop("a.m."),
    gettext_noop("PM"),
    gettext_noop("AM"),
    gettext_noop("midnight"),
    gettext_noop("noon"),
)

# django/utils/timesince.py: the timesince/timeuntil filters.
TIMESINCE_MESSAGES = (
    ngettext_lazy(
        "%(num)d year",
        "%(num)d years",
    ),
    ngettext_lazy(
        "%(num)d month",
        "%(num)d months",
    ),
    ngettext_lazy(
        "%(num)d week",
        "%(num)d weeks",
    ),
    ngettext_lazy(
        "%(num)d day",
        "%(num)d days",
    ),
    ngettext_lazy(
        "%(num)d hour",
        "%(num)d hours",
    ),
    ngettext_lazy(
        "%(num)d minute",
        "%(num)d minutes",
    ),
)

# django/utils/text.py: list joining and truncation.
TEXT_MESSAGES = (
    pgettext_lazy("String to return when truncating text", "%(truncated_text)s…"),
    gettext_noop("or"),
    gettext_noop(", "),
)

# django/utils/ipv6.py.
IPV6_MESSAGES = (gettext_noop("This is not a valid IPv6 address."),)
