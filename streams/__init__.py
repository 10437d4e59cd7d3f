"""The Faust and Kafka side of stancewire: the app factory, the `stancewire` command, wire codec,
topics, tables, web views, and the plain Kafka clients of the commands (`clients/`)."""
