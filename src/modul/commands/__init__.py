"""The commands besides `build` that the CLI offers, each over the engine: start a
project, role or region (`new`), list what a project holds (`inventory`), rebuild on
every change (`watch`), page pictures (`preview`)."""
