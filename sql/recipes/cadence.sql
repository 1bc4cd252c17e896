-- The gaps between consecutive meetings of a partnership or a meeting
-- series, over the meetings and partnerships tables pactum exports, as
-- pactum's Registry::cadence answers it: for each meeting (cancelled ones
-- left out) and the next, the fewest and the most days between them
-- (null when a date is open), numbered n = 1, 2, … in order. Replace 'eu-kr-dpc' with the key (a
-- partnership's when a partnership has it, else a series').
--
-- A partnership's meetings come in date order: by the sort day (the
-- earliest day; for an open start, the latest), the latest day (an open
-- end last), the date's text, the session (none first), the key. A
-- series' meetings come in session order, those without a session last,
-- then in date order.
WITH params AS (SELECT 'eu-kr-dpc' AS thread),
named AS (
  SELECT count(*) > 0 AS partnership
  FROM partnerships t CROSS JOIN params p WHERE t.key = p.thread
),
sessions AS (
  SELECT m.key, m.date_earliest, m.date_latest,
         row_number() OVER (ORDER BY
           CASE WHEN n.partnership THEN 0 ELSE coalesce(CAST(m.session AS BIGINT), 4294967296) END,
           coalesce(m.date_earliest, m.date_latest), m.date_latest IS NULL, m.date_latest,
           m.date, m.session IS NOT NULL, m.session, m.key) AS n
  FROM meetings m CROSS JOIN params p CROSS JOIN named n
  WHERE m.status <> 'cancelled'
    AND CASE WHEN n.partnership THEN m.partnership = p.thread ELSE m.series = p.thread END
)
SELECT a.n AS n, a.key AS "from", b.key AS "to",
       CASE WHEN a.date_earliest IS NULL OR a.date_latest IS NULL
              OR b.date_earliest IS NULL OR b.date_latest IS NULL THEN NULL
            ELSE b.date_earliest - a.date_latest END AS min_days,
       CASE WHEN a.date_earliest IS NULL OR a.date_latest IS NULL
              OR b.date_earliest IS NULL OR b.date_latest IS NULL THEN NULL
            ELSE b.date_latest - a.date_earliest END AS max_days
FROM sessions a JOIN sessions b ON b.n = a.n + 1
ORDER BY a.n
