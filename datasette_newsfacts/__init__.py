"""Datasette plugin hooks for datasette-newsfacts: hooks only, heavy imports inside them."""

from datasette import hookimpl


@hookimpl
def register_commands(cli):
    from .cli import cli as newsfacts

    cli.add_command(newsfacts, name="newsfacts")
