"""Sign-ins, failures and sign-outs go to the `ustat.auth` log, with the address they came from."""

import logging

from core.addresses import client_address

logger = logging.getLogger("ustat.auth")


def log_login(sender, request, user, **kwargs):
    logger.info("login succeeded user=%s address=%s", user.get_username(), client_address(request))


def log_login_failure(sender, credentials, request=None, **kwargs):
    address = client_address(request) if request is not None else "-"
    logger.warning("login failed user=%s address=%s", credentials.get("username", "?"), address)


def log_logout(sender, request, user, **kwargs):
    logger.info("logout user=%s", user.get_username() if user else "-")
