-- One receipt per ingest request, accepted or refused: what was taken, what was not, and why.
create table receipt (
    id          varchar(36)  primary key,
    endpoint    varchar(64)  not null,
    services    text         not null, -- one name per line
    received_at timestamptz  not null,
    status      integer      not null, -- the HTTP status the request was answered with
    accepted    integer      not null,
    rejected    integer      not null,
    reasons     text         not null  -- one reason per line
);

create index receipt_received_idx on receipt (received_at desc);
