CREATE TABLE subset
WITH (
  format = 'ORC',
  write_compression = 'ZSTD',
  external_location = 's3://bkt/subset/'
) AS
SELECT *
FROM t;
