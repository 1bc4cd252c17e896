-- Every event possibly in a window, and whether certainly, over the events
-- table pactum exports, as pactum's Registry::timeline().within(window)
-- answers it. Replace DATE '2023-01-01' and DATE '2023-12-31' with the
-- window's first and last days.
--
-- A meeting of several days (an `end`) is in the window when it overlaps
-- it: possibly when its earliest start and latest end allow it, certainly
-- when its latest start and earliest end do. A null *_earliest is an open
-- start, a null *_latest an open end. The first two conditions are plain
-- bounds, so that Parquet row groups are pruned by their statistics; the
-- third is the exact overlap. Exact for every date without gaps; a date
-- with gaps (a one-of list, unspecified digits) is asked for its candidate
-- days by the pactum_sql table function timeline().
--
-- The second condition is written for the statistics of one column at a
-- time. An event without an end has a null end_latest too, so an open end
-- is told by its text, which pactum always writes in brackets ("[X..]"):
-- `"end" >= '['` holds for no plain date, and a row group of plain ends is
-- skipped by its largest text. Each test of an end also asks for "end" IS
-- NOT NULL, so that in a file without any end (whose end columns an engine
-- may read as a constant null) it folds to false rather than to null.
SELECT kind, entity_kind, key, partnership, label, date, date_earliest, date_latest,
       "end", end_earliest, end_latest, qualifier,
       coalesce(CASE WHEN "end" IS NULL
                  THEN date_earliest >= DATE '2023-01-01' AND date_latest <= DATE '2023-12-31'
                  ELSE date_latest <= DATE '2023-12-31' AND end_earliest >= DATE '2023-01-01' END,
                false) AS certain
FROM events
WHERE (date_earliest IS NULL OR date_earliest <= DATE '2023-12-31')
  AND (date_latest IS NULL OR date_latest >= DATE '2023-01-01'
       OR ("end" IS NOT NULL AND end_latest >= DATE '2023-01-01')
       OR ("end" IS NOT NULL AND "end" >= '[' AND end_latest IS NULL))
  AND (CASE WHEN "end" IS NULL THEN date_latest ELSE end_latest END IS NULL
       OR CASE WHEN "end" IS NULL THEN date_latest ELSE end_latest END >= DATE '2023-01-01')
