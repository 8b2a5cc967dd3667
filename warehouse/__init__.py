"""The warehouse: a DuckLake catalog over Parquet files, and the SQL views analysts query."""
