"""Demo data for the foundation: two education offices, their schools and staff, and the demo accounts.

A generator, not a list of rows: `places` holds the offices and schools as tables of names, `names` the
people's name pools, `staff` the rules a school's staff is drawn by, `accounts` the demo logins, and
`seed` writes them. Everything is drawn from one fixed random seed, so every machine gets the same people,
and every row is looked up by its natural key before it is created, so running the seeding again changes
nothing.
"""

from schools.demo.accounts import DEMO_LOGINS, DEMO_PASSWORD
from schools.demo.seed import seed_schools

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "seed_schools"]
