-- Events this service has consumed, so a redelivered event is not processed twice (see ProcessedEvents).
create table processed_event (
    id           varchar(512) primary key,
    processed_at timestamptz  not null
);

-- One fix proposal per anomaly, with the evidence it was derived from and the action it proposes.
create table fix_proposal (
    id                 varchar(64)      primary key,
    anomaly_id         varchar(512)     not null unique,
    capability         varchar(32)      not null,
    service            varchar(255)     not null,
    service_version    varchar(128)     not null,
    handler            varchar(512)     not null,
    severity           varchar(16),
    score              double precision not null,
    anomaly_summary    text,
    detected_at        timestamptz,
    evidence           text             not null, -- JSON: figures, details, exampleTraceIds
    playbook           varchar(128)     not null,
    title              text             not null,
    diagnosis          text             not null,
    action_type        varchar(64)      not null,
    action_target_kind varchar(64)      not null,
    action_target      varchar(255)     not null,
    action_parameters  text             not null, -- JSON object of strings
    action_description text             not null,
    status             varchar(32)      not null,
    created_at         timestamptz      not null,
    updated_at         timestamptz      not null
);

create index fix_proposal_created_idx on fix_proposal (created_at desc);
create index fix_proposal_status_idx on fix_proposal (status, created_at desc);
create index fix_proposal_service_idx on fix_proposal (service, created_at desc);

-- The trail of every decision and transition: who, when, why. Append-only, enforced below.
create table audit_entry (
    id          bigint generated always as identity primary key,
    fix_id      varchar(64)  not null references fix_proposal (id),
    occurred_at timestamptz  not null,
    actor       varchar(255) not null,
    kind        varchar(16)  not null check (kind in ('DECISION', 'TRANSITION')),
    decision    varchar(16)  check (decision in ('APPROVE', 'REJECT')),
    from_status varchar(32),
    to_status   varchar(32),
    comment     text,
    check ((kind = 'DECISION') = (decision is not null)),
    check (kind = 'DECISION' or to_status is not null)
);

create index audit_entry_fix_idx on audit_entry (fix_id, id);
-- A fix is decided once; a second decision would contradict the first.
create unique index audit_entry_one_decision_idx on audit_entry (fix_id) where kind = 'DECISION';

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_append_only();

-- What a rollout target did, or would have done, for an approved fix.
create table rollout (
    fix_id       varchar(64)  primary key references fix_proposal (id),
    target_kind  varchar(64)  not null,
    namespace    varchar(255),
    target       varchar(255) not null,
    action       varchar(64)  not null,
    parameters   text         not null, -- JSON object of strings
    rollout_mode varchar(32)  not null,
    outcome      varchar(16)  not null check (outcome in ('SUCCEEDED', 'FAILED')),
    detail       text         not null,
    started_at   timestamptz  not null,
    completed_at timestamptz  not null
);
