-- Drafts of task forms, saved on the server while a user types (or on « Enregistrer le brouillon »): one per open
-- task and user, read back from any browser or node. A draft is never a decision: the engine and the candidacy's
-- history do not know it. It is deleted when its task completes (in that transaction) or is deleted (withdrawal,
-- escalation, ...), by the engine's task listener (review/DraftsFollowTasks). task_id is the engine's task id
-- (no foreign key: the engine creates its own tables after Flyway).
create table task_draft (
    task_id      varchar(64)  not null,
    username     varchar(64)  not null,
    content      text         not null,
    updated_at   timestamp with time zone not null,
    primary key (task_id, username)
);
