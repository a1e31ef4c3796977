-- The lists' search and sorts (issue 14): a candidacy's title as the search compares it (lower case, without
-- accents, punctuation as spaces: Collectivite.searchable, which new candidacies use), beside collectivite.search_name.
alter table candidacy add column search_title varchar(400);

-- The existing rows, folded by SQL that H2 and PostgreSQL both read: the accents of French, then the usual
-- punctuation. A title with rarer characters is found by its other words, or by the candidacy's id.
update candidacy set search_title = trim(replace(replace(replace(replace(replace(replace(lower(translate(title,
    'ÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãçéèêëíìîïñóòôöõúùûüýÿ',
    'AAAAACEEEEIIIINOOOOOUUUUYYaaaaaceeeeiiiinooooouuuuyy')), '-', ' '), '''', ' '), '’', ' '), ',', ' '), '.', ' '), '  ', ' '));

-- Sorting a list by title, then by id (the search's LIKE '%word%' reads the rows the other filters keep).
create index candidacy_title on candidacy (title, id);
-- The task list's due filter and order read ACT_RU_TASK, the engine's own table (indexed by the engine).
