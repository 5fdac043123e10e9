# The case-file import accepts XLSX; schemathesis has no serializer for it, so it sends random bytes.
import schemathesis

schemathesis.serializer.alias(
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], "application/octet-stream"
)
