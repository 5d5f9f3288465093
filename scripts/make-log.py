#!/usr/bin/env python3
"""Writes a session log of N sessions (default 22,000: twenty years of three
a day) to stdout, for measuring, with the lines as the app writes them
(app/make_record.rs and App::keep_daily_check, through serde, in the fields'
order): each session of the daily neck routine, version 2, with `arm` and,
on each exercise, `reached` and the `dose` it ran with; the day's warning
sign answers (a daily check, compared with yesterday's morning) before its
first session; now and then an early end, an interruption, a note or a
pain stop (with where it stopped), and the clearance the day after a pain
stop; the outcome measures (a measure line, as App::keep_measures writes
it) at the first check-in and then a week after the last answers, now and
then put off to the next day ("Not now"), getting better over the first
months: neck and arm pain down, the PSFS activities up (one retired and
another added after ten weeks), the global rating of change from the
second time. About three sessions a day up to yesterday, in Europe/Berlin
local time (summer and winter offsets), like benches/history.rs.
Usage: scripts/make-log.py [N] > DATA_DIR/sessions.jsonl"""
import datetime
import json
import sys

# The daily neck routine (exercises/routines/daily-neck-routine.json): each
# exercise with its dose and what is prescribed of it (holds a set; the
# isometric exercise holds each of its four directions once). Head lifts are
# twice a day: in the first two sessions.
EXERCISES = [
    ("supine-deep-neck-flexion", {"hold_seconds": 5, "repetitions": 5, "sets": 1}, 5),
    ("seated-retraction", {"hold_seconds": 10, "repetitions": 5, "sets": 1}, 5),
    ("isometric-neck-strengthening", {"hold_seconds": 10, "repetitions": 1, "sets": 1}, 4),
    ("head-lifts", {"hold_seconds": 5, "repetitions": 5, "sets": 1}, 5),
]
SIGNS = ["worsening_weakness_or_numbness", "bladder_or_bowel", "fever_chills_weight_loss",
         "pain_not_better_after_two_weeks"]
PID = 0x3f2a


def offset(day):
    # Central European Summer Time from the last Sunday of March to the
    # last Sunday of October (near enough for measuring).
    return "+02:00" if 4 <= day.month <= 10 else "+01:00"


def stamp(moment, day):
    return moment.isoformat(timespec="seconds") + offset(day)


def line(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False) + "\n"


def session(k, slot, day, hour):
    outcome = {0: "ended_early", 7: "interrupted"}.get(k % 23, "completed")
    if k % 23 == 13 and k % 5 == 0:
        outcome = "stopped_for_pain"
    start = datetime.datetime(day.year, day.month, day.day, hour, k % 50)
    end = start + datetime.timedelta(seconds=840 + k % 120)
    items = EXERCISES if slot < 2 else EXERCISES[:3]
    # Where a session that did not run to its end stopped.
    stop_at = 1 if outcome == "stopped_for_pain" else 2
    exercises = []
    for j, (ident, dose, prescribed) in enumerate(items):
        whole = outcome == "completed" or j < stop_at
        exercise = {"id": ident, "done": prescribed if whole else (1 if j == stop_at else 0),
                    "prescribed": prescribed,
                    "skipped": outcome == "ended_early" and j == len(items) - 1,
                    "reached": whole or j == stop_at, "dose": dose}
        exercises.append(exercise)
    arm = "in_arm" if k % 41 == 0 else "none"
    record = {
        "v": 2, "kind": "session",
        "id": f"{int(start.timestamp() * 1000):x}-{PID:x}-{k % 3:x}",
        "started_at": stamp(start, day), "ended_at": stamp(end, day),
        "routine": {"id": "daily-neck-routine", "name": "Daily neck routine",
                    "times_per_day": 3},
        "outcome": outcome, "pain_before": k % 6 + 2, "pain_after": k % 5 + 1,
        "arm_symptoms": arm != "none", "arm": arm,
        "note": "Felt a little stiff in the morning, better after the stretches."
        if k % 17 == 0 else "",
        "exercises": exercises,
    }
    if outcome == "stopped_for_pain":
        record["pain_stop"] = {
            "exercise": items[stop_at][0], "step": "hold", "set": 1, "repetition": 2,
            "direction": None, "seconds_into_step": 3.4, "reason": "pain",
            "arm_symptoms_now": False, "arm_now": "none"}
    return record, start


