-- The previous meeting of a partnership or a meeting series before a day,
-- over the meetings and partnerships tables pactum exports, as pactum's
-- Registry::previous_meeting answers it: the last, in timeline order, of
-- its meetings (cancelled ones excepted) that possibly start before the
-- day, and whether it certainly does. Replace 'eu-kr-dpc' with the key (a
-- partnership's when a partnership has it, else a series') and
-- DATE '2024-06-01' with the day.
--
-- A meeting of several days counts by its start. Timeline order as in
-- sql/recipes/next_meeting.sql. Exact for every date: the earliest and
-- latest days of a date are candidates themselves.
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
       coalesce(date_latest < p.d, false) AS certain
FROM thread CROSS JOIN params p
WHERE date_earliest IS NULL OR date_earliest < p.d
ORDER BY coalesce(date_earliest, last) DESC, last IS NULL DESC, last DESC, rank DESC, key DESC
LIMIT 1
