-- Forumkit schema, version 11: the import map.

-- Which id each record an importer brought over got: (source system, kind, source id) → board, topic or post id.
-- Written in the transaction that writes the record, so a second run skips what the first one wrote and a crashed
-- run resumes after its last commit; the primary key makes two concurrent runs write each record once. Rows are only
-- ever added.
CREATE TABLE fk_import_map (
    source      VARCHAR(32)  ${fk_exact} NOT NULL,
    kind        VARCHAR(16)  ${fk_exact} NOT NULL,
    source_id   VARCHAR(255) ${fk_exact} NOT NULL,
    target_id   BIGINT       NOT NULL,
    imported_at ${fk_timestamp} NOT NULL,
    CONSTRAINT pk_fk_import_map PRIMARY KEY (source, kind, source_id)
) ${fk_table_options};
