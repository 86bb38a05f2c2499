"""The catalogue of what the audit log records. A service declares the actions it audits (`@service(...)`);
the log page shows each action's label in the reader's language. Codes are stored; never rename one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Organisations and people
    ORGANISATION_CREATE = "organisation.create", _("organisation created")
    MEMBER_ADD = "membership.add", _("member added")
    MEMBER_ROLE = "membership.change_role", _("member's role changed")
    MEMBER_REMOVE = "membership.remove", _("member removed")
    USER_CREATE = "user.create", _("account created")
    USER_PASSWORD = "user.password_change", _("password changed")
    USER_PASSWORD_RESET = "user.password_reset", _("password set through an e-mailed link")
    NOTIFY = "notification.create", _("people notified")
    NOTIFICATIONS_READ = "notification.read", _("notifications read")
    NOTIFICATION_SETTINGS = "notification.settings", _("notification settings changed")
    BACKUP = "instance.backup", _("backup written")
    RESTORE = "instance.restore", _("restored from a backup")
    ORGANISATION_EXPORTED = "organisation.export", _("organisation exported to an archive")
    ORGANISATION_IMPORTED = "organisation.import", _("organisation imported from an archive")
    USER_LOGIN = "user.login", _("signed in")
    USER_LOGIN_FAILED = "user.login_failed", _("sign-in failed")
    USER_LOGOUT = "user.logout", _("signed out")
    USER_LOCKED_OUT = "user.locked_out", _("sign-in locked after failed attempts")
    USER_IDENTITY_LINK = "user.identity_link", _("account linked to the organisation's identity provider")
    USER_TWO_FACTOR_ON = "user.two_factor_on", _("two-factor authentication turned on")
    USER_TWO_FACTOR_OFF = "user.two_factor_off", _("two-factor authentication turned off")
    SHARING_ADD = "sharing.add", _("drafts shared with the county")
    SHARING_REMOVE = "sharing.remove", _("sharing of drafts ended")
    API_TOKEN_CREATE = "api_token.create", _("API token created")
    API_TOKEN_REVOKE = "api_token.revoke", _("API token revoked")
    # The Django admin
    ADMIN_ADD = "admin.add", _("added in the admin")
    ADMIN_CHANGE = "admin.change", _("changed in the admin")
    ADMIN_DELETE = "admin.delete", _("deleted in the admin")
    # Areas and indicators
    AREAS_LOAD = "areas.load", _("areas loaded")
    CATALOGUE_LOAD = "indicators.load_catalogue", _("indicator catalogue loaded")
    INDICATOR_CREATE = "indicator.create", _("indicator created")
    INDICATOR_POLARITY = "indicator.set_polarity", _("indicator's polarity set")
    SET_CREATE = "indicator_set.create", _("indicator set created")
    SET_ADD = "indicator_set.add", _("indicator added to a set")
    SET_REMOVE = "indicator_set.remove", _("indicator removed from a set")
    SET_REORDER = "indicator_set.reorder", _("indicator moved in a set")
    IMPORT_CREATE = "import.create", _("import started")
    IMPORT_MAP = "import.map", _("import's columns mapped")
    IMPORT_DONE = "import.done", _("import done")
    IMPORT_FAILED = "import.failed", _("import failed")
    # The situation picture
    RULE_CREATE = "rule.create", _("rule created")
    RULE_DEACTIVATE = "rule.deactivate", _("rule removed")
    ALERT_RAISE = "alert.raise", _("alert raised")
    ALERT_DISMISS = "alert.dismiss", _("alert dismissed")
    ALERT_CONVERT = "alert.convert", _("alert made a measure")
    # Welfare reports and plans
    REPORT_CREATE = "report.create", _("report created")
    REPORT_ASSIGN = "report.assign", _("work assigned")
    BLOCK_ADD = "report.add_block", _("block added")
    BLOCK_EDIT = "report.edit_block", _("text edited")
    SECTION_RENAME = "report.rename_section", _("section renamed")
    BLOCK_IMAGE = "report.block_image", _("image and its text alternative set")
    BLOCK_MOVE = "report.move_block", _("block moved")
    BLOCK_REMOVE = "report.remove_block", _("block removed")
    BLOCK_INDICATORS = "report.block_indicators", _("block's indicators chosen")
    GOAL_ADD = "report.add_goal", _("goal added")
    GOAL_INDICATOR_ADD = "report.add_goal_indicator", _("indicator tied to a goal")
    GOAL_LINK = "report.link_goal", _("municipal goal linked to a regional goal")
    MEASURE_ADD = "report.add_measure", _("measure added")
    PROGRESS = "report.progress", _("progress recorded")
    BUDGET_SET = "report.budget_set", _("budget line set")
    BUDGET_REMOVE = "report.budget_remove", _("budget line removed")
    COMMENT_ADD = "report.comment", _("review comment written")
    COMMENT_RESOLVE = "report.resolve_comment", _("review comment resolved")
    REPORT_STATUS = "report.status", _("report's status changed")
    PDF_REQUEST = "report.pdf_request", _("PDF of a report requested")
    PDF_START = "report.pdf_start", _("PDF of a report being made")
    PDF_READY = "report.pdf_ready", _("PDF of a report made")
    PDF_FAILED = "report.pdf_failed", _("PDF of a report failed")
    PDF_DELETE = "report.pdf_delete", _("PDF of a report deleted after its retention period")
    AMENDMENT_CREATE = "amendment.create", _("plan amendment started")
    AMENDMENT_PROPOSE = "amendment.propose", _("change to the plan proposed")
    AMENDMENT_WITHDRAW = "amendment.withdraw", _("proposed change withdrawn")
    AMENDMENT_STATUS = "amendment.status", _("plan amendment's status changed")
    AMENDMENT_APPLY = "amendment.apply", _("plan amended")
    # Actors and activities
    ACTOR_CREATE = "actor.create", _("actor added to the register")
    ACTOR_UPDATE = "actor.update", _("actor's entry changed")
    ACTIVITY_CREATE = "activity.create", _("activity added")
    ACTIVITY_UPDATE = "activity.update", _("activity changed")
    ACTIVITY_CHECK = "activity.check", _("activity checked as current")
    ACTIVITY_HIDE = "activity.hide", _("activity hidden from the public finder")
    ACTIVITY_UNHIDE = "activity.unhide", _("activity shown in the public finder again")
    # Impact assessments
    ASSESSMENT_CREATE = "assessment.create", _("impact assessment started")
    ASSESSMENT_UPDATE = "assessment.update", _("impact assessment's details changed")
    ASSESSMENT_PEOPLE = "assessment.people", _("preparer and participants named")
    ASSESSMENT_ANSWERS = "assessment.answers", _("method's questions answered")
    ASSESSMENT_SCREENING = "assessment.screening", _("screening concluded")
    OPTION_ADD = "assessment.add_option", _("option added")
    OPTION_REMOVE = "assessment.remove_option", _("option removed")
    IMPACT_SET = "assessment.impact", _("impact assessed")
    IMPACT_CLEAR = "assessment.clear_impact", _("impact cleared")
    GOAL_EFFECT = "assessment.goal_effect", _("effect on a plan goal recorded")
    HEARING_ADD = "assessment.hearing", _("hearing recorded")
    ASSESSMENT_READY = "assessment.ready", _("summary made ready for the decision")
    ASSESSMENT_REOPEN = "assessment.reopen", _("impact assessment reopened")
    ASSESSMENT_DECISION = "assessment.decision", _("decision recorded")
    ASSESSMENT_FOLLOW_UP = "assessment.follow_up", _("follow-up recorded")
    TEMPLATE_CREATE = "assessment.template_create", _("assessment method created")
    TEMPLATE_UPDATE = "assessment.template_update", _("assessment method changed")


def label(code: str) -> str:
    """The readable label of a stored action code; a code no longer in the catalogue shows as it is."""
    try:
        return str(AuditAction(code).label)
    except ValueError:
        return code
