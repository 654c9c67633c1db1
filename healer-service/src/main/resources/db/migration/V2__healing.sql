-- Issue 5: diagnoses with ranked root causes, plans with artifacts and validation, approvals by more than one
-- person, expiry, verification after rollout, automatic rollback, and the learning ledger.

-- The proposal's diagnosis, plan and checks. Older proposals keep their single action and read as medium risk.
alter table fix_proposal
    add column incident_id        varchar(512),
    add column signature          text,
    add column risk               varchar(8)  not null default 'MEDIUM' check (risk in ('LOW', 'MEDIUM', 'HIGH')),
    add column change_description text,
    add column candidates         text        not null default '[]', -- JSON: ranked root causes
    add column actions            text        not null default '[]', -- JSON: runtime actions, in order
    add column validation_plan    text        not null default '[]', -- JSON: the checks, one line each
    add column validation         text        not null default '[]', -- JSON: each check's result
    add column alternatives       text        not null default '[]', -- JSON: other applicable playbooks, ranked
    add column source_commit      varchar(64),
    add column approvals_required int         not null default 1 check (approvals_required between 1 and 5),
    add column expires_at         timestamptz,
    add column unattended         boolean     not null default false;

create index fix_proposal_expiry_idx on fix_proposal (expires_at) where status = 'PENDING_APPROVAL';
create index fix_proposal_fingerprint_idx on fix_proposal (service, capability, handler);

-- The files a fix brings: a code diff, generated tests, a documentation note.
create table fix_artifact (
    fix_id      varchar(64)  not null references fix_proposal (id),
    ordinal     int          not null,
    kind        varchar(16)  not null check (kind in ('CODE_DIFF', 'TEST', 'DOC_NOTE')),
    path        text         not null,
    content     text         not null,
    description text,
    primary key (fix_id, ordinal)
);

-- A high-risk fix needs approvals from distinct people: several decisions per fix, one per person.
drop index audit_entry_one_decision_idx;
create unique index audit_entry_one_decision_per_actor_idx on audit_entry (fix_id, actor) where kind = 'DECISION';

-- What the rollout did and how to undo it, and the verification that followed.
alter table rollout
    add column actions       text not null default '[]', -- JSON: the runtime actions applied
    add column undo          text not null default '[]', -- JSON: the actions that restore the state before
    add column git_branch    text,
    add column git_commit    varchar(64),
    add column git_remote    text,
    add column verify_after  timestamptz,                 -- the change has settled; findings from here count
    add column verify_until  timestamptz,                 -- the end of the verification window
    add column verified_at   timestamptz,
    add column recurred_at   timestamptz,                 -- the problem came back after verify_after
    add column verification  text;                        -- what the verification concluded, in words

-- The learning ledger: one outcome per fix that reached one.
create table fix_outcome (
    fix_id          varchar(64)  primary key references fix_proposal (id),
    playbook        varchar(128) not null,
    capability      varchar(32)  not null,
    service         varchar(255) not null,
    succeeded       boolean      not null,
    detected_at     timestamptz,
    rolled_out_at   timestamptz  not null,
    decided_at      timestamptz  not null,
    seconds_to_fix  double precision                       -- detection to verified fix; null when it failed
);

create index fix_outcome_playbook_idx on fix_outcome (playbook);

-- Which playbooks an operator allowed to roll out without an approver (still subject to the success bar).
create table playbook_setting (
    playbook   varchar(128) primary key,
    unattended boolean      not null,
    changed_by varchar(255) not null,
    changed_at timestamptz  not null
);
