-- What is in force on a day, over the tables pactum exports (Parquet or CSV),
-- as pactum's Registry::in_force_on answers it: every agreement possibly in
-- force, and whether certainly. Replace DATE '2024-06-01' with the day.
-- Checked against pactum on a 100k synthetic dataset by scripts/in_force_check.py.
--
-- A null *_earliest is an open start ([..X]), a null *_latest an open end
-- ([X..]); a null text column is a date not recorded. A comparison with null
-- is not true, so an unknown start makes force possible, never certain.
SELECT 'mou' AS kind, key,
       coalesce(start_latest <= DATE '2024-06-01'
         AND (expiry IS NULL OR expiry_earliest >= DATE '2024-06-01')
         AND (termination IS NULL OR termination_earliest > DATE '2024-06-01'), false) AS certain
FROM mous
WHERE (start_earliest IS NULL OR start_earliest <= DATE '2024-06-01')
  AND (expiry_latest IS NULL OR expiry_latest >= DATE '2024-06-01')
  AND (termination_latest IS NULL OR termination_latest > DATE '2024-06-01')
UNION ALL
SELECT 'partnership', key,
       coalesce(established_latest <= DATE '2024-06-01'
         AND (ended IS NULL OR ended_earliest > DATE '2024-06-01'), false)
FROM partnerships
WHERE (established_earliest IS NULL OR established_earliest <= DATE '2024-06-01')
  AND (ended_latest IS NULL OR ended_latest > DATE '2024-06-01')
ORDER BY kind, key;
