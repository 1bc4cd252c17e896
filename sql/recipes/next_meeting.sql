-- The next meeting of a partnership or a meeting series after a day, over
-- the meetings and partnerships tables pactum exports, as pactum's
-- Registry::next_meeting answers it: the first, in timeline order, of its
-- meetings (cancelled ones excepted) that possibly start after the day,
-- and whether it certainly does. Replace 'eu-kr-dpc' with the key (a
-- partnership's when a partnership has it, else a series') and
-- DATE '2024-06-01' with the day.
--
-- A meeting of several days counts by its start, read with its end: one
-- under way on the day is not next. Timeline order: the sort day (the
-- earliest day; for an open start, the latest day the meeting may cover),
-- then that latest day (an open end last), then the event kind (held,
-- scheduled, postponed), then the key. Exact for every date without gaps,
-- and for dates with gaps whose latest day is no later than their end's.
WITH params AS (SELECT 'eu-kr-dpc' AS thread, DATE '2024-06-01' AS d),
named AS (
  SELECT count(*) > 0 AS partnership
  FROM partnerships t CROSS JOIN params p WHERE t.key = p.thread
),
thread AS (
  SELECT m.key, m.status, m.date, m.date_earliest, m.date_latest,
         m."end", m.end_earliest, m.end_latest,
         CASE WHEN m."end" IS NULL THEN m.date_latest ELSE m.end_latest END AS last,
         CASE m.status WHEN 'held' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END AS rank
  FROM meetings m CROSS JOIN params p CROSS JOIN named n
  WHERE m.status <> 'cancelled'
    AND CASE WHEN n.partnership THEN m.partnership = p.thread ELSE m.series = p.thread END
)
SELECT key, status, date, date_earliest, date_latest, "end", end_earliest, end_latest,
       coalesce(date_earliest > p.d, false) AS certain
FROM thread CROSS JOIN params p
WHERE (date_latest IS NULL OR date_latest > p.d)
  AND (last IS NULL OR last > p.d)
  AND (date_earliest IS NULL OR last IS NULL OR date_earliest <= last)
ORDER BY coalesce(date_earliest, last), last IS NULL, last, rank, key
LIMIT 1
