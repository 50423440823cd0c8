from ._press_stats import (
    CLAIM_COLUMNS as CLAIM_COLUMNS,
    Change as Change,
    Claim as Claim,
    DecodeError as DecodeError,
    Department as Department,
    Document as Document,
    Extractor as Extractor,
    Period as Period,
    read_bytes as read_bytes,
    read_path as read_path,
)

__all__: list[str]

def shared() -> Extractor:
    """This process's extractor, built on first use and then reused."""
