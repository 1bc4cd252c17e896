-- What is in force *for one institution* on a day, over the tables pactum
-- exports (Parquet or CSV: mous, partnerships, party_actions), as pactum's
-- Registry::in_force_for answers it: every agreement possibly in force for
-- it by its own actions, and whether certainly. Replace DATE '2024-06-01'
-- with the day and 'i00001' with the institution's key. Checked against
-- pactum on a synthetic dataset with parties by scripts/in_force_check.py.
--
-- The rules (shared/DESIGN.md, "Parties and their actions"):
-- * An agreement in force for a party is in force itself (as
--   docs/in_force_on.sql), and an MOU whose parties record a consent but
--   which has no entry into force is not in force on record.
-- * An MOU without party actions binds every signatory; a partnership
--   binds every party listed without actions. An MOU with party actions
--   binds only the parties whose consent has taken effect.
-- * A consent (definitive signature, ratification, acceptance, approval,
--   accession, succession, formal confirmation) takes effect on its
--   `effective` day, or else on the agreement's entry into force (a
--   partnership's establishment): pactum asks for the later of that and
--   its date, and its date has come once it is counted.
-- * A withdrawal ends it on its `effective` day, or else on its date.
-- * With vague dates a party may have done any prefix of its actions that
--   the dates allow (from those certainly done by the day to those
--   possibly done, in the order recorded); it is certainly in force when
--   every prefix says so, possibly when one does.
--
-- A null *_earliest is an open start ([..X]), a null *_latest an open end
-- ([X..]); a null text column is a date not recorded. As in
-- docs/in_force_on.sql, a comparison with null is not true.
WITH params AS (SELECT DATE '2024-06-01' AS d, 'i00001' AS who),
consents AS (
  SELECT DISTINCT agreement_kind, agreement FROM party_actions
  WHERE kind IN ('definitive_signature', 'ratification', 'acceptance', 'approval',
                 'accession', 'succession', 'formal_confirmation')
),
-- Each agreement's force on the day (possibly, certainly) and the start
-- a consent without an effective day waits for.
agreements AS (
  SELECT kind, key, members, has_start, start_first, start_last, force_p,
         force_c AND force_p AS force_c
  FROM (
  SELECT 'mou' AS kind, m.key, m.signatories AS members,
         m.entry_into_force IS NOT NULL AS has_start,
         m.entry_into_force_earliest AS start_first, m.entry_into_force_latest AS start_last,
         (m.start_earliest IS NULL OR m.start_earliest <= p.d)
           AND (m.expiry_latest IS NULL OR m.expiry_latest >= p.d)
           AND (m.termination_latest IS NULL OR m.termination_latest > p.d)
           AND (m.entry_into_force IS NOT NULL OR c.agreement IS NULL) AS force_p,
         coalesce(m.start_latest <= p.d
           AND (m.expiry IS NULL OR m.expiry_earliest >= p.d)
           AND (m.termination IS NULL OR m.termination_earliest > p.d)
           AND (m.entry_into_force IS NOT NULL OR c.agreement IS NULL), false) AS force_c
  FROM mous m CROSS JOIN params p
  LEFT JOIN consents c ON c.agreement_kind = 'mou' AND c.agreement = m.key
  UNION ALL
  SELECT 'partnership', t.key, t.parties,
         t.established IS NOT NULL, t.established_earliest, t.established_latest,
         (t.established_earliest IS NULL OR t.established_earliest <= p.d)
           AND (t.ended_latest IS NULL OR t.ended_latest > p.d),
         coalesce(t.established_latest <= p.d
           AND (t.ended IS NULL OR t.ended_earliest > p.d), false)
  FROM partnerships t CROSS JOIN params p
  )
),
-- The institution's actions that move its status, numbered k = 0, 1, …
moves AS (
  SELECT a.agreement_kind AS kind, a.agreement AS key, a.kind AS action,
         row_number() OVER (PARTITION BY a.agreement_kind, a.agreement ORDER BY a.position) - 1 AS k,
         a.kind IN ('definitive_signature', 'ratification', 'acceptance', 'approval',
                    'accession', 'succession', 'formal_confirmation') AS consent,
         a.date_earliest, a.date_latest, a.effective, a.effective_earliest, a.effective_latest
  FROM party_actions a CROSS JOIN params p
  WHERE a.institution = p.who
    AND a.kind IN ('signature', 'definitive_signature', 'ratification', 'acceptance',
                   'approval', 'accession', 'succession', 'formal_confirmation', 'withdrawal')
),
-- Whether each consent has taken effect by the day (possibly, certainly),
-- and whether each withdrawal has.
effects AS (
  SELECT mv.*,
         CASE WHEN mv.effective IS NOT NULL
                THEN (mv.effective_earliest IS NULL OR mv.effective_earliest <= p.d)
              WHEN mv.consent AND NOT ag.has_start THEN true
              WHEN mv.consent
                THEN (ag.start_first IS NULL OR ag.start_first <= p.d)
              ELSE true END AS eff_p,
         CASE WHEN mv.effective IS NOT NULL THEN coalesce(mv.effective_latest <= p.d, false)
              WHEN mv.consent AND NOT ag.has_start THEN false
              WHEN mv.consent THEN coalesce(ag.start_last <= p.d, false)
              ELSE true END AS eff_c,
         -- Done by the day: possibly (its earliest day has come), certainly.
         (mv.date_earliest IS NULL OR mv.date_earliest <= p.d) AS done_p,
         coalesce(mv.date_latest <= p.d, false) AS done_c
  FROM moves mv JOIN agreements ag ON ag.kind = mv.kind AND ag.key = mv.key
  CROSS JOIN params p
),
-- The prefixes the dates allow: from those certainly done (lo) to those
-- possibly done in order (hi).
bounds AS (
  SELECT kind, key,
         CAST(coalesce(min(CASE WHEN NOT done_p THEN k END), count(*)) AS BIGINT) AS hi,
         CAST(coalesce(max(CASE WHEN done_c THEN k END) + 1, 0) AS BIGINT) AS lo_raw
  FROM effects GROUP BY kind, key
),
prefixes AS (
  SELECT kind, key, unnest(range(least(lo_raw, hi), hi + 1)) AS n FROM bounds
),
-- Per prefix: the last withdrawal in it, and the consents since.
states AS (
  SELECT pr.kind, pr.key, pr.n,
         max(CASE WHEN e.action = 'withdrawal' THEN e.k END) AS last_w
  FROM prefixes pr LEFT JOIN effects e
    ON e.kind = pr.kind AND e.key = pr.key AND e.k < pr.n
  GROUP BY pr.kind, pr.key, pr.n
),
since AS (
  SELECT s.kind, s.key, s.n, s.last_w,
         bool_or(e.consent) AS consented,
         coalesce(bool_or(e.consent AND e.eff_p), false) AS since_p,
         coalesce(bool_or(e.consent AND e.eff_c), false) AS since_c
  FROM states s LEFT JOIN effects e
    ON e.kind = s.kind AND e.key = s.key AND e.k < s.n AND e.k > coalesce(s.last_w, -1)
  GROUP BY s.kind, s.key, s.n, s.last_w
),
-- For a prefix that ends withdrawn: the membership the withdrawal ends
-- (from the withdrawal before its last consent through that consent).
episodes AS (
  SELECT s.kind, s.key, s.n, s.last_w,
         max(CASE WHEN e.consent THEN e.k END) AS last_c
  FROM since s JOIN effects e ON e.kind = s.kind AND e.key = s.key AND e.k < s.last_w
  WHERE NOT coalesce(s.consented, false) AND s.last_w IS NOT NULL
  GROUP BY s.kind, s.key, s.n, s.last_w
),
episode_starts AS (
  SELECT ep.kind, ep.key, ep.n, ep.last_c,
         coalesce(max(CASE WHEN w.action = 'withdrawal' THEN w.k END), -1) AS after
  FROM episodes ep LEFT JOIN effects w
    ON w.kind = ep.kind AND w.key = ep.key AND w.k < ep.last_c
  GROUP BY ep.kind, ep.key, ep.n, ep.last_c
),
episode_effects AS (
  SELECT ep.kind, ep.key, ep.n,
         coalesce(bool_or(e.consent AND e.eff_p), false) AS still_p,
         coalesce(bool_or(e.consent AND e.eff_c), false) AS still_c
  FROM episode_starts ep JOIN effects e
    ON e.kind = ep.kind AND e.key = ep.key AND e.k <= ep.last_c AND e.k > ep.after
  GROUP BY ep.kind, ep.key, ep.n
),
-- In force for the party after each prefix (possibly, certainly).
per_prefix AS (
  SELECT s.kind, s.key,
         CASE WHEN coalesce(s.consented, false) THEN ag.force_p AND s.since_p
              WHEN s.last_w IS NOT NULL
                THEN NOT coalesce(w.eff_c, false) AND ag.force_p AND coalesce(ee.still_p, false)
              ELSE false END AS f_p,
         CASE WHEN coalesce(s.consented, false) THEN ag.force_c AND s.since_c
              WHEN s.last_w IS NOT NULL
                THEN NOT coalesce(w.eff_p, true) AND ag.force_c AND coalesce(ee.still_c, false)
              ELSE false END AS f_c
  FROM since s
  JOIN agreements ag ON ag.kind = s.kind AND ag.key = s.key
  LEFT JOIN effects w ON w.kind = s.kind AND w.key = s.key AND w.k = s.last_w
  LEFT JOIN episode_effects ee ON ee.kind = s.kind AND ee.key = s.key AND ee.n = s.n
),
listed AS (
  SELECT kind, key, bool_or(f_p) AS p, bool_and(f_c) AS c
  FROM per_prefix GROUP BY kind, key
),
-- Members bound by their signature or listing alone: in force for them
-- exactly when the agreement is.
implicit AS (
  SELECT ag.kind, ag.key, ag.force_p AS p, ag.force_c AS c
  FROM agreements ag CROSS JOIN params p
  WHERE (';' || ag.members || ';') LIKE ('%;' || p.who || ';%')
    AND NOT EXISTS (SELECT 1 FROM party_actions a
                    WHERE a.agreement_kind = ag.kind AND a.agreement = ag.key
                      AND (ag.kind = 'mou' OR a.institution = p.who))
)
SELECT kind, key, c AS certain FROM listed WHERE p
UNION ALL
SELECT kind, key, c FROM implicit WHERE p
ORDER BY kind, key;
