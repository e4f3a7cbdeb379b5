"""Open actions carry forward to a plan's later meetings until closed."""

from datetime import date

from app.domain import ActionKind, ActionStatus, Meeting, MeetingAction
from app.meeting_actions import actions_before


def test_open_actions_carry_forward_until_closed():
    march = Meeting(plan_id="p", held_on=date(2019, 3, 21))
    june = Meeting(plan_id="p", held_on=date(2019, 6, 20))
    sept = Meeting(plan_id="p", held_on=date(2019, 9, 19))
    other_plan = Meeting(plan_id="q", held_on=date(2019, 1, 1))
    chase = MeetingAction(meeting_id=march.id, text="Chase CCG figures")
    done_in_july = MeetingAction(meeting_id=march.id, text="Refresh JSNA",
                                 status=ActionStatus.DONE, closed_on=date(2019, 7, 1))
    decided = MeetingAction(meeting_id=march.id, text="Adopt the plan",
                            kind=ActionKind.DECISION)
    elsewhere = MeetingAction(meeting_id=other_plan.id, text="Not ours")
    new_in_june = MeetingAction(meeting_id=june.id, text="Report back on 3.14")
    meetings = [march, june, sept, other_plan]
    actions = [chase, done_in_july, decided, elsewhere, new_in_june]

    assert actions_before(march, meetings, actions) == [chase, done_in_july, decided]
    assert actions_before(june, meetings, actions) == [new_in_june, chase, done_in_july]
    assert actions_before(sept, meetings, actions) == [chase, new_in_june]
