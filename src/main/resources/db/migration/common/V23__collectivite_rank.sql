-- The search's order (fr.jalon.collectivite.CollectiviteSearch): population, largest first, then name and code. A
-- query that matches thousands of bodies (« s », « saint ») reads them in this order and stops at its page, on H2
-- and PostgreSQL alike, instead of sorting them all (issue 17, search p99).
create index collectivite_rank on collectivite (population desc nulls last, name, code);
-- Its first group, the exact name, found by equality (a query's first word, « saint », « le », names thousands).
create index collectivite_search_name on collectivite (search_name);
