"""Claims of a corpus with Spark: one Extractor per executor process, in mapInArrow.

    python examples/spark/claims_job.py INPUT OUTPUT [--master local[2]]

INPUT is a folder of documents (text in any detected encoding, saved pages, .docx: read
from their bytes as the CLI reads files) or a Parquet table with columns `doc`, `text` and
optionally `date` (a date or a 'YYYY-MM-DD' string). OUTPUT is a folder of Parquet files
of claims, one row per claim with the columns of `Extractor.extract_table`, partitioned
by `year`: the year of the claim's period (its end's, else its start's; null when the
claim has no period). Needs `pip install pyspark pyarrow ./python` on the driver and every
executor; in local mode (`--master local[*]`) one machine is the cluster.
"""

import argparse
import os
import sys

# Spark runs the executors' Python workers with the driver's interpreter.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import DataFrame, SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

# Spark types of the claim columns that are not strings.
SPARK_TYPES = {
    "start": "long", "end": "long", "part_of": "long", "change_of": "long",
    "date_year": "long", "value": "decimal(38,10)", "upper": "decimal(38,10)",
    "date_start": "date", "date_end": "date",
}


def claim_schema() -> str:
    """extract_table's columns, in its order, as a Spark schema."""
    import press_stats

    return ", ".join(f"`{name}` {SPARK_TYPES.get(name, 'string')}"
                     for name in press_stats.CLAIM_COLUMNS)


def documents_from_files(spark: SparkSession, folder: str) -> DataFrame:
    """(doc, text, date) of every file under `folder`, decoded on the executors."""
    import pyarrow as pa

    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .load(folder).select("path", "content"))
    root = "file:" + os.path.abspath(folder).rstrip("/") + "/"

    def decode(batches):
        import press_stats

        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content").to_pylist()
            docs, texts = [], []
            for path, data in zip(paths, contents):
                name = path[len(root):] if path.startswith(root) else path
                try:
                    texts.append(press_stats.read_bytes(data, name).text)
                except ValueError as e:  # binary, damaged, unsupported: said, then skipped
                    print(f"{name}: {e}", file=sys.stderr)
                    continue
                docs.append(name)
            yield pa.RecordBatch.from_pydict(
                {"doc": docs, "text": texts, "date": [None] * len(docs)},
                schema=pa.schema([("doc", pa.string()), ("text", pa.string()),
                                  ("date", pa.date32())]))

    return files.mapInArrow(decode, "doc string, text string, date date")


def documents_from_table(spark: SparkSession, path: str) -> DataFrame:
    df = spark.read.parquet(path)
    date = F.to_date(F.col("date")) if "date" in df.columns else F.lit(None).cast("date")
    return df.select(F.col("doc").cast("string"), F.col("text"), date.alias("date"))


def claims_of(documents: DataFrame) -> DataFrame:
    """One row per claim of each (doc, text, date) row, extracted in mapInArrow."""

    def extract(batches):
        import press_stats

        # One extractor per executor process: Spark reuses its Python workers for tasks.
        ex = press_stats.shared()
        for batch in batches:
            table = ex.extract_table(batch.column("text").to_pylist(),
                                     docs=batch.column("doc").to_pylist(),
                                     dates=batch.column("date").to_pylist())
            yield from table.to_batches()

    return documents.mapInArrow(extract, claim_schema())


def with_year(claims: DataFrame) -> DataFrame:
    # The year the period falls in: its end's, else its start's (as the CSV's date_year).
    return claims.withColumn("year", F.year(F.coalesce("date_end", "date_start")))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = ap.parse_args(argv)
    builder = SparkSession.builder.appName("press-stats claims")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        if os.path.isdir(args.input) and not any(
                n.endswith(".parquet") for n in os.listdir(args.input)):
            docs = documents_from_files(spark, args.input)
        else:
            docs = documents_from_table(spark, args.input)
        (with_year(claims_of(docs)).write.mode("overwrite").partitionBy("year")
         .parquet(args.output))
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
