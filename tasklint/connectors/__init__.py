"""Where rows come from: files (CSV/XLSX/JSON), Airtable, Notion -> `Task` rows.

Every connector ends in a `rows.RowReader` (`rows.to_task` for one record), which parses
cells with `cells`. Connectors never import a validator; the Airtable and Notion clients
are imported only when used.
"""
