-- The commitments overdue on a day, over the commitments table pactum
-- exports, as pactum's Registry::commitments_as_of(CommitmentState::Overdue,
-- day) answers it: due certainly before the day and possibly still open
-- that day; certainly overdue when certainly still open. Replace
-- DATE '2024-06-01' with the day.
--
-- A resolved commitment (met, missed, dropped) is open until its status
-- date: possibly resolved by the day when that date's earliest day has
-- come (or it is not recorded), certainly when its latest has.
SELECT key, description, status, due, due_earliest, due_latest, owners, origin_kind, origin,
       NOT (status <> 'open'
            AND (status_date_earliest IS NULL OR status_date_earliest <= DATE '2024-06-01')) AS certain
FROM commitments
WHERE due_latest < DATE '2024-06-01'
  AND NOT (status <> 'open' AND coalesce(status_date_latest <= DATE '2024-06-01', false))
