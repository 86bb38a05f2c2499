from django.urls import path

from hyte.cooperation.views import actions, agenda, agreements, chains, interfaces, meetings, series, structures

C = "o/<slug:slug>/cooperation/"
M = C + "meetings/<int:meeting_id>/"
F = C + "interfaces/"
CH = C + "chains/<int:chain_id>/"
AG = C + "agreements/<int:agreement_id>/"

urlpatterns = [
    path(C, series.series_list, name="cooperation"),
    path(C + "series/<int:series_id>/", series.series_page, name="cooperation-series"),
    path(C + "series/<int:series_id>/meetings.ics", series.series_ics, name="cooperation-series-ics"),
    path(C + "series/<int:series_id>/meetings/", series.meeting_new, name="cooperation-meeting-new"),
    path(M, meetings.meeting_page, name="cooperation-meeting"),
    path(M + "parties/", meetings.party_add, name="cooperation-party-add"),
    path(M + "parties/<int:party_id>/remove/", meetings.party_remove, name="cooperation-party-remove"),
    path(M + "parties/<int:party_id>/checker/", meetings.party_checker, name="cooperation-party-checker"),
    path(M + "parties/<int:party_id>/people/", meetings.invitee_add, name="cooperation-invitee-add"),
    path(M + "people/<int:invitee_id>/remove/", meetings.invitee_remove, name="cooperation-invitee-remove"),
    path(M + "materials/", meetings.material_add, name="cooperation-material-add"),
    path(M + "materials/<int:material_id>/", meetings.material, name="cooperation-material"),
    path(M + "materials/<int:material_id>/remove/", meetings.material_remove, name="cooperation-material-remove"),
    path(M + "agenda/", agenda.agenda_editor, name="cooperation-agenda"),
    path(M + "agenda/<int:item_id>/", agenda.agenda_item, name="cooperation-agenda-item"),
    path(M + "agenda/<int:item_id>/move/", agenda.agenda_move, name="cooperation-agenda-move"),
    path(M + "agenda/<int:item_id>/remove/", agenda.agenda_remove, name="cooperation-agenda-remove"),
    path(M + "minutes/", agenda.minutes, name="cooperation-minutes"),
    path(M + "minutes/share/", agenda.minutes_share, name="cooperation-minutes-share"),
    path(M + "minutes/reopen/", agenda.minutes_reopen, name="cooperation-minutes-reopen"),
    path(M + "minutes/confirm/", agenda.minutes_confirm, name="cooperation-minutes-confirm"),
    path(M + "actions/", actions.action_add, name="cooperation-action-add"),
    path(C + "actions/<int:action_id>/", actions.action_edit, name="cooperation-action"),
    path(C + "actions/<int:action_id>/follow-up/", actions.action_follow_up, name="cooperation-action-follow-up"),
    path(C + "actions/<int:action_id>/carry/", actions.action_carry, name="cooperation-action-carry"),
    path(F, interfaces.register, name="cooperation-interfaces"),
    path(F + "defaults/", interfaces.add_defaults, name="cooperation-interface-defaults"),
    path(F + "gaps/", interfaces.gaps, name="cooperation-interface-gaps"),
    path(F + "<int:interface_id>/", interfaces.interface_page, name="cooperation-interface"),
    path(F + "<int:interface_id>/retire/", interfaces.retire, name="cooperation-interface-retire"),
    path(F + "<int:interface_id>/owners/", interfaces.owner, name="cooperation-interface-owner"),
    path(F + "<int:interface_id>/pairs/", interfaces.pair_add, name="cooperation-pair-add"),
    path(F + "pairs/<int:pair_id>/remove/", interfaces.pair_remove, name="cooperation-pair-remove"),
    path(C + "counterparts/", interfaces.counterparts, name="cooperation-counterparts"),
    path(C + "structures/", structures.structure_list, name="cooperation-structures"),
    path(C + "structures/<int:structure_id>/", structures.structure_page, name="cooperation-structure"),
    path(C + "structures/<int:structure_id>/members/", structures.member_add, name="cooperation-structure-member-add"),
    path(
        C + "structures/<int:structure_id>/members/<int:member_id>/remove/",
        structures.member_remove,
        name="cooperation-structure-member-remove",
    ),
    path(C + "chains/", chains.chain_list, name="cooperation-chains"),
    path(CH, chains.chain_page, name="cooperation-chain"),
    path(CH + "diagram.svg", chains.chain_svg, name="cooperation-chain-svg"),
    path(CH + "steps/", chains.step_add, name="cooperation-chain-step-add"),
    path(CH + "steps/<int:step_id>/", chains.step_edit, name="cooperation-chain-step"),
    path(CH + "steps/<int:step_id>/move/", chains.step_move, name="cooperation-chain-step-move"),
    path(CH + "steps/<int:step_id>/remove/", chains.step_remove, name="cooperation-chain-step-remove"),
    path(C + "agreements/", agreements.agreement_list, name="cooperation-agreements"),
    path(AG + "v<int:number>/", agreements.agreement_page, name="cooperation-agreement"),
    path(AG + "v<int:number>/parties/<int:party_id>/", agreements.party_decision, name="cooperation-agreement-party"),
    path(AG + "v<int:number>/approve/", agreements.agreement_approve, name="cooperation-agreement-approve"),
    path(
        AG + "v<int:number>/agreement.<str:file_format>",
        agreements.agreement_export,
        name="cooperation-agreement-export",
    ),
    path(AG + "new-version/", agreements.agreement_new_version, name="cooperation-agreement-new-version"),
    path(AG + "compare/", agreements.agreement_compare, name="cooperation-agreement-compare"),
]
