OPTIMIZE lake_curated.orders_iceberg REWRITE DATA USING BIN_PACK;
VACUUM lake_curated.orders_iceberg;
MSCK REPAIR TABLE lake_curated.plain;
