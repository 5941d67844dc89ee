-- The study index (issue 18). Blob storage is the truth; every row here is derived from it and rebuilt by `reindex`.
-- Attribute names follow PS3.6 keywords in snake case. DA values are kept as 'YYYYMMDD' text and TM values as
-- 'HHMMSS.FFFFFF' text (normalised, so range matching compares strings), both NULL when absent or malformed.

-- One row per stored instance blob (an arrival: upload, STOW-RS, DIMSE). The same SOP Instance UID may arrive more
-- than once; the DICOMweb view uses its newest copy. Every level's attributes are kept here, so the study and series
-- tables below are pure aggregates that can be recomputed from this one after any change.
CREATE TABLE instances (
    study_id                            text        NOT NULL,
    blob_number                         integer     NOT NULL,
    received_at                         timestamptz NOT NULL,
    sop_instance_uid                    text        NOT NULL,
    sop_class_uid                       text,
    instance_number                     integer,
    rows                                integer,
    columns                             integer,
    bits_allocated                      integer,
    number_of_frames                    integer,
    transfer_syntax_uid                 text        NOT NULL,
    has_pixel_data                      boolean     NOT NULL,
    series_instance_uid                 text        NOT NULL,
    modality                            text,
    series_number                       integer,
    series_description                  text,
    performed_procedure_step_start_date text,
    performed_procedure_step_start_time text,
    study_instance_uid                  text        NOT NULL,
    study_date                          text,
    study_time                          text,
    accession_number                    text,
    referring_physician_name            text,
    study_description                   text,
    study_id_dicom                      text,
    patient_name                        text,
    patient_id                          text,
    patient_birth_date                  text,
    patient_sex                         text,
    specific_character_set              text,
    -- The data set up to (not including) the pixel data, re-encoded in Explicit VR Little Endian: WADO-RS metadata
    -- and includefield of attributes that have no column are answered from it without reading the blob.
    header                              bytea       NOT NULL,
    PRIMARY KEY (study_id, blob_number)
);
CREATE INDEX instances_by_sop ON instances (sop_instance_uid, received_at DESC, study_id DESC);
CREATE INDEX instances_by_series ON instances (study_instance_uid, series_instance_uid);

-- DICOM series: aggregates of the newest copy of each instance (recomputed from instances).
CREATE TABLE series (
    study_instance_uid                  text        NOT NULL,
    series_instance_uid                 text        NOT NULL,
    modality                            text,
    series_number                       integer,
    series_description                  text,
    performed_procedure_step_start_date text,
    performed_procedure_step_start_time text,
    specific_character_set              text,
    instance_count                      integer     NOT NULL,
    latest_received_at                  timestamptz NOT NULL,
    representative_study_id             text        NOT NULL,
    representative_blob_number          integer     NOT NULL,
    PRIMARY KEY (study_instance_uid, series_instance_uid)
);
CREATE INDEX series_by_uid ON series (series_instance_uid);
CREATE INDEX series_by_modality ON series (modality);

-- DICOM studies: aggregates over their instances (recomputed from instances); QIDO-RS study searches run here.
CREATE TABLE studies (
    study_instance_uid                  text        PRIMARY KEY,
    study_date                          text,
    study_time                          text,
    accession_number                    text,
    referring_physician_name            text,
    study_description                   text,
    study_id_dicom                      text,
    patient_name                        text,
    patient_id                          text,
    patient_birth_date                  text,
    patient_sex                         text,
    specific_character_set              text,
    modalities                          text[]      NOT NULL,
    series_count                        integer     NOT NULL,
    instance_count                      integer     NOT NULL,
    latest_received_at                  timestamptz NOT NULL,
    representative_study_id             text        NOT NULL,
    representative_blob_number          integer     NOT NULL
);
CREATE INDEX studies_by_date ON studies (study_date, study_time);
CREATE INDEX studies_by_received ON studies (latest_received_at DESC, study_instance_uid);
CREATE INDEX studies_by_patient_id ON studies (patient_id);
CREATE INDEX studies_by_accession ON studies (accession_number);
-- PN matching is case-insensitive: prefix wildcards ("DOE*") use this index.
CREATE INDEX studies_by_patient_name ON studies (lower(patient_name) text_pattern_ops);
CREATE INDEX studies_by_modalities ON studies USING gin (modalities);

-- One row per study of ours (one arrival, one job): what the worklist lists, filters and sorts.
CREATE TABLE worklist (
    study_id                            text        PRIMARY KEY,
    received_at                         timestamptz NOT NULL,
    source                              text        NOT NULL,
    file_count                          integer     NOT NULL,
    study_instance_uid                  text,
    patient_name                        text,
    patient_id                          text,
    study_date                          text,
    study_description                   text,
    accession_number                    text,
    modalities                          text[]      NOT NULL,
    status                              text        NOT NULL,
    failure_reason                      text,
    completed_at                        timestamptz,
    probability                         double precision,
    positive                            boolean,
    decision_threshold                  double precision,
    model_name                          text,
    model_version                       text,
    applicability                       text,
    ood_score                           double precision,
    review_decision                     text,
    -- Triage: applicable positive findings first (group 0, by probability), everything else after (group 1, by arrival).
    triage_group                        smallint GENERATED ALWAYS AS (
        CASE WHEN positive AND coalesce(applicability, 'applicable') <> 'not-applicable' THEN 0 ELSE 1 END) STORED,
    triage_probability                  double precision GENERATED ALWAYS AS (
        CASE WHEN positive AND coalesce(applicability, 'applicable') <> 'not-applicable' THEN probability END) STORED
);
CREATE INDEX worklist_by_triage ON worklist (triage_group, triage_probability DESC NULLS LAST, received_at, study_id);
CREATE INDEX worklist_by_time ON worklist (received_at DESC, study_id DESC);
CREATE INDEX worklist_by_status ON worklist (status);
