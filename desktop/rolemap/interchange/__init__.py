"""File formats in and out, one module per format. No Qt, no SQL: values in, values out."""
