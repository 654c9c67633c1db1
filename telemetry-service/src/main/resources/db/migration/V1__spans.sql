-- Every accepted handler execution, kept so that traces can be read back.
create table span (
    id             varchar(48)      primary key, -- trace id followed by span id
    trace_id       varchar(32)      not null,
    span_id        varchar(16)      not null,
    parent_span_id varchar(16),
    service        varchar(255)     not null,
    version        varchar(128)     not null,
    handler        varchar(512)     not null,
    start_time     timestamptz      not null,
    duration_ms    double precision not null,
    status         varchar(16)      not null,
    attributes     text             not null,
    received_at    timestamptz      not null
);

create index span_trace_idx on span (trace_id);
create index span_received_idx on span (received_at desc);
create index span_service_handler_idx on span (service, handler);
