-- The facts of each body as each official data set gave them, from the date that data set holds (its "millésime"):
-- a rule that reads a population or a membership at a date reads the latest row of that body on or before it.
-- A row is written for a body when the data set is applied and a fact differs from the body's previous row (all at
-- the first). No foreign key: the facts of a body that ended (merged, removed) stay.
create table collectivite_fact (
    code       varchar(32)  not null,
    valid_from date         not null,
    name       varchar(200) not null,
    population integer,
    epci       varchar(32),
    source     varchar(200) not null,
    primary key (code, valid_from)
);

-- The date of the data set in force at a date (the latest valid_from on or before it), found by a range of this index.
create index collectivite_fact_valid_from on collectivite_fact (valid_from);