# The PSFS activities, in the person's words: the third retired and the
# fourth added at the eleventh answers.
ACTIVITIES = ["Reversing the car", "Reading in bed", "Lifting a shopping bag",
              "Looking over my shoulder when cycling"]


def measure(week, day):
    """The measure line of the `week`-th answers (0 the first), at 07:57."""
    # Better over about twenty weeks, then steady; a small wobble.
    better = min(week, 20) / 20
    wobble = (week * 7) % 3 - 1
    clamp = lambda v: max(0, min(10, v))
    neck = clamp(round(6 - 4 * better) + (wobble if week > 0 else 0))
    arm = clamp(round(7 - 5 * better) + (wobble if week % 2 and week > 0 else 0))
    names = ACTIVITIES[:3] if week < 10 else [ACTIVITIES[0], ACTIVITIES[1], ACTIVITIES[3]]
    start = {ACTIVITIES[0]: 2, ACTIVITIES[1]: 4, ACTIVITIES[2]: 3, ACTIVITIES[3]: 3}
    psfs = [{"activity": a,
             "score": clamp(round(start[a] + (6 - start[a]) * better) + (wobble if i == 1 else 0))}
            for i, a in enumerate(names)]
    groc = None if week == 0 else min(7, 1 + round(4 * better) + (wobble if week > 2 else 0))
    at = datetime.datetime(day.year, day.month, day.day, 7, 57)
    return {"v": 2, "kind": "measure", "at": stamp(at, day), "neck_pain": neck,
            "arm_pain": arm, "psfs": psfs, "groc": groc}


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 22_000
    # The last day is yesterday: every session is in the past, as in a
    # real log (the figures look at the days up to today).
    days, n = 0, 0
    while n < total:
        n += min(1 if n % 11 == 0 else 3, total - n)
        days += 1
    day = datetime.date.today() - datetime.timedelta(days=days)
    n = 0
    out = sys.stdout
    stopped = None
    # The day the measures were last answered, and how many times.
    measured, weeks = None, 0
    while n < total:
        sessions = min(1 if n % 11 == 0 else 3, total - n)
        due = measured is None or (day - measured).days >= 7
        # Now and then put off ("Not now"): asked again the next day.
        if due and not (weeks % 6 == 4 and measured is not None and (day - measured).days == 7):
            out.write(line(measure(weeks, day)))
            measured, weeks = day, weeks + 1
        morning = datetime.datetime(day.year, day.month, day.day, 7, 58)
        check = {"v": 2, "kind": "daily_check", "date": day.isoformat(),
                 "at": stamp(morning, day),
                 "answers": [{"question": q, "yes": False} for q in SIGNS],
                 "cleared_by_clinician_at": None}
        if n > 0:
            check["compared_with_yesterday"] = ["better", "same", "same", "worse"][n % 4]
        out.write(line(check))
        if stopped is not None:
            exercise, session_id = stopped
            at = datetime.datetime(day.year, day.month, day.day, 7, 59)
            out.write(line({"v": 2, "kind": "clearance", "at": stamp(at, day),
                            "exercise": exercise, "pain_stop_session": session_id}))
            stopped = None
        for slot, hour in enumerate([8, 13, 19][:sessions]):
            record, _ = session(n + slot, slot, day, hour)
            if "pain_stop" in record:
                stopped = (record["pain_stop"]["exercise"], record["id"])
            out.write(line(record))
        n += sessions
        day += datetime.timedelta(days=1)


main()
