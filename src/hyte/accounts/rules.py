"""The modules of the resolver's rules, one per app that has its own (permissions.py imports this module last,
so that every rule is in its table whenever the resolver is)."""

from hyte.accounts import (  # noqa: F401
    chain_rules,
    cooperation_rules,
    funding_rules,
    grants_rules,
    interface_rules,
    national_rules,
    participation_rules,
    register_rules,
    surveys_rules,
)
