"""The same job through RDD.pipe and the binary: no Python package on the executors.

    python examples/spark/claims_pipe.py INPUT OUTPUT --bin PATH/press-stats [--master local[2]]

INPUT is a Parquet table with columns `doc`, `text` and optionally `date`; OUTPUT a folder
of Parquet files of claims partitioned by `year`, as examples/spark/claims_job.py writes.
Each partition's documents go to `press-stats --stdin-jsonl` one JSON object a line, and
its claims come back as JSON Lines, in input order. The binary must be at PATH on every
executor (`--bin`, or ship it with `spark-submit --files` and name it `./press-stats`).
"""

import argparse
import json
import os
import sys

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

# Values are read as exact decimals from the JSON text, never through a double.
RECORD_SCHEMA = T.StructType([
    T.StructField("doc", T.StringType()),
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("text", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("value", T.DecimalType(38, 10)),
    T.StructField("upper", T.DecimalType(38, 10)),
    T.StructField("approx", T.StringType()),
    T.StructField("unit", T.StringType()),
    T.StructField("subject", T.StringType()),
    T.StructField("change", T.StructType([T.StructField("direction", T.StringType()),
                                          T.StructField("basis", T.StringType())])),
    T.StructField("modality", T.StringType()),
    T.StructField("department", T.StructType([T.StructField("name", T.StringType()),
                                              T.StructField("mention", T.StringType()),
                                              T.StructField("source", T.StringType())])),
    T.StructField("date", T.StructType([T.StructField("text", T.StringType()),
                                        T.StructField("start", T.DateType()),
                                        T.StructField("end", T.DateType()),
                                        T.StructField("source", T.StringType())])),
    T.StructField("sentence", T.StringType()),
    T.StructField("part_of", T.LongType()),
    T.StructField("change_of", T.LongType()),
])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--master", default=None)
    args = ap.parse_args(argv)
    builder = SparkSession.builder.appName("press-stats claims (pipe)")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        docs = spark.read.parquet(args.input)
        has_date = "date" in docs.columns

        def line(row):
            date = row["date"] if has_date else None
            return json.dumps({"doc": str(row["doc"]), "text": row["text"],
                               "date": None if date is None else str(date)[:10]},
                              ensure_ascii=False)

        lines = docs.rdd.map(line).pipe(f"{args.bin} --stdin-jsonl",
                                        env={"LC_ALL": "C.UTF-8"})
        records = spark.read.schema(RECORD_SCHEMA).json(lines)
        claims = records.select(
            "doc", "start", "end", "text", "kind", "value", "upper", "approx", "unit",
            "subject", F.col("change.direction").alias("change_direction"),
            F.col("change.basis").alias("change_basis"), "modality",
            F.col("department.name").alias("department_name"),
            F.col("department.mention").alias("department_mention"),
            F.col("department.source").alias("department_source"),
            F.col("date.text").alias("date_text"), F.col("date.start").alias("date_start"),
            F.col("date.end").alias("date_end"), F.col("date.source").alias("date_source"),
            "sentence", "part_of", "change_of",
        ).withColumn("year", F.year(F.coalesce("date_end", "date_start")))
        claims.write.mode("overwrite").partitionBy("year").parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
