"""Claims of a corpus with Spark: one Extractor per executor process, in mapInArrow.

    python examples/spark/claims_job.py INPUT OUTPUT [--master local[2]]

INPUT is a folder of documents (text in any detected encoding, saved pages, .docx: read
from their bytes as the CLI reads files) or a Parquet table with columns `doc`, `text` and
optionally `date` (a date or a 'YYYY-MM-DD' string). OUTPUT is a folder of Parquet files
of claims, one row per claim with the columns of `Extractor.extract_table`, partitioned
by `year`: the year of the claim's period (its start, else its end), else of the
document's date. Needs `pip install pyspark pyarrow ./python` on the driver and every
executor; in local mode (`--master local[*]`) one machine is the cluster.
"""

import argparse
import os
import sys

# Spark runs the executors' Python workers with the driver's interpreter.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import DataFrame, SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

# The claim columns as Spark types, in extract_table's order.
CLAIM_SCHEMA = (
    "doc string, start long, `end` long, text string, kind string, value decimal(38,10), "
    "upper decimal(38,10), approx string, unit string, subject string, "
    "change_direction string, change_basis string, modality string, "
    "department_name string, department_mention string, department_source string, "
    "date_text string, date_start date, date_end date, date_source string, "
    "sentence string, part_of long, change_of long, value_text string, upper_text string"
)

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

    return documents.mapInArrow(extract, CLAIM_SCHEMA)


def with_year(claims: DataFrame) -> DataFrame:
    return claims.withColumn("year", F.year(F.coalesce("date_start", "date_end")))


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
