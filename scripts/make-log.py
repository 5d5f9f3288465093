#!/usr/bin/env python3
"""Writes a session log of N records (default 200,000) to stdout, for
measuring: about three sessions a day up to yesterday, in Europe/Berlin local
time (summer and winter offsets), six exercises each, now and then an early
end, an interruption, a pain stop or a note, like benches/history.rs.
Usage: scripts/make-log.py [N] > DATA_DIR/sessions.jsonl"""
import datetime
import json
import sys

EXERCISES = [("seated-retraction", 10), ("retraction-extension", 10),
             ("upper-trap-stretch", 30), ("levator-scapulae-stretch", 30),
             ("scapular-squeeze", 10), ("nerve-glide-median", 8)]


def offset(day):
    # Central European Summer Time from the last Sunday of March to the
    # last Sunday of October (near enough for measuring).
    return "+02:00" if 4 <= day.month <= 10 else "+01:00"


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    # The last day is yesterday: every session is in the past, as in a
    # real log (the figures look at the days up to today).
    days, n = 0, 0
    while n < total:
        n += min(1 if n % 11 == 0 else 3, total - n)
        days += 1
    day = datetime.date.today() - datetime.timedelta(days=days)
    n = 0
    out = sys.stdout
    while n < total:
        sessions = min(1 if n % 11 == 0 else 3, total - n)
        for slot, hour in enumerate([8, 13, 19][:sessions]):
            k = n + slot
            outcome = {0: "ended_early", 7: "interrupted"}.get(k % 23, "completed")
            if k % 23 == 13 and k % 5 == 0:
                outcome = "stopped_for_pain"
            start = datetime.datetime(day.year, day.month, day.day, hour, k % 50)
            end = start + datetime.timedelta(seconds=840 + k % 120)
            off = offset(day)
            record = {
                "v": 1, "id": f"{int(start.timestamp() * 1000):x}-{k}",
                "started_at": start.isoformat() + off, "ended_at": end.isoformat() + off,
                "routine": {"id": "daily-neck-routine", "name": "Daily neck routine",
                            "times_per_day": 3},
                "outcome": outcome, "pain_before": k % 6 + 2, "pain_after": k % 5 + 1,
                "arm_symptoms": k % 41 == 0,
                "note": "Felt a little stiff in the morning, better after the stretches."
                if k % 17 == 0 else "",
                "exercises": [{"id": i, "done": p if outcome == "completed" or j < 3 else 0,
                               "prescribed": p,
                               "skipped": outcome == "ended_early" and j == 5}
                              for j, (i, p) in enumerate(EXERCISES)],
            }
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
        n += sessions
        day += datetime.timedelta(days=1)


main()
