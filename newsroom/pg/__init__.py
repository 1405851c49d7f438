"""Embedded PostgreSQL for development and tests, used when DATABASE_URL is not set.

`ENGINE: "newsroom.pg"` is Django's own PostgreSQL backend plus one thing: when a connection cannot be
made, it starts the embedded server (`server.EmbeddedPostgres`) and tries once more. So the server starts
only when something needs the database, and comes back by itself after it was stopped or killed.

`python -m newsroom.pg start|stop|status|uri|destroy` manages it by hand.
"""
